"""Which models are police data, and their registration with django-auditlog.

Police data is found, not listed: every concrete subclass of :class:`cctns.core.models.PoliceRecord`
and every *child table*: a model of a ``cctns.*`` app with a foreign key (or one-to-one) into
police data, found transitively (FIR → FIRVictim; Complaint → PreliminaryEnquiry → EnquiryNote).
A new app's records are audited, and checked by the never-delete test, without touching this
module. ``core.User`` and ``core.Unit`` are audited as well (roles, postings, the hierarchy).
"""

from functools import cache

from django.apps import apps
from django.db import models

from .constants import EXCLUDED_FIELDS, PERMISSION_FIELDS, Kind

#: Tables with a foreign key into police data that are not police data themselves, with why.
#: They are not audited as records (they are audit or bookkeeping rows).
NOT_POLICE_DATA = {
    "audit.auditentry": "the audit log itself (refers to records by content type and id, no FK)",
    "audit.auditchainlink": "the audit hash chain",
    "matching.personkey": "derived blocking keys of a person, recomputed from its names (a search index)",
}


def _cctns_models(include_auto_created: bool = False) -> list[type[models.Model]]:
    return [m for m in apps.get_models(include_auto_created=include_auto_created)
            if m.__module__.startswith("cctns.")]


def police_record_models() -> list[type[models.Model]]:
    """Every concrete subclass of ``PoliceRecord`` (FIR, NCR, GD entry, complaint, person …)."""
    from cctns.core.models import PoliceRecord

    return [m for m in apps.get_models() if issubclass(m, PoliceRecord) and not m._meta.proxy]


@cache
def _police_data_labels() -> frozenset[str]:
    found = {m._meta.label_lower for m in police_record_models()}
    candidates = [m for m in _cctns_models() if m._meta.label_lower not in NOT_POLICE_DATA]
    changed = True
    while changed:
        changed = False
        for model in candidates:
            label = model._meta.label_lower
            if label in found:
                continue
            for field in model._meta.get_fields():
                if (field.is_relation and field.concrete and (field.many_to_one or field.one_to_one)
                        and field.related_model is not None
                        and field.related_model._meta.label_lower in found):
                    found.add(label)
                    changed = True
                    break
    return frozenset(found)


def police_child_models() -> list[type[models.Model]]:
    """Child tables of police records (not ``PoliceRecord`` subclasses themselves)."""
    records = {m._meta.label_lower for m in police_record_models()}
    labels = _police_data_labels()
    return [m for m in _cctns_models() if m._meta.label_lower in labels and m._meta.label_lower not in records]


def is_police_data(model) -> bool:
    """True for police records and their child tables."""
    return model._meta.label_lower in _police_data_labels()


def audited_models() -> list[type[models.Model]]:
    """Police records, their child tables, ``core.User``, ``core.Unit`` and ``core.Approval``."""
    from cctns.core.models import Approval, Unit, User

    out = police_record_models() + police_child_models()
    for extra in (User, Unit, Approval):
        if extra not in out:
            out.append(extra)
    return out


def _m2m_fields(model) -> set[str]:
    return {f.name for f in model._meta.many_to_many}


def register_audited_models() -> None:
    """Register :func:`audited_models` with django-auditlog (called from ``AuditConfig.ready``)."""
    from auditlog.registry import auditlog

    for model in audited_models():
        if auditlog.contains(model):
            continue
        exclude = [f for f in EXCLUDED_FIELDS if _has_field(model, f)]
        auditlog.register(model, exclude_fields=exclude, m2m_fields=_m2m_fields(model))


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - FieldDoesNotExist
        return False
    return True


def kind_for(entry) -> str:
    """The :class:`Kind` of an entry django-auditlog wrote, from its action and changed fields."""
    from auditlog.models import AbstractLogEntry

    Action = AbstractLogEntry.Action
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    if entry.action == Action.CREATE:
        return Kind.CREATE
    if entry.action == Action.DELETE:
        return Kind.DELETE
    if entry.action == Action.ACCESS:
        return Kind.ACCESS
    model = entry.content_type.model_class() if entry.content_type_id else None
    from cctns.core.models import User

    if model is User and PERMISSION_FIELDS.intersection(changes):
        return Kind.PERMISSION
    if "status" in changes:
        return Kind.STATUS
    return Kind.UPDATE
