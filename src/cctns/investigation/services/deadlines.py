"""Statutory deadlines of an investigation, as pure date arithmetic, and the inbox alerts that
follow them (``core.alerts``), recomputed whenever the facts change and daily by a job.

- **Two-month limit** (BNSS s.193(2)): the investigation of rape (BNS 64–68, 70, 71) and of the
  child sexual offences of POCSO ss.4, 6, 8, 10 is completed within two months from the date on
  which the officer in charge recorded the information. Alert key ``investigation-2m:<FIR gid>``.
- **Progress to the informant** (BNSS s.193(3)(ii)): within ninety days the informant or victim
  is told of the progress of the investigation. Alert key ``informant-progress:<FIR gid>``.
- **Action taken to the informant** (BNSS s.193(3)): once the final report is filed, the action
  taken is communicated to the first informant. Alert key ``informant-final:<FIR gid>``.

The s.187(3) charge-sheet limit (60/90 days from the first remand) is computed by the arrests
services, not here.

Periods are counted as the General Clauses Act, 1897, s.9 counts a period "from" a day: the
day itself excluded, so two months from 10 January end on 10 March, and ninety days from
1 January end on 1 April (31 March in a leap year). The days are IST calendar days. An alert's
``due_at`` is the end of the last day: midnight IST at the start of the day after.
"""

import calendar
import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cctns.core.alerts import AlertKind, close_alerts, raise_alert, register_kind
from cctns.core.numbering import IST, local_date
from cctns.registration.constants import FIRStatus
from cctns.registration.models import FIR

from .. import lifecycle
from ..constants import CommunicationKind, ReportStatus

#: Sections whose investigation must end within two months (BNSS s.193(2)), as ``(act code, section)``.
TWO_MONTH_SECTIONS = (
    [("BNS", str(n)) for n in (64, 65, 66, 67, 68, 70, 71)]
    + [("POCSO", str(n)) for n in (4, 6, 8, 10)]
)
INVESTIGATION_MONTHS = 2  # BNSS s.193(2)
PROGRESS_DAYS = 90  # BNSS s.193(3)(ii)

INVESTIGATION_DUE = register_kind(AlertKind(
    "investigation_due", _("Investigation to be completed (BNSS s.193(2))"),
    _("Investigation in FIR %(fir)s must be completed by %(due)s (two months, BNSS s.193(2))."),
))
PROGRESS_DUE = register_kind(AlertKind(
    "informant_progress_due", _("Progress to be told to the informant (BNSS s.193(3)(ii))"),
    _("Tell the informant in FIR %(fir)s of the progress of the investigation by %(due)s (BNSS s.193(3)(ii))."),
))
FINAL_REPORT_COMMUNICATION_DUE = register_kind(AlertKind(
    "informant_final_report_due", _("Action taken to be told to the informant (BNSS s.193(3))"),
    _("Final report %(report)s in FIR %(fir)s is filed: tell the informant of the action taken (BNSS s.193(3))."),
))

#: Statuses in which the investigation is still running.
INVESTIGATING = {FIRStatus.REGISTERED, FIRStatus.UNDER_INVESTIGATION}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """``day`` plus ``months`` calendar months; a day the target month lacks becomes its last day
    (31 December + 2 months = 28 February, or 29 in a leap year)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The end of IST calendar day ``day``: midnight IST at the start of the next day (aware)."""
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0, 0), tzinfo=IST)


def recorded_on(fir: FIR) -> datetime.date | None:
    """The IST date on which the information was recorded: the FIR's registration (else the
    time the information was received)."""
    moment = fir.registered_at or fir.information_received_at
    return local_date(moment) if moment else None


def investigation_last_day(recorded: datetime.date) -> datetime.date:
    """The last day of the two-month limit of BNSS s.193(2) for information recorded on ``recorded``."""
    return add_months(recorded, INVESTIGATION_MONTHS)


def progress_last_day(recorded: datetime.date) -> datetime.date:
    """The last day to tell the informant of the progress (BNSS s.193(3)(ii): ninety days)."""
    return recorded + datetime.timedelta(days=PROGRESS_DAYS)


def two_month_sections() -> set[tuple[str, str]]:
    """``CCTNS_TWO_MONTH_SECTIONS`` (``["BNS 64", …]``) or :data:`TWO_MONTH_SECTIONS`."""
    configured = getattr(settings, "CCTNS_TWO_MONTH_SECTIONS", None)
    if configured:
        return {tuple(s.upper().split(None, 1)) for s in configured}
    return {(a, n) for a, n in TWO_MONTH_SECTIONS}


