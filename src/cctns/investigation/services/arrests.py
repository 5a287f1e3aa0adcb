"""IIF-3 Arrest / Court Surrender Memo services, the custody history of each arrested accused,
the 24-hour production (BNSS s.58), the charge-sheet limit from the first remand (BNSS s.187(3))
and the arrested persons register (BNSS s.37).

Alerts raised here (``core.alerts``):

- ``production:<arrest global id>`` — produce the arrested person before a magistrate within
  24 hours of the arrest (BNSS s.58); due at the arrest + 24 h, closed when a production (or a
  bail at the police station) is recorded.
- ``chargesheet:<FIR global id>`` — file the charge-sheet within 90 days of the first remand
  when any section of the FIR is punishable with death, imprisonment for life or imprisonment
  of ten years or more, else within 60 days (BNSS s.187(3)); raised on the first remand to the
  IO and the station, recomputed when the facts change and daily, never reopened once the FIR's
  status is *final report filed* or later (the final-report services close it on filing).
"""

import datetime

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Min
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cctns.core.alerts import AlertKind, close_alerts, raise_alert, register_kind
from cctns.core.jobs import Job, register_job
from cctns.core.numbering import local_date
from cctns.registration.constants import FIRStatus, GDKind
from cctns.registration.models import FIR
from cctns.registration.rules import station_sho
from cctns.registration.services.fir import is_case_officer
from cctns.registration.services.gd import add_gd_entry

from .. import lifecycle
from ..models import Arrest, ArrestKind, CustodyEvent, CustodyEventKind
from ..models.arrest import PRODUCTION_KINDS, REMAND_KINDS
from .deadlines import end_of_day

PRODUCTION_HOURS = 24  # BNSS s.58
CHARGESHEET_DAYS_GRAVE = 90  # BNSS s.187(3)(i)
CHARGESHEET_DAYS_OTHER = 60  # BNSS s.187(3)(ii)
GRAVE_YEARS = 10  # "imprisonment for a term of not less than ten years"; 99 = life and 100 = death (legal.Section)
JUVENILE_AGE = 18  # JJ Act s.2(12), s.74

#: Statuses in which arrests may be recorded (an accused may be arrested after the charge-sheet too).
ARREST_STATUSES = {FIRStatus.REGISTERED, FIRStatus.UNDER_INVESTIGATION, FIRStatus.FINAL_REPORT_FILED,
                   FIRStatus.PENDING_TRIAL}
#: Statuses in which the s.187(3) limit runs; from *final report filed* on it is never reopened.
CHARGESHEET_RUNNING = {FIRStatus.REGISTERED, FIRStatus.UNDER_INVESTIGATION}

PRODUCTION_DUE = register_kind(AlertKind(
    "production_due", gettext_lazy("Arrested person to be produced before a magistrate (BNSS s.58)"),
    gettext_lazy("Accused %(accused)s of FIR %(fir)s must be produced before a magistrate by %(due)s (24 hours, BNSS s.58)."),
))
CHARGESHEET_DUE = register_kind(AlertKind(
    "chargesheet_due", gettext_lazy("Charge-sheet due (BNSS s.187(3))"),
    gettext_lazy("Charge-sheet in FIR %(fir)s is due by %(due)s (%(days)s days from the first remand, BNSS s.187(3)); after that an accused in custody is entitled to default bail."),
))

can_record = rules.predicate(lambda user, fir: bool(fir is not None and (is_case_officer(user, fir) or station_sho(user, fir))),
                             name="investigation.can_record_arrest")
rules.add_perm("investigation.record_arrest", can_record)


def production_key(arrest: Arrest) -> str:
    return f"production:{arrest.global_id}"


def chargesheet_key(fir: FIR) -> str:
    return f"chargesheet:{fir.global_id}"


# --- s.187(3): pure arithmetic -------------------------------------------------------------------

