"""FIR services: register, approve or return, resubmit, correct (versions), assign the IO, mark
sensitive, transfer a Zero FIR and accept it, and who may see a victim's identity.

These functions are the only place the FIR's rules live: the API, the web forms, bulk import and
the demo seed all call them. Each writes a General Diary entry for what it did.

Input ``data`` (a plain ``dict``) uses the model's field names for the FIR's own fields (see
:data:`FIR_FIELDS`), plus:

- ``sections``: list of references, in order: a ``legal.Section``, an id, ``{"id": …}``,
  ``{"act": "BNS", "number": "303(2)"}`` or ``"BNS 303(2)"``;
- ``victims``, ``accused``, ``properties``: lists of dicts of :data:`VICTIM_FIELDS`,
  :data:`ACCUSED_FIELDS`, :data:`PROPERTY_FIELDS` (accused codes A1, A2 … are given by the service
  when absent);
- ``informant_id_number``: the document number as written (stored masked, with a keyed hash);
- ``cognizability_confirmed``: the registering officer confirms that an offence whose
  classification reference data does not know is cognizable (recorded with who and when);
- ``registered_at``: only for entering FIRs registered earlier (bulk import); default now.
"""

import datetime

import rules
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from cctns.core.constants import STATION_ROLES, Rank, Role, UnitKind
from cctns.core.numbering import local_date
from cctns.core.validation import RuleValidationError
from cctns.legal.models import Section

from ..constants import (
    ApprovalDecision,
    ComplaintOutcome,
    FIRKind,
    FIRStatus,
    GDKind,
    TransferStatus,
)
from ..models import (
    FIR,
    PARTICULAR_FIELDS,
    FIRAccused,
    FIRApproval,
    FIRProperty,
    FIRSection,
    FIRVersion,
    FIRVictim,
    IdempotencyKey,
    Transfer,
    hash_identifier,
    mask_identifier,
)
from ..validation import validate_fir
from .common import (
    allocate,
    national_key,
    now_or,
    request_hash,
    require,
    resolve_sections,
    station_for,
)
from .gd import add_gd_entry

#: The FIR's own fields accepted in ``data`` (and changeable by :func:`correct_fir`).
FIR_FIELDS = [
    "kind", "occurrence_from", "occurrence_to", "information_received_at", "gd_reference",
    "place_address", "beat", "distance_km", "direction_from_ps", "latitude", "longitude",
    "suo_motu", "informant_name", "informant_relative_name", "informant_relation",
    "informant_date_of_birth", "informant_age", "informant_sex", "informant_nationality",
    "informant_id_type", "informant_occupation", "informant_address", "informant_phone",
    "informant_confidential", "recorded_by_woman_officer", "informant_signed_at",
    "unknown_accused_count", "unknown_accused_description", "delay_reason", "narrative",
    "action_taken", "inquest_report_number", "dispatched_to_court_at",
]
VICTIM_FIELDS = [*PARTICULAR_FIELDS, "injured"]
ACCUSED_FIELDS = [*PARTICULAR_FIELDS, "code", "known", "alias", "description"]
PROPERTY_FIELDS = ["category", "description", "quantity", "value"]
CHILD_KEYS = ["sections", "victims", "accused", "properties"]
EXTRA_KEYS = ["informant_id_number", "cognizability_confirmed", "registered_at"]
ACCEPTED_KEYS = set(FIR_FIELDS) | set(CHILD_KEYS) | set(EXTRA_KEYS)


def requires_approval() -> bool:
    """``CCTNS_FIR_REQUIRES_APPROVAL`` (default ``True``): an FIR issues only when the SHO approves it."""
    return bool(getattr(settings, "CCTNS_FIR_REQUIRES_APPROVAL", True))


def io_min_rank() -> int:
    """``CCTNS_IO_MIN_RANK`` (default ASI): the lowest rank that may be assigned as IO. State rules
    differ on this, so it is configuration, not code."""
    return int(getattr(settings, "CCTNS_IO_MIN_RANK", Rank.ASI))


def accused_code(n: int) -> str:
    """The accused code of the ``n``-th accused (0-based): A1…A9, then B1…B9 … (DOMAIN.md, IIF-3)."""
    return f"{chr(ord('A') + n // 9)}{n % 9 + 1}"


def assign_accused_codes(accused: list[dict]) -> list[dict]:
    """Give each accused without a code the next free code, keeping the codes already given."""
    taken = {(a.get("code") or "").strip().upper() for a in accused} - {""}
    out, n = [], 0
    for a in accused:
        a = dict(a)
        code = (a.get("code") or "").strip().upper()
        if not code:
            while accused_code(n) in taken:
                n += 1
            code = accused_code(n)
            taken.add(code)
        a["code"] = code
        out.append(a)
    return out


def _check_keys(data) -> None:
    unknown = sorted(set(data) - ACCEPTED_KEYS)
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in unknown})


