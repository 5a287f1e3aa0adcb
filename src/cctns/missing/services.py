"""Domain services of the missing app: matching a missing person report against unidentified
dead bodies and found persons (blocking in the database, scoring in :mod:`.scoring`), and the
review of a candidate (confirm closes both records in one transaction; a rejected pair is never
proposed again).

Blocking: sex (same or unknown), date (found on or after last seen, one day of slack) and the
birth-year range widened by the age tolerance, all on indexed columns
(``sex, found_on, born_from``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import scoring
from .models import (
    Candidate,
    CandidateKind,
    CandidateStatus,
    Mark,
    MissingPersonReport,
    Status,
    StatusChange,
    UnidentifiedBody,
    UnidentifiedFoundPerson,
    owner_kwargs,
)

#: Candidates scoring below this are not stored.
MIN_SCORE = 0.05
#: How many candidates of each kind are kept per report.
TOP_N = 10
#: Years of slack on each side of the birth-year range in the blocking query.
BLOCK_YEARS = 2 * scoring.AGE_TOLERANCE_YEARS + 6


def descriptor(record) -> scoring.Descriptor:
    """The :class:`scoring.Descriptor` of a report, body or found person (one query for marks
    and one for items unless prefetched)."""
    from .models import Item

    own = owner_kwargs(record)
    return scoring.Descriptor(
        event_date=record.event_date, sex=record.sex, born_from=record.born_from, born_to=record.born_to,
        height_min=record.height_min_cm, height_max=record.height_max_cm, lat=record.latitude,
        lon=record.longitude, district=record.district_code, state=record.state_code, build=record.build,
        complexion=record.complexion, hair=record.hair, eyes=record.eyes, name=record.name,
        marks=[(m.mark_type, m.location, m.text) for m in Mark.objects.filter(**own)],
        items=[i.text for i in Item.objects.filter(**own)],
    )


def blocked(report: MissingPersonReport, model):
    """Open records of ``model`` that can be the missing person: sex compatible, found on or
    after last seen (minus a day), birth years within ``BLOCK_YEARS``."""
    import datetime

    qs = model.objects.filter(status=Status.OPEN,
                              found_on__gte=report.last_seen_on - datetime.timedelta(days=1))
    if report.sex in ("M", "F"):
        qs = qs.filter(sex__in=[report.sex, "U", "T"])
    if report.born_from is not None:
        qs = qs.filter(Q(born_from__isnull=True)
                       | Q(born_from__lte=report.born_to + BLOCK_YEARS, born_to__gte=report.born_from - BLOCK_YEARS))
    return qs


def match_report(report: MissingPersonReport) -> list[Candidate]:
    """Score ``report`` against the blocked bodies and found persons; store the best
    ``TOP_N`` of each kind above ``MIN_SCORE`` as proposed candidates (pairs already reviewed
    are left as they are: a rejection is never undone) and alert both stations."""
    if report.status != Status.OPEN:
        return []
    mine = descriptor(report)
    out = []
    for kind, model, fk in ((CandidateKind.BODY, UnidentifiedBody, "body"),
                            (CandidateKind.FOUND, UnidentifiedFoundPerson, "found")):
        scored = []
        for other in blocked(report, model):
            result = scoring.score_pair(mine, descriptor(other))
            if result is not None and result.score >= MIN_SCORE:
                scored.append((result, other))
        scored.sort(key=lambda x: -x[0].score)
        for result, other in scored[:TOP_N]:
            cand, created = Candidate.objects.get_or_create(
                report=report, **{fk: other},
                defaults={"kind": kind, "score": result.score, "fields": scoring.explanation(result)})
            if not created and cand.status == CandidateStatus.PROPOSED:
                cand.score, cand.fields = result.score, scoring.explanation(result)
                cand.save(update_fields=["score", "fields"])
            if cand.status == CandidateStatus.PROPOSED:
                out.append(cand)
    return out


def match_found(record) -> list[Candidate]:
    """Match a new body or found person against every open report that could be it."""
    out = []
    reports = MissingPersonReport.objects.filter(status=Status.OPEN, last_seen_on__lte=record.found_on)
    for report in reports:
        out += [c for c in match_report(report) if c.other == record]
    return out


def _set_status(record, status: str, user, remark: str) -> None:
    record.status = status
    record.save()
    StatusChange.objects.create(status=status, remark=remark, by=user, **owner_kwargs(record))


def confirm(candidate: Candidate, user, remark: str) -> Candidate:
    """Confirm a match: the report becomes traced, the body / found person identified, other
    proposed candidates of both are superseded, all in one transaction. Raises
    ``ValidationError`` without a remark or when the candidate is not proposed; ``PermissionDenied``
    when ``user`` cannot see it."""
    if not remark.strip():
        raise ValidationError({"remark": "A remark is required."})
    with transaction.atomic():
        cand = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if not Candidate.objects.for_user(user).filter(pk=cand.pk).exists():
            raise PermissionDenied
        if cand.status != CandidateStatus.PROPOSED:
            raise ValidationError({"status": "This candidate has already been reviewed."})
        cand.status, cand.reviewed_by, cand.reviewed_at, cand.remark = (
            CandidateStatus.CONFIRMED, user, timezone.now(), remark)
        cand.save()
        _set_status(cand.report, Status.TRACED, user, remark)
        other = cand.body or cand.found
        if other is not None:
            _set_status(other, Status.IDENTIFIED, user, remark)
        rest = Candidate.objects.filter(status=CandidateStatus.PROPOSED).filter(
            Q(report=cand.report) | (Q(body=cand.body) if cand.body_id else Q(found=cand.found) if cand.found_id
                                     else Q(pk__in=[])))
        rest.exclude(pk=cand.pk).update(status=CandidateStatus.SUPERSEDED)
    return cand


def reject(candidate: Candidate, user, remark: str) -> Candidate:
    """Reject a match with a remark; the pair is never proposed again."""
    if not remark.strip():
        raise ValidationError({"remark": "A remark is required."})
    with transaction.atomic():
        cand = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if not Candidate.objects.for_user(user).filter(pk=cand.pk).exists():
            raise PermissionDenied
        if cand.status != CandidateStatus.PROPOSED:
            raise ValidationError({"status": "This candidate has already been reviewed."})
        cand.status, cand.reviewed_by, cand.reviewed_at, cand.remark = (
            CandidateStatus.REJECTED, user, timezone.now(), remark)
        cand.save()
    return cand


# ----------------------------------------------------------------------------- alerts, jobs

def _alert_kind():
    from django.utils.translation import gettext_lazy as _

    from cctns.core.alerts import AlertKind, register_kind

    return register_kind(AlertKind("missing_match", _("Possible match for a missing person"),
                                   _("A possible match (score %(score)s) was found for a missing person report.")))


def alert_candidates(candidates) -> int:
    """Raise one inbox alert per candidate at each owning station (the report's and the
    other record's); no protected value goes into the alert's parameters."""
    from cctns.core.alerts import raise_alert

    kind = _alert_kind()
    n = 0
    for cand in candidates:
        other = cand.other
        stations = {cand.report.police_station}
        station = getattr(other, "police_station", None) or getattr(other, "unit", None)
        if station is not None:
            stations.add(station)
        for unit in stations:
            raise_alert(key=f"missing-match:{cand.pk}:{unit.pk}", kind=kind, unit=unit, record=cand.report,
                        url=f"/missing/candidates/{cand.pk}/", params={"score": f"{cand.score:.2f}"})
            n += 1
    return n


def match_report_by_id(report_id: int) -> int:
    """Task body (django-q2): match one report and alert; returns the number of candidates."""
    cands = match_report(MissingPersonReport.objects.get(pk=report_id))
    alert_candidates(cands)
    return len(cands)


def nightly_batch() -> int:
    """Periodic job: re-match every open report (new bodies and found persons since yesterday
    are picked up; reviewed pairs stay as reviewed)."""
    total = 0
    for report_id in MissingPersonReport.objects.filter(status=Status.OPEN).values_list("pk", flat=True).iterator():
        total += match_report_by_id(report_id)
    return total


# ----------------------------------------------------------------------------- citizen portal

def public_missing_persons(*, name: str = "", district=None, sex: str = "", age=None) -> list[dict]:
    """Open missing person reports as the citizen portal may show them: name, sex, age range,
    last seen date and district, coded description, and photographs the family consented to
    publish. Never the informant, the circumstances or the exact place; for a child (under 18)
    only consented photographs and no name unless a consented photograph exists (JJ Act s.74).
    ``district``: a district Unit or its code; ``age``: years, inside the age range."""
    from .models import Photo

    qs = MissingPersonReport.objects.filter(status=Status.OPEN)
    if name:
        qs = qs.filter(name__icontains=name)
    if district is not None:
        qs = qs.filter(district_code=getattr(district, "code", district))
    if sex:
        qs = qs.filter(sex=sex)
    if age is not None:
        qs = qs.filter(age_min__lte=age, age_max__gte=age)
    out = []
    for r in qs[:200]:
        photos = [p.image.name for p in Photo.objects.filter(report=r, consent_to_publish=True)]
        shown_name = r.name if (not r.is_juvenile or photos) else ""
        out.append({"id": str(r.global_id), "name": shown_name, "sex": r.sex, "age_min": r.age_min,
                    "age_max": r.age_max, "height_min_cm": r.height_min_cm, "height_max_cm": r.height_max_cm,
                    "last_seen_on": r.last_seen_on.isoformat(), "district": r.district_code,
                    "police_station": r.police_station.name, "build": r.build, "complexion": r.complexion,
                    "photos": photos})
    return out


def public_unidentified(kind: str) -> list[dict]:
    """Open unidentified bodies (``kind="body"``) or found persons (``"found"``) for the
    citizen portal: found date, district, sex, age and height ranges, marks and items, consented
    photographs; a body's photographs carry ``"warning": True``. Raises ``ValueError`` for
    another kind."""
    from .models import Item, Photo

    if kind not in ("body", "found"):
        raise ValueError("kind is 'body' or 'found'")
    model = UnidentifiedBody if kind == "body" else UnidentifiedFoundPerson
    out = []
    for r in model.objects.filter(status=Status.OPEN)[:200]:
        own = owner_kwargs(r)
        if kind == "found" and r.is_juvenile:
            photos = []
        else:
            photos = [{"image": p.image.name, "warning": kind == "body"}
                      for p in Photo.objects.filter(consent_to_publish=True, **own)]
        out.append({"id": str(r.global_id), "kind": kind, "found_on": r.found_on.isoformat(),
                    "district": r.district_code, "police_station": r.police_station.name, "sex": r.sex,
                    "age_min": r.age_min, "age_max": r.age_max, "height_min_cm": r.height_min_cm,
                    "height_max_cm": r.height_max_cm,
                    "marks": [str(m) for m in Mark.objects.filter(**own)],
                    "items": [i.text for i in Item.objects.filter(**own)], "photos": photos})
    return out