def chargesheet_days(max_punishment_years: int | None) -> int:
    """90 when the offence is punishable with death (100), imprisonment for life (99) or
    imprisonment of ten years or more, else 60 (BNSS s.187(3)). Unknown (``None``) counts as 60:
    the gravest known section decides, see :func:`gravest_punishment`."""
    return CHARGESHEET_DAYS_GRAVE if (max_punishment_years or 0) >= GRAVE_YEARS else CHARGESHEET_DAYS_OTHER


def chargesheet_due(first_remand: datetime.date, max_punishment_years: int | None) -> datetime.date:
    """The last day on which the charge-sheet may be filed before the accused earns default bail
    (BNSS s.187(3)): the 60th or 90th day of custody counting the day of the first remand as the
    first day (Enforcement Directorate v. Kapil Wadhawan, SC 2023: the date of remand is
    included). ``first_remand`` is an IST calendar date; ``max_punishment_years`` as
    ``legal.Section.max_punishment_years`` (99 life, 100 death, ``None`` unknown)."""
    return first_remand + datetime.timedelta(days=chargesheet_days(max_punishment_years) - 1)


def gravest_punishment(fir: FIR) -> int | None:
    """The highest ``max_punishment_years`` over all the FIR's sections (``None`` if none known)."""
    return fir.sections.aggregate(m=Max("section__max_punishment_years"))["m"]


def first_remand(fir: FIR) -> datetime.date | None:
    """The IST date of the first remand (judicial custody or police remand) of any accused of ``fir``."""
    ev = CustodyEvent.objects.filter(arrest__fir=fir, kind__in=REMAND_KINDS).aggregate(a=Min("from_date"), b=Min("at"))
    days = [d for d in (ev["a"], local_date(ev["b"]) if ev["b"] else None) if d is not None]
    return min(days) if days else None


def refresh_chargesheet_alert(fir: FIR) -> datetime.date | None:
    """Raise or move the s.187(3) alert of ``fir`` to match the facts now; returns the last day
    (``None`` when no limit runs). Idempotent. Never reopens the alert once the FIR's status is
    *final report filed* or later; closes it if the remands are gone (none recorded)."""
    fir = FIR.objects.select_related("police_station", "io").get(pk=fir.pk)
    if fir.status not in CHARGESHEET_RUNNING:
        return None
    remand = first_remand(fir)
    if remand is None:
        close_alerts(key=chargesheet_key(fir), reason="no remand recorded")
        return None
    years = gravest_punishment(fir)
    day = chargesheet_due(remand, years)
    raise_alert(key=chargesheet_key(fir), kind=CHARGESHEET_DUE, unit=fir.police_station, user=fir.io, record=fir,
                url=f"/investigation/{fir.pk}/arrests/", due_at=end_of_day(day),
                params={"fir": fir.number, "due": end_of_day(day), "days": chargesheet_days(years)})
    return day


lifecycle.on_change(refresh_chargesheet_alert)


def refresh_all_chargesheet_alerts() -> int:
    """The daily job: recompute the s.187(3) alert of every FIR under investigation with a remand."""
    ids = (CustodyEvent.objects.filter(kind__in=REMAND_KINDS, arrest__fir__status__in=CHARGESHEET_RUNNING)
           .values_list("arrest__fir_id", flat=True).distinct())
    n = 0
    for fir in FIR.objects.filter(pk__in=list(ids)).order_by("pk"):
        refresh_chargesheet_alert(fir)
        n += 1
    return n


def _fir_saved(sender, instance, created, **kwargs) -> None:
    """A corrected FIR (sections changed) moves its charge-sheet limit, after the save commits."""
    if created:
        return
    pk = instance.pk

    def later():
        fir = FIR.objects.filter(pk=pk).first()
        if fir is not None and Arrest.objects.filter(fir=fir).exists():
            refresh_chargesheet_alert(fir)

    transaction.on_commit(later)