def _validation_data(data: dict, resolved, *, confirmed_by, registered_at, now) -> dict:
    vdata = {k: data.get(k) for k in FIR_FIELDS}
    vdata.update(
        sections=[s for s, _label in resolved],
        victims=list(data.get("victims") or []),
        accused=list(data.get("accused") or []),
        properties=list(data.get("properties") or []),
        cognizability_confirmed_by=confirmed_by,
        registered_at=registered_at,
        now=now,
    )
    return vdata


def check_fir_data(data: dict, user, *, registered_at=None, now=None, confirmed_by=None):
    """Resolve sections and run every FIR rule over ``data``.

    Returns ``(resolved_sections, warnings)``; raises :class:`RuleValidationError` (per-field,
    coded) when any error-level rule fails. Used by :func:`register_fir`, :func:`correct_fir` and
    the API serializer.
    """
    at = now_or(now)
    resolved = resolve_sections(data.get("sections"))
    if confirmed_by is None and data.get("cognizability_confirmed"):
        confirmed_by = user
    vdata = _validation_data(data, resolved, confirmed_by=confirmed_by,
                             registered_at=registered_at or data.get("registered_at") or at, now=at)
    violations = validate_fir(vdata)
    errors = [v for v in violations if v.is_error]
    if errors:
        raise RuleValidationError(errors)
    return resolved, [v for v in violations if not v.is_error]


def _issue(fir: FIR, at: datetime.datetime) -> None:
    """Give ``fir`` its number for the IST year of ``at`` (inside the saving transaction)."""
    year, serial, number = allocate("FIR", fir.police_station, at)
    fir.year, fir.serial, fir.number = year, serial, number
    fir.national_key = national_key(fir.police_station, year, serial)
    fir.registered_at = at
    fir.status = FIRStatus.REGISTERED


def _apply_fields(fir: FIR, data: dict, keys) -> None:
    for key in keys:
        if key in data:
            value = data[key]
            field = fir._meta.get_field(key)
            if value is None and not field.null:
                value = field.get_default()
            setattr(fir, key, value)
    if "informant_id_number" in data:
        raw = data.get("informant_id_number") or ""
        if raw and "X" in raw and raw == mask_identifier(raw):
            return  # already masked (a correction resending the stored value)
        fir.informant_id_number = mask_identifier(raw)
        fir.informant_id_hash = hash_identifier(fir.informant_id_type, raw)


def _sensitive_by_sections(resolved) -> bool:
    return any(isinstance(s, Section) and s.sensitive for s, _label in resolved)


def _save_children(fir: FIR, data: dict, resolved=None) -> None:
    """Replace the child rows present in ``data`` (sections, victims, accused, properties)."""
    if resolved is not None:
        fir.sections.all().delete()
        FIRSection.objects.bulk_create(
            FIRSection(fir=fir, section=s, label=label or s.number, order=i) for i, (s, label) in enumerate(resolved)
        )
    if "victims" in data:
        fir.victims.all().delete()
        FIRVictim.objects.bulk_create(
            FIRVictim(fir=fir, order=i, **_clean_child(v, VICTIM_FIELDS, FIRVictim))
            for i, v in enumerate(data.get("victims") or [])
        )
    if "accused" in data:
        fir.accused.all().delete()
        FIRAccused.objects.bulk_create(
            FIRAccused(fir=fir, order=i, **_clean_child(a, ACCUSED_FIELDS, FIRAccused))
            for i, a in enumerate(assign_accused_codes(list(data.get("accused") or [])))
        )
    if "properties" in data:
        fir.properties.all().delete()
        FIRProperty.objects.bulk_create(
            FIRProperty(fir=fir, order=i, **_clean_child(p, PROPERTY_FIELDS, FIRProperty))
            for i, p in enumerate(data.get("properties") or [])
        )


def _clean_child(row: dict, fields: list[str], model) -> dict:
    unknown = set(row) - set(fields) - {"id", "order"}
    if unknown:
        raise ValidationError({k: _("Unknown field.") for k in sorted(unknown)})
    out = {}
    for key in fields:
        if key in row:
            value = row[key]
            field = model._meta.get_field(key)
            if value is None and not field.null:
                value = field.get_default()
            out[key] = value
    return out


def _claim_idempotency_key(user, key: str, digest: str) -> IdempotencyKey | FIR:
    """Inside the registration transaction: the FIR an earlier request with ``key`` made, or a new
    key row to fill in. A key reused with different data is refused."""
    existing = IdempotencyKey.objects.filter(user=user, key=key).first()
    if existing is not None:
        return _replay(existing, digest)
    return IdempotencyKey.objects.create(user=user, key=key, record_type="registration.fir", record_id=0, request_hash=digest)


