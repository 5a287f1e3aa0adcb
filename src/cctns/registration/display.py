"""What a user may see of a registration record on the pages and in the printed FIR copy.

The protection policy decides (:mod:`cctns.core.protection`, declared in
:mod:`cctns.registration.protection`); this module only turns its answers into display values,
so the FIR list, the FIR page and the FIR copy PDF mask exactly what the API masks
(``api/serializers.py``):

- a victim's identity is shown only when ``can_see_victim_identity(user, fir, victim)`` (sensitive
  FIR or child victim: only the case's own officers; BNS s.72, POCSO s.23, JJ Act s.74);
- for a sensitive FIR seen by someone outside the case, the informant's particulars and the first
  information are withheld too (Nipun Saxena v. UoI, 2018: nothing that identifies the victim);
- a confidential informant's particulars are shown only to the case's own officers;
- a child accused's identity is shown only to the case's own officers (JJ Act s.74).
"""

from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cctns.core import protection
from cctns.legal.services import corresponding_sections

from .models import FIR, FIRAccused, FIRVictim
from .services import identity_visible_q, is_case_officer

#: Shown instead of a protected value.
PROTECTED = _("[protected]")


@dataclass
class FIRDisplay:
    """What ``user`` may see of ``fir``: ``officer`` (one of the case's own officers),
    ``informant_visible``, ``narrative_visible``, ``victims`` as ``[(victim, visible)]`` and
    ``accused`` as ``[(accused, visible)]``."""

    fir: FIR
    officer: bool
    informant_visible: bool
    narrative_visible: bool
    victims: list[tuple[FIRVictim, bool]] = field(default_factory=list)
    accused: list[tuple[FIRAccused, bool]] = field(default_factory=list)

    @property
    def any_victim_protected(self) -> bool:
        return any(not visible for _victim, visible in self.victims)


def fir_display(user, fir: FIR, *, with_victims: bool = True) -> FIRDisplay:
    """The display decisions for ``user`` looking at ``fir`` (pages, lists and the PDF).

    Reads ``fir.victims`` and ``fir.accused`` (prefetch them for lists; ``with_victims=False``
    reads neither), ``fir.transfers_out`` and the linked FIRs' stations (``is_case_officer``).
    """
    officer = is_case_officer(user, fir)
    narrative_visible = not protection.is_hidden(user, fir, "narrative")
    informant_visible = not protection.is_hidden(user, fir, "informant_name")
    victims, accused = [], []
    if with_victims:
        victims = [(v, protection.can_see(user, v)) for v in fir.victims.all()]
        accused = [(a, protection.can_see(user, a)) for a in fir.accused.all()]
    return FIRDisplay(fir, officer, informant_visible, narrative_visible, victims, accused)


def localised(obj, attr: str = "name") -> str:
    """``obj.<attr>_hi`` when Hindi is active and it is recorded, else ``obj.<attr>`` (units,
    section titles, act names)."""
    if obj is None:
        return ""
    if (get_language() or "en").startswith("hi"):
        hindi = getattr(obj, f"{attr}_hi", "")
        if hindi:
            return hindi
    return getattr(obj, attr, "") or ""


def section_rows(fir: FIR) -> list[dict]:
    """The FIR's acts and sections in order, each with the corresponding section of the other
    penal code (IPC↔BNS; DESIGN.md §4): ``[{"act", "act_name", "label", "title", "cognizable",
    "bailable", "corresponding": "IPC 379"}]``. Prefetch
    ``sections__section__act``, ``…__ipc_correspondences__ipc_section`` and
    ``…__bns_correspondences__bns_section`` for a constant number of queries."""
    rows = []
    for fs in fir.sections.all():
        s = fs.section
        other = corresponding_sections(s)
        rows.append({
            "act": s.act.code,
            "act_name": localised(s.act, "name") or s.act.short_name,
            "label": fs.label or s.number,
            "title": localised(s, "title"),
            "cognizable": s.cognizable,
            "bailable": s.bailable,
            "corresponding": ", ".join(f"{x['act']} {x['label']}" for x in other),
        })
    return rows


#: Prefetches that make :func:`section_rows` constant in queries.
SECTION_PREFETCH = [
    "sections__section__act",
    "sections__section__ipc_correspondences__ipc_section",
    "sections__section__bns_correspondences__bns_section",
]


def protected_fir_ids(user, fir_ids) -> set[int]:
    """Of ``fir_ids`` (ids or a ``values("object_id")`` subquery), the sensitive FIRs whose
    particulars ``user`` may not see (one query). The General Diary's lines about them are
    shown as "[protected]" to such a user: a line written before the FIR was marked sensitive
    may name the informant."""
    return set(FIR.objects.filter(pk__in=fir_ids, is_sensitive=True).exclude(identity_visible_q(user))
               .values_list("pk", flat=True))
