"""The kinds of printed document, and the labels of the summary fields a verify page shows.

A *kind* is a short code (``fir_copy``) stored on every :class:`~cctns.documents.models.DocumentIssue`
and used as the per-kind salt of its verification token. Kinds are registered here, not as model
choices, so an app that prints a new form registers its kind (``register_kind``) from its
``AppConfig.ready`` without a migration of this app.

Summary fields are the few facts a verify page repeats from the document (DESIGN.md §4: a
victim's identity never appears outside the case's own officers, so it is never a summary
field). Their labels are registered here so the page can show them in English or Hindi.
"""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

KIND_CODE_RE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True)
class DocumentKind:
    """A kind of printed document: ``code`` (``[a-z][a-z0-9_]{1,39}``) and a translatable label."""

    code: str
    label: str | Promise


_KINDS: dict[str, DocumentKind] = {}
_SUMMARY_LABELS: dict[str, str | Promise] = {}


def register_kind(code: str, label: str | Promise) -> DocumentKind:
    """Register a document kind (registering it again with the same label is a no-op); returns it.

    Raises ``ValueError`` for a malformed code or a code already registered with another label.
    """
    if not KIND_CODE_RE.match(code):
        raise ValueError(f"Document kind code {code!r} must match {KIND_CODE_RE.pattern}.")
    existing = _KINDS.get(code)
    if existing is not None:
        if str(existing.label) != str(label):
            raise ValueError(f"Document kind {code!r} is already registered as {existing.label!r}.")
        return existing  # keep the first (translatable) label
    kind = DocumentKind(code, label)
    _KINDS[code] = kind
    return kind


def get_kind(code: str) -> DocumentKind:
    """The registered kind ``code``; ``KeyError`` when it is not registered."""
    return _KINDS[code]


def registered_kinds() -> list[DocumentKind]:
    """Every registered kind, in registration order."""
    return list(_KINDS.values())


def register_summary_label(key: str, label: str | Promise) -> None:
    """Register the display label of a summary field ``key`` (``fir_number`` → "FIR number")."""
    if not re.match(r"^[a-z][a-z0-9_]{0,39}$", key):
        raise ValueError(f"Summary key {key!r} must be a lower-case identifier.")
    _SUMMARY_LABELS[key] = label


def summary_label(key: str) -> str:
    """The label of a summary field in the active language; an unregistered key is humanised."""
    label = _SUMMARY_LABELS.get(key)
    return str(label) if label is not None else key.replace("_", " ").capitalize()


def summary_order(summary: dict) -> list[str]:
    """The keys of ``summary`` in display order: registered keys in registration order, then the
    others alphabetically."""
    rank = {key: i for i, key in enumerate(_SUMMARY_LABELS)}
    return sorted(summary, key=lambda k: (rank.get(k, len(rank)), k))


# The kinds DESIGN.md §1/§3 and DOMAIN.md ("citizen services") name. Apps may register more.
for _code, _label in [
    ("fir_copy", _("Copy of First Information Report")),
    ("ncr_copy", _("Copy of Non-Cognizable Report")),
    ("complaint_acknowledgement", _("Acknowledgement of complaint")),
    ("efir_acknowledgement", _("Acknowledgement of e-FIR")),
    ("lost_article_report", _("Lost article report")),
    ("verification_certificate", _("Police verification certificate")),
    ("noc", _("No objection certificate")),
    ("iif2_crime_details", _("Crime details form (IIF-2)")),
    ("iif3_arrest_memo", _("Arrest / court surrender memo (IIF-3)")),
    ("iif4_seizure_memo", _("Search and seizure memo (IIF-4)")),
    ("iif5_final_report", _("Final report (IIF-5)")),
    ("iif6_court_disposal", _("Court disposal form (IIF-6)")),
    ("iif7_appeal_result", _("Result of appeal form (IIF-7)")),
    ("sample", _("Sample document")),
]:
    register_kind(_code, _label)

for _key, _label in [
    ("fir_number", _("FIR number")),
    ("registration_number", _("Registration number")),
    ("police_station", _("Police station")),
    ("district", _("District")),
    ("registered_on", _("Date of registration")),
    ("acts_sections", _("Acts and sections")),
    ("informant", _("Informant")),
    ("applicant", _("Applicant")),
    ("valid_until", _("Valid until")),
    ("reference", _("Reference")),
]:
    register_summary_label(_key, _label)