post_save.connect(_fir_saved, sender=FIR, dispatch_uid="investigation.arrests.fir_saved")


# --- IIF-3 ---------------------------------------------------------------------------------------

ARREST_FIELDS = ["accused_code", "kind", "arrested_at", "place", "grounds", "grounds_communicated_at",
                 "informed_person_name", "informed_person_relation", "informed_how", "informed_at",
                 "designated_officer_informed_at", "personal_search", "medical_examined_at", "medical_examination",
                 "accused_age"]
REQUIRED = {
    "arrested_at": gettext_lazy("Give the date and time of the arrest or surrender."),
    "place": gettext_lazy("Give the place of arrest or the court of surrender."),
    "grounds": gettext_lazy("Give the grounds of arrest communicated to the arrested person (BNSS s.47)."),
    "grounds_communicated_at": gettext_lazy("Give when the grounds were communicated (BNSS s.47)."),
    "informed_person_name": gettext_lazy("Name the relative or friend informed of the arrest (BNSS s.48)."),
    "informed_person_relation": gettext_lazy("Give the relation of the person informed."),
    "informed_at": gettext_lazy("Give when the relative or friend was informed (BNSS s.48)."),
    "designated_officer_informed_at": gettext_lazy("Give when the district designated police officer was informed (BNSS s.48)."),
}


def require_can_record(user, fir: FIR) -> None:
    """Raise ``PermissionDenied`` unless ``user`` is one of the case's officers or the station's SHO."""
    if not rules.has_perm("investigation.record_arrest", user, fir):
        raise PermissionDenied(_("Only the case's officers or the station's SHO may record arrests, custody and seizures."))