def _replay(row: IdempotencyKey, digest: str) -> FIR:
    if row.record_type != "registration.fir" or (row.request_hash and row.request_hash != digest):
        raise ValidationError(
            {"idempotency_key": ValidationError(_("This Idempotency-Key was used for a different request."), code="idempotency_mismatch")}
        )
    fir = FIR.objects.get(pk=row.record_id)
    fir.replayed = True
    return fir


def _fir_text(fir: FIR, resolved=None) -> str:
    """A GD line naming the FIR and its sections, never a victim (BNS s.72). ``resolved`` (the
    ``(Section, label)`` pairs just saved) spares re-reading the sections."""
    if resolved is not None:
        sections = ", ".join(f"{s.act.code} {label or s.number}" for s, label in resolved)
    else:
        sections = ", ".join(str(s) for s in fir.sections.select_related("section__act"))
    label = fir.number or _("(number on approval)")
    if fir.is_sensitive or fir.informant_confidential:
        return _("FIR %(number)s under %(sections)s. Particulars withheld (sensitive or confidential).") % {
            "number": label, "sections": sections}
    return _("FIR %(number)s under %(sections)s on the information of %(informant)s.") % {
        "number": label, "sections": sections, "informant": fir.informant_name or _("a police officer (suo motu)")}


def register_fir(station, user, data: dict, *, idempotency_key: str | None = None, complaint=None,
                 request_digest: str | None = None, now: datetime.datetime | None = None) -> FIR:
    """Register an FIR at ``station`` (default: the user's station) from ``data``; return it.

    Checks the ``registration.register_fir`` permission (station writer or SHO of the station) and
    every FIR rule (:func:`~cctns.registration.validation.validate_fir`); sets sensitivity from
    the sections (``legal.Section.sensitive``: BNS s.72, POCSO s.23); then, in one transaction:

    - with ``CCTNS_FIR_REQUIRES_APPROVAL`` on and a user who is not the station's SHO, saves the
      FIR as *pending approval* with no number (the number is taken at approval, so numbers stay
      gapless over issued FIRs); otherwise takes the next number of the station's series for the
      IST year of registration and saves the FIR as *registered*;
    - saves victims, accused (codes A1, A2 … given), sections and property;
    - writes a GD entry; links and disposes of ``complaint`` when given.

    With ``idempotency_key`` a repeated call by the same user returns the FIR the first call made
    (``fir.replayed`` is then ``True``); the same key with different data raises
    ``ValidationError`` (``idempotency_mismatch``). ``request_digest`` overrides the hash of
    ``data`` used for that comparison (the API passes the hash of the raw request body).

    Raises ``PermissionDenied``; ``RuleValidationError`` (coded per-field errors); ``ValidationError``.
    Warnings (e.g. FIR-016) are stored in ``fir.warnings``.
    """
    station = station_for(user, station)
    require(user, "registration.register_fir", station)
    data = dict(data)
    _check_keys(data)
    at = now_or(now)
    digest = (request_digest or request_hash(data)) if idempotency_key else ""
    if idempotency_key:
        row = IdempotencyKey.objects.filter(user=user, key=idempotency_key).first()
        if row is not None:
            return _replay(row, digest)
    registered_at = data.get("registered_at") or at
    resolved, warnings = check_fir_data(data, user, registered_at=registered_at, now=at)
    approver = rules.has_perm("registration.approve_fir", user, station)
    needs_approval = requires_approval() and not approver
    try:
        with transaction.atomic():
            key_row = None
            if idempotency_key:
                claimed = _claim_idempotency_key(user, idempotency_key, digest)
                if isinstance(claimed, FIR):
                    return claimed
                key_row = claimed
            fir = _create(station, user, data, resolved, warnings, at=at, registered_at=registered_at,
                          needs_approval=needs_approval, complaint=complaint)
            if key_row is not None:
                IdempotencyKey.objects.filter(pk=key_row.pk).update(record_id=fir.pk)
    except IntegrityError:
        if idempotency_key:
            row = IdempotencyKey.objects.filter(user=user, key=idempotency_key).first()
            if row is not None:  # a concurrent request with the same key won the race
                return _replay(row, digest)
        raise
    fir.replayed = False
    return fir