def is_two_month_case(fir: FIR) -> bool:
    """Whether any section of ``fir`` falls under BNSS s.193(2) (the section's base number, so
    ``64(2)`` counts as 64)."""
    wanted = two_month_sections()
    for fs in fir.sections.select_related("section__act"):
        number = fs.section.number.split("(")[0].strip().upper()
        if (fs.section.act.code.upper(), number) in wanted:
            return True
    return False


def _keys(fir: FIR) -> tuple[str, str, str]:
    g = fir.global_id
    return f"investigation-2m:{g}", f"informant-progress:{g}", f"informant-final:{g}"


def deadlines_for(fir: FIR) -> list[dict]:
    """The running deadlines of ``fir``: ``[{"kind", "last_day", "due_at", "source"}]`` (for the
    case pages and the API), empty when none applies."""
    out = []
    recorded = recorded_on(fir)
    if recorded is None or not fir.is_issued or fir.status == FIRStatus.TRANSFERRED:
        return out
    if fir.status in INVESTIGATING and is_two_month_case(fir):
        day = investigation_last_day(recorded)
        out.append({"kind": INVESTIGATION_DUE.code, "label": INVESTIGATION_DUE.label, "last_day": day,
                    "due_at": end_of_day(day), "source": "BNSS s.193(2)"})
    told = fir.informant_communications.all()
    if not told.exists() and fir.status in INVESTIGATING | {FIRStatus.FINAL_REPORT_FILED}:
        day = progress_last_day(recorded)
        out.append({"kind": PROGRESS_DUE.code, "label": PROGRESS_DUE.label, "last_day": day,
                    "due_at": end_of_day(day), "source": "BNSS s.193(3)(ii)"})
    filed = fir.final_reports.filter(status=ReportStatus.FILED).order_by("-filed_at").first()
    if filed is not None and not told.filter(kind=CommunicationKind.FINAL_REPORT, final_report=filed).exists():
        out.append({"kind": FINAL_REPORT_COMMUNICATION_DUE.code, "label": FINAL_REPORT_COMMUNICATION_DUE.label,
                    "last_day": local_date(filed.filed_at), "due_at": None, "source": "BNSS s.193(3)",
                    "report": filed.number})
    return out


def refresh_deadlines(fir: FIR) -> list[str]:
    """Raise, move or close the deadline alerts of ``fir`` to match the facts now (idempotent);
    returns the codes of the alerts left open. Called after lifecycle changes and
    communications, and daily by :func:`refresh_all_deadlines`."""
    fir = FIR.objects.select_related("police_station", "io").get(pk=fir.pk)
    key_2m, key_progress, key_final = _keys(fir)
    running = {d["kind"]: d for d in deadlines_for(fir)}
    url = f"/investigation/{fir.pk}/"
    params = {"fir": fir.number}
    for code, key in ((INVESTIGATION_DUE.code, key_2m), (PROGRESS_DUE.code, key_progress),
                      (FINAL_REPORT_COMMUNICATION_DUE.code, key_final)):
        d = running.get(code)
        if d is None:
            close_alerts(key=key, reason="condition no longer holds")
            continue
        extra = {"due": d["due_at"]} if d["due_at"] else {"report": d.get("report", "")}
        raise_alert(key=key, kind=code, unit=fir.police_station, user=fir.io, record=fir, url=url,
                    due_at=d["due_at"], params={**params, **extra})
    return sorted(running)


lifecycle.on_change(refresh_deadlines)


def refresh_all_deadlines() -> int:
    """The daily job: recompute the deadlines of every case whose investigation is running or
    whose informant has not been told yet, and of every case with an open deadline alert.
    Returns how many cases were refreshed."""
    from cctns.core.models import Alert

    open_ids = Alert.objects.filter(
        state=Alert.State.OPEN, kind__in=[INVESTIGATION_DUE.code, PROGRESS_DUE.code, FINAL_REPORT_COMMUNICATION_DUE.code],
    ).values_list("record_id", flat=True)
    qs = FIR.objects.filter(
        Q(status__in=[*INVESTIGATING, FIRStatus.FINAL_REPORT_FILED], serial__isnull=False) | Q(global_id__in=list(open_ids))
    ).order_by("pk")
    n = 0
    for fir in qs.iterator(chunk_size=500):
        refresh_deadlines(fir)
        n += 1
    return n