def record_arrest(fir: FIR, by, data: dict, *, now: datetime.datetime | None = None) -> Arrest:
    """Record the IIF-3 memo of one accused of ``fir`` and return it.

    ``data`` keys: :data:`ARREST_FIELDS` (datetimes aware; ``kind`` an :class:`ArrestKind`;
    ``accused_age`` overrides the FIR's age). The accused is the FIR's accused with
    ``accused_code``; one memo per accused. The grounds (s.47) and the relative/friend and the
    district designated officer (s.48) are required, none of their times before the arrest nor
    in the future. Writes a GD entry at the FIR's station (the memo's GD reference) and opens the
    24-hour production alert (s.58, due at the arrest + 24 h). The child (under 18 at the arrest)
    is marked ``is_juvenile`` (JJ Act s.74). Raises ``PermissionDenied`` or ``ValidationError``
    per field."""
    now = now or timezone.now()
    require_can_record(by, fir)
    unknown = set(data) - set(ARREST_FIELDS)
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in sorted(unknown)})
    errors: dict = {}
    if fir.status not in ARREST_STATUSES:
        errors["accused_code"] = _("Arrests are recorded only in a case registered and not yet disposed of.")
    code = str(data.get("accused_code") or "").strip().upper()
    accused = fir.accused.filter(code=code).first() if code else None
    if accused is None:
        errors["accused_code"] = _("Choose an accused of this FIR.")
    elif Arrest.objects.filter(fir=fir, accused_code=code).exists():
        errors["accused_code"] = _("An arrest memo is already recorded for this accused.")
    for field, msg in REQUIRED.items():
        value = data.get(field)
        if value in (None, "") or (isinstance(value, str) and not value.strip()):
            errors[field] = str(msg)
    kind = data.get("kind") or ArrestKind.ARREST
    if kind not in ArrestKind.values:
        errors["kind"] = _("Choose arrest or surrender.")
    at = data.get("arrested_at")
    if isinstance(at, datetime.datetime):
        if at > now:
            errors["arrested_at"] = _("The arrest cannot be in the future.")
        for field in ("grounds_communicated_at", "informed_at", "designated_officer_informed_at", "medical_examined_at"):
            t = data.get(field)
            if isinstance(t, datetime.datetime) and field not in errors:
                if t < at:
                    errors[field] = _("This cannot be before the arrest.")
                elif t > now:
                    errors[field] = _("This cannot be in the future.")
    age = data.get("accused_age")
    if age in (None, "") and accused is not None and isinstance(at, datetime.datetime):
        age = accused.age_on(local_date(at))
    if age not in (None, ""):
        try:
            age = int(age)
            if not 7 <= age <= 120:
                raise ValueError
        except (TypeError, ValueError):
            errors["accused_age"] = _("Give an age from 7 to 120 years.")
    if errors:
        raise ValidationError(errors)
    text = _("Accused %(code)s of FIR %(fir)s %(kind)s at %(place)s by %(officer)s.") % {
        "code": code, "fir": fir.number, "kind": ArrestKind(kind).label.lower(), "place": data["place"].strip(),
        "officer": by.get_full_name() or by.username}
    with transaction.atomic():
        gd = add_gd_entry(fir.police_station, by, GDKind.GENERAL, text, record=fir, now=at, check_permission=False)
        arrest = Arrest.objects.create(
            fir=fir, accused_code=code, accused_name=accused.name, accused_relative_name=accused.relative_name,
            accused_sex=accused.sex, accused_age=age if age not in (None, "") else None, accused_address=accused.address,
            is_juvenile=age not in (None, "") and int(age) < JUVENILE_AGE, kind=kind, arrested_at=at,
            place=data["place"].strip(), arresting_officer=by, gd_entry=gd, grounds=data["grounds"].strip(),
            grounds_communicated_at=data["grounds_communicated_at"],
            informed_person_name=data["informed_person_name"].strip(),
            informed_person_relation=data["informed_person_relation"].strip(),
            informed_how=(data.get("informed_how") or "").strip(), informed_at=data["informed_at"],
            designated_officer_informed_at=data["designated_officer_informed_at"],
            personal_search=(data.get("personal_search") or "").strip(),
            medical_examined_at=data.get("medical_examined_at") or None,
            medical_examination=(data.get("medical_examination") or "").strip(),
            created_by=by, origin_unit=fir.police_station,
        )
        raise_alert(key=production_key(arrest), kind=PRODUCTION_DUE, unit=fir.police_station, user=fir.io or by,
                    record=arrest, url=f"/investigation/{fir.pk}/arrests/", due_at=production_due_at(arrest),
                    params={"fir": fir.number, "accused": code, "due": production_due_at(arrest)})
    return arrest


def production_due_at(arrest: Arrest) -> datetime.datetime:
    """The arrest + 24 hours (BNSS s.58; journey time to the magistrate is excluded, see
    :func:`production_late`)."""
    return arrest.arrested_at + datetime.timedelta(hours=PRODUCTION_HOURS)


def production_late(arrest: Arrest) -> bool | None:
    """Whether the production came later than 24 hours after the arrest, the journey time
    excluded (BNSS s.58); ``None`` while not produced."""
    if arrest.produced_at is None:
        return None
    held = arrest.produced_at - arrest.arrested_at - datetime.timedelta(minutes=arrest.journey_minutes)
    return held > datetime.timedelta(hours=PRODUCTION_HOURS)


CUSTODY_FIELDS = ["kind", "at", "from_date", "to_date", "court", "order_reference", "note", "journey_minutes"]


POLICE_REMAND_MAX_DAYS = 15  # BNSS s.187(2)