def _insert_children(fir: FIR, data: dict, resolved) -> None:
    """Insert the child rows of a new FIR (sections, victims, accused, property): one bulk insert
    each, and no delete first (a new FIR has none), unlike :func:`_save_children`.

    The inserted rows are left on ``fir`` as its prefetched ``sections``, ``victims``, ``accused``
    and ``properties`` (and an empty ``transfers_out``), in their stored order, so that whoever
    registered the FIR can show it at once without reading it back."""
    from cctns.audit.bulk import one_insert

    with one_insert():  # the child rows' audit entries in one insert
        sections = [FIRSection(fir=fir, section=s, label=label or s.number, order=i) for i, (s, label) in enumerate(resolved)]
        FIRSection.objects.bulk_create(sections)
        children = [
            ("victims", FIRVictim, [FIRVictim(fir=fir, order=i, **_clean_child(v, VICTIM_FIELDS, FIRVictim))
                                    for i, v in enumerate(data.get("victims") or [])]),
            ("accused", FIRAccused, [FIRAccused(fir=fir, order=i, **_clean_child(a, ACCUSED_FIELDS, FIRAccused))
                                     for i, a in enumerate(assign_accused_codes(list(data.get("accused") or [])))]),
            ("properties", FIRProperty, [FIRProperty(fir=fir, order=i, **_clean_child(p, PROPERTY_FIELDS, FIRProperty))
                                         for i, p in enumerate(data.get("properties") or [])]),
        ]
        cached = {"sections": sections, "transfers_out": [], "approvals": []}
        for name, model, rows in children:
            if rows:
                model.objects.bulk_create(rows)
            cached[name] = rows
    for name, rows in cached.items():
        _cache_related(fir, name, rows)


def _cache_related(fir: FIR, name: str, rows: list) -> None:
    """Leave ``rows`` on ``fir`` as its prefetched ``name`` (what ``prefetch_related`` stores)."""
    qs = getattr(fir, name).all()
    qs._result_cache = list(rows)
    qs._prefetch_done = True
    fir._prefetched_objects_cache = {**getattr(fir, "_prefetched_objects_cache", {}), name: qs}


def _create(station, user, data, resolved, warnings, *, at, registered_at, needs_approval,
            complaint=None, kind=None, transferred_from=None, confirmed_by=None) -> FIR:
    if complaint is not None:
        from .complaints import _claim_complaint

        complaint = _claim_complaint(complaint, station, ComplaintOutcome.FIR, user, at)
    fir = FIR(police_station=station, created_by=user, origin_unit=station, submitted_at=at)
    _apply_fields(fir, data, FIR_FIELDS)
    if kind:
        fir.kind = kind
    if confirmed_by is None and data.get("cognizability_confirmed"):
        confirmed_by = user
    if confirmed_by is not None:
        fir.cognizability_confirmed_by = confirmed_by
        fir.cognizability_confirmed_at = at
    fir.sensitive_by_sections = _sensitive_by_sections(resolved)
    fir.is_sensitive = fir.sensitive_by_sections
    fir.transferred_from = transferred_from
    if transferred_from is not None:
        fir.informant_id_hash = transferred_from.informant_id_hash
    fir.complaint = complaint
    fir.warnings = [w.as_dict() for w in warnings]
    if needs_approval:
        fir.status = FIRStatus.PENDING_APPROVAL
    else:
        _issue(fir, registered_at)
    # A new FIR has no incoming Zero FIR transfer yet: caching that spares the audit log's walk
    # over the fields a query per registration.
    FIR._meta.get_field("transfer_in").set_cached_value(fir, None)
    fir.save()
    _insert_children(fir, data, resolved)
    if not needs_approval and requires_approval():
        _cache_related(fir, "approvals", [FIRApproval.objects.create(
            fir=fir, decision=ApprovalDecision.APPROVED, decided_by=user, decided_at=at,
            remarks=_("Registered by the SHO."),
        )])
    kind_gd = GDKind.FIR_SUBMITTED if needs_approval else GDKind.FIR_REGISTERED
    add_gd_entry(station, user, kind_gd, _fir_text(fir, resolved), record=fir, now=at, check_permission=False)
    if complaint is not None:
        from .complaints import _complaint_outcome_gd

        _complaint_outcome_gd(complaint, fir, user, at)
    return fir


def _locked(fir: FIR) -> FIR:
    """Re-read ``fir`` with its row locked (PostgreSQL) for a state change."""
    return FIR.objects.select_for_update(of=("self",)).select_related("police_station").get(pk=fir.pk)


def approve_fir(fir: FIR, sho, remarks: str = "", *, now: datetime.datetime | None = None) -> FIR:
    """The SHO approves an FIR pending approval: it takes its number and issues (status
    *registered*); an :class:`FIRApproval` and a GD entry are written.

    Raises ``PermissionDenied`` unless ``sho`` is the SHO of the FIR's station
    (``registration.approve_fir``); ``ValidationError`` if the FIR is not pending approval.
    """
    require(sho, "registration.approve_fir", fir)
    at = now_or(now)
    with transaction.atomic():
        fir = _locked(fir)
        if fir.status != FIRStatus.PENDING_APPROVAL:
            raise ValidationError({"status": _("Only an FIR pending approval can be approved.")})
        if fir.submitted_at and at < fir.submitted_at:
            raise ValidationError({"registered_at": _("An FIR cannot be approved before it was submitted.")})
        _issue(fir, at)
        fir.save()
        FIRApproval.objects.create(fir=fir, decision=ApprovalDecision.APPROVED, decided_by=sho, decided_at=at, remarks=remarks)
        add_gd_entry(fir.police_station, sho, GDKind.FIR_REGISTERED,
                     _("Approved by the SHO and registered: %(text)s") % {"text": _fir_text(fir)},
                     record=fir, now=at, check_permission=False)
    return fir


