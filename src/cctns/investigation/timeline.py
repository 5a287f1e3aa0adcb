"""The case timeline: every event of a case in time order, across the forms, with who did it.

Each app that records events of a case adds a *source*::

    from cctns.investigation.timeline import TimelineItem, register_timeline_source

    @register_timeline_source
    def arrests(fir, user):
        for memo in ArrestMemo.objects.filter(fir=fir):
            yield TimelineItem(at=memo.arrested_at, kind="arrest", title=_("Arrest of %(code)s") % {...},
                               by=memo.arrested_by, url=memo.get_absolute_url())

A source is called with the FIR and the reading user (already allowed to see the FIR: it is in
``FIR.objects.for_user(user)``) and yields :class:`TimelineItem` rows; it must itself leave out
what ``user`` may not read (the Case Diary is shown only to :func:`can_read_case_diary`). Items
carry no protected identity in their ``title`` (name parties by their codes, A1 …).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from cctns.registration.models import FIR, GDEntry
from cctns.registration.services.gd import gd_entries_for


@dataclass
class TimelineItem:
    """One event: when (aware), a ``kind`` code (``gd``, ``lifecycle``, ``case_diary`` …), a short
    ``title``, optional ``text``, who (a user or ``None``), a link, and the source's name."""

    at: datetime.datetime
    kind: str
    title: str
    text: str = ""
    by: object = None
    url: str = ""
    source: str = field(default="", compare=False)


_SOURCES: list[Callable[[FIR, object], Iterable[TimelineItem]]] = []


def register_timeline_source(func: Callable[[FIR, object], Iterable[TimelineItem]]):
    """Add a source of timeline items (usable as a decorator); registering twice is harmless."""
    if func not in _SOURCES:
        _SOURCES.append(func)
    return func


def timeline_sources() -> list[Callable]:
    return list(_SOURCES)


def case_timeline(fir: FIR, user) -> list[TimelineItem]:
    """Every item of every source for ``fir`` as ``user`` may see them, oldest first (ties keep
    the sources' order). The caller has already checked that ``user`` may see ``fir``."""
    items: list[TimelineItem] = []
    for source in _SOURCES:
        for item in source(fir, user) or []:
            if item.at is None:
                continue
            item.source = item.source or getattr(source, "__name__", "")
            items.append(item)
    return sorted(items, key=lambda i: i.at)


# ---- the sources of this app and of registration --------------------------------------------

@register_timeline_source
def fir_versions(fir, user):
    if fir.registered_at:
        yield TimelineItem(fir.registered_at, "fir", _("FIR %(number)s registered") % {"number": fir.number},
                           by=fir.created_by, url=f"/registration/firs/{fir.pk}/")
    for v in fir.versions.select_related("changed_by").order_by("changed_at"):
        yield TimelineItem(v.changed_at, "fir_version", _("FIR corrected (version %(version)s kept)") % {"version": v.version},
                           text=v.reason, by=v.changed_by)


@register_timeline_source
def gd_entries(fir, user):
    visible = GDEntry.objects.for_user(user).values("pk")
    for e in gd_entries_for(fir).filter(pk__in=visible).select_related("author"):
        yield TimelineItem(e.entry_time, "gd", f"{e.reference} · {e.get_kind_display()}", text=e.text, by=e.author)


@register_timeline_source
def lifecycle_events(fir, user):
    for e in fir.case_events.select_related("by", "to_io").order_by("at", "id"):
        if e.kind == "transfer":
            title = _("Investigation transferred to %(io)s") % {"io": e.to_io}
        else:
            title = f"{e.get_from_status_display()} → {e.get_to_status_display()}"
            if e.outcome:
                title += f" ({e.get_outcome_display()})"
        yield TimelineItem(e.at, "lifecycle", title, text=e.reason, by=e.by)


@register_timeline_source
def case_diary(fir, user):
    from .services.case_diary import can_read_case_diary

    if not can_read_case_diary(user, fir):
        return
    for e in fir.case_diary.select_related("author").order_by("serial"):
        yield TimelineItem(e.written_at, "case_diary", _("Case Diary page %(serial)s") % {"serial": e.serial},
                           text=e.steps_taken, by=e.author, url=f"/investigation/{fir.pk}/case-diary/#page-{e.serial}")


@register_timeline_source
def crime_details(fir, user):
    for r in fir.crime_details.select_related("recorded_by").order_by("revision"):
        title = _("Crime details (IIF-2) recorded") if r.revision == 1 else _("Crime details (IIF-2) revised")
        yield TimelineItem(r.recorded_at, "crime_details", title, text=r.revision_reason, by=r.recorded_by,
                           url=f"/investigation/{fir.pk}/crime-details/")


@register_timeline_source
def final_reports(fir, user):
    for r in fir.final_reports.select_related("prepared_by", "decided_by").order_by("prepared_at"):
        url = f"/investigation/{fir.pk}/final-report/"
        yield TimelineItem(r.prepared_at, "final_report", _("%(kind)s prepared") % {"kind": r.get_kind_display()},
                           by=r.prepared_by, url=url)
        if r.submitted_at:
            yield TimelineItem(r.submitted_at, "final_report", _("%(kind)s submitted for approval") % {"kind": r.get_kind_display()},
                               by=r.prepared_by, url=url)
        if r.decided_at:
            yield TimelineItem(r.decided_at, "final_report", f"{r} · {r.get_status_display()}", text=r.decision_remarks,
                               by=r.decided_by, url=url)
    for c in fir.informant_communications.select_related("communicated_by"):
        yield TimelineItem(c.communicated_at, "informant", _("Informant told: %(what)s") % {"what": c.get_kind_display()},
                           text=c.get_mode_display(), by=c.communicated_by)