def police_remand_errors(arrest: Arrest, start: datetime.date, end: datetime.date) -> dict:
    """BNSS s.187(2): police custody of at most 15 days in all (in whole or in parts), within
    the first 40 days of detention (60-day cases) or the first 60 days (90-day cases), counted
    from the first remand (day one). ``start``/``end`` are the new remand's first and last IST
    days; returns ``{field: message}`` (empty when the remand is lawful)."""
    errors = {}
    earlier = CustodyEvent.objects.filter(arrest=arrest, kind=CustodyEventKind.POLICE_REMAND)
    used = sum((e.to_date - e.from_date).days + 1 for e in earlier if e.from_date and e.to_date)
    if used + (end - start).days + 1 > POLICE_REMAND_MAX_DAYS:
        errors["to_date"] = _("Police custody cannot exceed 15 days in all (BNSS s.187(2)); %(used)s days already used.") % {"used": used}
    first = min([d for d in (first_remand(arrest.fir), start) if d is not None])
    window = 40 if chargesheet_days(gravest_punishment(arrest.fir)) == CHARGESHEET_DAYS_OTHER else 60
    if end > first + datetime.timedelta(days=window - 1):
        errors["to_date"] = _("Police custody is allowed only within the first %(days)s days from the first remand (BNSS s.187(2)).") % {"days": window}
    return errors


def record_custody_event(arrest: Arrest, by, data: dict, *, now: datetime.datetime | None = None) -> CustodyEvent:
    """Append one custody event to ``arrest`` and return it (never edits an earlier one).

    ``data``: ``kind`` (:class:`CustodyEventKind`), ``at`` (aware, not before the arrest nor in
    the future), ``from_date``/``to_date`` (required for remands, from ≤ to), ``court``
    (required for court events), ``order_reference``, ``note``, ``journey_minutes`` (for the
    first production: time spent travelling to the magistrate, excluded from the 24 hours).
    The first production-kind event (produced, remand, bail by the court) sets the memo's
    ``produced_at`` once and closes the s.58 alert; a bail at the station closes it too. A
    remand raises or moves the s.187(3) charge-sheet alert. Raises ``PermissionDenied`` or
    ``ValidationError`` per field."""
    now = now or timezone.now()
    fir = arrest.fir
    require_can_record(by, fir)
    unknown = set(data) - set(CUSTODY_FIELDS)
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in sorted(unknown)})
    errors: dict = {}
    kind = data.get("kind")
    if kind not in CustodyEventKind.values:
        errors["kind"] = _("Choose what happened to the custody.")
    at = data.get("at")
    if not isinstance(at, datetime.datetime):
        errors["at"] = _("Give the date and time.")
    elif at < arrest.arrested_at:
        errors["at"] = _("This cannot be before the arrest.")
    elif at > now:
        errors["at"] = _("This cannot be in the future.")
    f, t = data.get("from_date"), data.get("to_date")
    if kind in REMAND_KINDS:
        if not f:
            errors["from_date"] = _("Give the first day of the remand.")
        if not t:
            errors["to_date"] = _("Give the last day of the remand.")
        if f and t and t < f:
            errors["to_date"] = _("The remand cannot end before it begins.")
        elif f and t and kind == CustodyEventKind.POLICE_REMAND:
            errors.update(police_remand_errors(arrest, f, t))
    elif f or t:
        errors["from_date"] = _("Remand dates are given only for a remand.")
    court = (data.get("court") or "").strip()
    if kind in PRODUCTION_KINDS and not court:
        errors["court"] = _("Name the court.")
    journey = data.get("journey_minutes") or 0
    try:
        journey = int(journey)
        if journey < 0:
            raise ValueError
    except (TypeError, ValueError):
        errors["journey_minutes"] = _("Give the journey time in whole minutes.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        event = CustodyEvent.objects.create(
            arrest=arrest, kind=kind, at=at, from_date=f or None, to_date=t or None, court=court,
            order_reference=(data.get("order_reference") or "").strip(), note=(data.get("note") or "").strip(),
            recorded_by=by, created_by=by, origin_unit=fir.police_station,
        )
        if kind in PRODUCTION_KINDS and arrest.produced_at is None:
            arrest.produced_at = at
            arrest.journey_minutes = journey
            arrest.save()
            close_alerts(key=production_key(arrest), by=by, reason="produced before the magistrate")
        elif kind == CustodyEventKind.BAIL_AT_PS:
            close_alerts(key=production_key(arrest), by=by, reason="released on bail at the police station")
        if kind in REMAND_KINDS:
            refresh_chargesheet_alert(fir)
    return event