def return_fir(fir: FIR, sho, remarks: str, *, now: datetime.datetime | None = None) -> FIR:
    """The SHO returns an FIR pending approval for correction, with remarks (required).

    Raises ``PermissionDenied`` (not the station's SHO) or ``ValidationError``.
    """
    require(sho, "registration.return_fir", fir)
    if not (remarks or "").strip():
        raise ValidationError({"remarks": _("Say what is to be corrected.")})
    at = now_or(now)
    with transaction.atomic():
        fir = _locked(fir)
        if fir.status != FIRStatus.PENDING_APPROVAL:
            raise ValidationError({"status": _("Only an FIR pending approval can be returned.")})
        fir.status = FIRStatus.RETURNED
        fir.save()
        FIRApproval.objects.create(fir=fir, decision=ApprovalDecision.RETURNED, decided_by=sho, decided_at=at, remarks=remarks)
        add_gd_entry(fir.police_station, sho, GDKind.FIR_RETURNED,
                     _("FIR submitted at %(time)s returned for correction: %(remarks)s") % {
                         "time": fir.submitted_at.strftime("%H:%M") if fir.submitted_at else "", "remarks": remarks},
                     record=fir, now=at, check_permission=False)
    return fir


def resubmit_fir(fir: FIR, user, changes: dict | None = None, remarks: str = "", *,
                 now: datetime.datetime | None = None) -> FIR:
    """Resubmit a returned FIR for approval, with ``changes`` (as for :func:`correct_fir`).

    Raises ``PermissionDenied`` (not a writer/SHO of the station), ``ValidationError`` (not
    returned) or ``RuleValidationError``.
    """
    require(user, "registration.resubmit_fir", fir)
    at = now_or(now)
    with transaction.atomic():
        fir = _locked(fir)
        if fir.status != FIRStatus.RETURNED:
            raise ValidationError({"status": _("Only a returned FIR can be resubmitted.")})
        if changes:
            _apply_changes(fir, user, changes, remarks or _("Corrected after return"), at)
        fir.status = FIRStatus.PENDING_APPROVAL
        fir.submitted_at = at
        fir.save()
        add_gd_entry(fir.police_station, user, GDKind.FIR_SUBMITTED,
                     _("Resubmitted for approval: %(text)s") % {"text": _fir_text(fir)},
                     record=fir, now=at, check_permission=False)
    return fir


# --------------------------------------------------------------------------------------------
# Corrections (versions)
# --------------------------------------------------------------------------------------------

def fir_input_data(fir: FIR) -> dict:
    """The FIR's current data in the input shape of :func:`register_fir` (sections as
    ``(Section, label)`` pairs), for corrections and transfers."""
    data = {k: getattr(fir, k) for k in FIR_FIELDS}
    data["informant_id_number"] = fir.informant_id_number
    data["sections"] = [(fs.section, fs.label) for fs in fir.sections.select_related("section__act")]
    data["victims"] = [{k: getattr(v, k) for k in VICTIM_FIELDS} for v in fir.victims.all()]
    data["accused"] = [{k: getattr(a, k) for k in ACCUSED_FIELDS} for a in fir.accused.all()]
    data["properties"] = [{k: getattr(p, k) for k in PROPERTY_FIELDS} for p in fir.properties.all()]
    return data


def fir_snapshot(fir: FIR) -> dict:
    """The whole FIR as JSON-ready data (its fields and child rows), for :class:`FIRVersion`."""
    import json

    data = {}
    for f in fir._meta.concrete_fields:
        data[f.attname] = getattr(fir, f.attname)
    data["sections"] = [{"section_id": fs.section_id, "act": fs.section.act.code, "label": fs.label}
                        for fs in fir.sections.select_related("section__act")]
    data["victims"] = [{k: getattr(v, k) for k in VICTIM_FIELDS} for v in fir.victims.all()]
    data["accused"] = [{k: getattr(a, k) for k in ACCUSED_FIELDS} for a in fir.accused.all()]
    data["properties"] = [{k: getattr(p, k) for k in PROPERTY_FIELDS} for p in fir.properties.all()]
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _apply_changes(fir: FIR, user, changes: dict, reason: str, at) -> list[str]:
    changes = dict(changes)
    _check_keys(changes)
    for frozen in ("registered_at",):
        if frozen in changes:
            raise ValidationError({frozen: _("This cannot be corrected.")})
    before = fir_input_data(fir)
    merged = dict(before)
    merged.update(changes)
    confirmed_by = fir.cognizability_confirmed_by if not changes.get("cognizability_confirmed") else user
    resolved, warnings = check_fir_data(merged, user, registered_at=fir.registered_at or at, now=at,
                                        confirmed_by=confirmed_by)
    changed = sorted(k for k in changes if k in FIR_FIELDS + CHILD_KEYS + ["informant_id_number"]
                     and changes[k] != before.get(k))
    FIRVersion.objects.create(fir=fir, version=fir.version, snapshot=fir_snapshot(fir), changed_fields=changed,
                              reason=reason, changed_by=user, changed_at=at)
    _apply_fields(fir, changes, FIR_FIELDS)
    if changes.get("cognizability_confirmed") and fir.cognizability_confirmed_by_id != user.pk:
        fir.cognizability_confirmed_by, fir.cognizability_confirmed_at = user, at
    new_resolved = resolved if "sections" in changes else None
    if new_resolved is not None:
        fir.sensitive_by_sections = _sensitive_by_sections(new_resolved)
    fir.is_sensitive = fir.sensitive_by_sections or fir.sensitive_set_by_id is not None
    fir.warnings = [w.as_dict() for w in warnings]
    _save_children(fir, changes, new_resolved)
    return changed


