"""NCR services: register a non-cognizable report, and the fortnightly list for the Magistrate."""

import calendar
import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cctns.core.numbering import IST
from cctns.core.validation import RuleValidationError

from ..constants import ComplaintOutcome, GDKind
from ..models import NCR
from ..validation import validate_ncr
from .common import allocate, now_or, require, resolve_sections, station_for
from .gd import add_gd_entry

#: Fields of an NCR accepted in ``data``.
NCR_FIELDS = [
    "occurrence_at", "place_address", "informant_name", "informant_relative_name", "informant_address",
    "informant_phone", "opposite_party", "narrative", "action_taken",
]


def register_ncr(station, user, data: dict, *, complaint=None, now: datetime.datetime | None = None) -> NCR:
    """Register a non-cognizable report at ``station`` (default: the user's station).

    BNSS s.174(1): the officer enters the substance of the information in a book and refers the
    informant to the Magistrate; the NCR is numbered in its own series per station per IST year
    (scope ``NCR``). ``data``: :data:`NCR_FIELDS` and ``sections`` (references as for FIRs). Runs
    the NCR rules (a cognizable section is refused: register an FIR). Writes a GD entry; links and
    disposes of ``complaint`` when given. Raises ``PermissionDenied``, ``RuleValidationError`` or
    ``ValidationError``.
    """
    station = station_for(user, station)
    require(user, "registration.register_ncr", station)
    data = dict(data)
    unknown = sorted(set(data) - set(NCR_FIELDS) - {"sections"})
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in unknown})
    at = now_or(now)
    resolved = resolve_sections(data.get("sections"))
    vdata = {**data, "sections": [s for s, _label in resolved], "registered_at": at, "now": at}
    errors = [v for v in validate_ncr(vdata) if v.is_error]
    if errors:
        raise RuleValidationError(errors)
    with transaction.atomic():
        if complaint is not None:  # the complaint row is locked before any counter (see _claim_complaint)
            from .complaints import _claim_complaint

            complaint = _claim_complaint(complaint, station, ComplaintOutcome.NCR, user, at)
        year, serial, number = allocate("NCR", station, at)
        ncr = NCR(police_station=station, year=year, serial=serial, number=number, registered_at=at,
                  created_by=user, origin_unit=station, complaint=complaint,
                  **{k: data[k] for k in NCR_FIELDS if k in data and data[k] is not None})
        if not ncr.action_taken:
            ncr.action_taken = _("Informant referred to the Magistrate (BNSS s.174(1)).")
        ncr.save()
        ncr.sections.set([s for s, _label in resolved])
        add_gd_entry(station, user, GDKind.NCR_REGISTERED,
                     _("NCR %(number)s registered on the information of %(informant)s.") % {
                         "number": number, "informant": ncr.informant_name},
                     record=ncr, now=at, check_permission=False)
        if complaint is not None:
            from .complaints import _complaint_outcome_gd

            _complaint_outcome_gd(complaint, ncr, user, at)
    return ncr


def fortnight_bounds(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The fortnight containing ``day``: the 1st–15th or the 16th–last day of its month."""
    if day.day <= 15:
        return day.replace(day=1), day.replace(day=15)
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=16), day.replace(day=last)


def ncr_fortnightly_list(station, day: datetime.date):
    """NCRs of ``station`` registered in the fortnight containing ``day`` (IST), oldest first: the
    diary reports the station forwards to the Magistrate fortnightly (BNSS s.174(1)).

    Fortnights are the 1st–15th and the 16th to the month's end (the half-month convention of
    station registers; BNSS fixes no calendar). Returns a queryset.
    """
    start, end = fortnight_bounds(day)
    since = datetime.datetime.combine(start, datetime.time.min, IST)
    until = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, IST)
    return (NCR.objects.filter(police_station=station, registered_at__gte=since, registered_at__lt=until)
            .select_related("police_station").prefetch_related("sections__act").order_by("registered_at", "serial"))


def mark_ncr_list_sent(station, user, day: datetime.date, *, now: datetime.datetime | None = None) -> int:
    """Record that the fortnight's NCR list (see :func:`ncr_fortnightly_list`) went to the
    Magistrate; writes a GD entry. Returns how many NCRs were marked."""
    require(user, "registration.register_ncr", station)
    at = now_or(now)
    with transaction.atomic():
        qs = ncr_fortnightly_list(station, day).filter(sent_to_magistrate_at__isnull=True)
        ncrs = list(qs)
        for ncr in ncrs:
            ncr.sent_to_magistrate_at = at
            ncr.save(update_fields=["sent_to_magistrate_at", "version", "updated_at"])
        start, end = fortnight_bounds(day)
        add_gd_entry(station, user, GDKind.GENERAL,
                     _("Diary reports of %(count)s NCRs of %(start)s to %(end)s sent to the Magistrate (BNSS s.174(1)).") % {
                         "count": len(ncrs), "start": start.strftime("%d-%m-%Y"), "end": end.strftime("%d-%m-%Y")},
                     now=at, check_permission=False)
    return len(ncrs)
