"""Inbox alerts of the court stage (issue 5 item 8: "hearing dates"; DOMAIN.md "case calendar
(hearing dates)", ICJS "warrants"):

- **court hearing** — a few days before each scheduled hearing (``CCTNS_HEARING_ALERT_DAYS``,
  default 3) the FIR's IO (or, with no IO, the station) is told the case, date and purpose; the
  alert stays open, overdue, until the hearing is recorded, and closes when it is recorded,
  corrected away or the case is disposed;
- **warrant / summons pending** — from the day the process is recorded until it is executed,
  returned or recalled, due on its returnable date.

Services call :func:`refresh_case` / :func:`refresh_process` after each change; the daily job
:func:`raise_due_alerts` (``prosecution.court_alerts``) recomputes everything, so an alert
appears on the right day without any change to the case. Parameters name the case by its
numbers, never a person (an inbox is shared by the station).
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cctns.core.alerts import AlertKind, close_alerts, raise_alert, register_kind
from cctns.core.models import Alert
from cctns.core.numbering import IST

from ..constants import CourtCaseStatus, HearingOutcome, ProcessStatus
from .common import today

HEARING_DUE = register_kind(AlertKind(
    "court_hearing", _("Court hearing"),
    _("Court case %(case)s (FIR %(fir)s) is listed in %(court)s on %(date)s for %(purpose)s."),
))
WARRANT_PENDING = register_kind(AlertKind(
    "court_warrant_pending", _("Warrant pending execution"),
    _("%(kind)s issued on %(issued)s in court case %(case)s (FIR %(fir)s) is pending execution; returnable on %(returnable)s."),
))
SUMMONS_PENDING = register_kind(AlertKind(
    "court_summons_pending", _("Summons pending service"),
    _("Summons issued on %(issued)s in court case %(case)s (FIR %(fir)s) is pending service; returnable on %(returnable)s."),
))

HEARING_PREFIX = "court-hearing:"
PROCESS_PREFIX = "court-process:"
#: The time of day (IST) a court date is due: courts sit from the morning.
COURT_TIME = datetime.time(10, 0)


def alert_days() -> int:
    """How many days before a hearing its alert opens (``CCTNS_HEARING_ALERT_DAYS``, default 3)."""
    return int(getattr(settings, "CCTNS_HEARING_ALERT_DAYS", 3))


def hearing_alert_opens_on(hearing_date: datetime.date, days: int | None = None) -> datetime.date:
    """The first day the alert of a hearing on ``hearing_date`` is shown: ``days`` calendar days
    before it (``hearing_alert_opens_on(2028-03-01, 3)`` → 2028-02-27: leap day counted)."""
    return hearing_date - datetime.timedelta(days=alert_days() if days is None else days)


def court_moment(day: datetime.date) -> datetime.datetime:
    """``day`` at :data:`COURT_TIME` in IST, as an aware datetime (an alert's ``due_at``)."""
    return datetime.datetime.combine(day, COURT_TIME, tzinfo=IST)


def hearing_alert_due(hearing, on: datetime.date) -> bool:
    """Whether the hearing's alert is open on day ``on``: the hearing is scheduled (not yet
    recorded), current, its case pending, and ``on`` is on or after :func:`hearing_alert_opens_on`."""
    return (hearing.outcome == HearingOutcome.SCHEDULED and hearing.superseded_at is None
            and hearing.court_case.status == CourtCaseStatus.PENDING
            and on >= hearing_alert_opens_on(hearing.date))


def _case_url(case) -> str:
    return reverse("prosecution:case_detail", args=[case.pk])


def _fmt(day) -> str:
    return day.strftime("%d-%m-%Y") if day else "—"


def refresh_hearing(hearing, now=None) -> Alert | None:
    """Open or close the alert of one hearing as :func:`hearing_alert_due` says; returns the open
    alert or ``None``."""
    key = f"{HEARING_PREFIX}{hearing.global_id}"
    if not hearing_alert_due(hearing, today(now)):
        close_alerts(key=key, reason="hearing recorded, corrected or not yet due")
        return None
    case = hearing.court_case
    fir = case.fir
    return raise_alert(
        key=key, kind=HEARING_DUE, unit=fir.police_station, user=fir.io, record=hearing, url=_case_url(case),
        due_at=court_moment(hearing.date),
        params={"case": case.case_number, "fir": fir.number, "court": case.court_name, "date": _fmt(hearing.date),
                "purpose": str(hearing.get_purpose_display())},
    )


def refresh_case(case, now=None) -> None:
    """Recompute the hearing alerts of every hearing of ``case`` (after any change to it)."""
    for hearing in case.hearings.select_related("court_case__fir__police_station", "court_case__fir__io"):
        refresh_hearing(hearing, now)


def refresh_process(process, now=None) -> Alert | None:
    """Open the alert of a pending warrant or summons, or close it once it is not pending."""
    key = f"{PROCESS_PREFIX}{process._meta.model_name}:{process.global_id}"
    if process.status != ProcessStatus.PENDING or process.court_case.status != CourtCaseStatus.PENDING:
        close_alerts(key=key, reason=f"process {process.status}")
        return None
    case = process.court_case
    fir = case.fir
    is_warrant = process._meta.model_name == "warrant"
    params = {"case": case.case_number, "fir": fir.number, "issued": _fmt(process.issued_on),
              "returnable": _fmt(process.returnable_on)}
    if is_warrant:
        params["kind"] = str(process.get_kind_display())
    return raise_alert(
        key=key, kind=WARRANT_PENDING if is_warrant else SUMMONS_PENDING, unit=fir.police_station, user=fir.io,
        record=process, url=_case_url(case),
        due_at=court_moment(process.returnable_on) if process.returnable_on else None, params=params,
    )


def raise_due_alerts(now: datetime.datetime | None = None) -> dict:
    """The daily job: open the alert of every hearing whose window has begun and every pending
    process; close alerts whose condition has gone. Returns ``{"hearings": n open, "process": n
    open, "closed": n}``."""
    from ..models import Hearing, Summons, Warrant

    now = now or timezone.now()
    day = today(now)
    horizon = day + datetime.timedelta(days=alert_days())
    due = (Hearing.objects.filter(outcome=HearingOutcome.SCHEDULED, superseded_at__isnull=True,
                                  court_case__status=CourtCaseStatus.PENDING, date__lte=horizon)
           .select_related("court_case__fir__police_station", "court_case__fir__io"))
    keep = set()
    for hearing in due:
        if refresh_hearing(hearing, now) is not None:
            keep.add(f"{HEARING_PREFIX}{hearing.global_id}")
    process_open = 0
    for model in (Warrant, Summons):
        for p in model.objects.filter(status=ProcessStatus.PENDING, court_case__status=CourtCaseStatus.PENDING).select_related(
                "court_case__fir__police_station", "court_case__fir__io"):
            if refresh_process(p, now) is not None:
                keep.add(f"{PROCESS_PREFIX}{model._meta.model_name}:{p.global_id}")
                process_open += 1
    closed = 0
    stale = Alert.objects.filter(state=Alert.State.OPEN, kind__in=[HEARING_DUE.code, WARRANT_PENDING.code, SUMMONS_PENDING.code])
    for key in stale.exclude(key__in=keep).values_list("key", flat=True):
        closed += close_alerts(key=key, reason="no longer due")
    return {"hearings": len(keep) - process_open, "process": process_open, "closed": closed}