def correct_fir(fir: FIR, user, changes: dict, reason: str, *, now: datetime.datetime | None = None) -> FIR:
    """Correct an FIR: the version before the change is kept as an :class:`FIRVersion` (JSON
    snapshot, who, when, why) and a GD entry is written (DESIGN.md §4: records are never deleted;
    corrections are new versions with who, when and why).

    ``changes`` holds FIR fields and/or whole child lists (``sections``, ``victims``, ``accused``,
    ``properties`` replace the old lists). The number, station, status and registration time are
    not correctable. The merged FIR must pass every rule. Raises ``PermissionDenied`` (only the
    station's SHO corrects), ``ValidationError`` (no reason, nothing to change) or
    ``RuleValidationError``.
    """
    require(user, "registration.correct_fir", fir)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the correction.")})
    if not changes:
        raise ValidationError({"changes": _("Nothing to correct.")})
    at = now_or(now)
    with transaction.atomic():
        fir = _locked(fir)
        changed = _apply_changes(fir, user, changes, reason, at)
        fir.save()
        add_gd_entry(fir.police_station, user, GDKind.FIR_CORRECTED,
                     _("FIR %(number)s corrected (%(fields)s): %(reason)s") % {
                         "number": fir.number or fir.pk, "fields": ", ".join(changed) or "—", "reason": reason},
                     record=fir, now=at, check_permission=False)
    return fir


# --------------------------------------------------------------------------------------------
# IO, sensitivity
# --------------------------------------------------------------------------------------------

def assign_io(fir: FIR, sho, io, *, now: datetime.datetime | None = None) -> FIR:
    """The SHO assigns (or changes) the investigating officer of an issued FIR; GD entry.

    The IO must be an active station officer posted at the FIR's station (or an outpost under it)
    of rank ``CCTNS_IO_MIN_RANK`` or above. Raises ``PermissionDenied`` or ``ValidationError``.
    """
    require(sho, "registration.assign_io", fir)
    at = now_or(now)
    station = fir.police_station
    io_unit = getattr(io, "unit", None)
    posted = io_unit is not None and (io_unit.pk == station.pk or (io_unit.kind == UnitKind.OUTPOST and io_unit.parent_id == station.pk))
    if not (io.is_active and posted and io.role in STATION_ROLES and io.rank >= io_min_rank()):
        raise ValidationError({"io": _("The investigating officer must be an officer of this station of rank %(rank)s or above.")
                               % {"rank": Rank(io_min_rank()).label}})
    with transaction.atomic():
        fir = _locked(fir)
        if not fir.is_issued or fir.status == FIRStatus.TRANSFERRED:
            raise ValidationError({"status": _("An IO is assigned to a registered FIR of this station.")})
        previous = fir.io
        fir.io, fir.io_assigned_at = io, at
        fir.save()
        text = _("%(io)s assigned to investigate FIR %(number)s.") % {"io": io, "number": fir.number}
        if previous is not None and previous.pk != io.pk:
            text = _("%(io)s assigned to investigate FIR %(number)s in place of %(previous)s.") % {
                "io": io, "number": fir.number, "previous": previous}
        add_gd_entry(station, sho, GDKind.IO_ASSIGNED, text, record=fir, now=at, check_permission=False)
    return fir