def custody_status(arrest: Arrest) -> CustodyEvent | None:
    """The latest custody event of ``arrest`` (``None`` while only arrested)."""
    return arrest.custody_events.order_by("-at", "-id").first()


# --- BNSS s.37: the arrested persons register ----------------------------------------------------

def protected(arrest: Arrest) -> bool:
    """Whether the arrested person's identity is withheld outside the case: a child (JJ Act s.74)
    or an FIR marked sensitive (BNS s.72, POCSO s.23)."""
    return arrest.is_juvenile or arrest.fir.is_sensitive


def register_queryset(user, *, station=None, district=None):
    """The arrests ``user`` may see in the register (jurisdiction: ``for_user``), newest first,
    optionally within one station or one district (a :class:`core.models.Unit`)."""
    qs = Arrest.objects.for_user(user).select_related("fir", "fir__police_station")
    if station is not None:
        qs = qs.filter(fir__police_station=station)
    if district is not None:
        qs = qs.filter(fir__police_station__path__startswith=district.path)
    return qs.order_by("-arrested_at", "-id")


def register_row(arrest: Arrest, user=None) -> dict:
    """One row of the register: accused code, name, age, sex, address, station, FIR, date,
    sections. For a protected person (:func:`protected`) the name, relative and address are
    withheld unless ``user`` is one of the case's officers (JJ Act s.74, BNS s.72)."""
    fir = arrest.fir
    show = not protected(arrest) or (user is not None and is_case_officer(user, fir))
    return {
        "id": arrest.pk, "fir_id": fir.pk, "fir": fir.number, "accused_code": arrest.accused_code,
        "name": arrest.accused_name if show else "", "relative_name": arrest.accused_relative_name if show else "",
        "address": arrest.accused_address if show else "", "age": arrest.accused_age, "sex": arrest.accused_sex,
        "juvenile": arrest.is_juvenile, "protected": protected(arrest), "station": fir.police_station.name,
        "kind": arrest.kind, "arrested_at": arrest.arrested_at, "sections": sections_of(fir),
    }


def sections_of(fir: FIR) -> list[str]:
    """The FIR's sections as ``"BNS 303(2)"`` strings."""
    return [str(fs) for fs in fir.sections.select_related("section__act")]


def public_arrested_persons(*, district=None, since: datetime.date | None = None) -> list[dict]:
    """The public projection of the register (BNSS s.37 display) for the citizen portal:
    ``[{"name", "age", "sex", "station", "date", "sections"}]``, newest first. Never a child
    (JJ Act s.74) nor an arrest in a sensitive FIR (BNS s.72, POCSO s.23), nor an FIR not issued.
    ``district``: a Unit (its subtree); ``since``: an IST date (arrests on or after it)."""
    qs = (Arrest.objects.filter(is_juvenile=False, fir__is_sensitive=False)
          .exclude(fir__status__in=[FIRStatus.DRAFT, FIRStatus.PENDING_APPROVAL, FIRStatus.RETURNED])
          .select_related("fir__police_station").order_by("-arrested_at", "-id"))
    if district is not None:
        qs = qs.filter(fir__police_station__path__startswith=district.path)
    if since is not None:
        qs = qs.filter(arrested_at__gte=end_of_day(since - datetime.timedelta(days=1)))
    return [{"name": a.accused_name, "age": a.accused_age, "sex": a.accused_sex, "station": a.fir.police_station.name,
             "date": local_date(a.arrested_at), "sections": sections_of(a.fir)} for a in qs if a.fir.is_issued]


register_job(Job("investigation.chargesheet", "cctns.investigation.services.arrests.refresh_all_chargesheet_alerts",
                 cron="20 0 * * *"))