def mark_sensitive(fir: FIR, user, reason: str, *, now: datetime.datetime | None = None) -> FIR:
    """Mark an FIR sensitive with a recorded reason (beyond the sections that make it sensitive
    automatically): never published, victims' identity shown only to the case's own officers
    (Youth Bar Association of India v. UoI, 2016: insurgency, terrorism, sexual offences, POCSO and
    other sensitive cases are not uploaded; BNS s.72; POCSO s.23).

    Only the station's SHO or a supervisory officer of DSP rank or above over the station may do it
    (``registration.mark_sensitive``). Sensitivity is never removed here. Raises
    ``PermissionDenied`` or ``ValidationError`` (no reason).
    """
    require(user, "registration.mark_sensitive", fir)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Record why the FIR is sensitive.")})
    at = now_or(now)
    with transaction.atomic():
        fir = _locked(fir)
        fir.is_sensitive = True
        fir.sensitive_reason = reason.strip()
        fir.sensitive_set_by, fir.sensitive_set_at = user, at
        fir.save()
        add_gd_entry(fir.police_station, user, GDKind.SENSITIVE,
                     _("FIR %(number)s marked sensitive by %(user)s; reason recorded.") % {
                         "number": fir.number or fir.pk, "user": user},
                     record=fir, now=at, check_permission=False)
    return fir


# --------------------------------------------------------------------------------------------
# Zero FIR
# --------------------------------------------------------------------------------------------

def transfer_zero_fir(fir: FIR, user, to_station, reason: str, *, now: datetime.datetime | None = None) -> Transfer:
    """Send an issued FIR to the police station with jurisdiction (Zero FIR, BNSS s.173(1)).

    The FIR becomes a Zero FIR with status *transferred*; a :class:`Transfer` is created and a GD
    entry written at the sending station. The receiving station then registers it under its own
    number with :func:`accept_transfer`. Raises ``PermissionDenied`` (not a writer/SHO of the
    FIR's station) or ``ValidationError`` (not issued, already transferred, same station, no reason).
    """
    require(user, "registration.transfer_fir", fir)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the transfer.")})
    if to_station is None or to_station.kind != UnitKind.POLICE_STATION:
        raise ValidationError({"to_station": _("Choose the police station with jurisdiction.")})
    if to_station.pk == fir.police_station_id:
        raise ValidationError({"to_station": _("The FIR is already at this station.")})
    at = now_or(now)
    with transaction.atomic():
        fir = _locked(fir)
        if fir.status != FIRStatus.REGISTERED:
            raise ValidationError({"status": _("Only a registered FIR that has not been transferred can be transferred.")})
        transfer = Transfer.objects.create(
            from_fir=fir, from_station=fir.police_station, to_station=to_station, reason=reason.strip(),
            sent_by=user, sent_at=at,
        )
        fir.kind = FIRKind.ZERO
        fir.status = FIRStatus.TRANSFERRED
        fir.save()
        add_gd_entry(fir.police_station, user, GDKind.FIR_TRANSFER_OUT,
                     _("Zero FIR %(number)s transferred to %(station)s: %(reason)s") % {
                         "number": fir.number, "station": to_station, "reason": reason.strip()},
                     record=fir, now=at, check_permission=False)
    return transfer


def accept_transfer(fir_or_transfer, user, *, remarks: str = "", now: datetime.datetime | None = None) -> FIR:
    """The receiving station registers a transferred Zero FIR under its own number.

    ``fir_or_transfer`` is the transferred FIR or its pending :class:`Transfer`. A new FIR is made
    at the receiving station with the same particulars, linked both ways (``transferred_from`` /
    ``transferred_to``); it is numbered at once, or pending the SHO's approval when approval is
    required and ``user`` is not the SHO. GD entry at the receiving station. Returns the new FIR.
    Raises ``PermissionDenied`` (not a writer/SHO of the receiving station) or ``ValidationError``
    (nothing pending).
    """
    if isinstance(fir_or_transfer, Transfer):
        transfer = fir_or_transfer
    else:
        transfer = fir_or_transfer.transfers_out.filter(status=TransferStatus.PENDING).first()
        if transfer is None:
            raise ValidationError({"status": _("This FIR has no pending transfer.")})
    require(user, "registration.accept_transfer", transfer.to_station)
    at = now_or(now)
    with transaction.atomic():
        transfer = Transfer.objects.select_for_update(of=("self",)).select_related("to_station", "from_fir").get(pk=transfer.pk)
        if transfer.status != TransferStatus.PENDING:
            raise ValidationError({"status": _("This transfer has already been accepted.")})
        source = FIR.objects.select_for_update().get(pk=transfer.from_fir_id)
        data = fir_input_data(source)
        data["kind"] = FIRKind.REGULAR
        resolved, warnings = check_fir_data(data, user, registered_at=at, now=at,
                                            confirmed_by=source.cognizability_confirmed_by)
        approver = rules.has_perm("registration.approve_fir", user, transfer.to_station)
        new = _create(transfer.to_station, user, data, resolved, warnings, at=at, registered_at=at,
                      needs_approval=requires_approval() and not approver, kind=FIRKind.REGULAR,
                      transferred_from=source, confirmed_by=source.cognizability_confirmed_by)
        if source.sensitive_set_by_id:
            FIR.objects.filter(pk=new.pk).update(
                is_sensitive=True, sensitive_reason=source.sensitive_reason,
                sensitive_set_by=source.sensitive_set_by, sensitive_set_at=source.sensitive_set_at)
            new.refresh_from_db()
        transfer.to_fir = new
        transfer.status = TransferStatus.ACCEPTED
        transfer.accepted_by, transfer.accepted_at, transfer.remarks = user, at, remarks
        transfer.save()
        source.transferred_to = new
        source.save()
        add_gd_entry(transfer.to_station, user, GDKind.FIR_TRANSFER_IN,
                     _("Zero FIR %(number)s of %(station)s received and registered here as %(new)s.") % {
                         "number": source.number, "station": source.police_station,
                         "new": new.number or _("(number on approval)")},
                     record=new, now=at, check_permission=False)
    return new


# --------------------------------------------------------------------------------------------
# Victim identity
# --------------------------------------------------------------------------------------------

def _root(user):
    cache = user.__dict__.setdefault("_registration_cache", {})
    if "root" not in cache:
        cache["root"] = user.jurisdiction_root()
    return cache["root"]


def case_stations(fir: FIR) -> list:
    """The stations of the case: the FIR's own, the station it came from, and the stations it was
    sent to as a Zero FIR (before and after they accept it)."""
    stations = [fir.police_station]
    for linked in (fir.transferred_from, fir.transferred_to):
        if linked is not None:
            stations.append(linked.police_station)
    if fir.status == FIRStatus.TRANSFERRED or fir.transferred_to_id:
        stations.extend(t.to_station for t in fir.transfers_out.all())
    return stations


def is_case_officer(user, fir: FIR) -> bool:
    """The case's own officers: its IO; the officers posted at the FIR's station (or a station it
    was transferred from/to); supervisory officers in whose jurisdiction one of those lies."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active or user.unit_id is None:
        return False
    if fir.io_id is not None and fir.io_id == user.pk:
        return True
    stations = case_stations(fir)
    if user.role in STATION_ROLES:
        unit = user.unit
        return any(unit.pk == st.pk or (unit.kind == UnitKind.OUTPOST and unit.parent_id == st.pk) for st in stations)
    if user.role == Role.SUPERVISOR:
        root = _root(user)
        return root is not None and any(st.path.startswith(root.path) for st in stations)
    return False


def is_child(person, fir: FIR) -> bool:
    """Whether ``person`` (a victim or accused) was under 18 on the date of the occurrence."""
    day = local_date(fir.occurrence_from) if fir.occurrence_from else None
    age = person.age_on(day) if hasattr(person, "age_on") else None
    return age is not None and age < 18


def can_see_victim_identity(user, fir: FIR, victim=None) -> bool:
    """Whether ``user`` may see the identity of the victims of ``fir`` (or of one ``victim``).

    A victim's name and particulars are protected when the FIR is sensitive (sexual offences and
    the other sections reference data marks, or marked by the SHO: BNS s.72, POCSO s.23, Nipun
    Saxena v. UoI 2018) or the victim is a child (JJ Act s.74, POCSO s.23). Protected identities
    are shown only to the case's own officers (:func:`is_case_officer`); everyone else — other
    stations, other districts, state and national analysts, administrators — sees ``[protected]``.
    The one place this is decided, for the API, pages, exports and PDFs.
    """
    if victim is not None:
        from cctns.core import protection

        return protection.can_see(user, victim)  # the policy of cctns.registration.protection
    if not fir.is_sensitive:
        return True
    return is_case_officer(user, fir)


def identity_visible_q(user) -> Q:
    """A queryset filter matching the FIRs whose protected particulars ``user`` may see, or that
    are not sensitive: used to keep narrative search from revealing sensitive FIRs."""
    return Q(is_sensitive=False) | case_officer_q(user)


def case_officer_q(user) -> Q:
    """A queryset filter matching the FIRs of which ``user`` is one of the case's officers (the
    queryset form of :func:`is_case_officer`); matches nothing for a user without a posting. The
    person index uses it to hide protected parties (child victims too) outside the case."""
    q = Q(pk__in=[])
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active or user.unit_id is None:
        return q
    q |= Q(io=user)
    if user.role in STATION_ROLES:
        station = user.unit if user.unit.kind != UnitKind.OUTPOST else user.unit.parent
        if station is not None:
            q |= (Q(police_station=station) | Q(transferred_from__police_station=station)
                  | Q(transferred_to__police_station=station)
                  | Exists(Transfer.objects.filter(from_fir=OuterRef("pk"), to_station=station)))
    elif user.role == Role.SUPERVISOR:
        root = _root(user)
        if root is not None:
            q |= (Q(police_station__path__startswith=root.path)
                  | Q(transferred_from__police_station__path__startswith=root.path)
                  | Q(transferred_to__police_station__path__startswith=root.path)
                  | Exists(Transfer.objects.filter(from_fir=OuterRef("pk"), to_station__path__startswith=root.path)))
    return q
