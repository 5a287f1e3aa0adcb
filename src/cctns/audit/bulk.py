"""Audit of rows written with ``QuerySet.bulk_create`` (issue 4 §1: *every* write is audited).

``bulk_create`` sends no ``post_save``, so django-auditlog never sees the rows it inserts: the
FIR's victims, accused, property and sections (``registration.services.fir``), a person's
duplicate candidates (``persons.services``) were written without an audit entry. :func:`install`
(called from ``AuditConfig.ready``) wraps ``QuerySet.bulk_create`` once, for every model: after the
rows are inserted, when the model is police data (:func:`cctns.audit.registry.is_police_data`)
and registered with django-auditlog, one *create* entry per inserted row is written — with every
audited field as "after", who/where/why from the audit context, in the same transaction — by one
``bulk_create`` of :class:`~cctns.audit.models.AuditEntry` (so the number of queries does not grow
with the number of rows), and the chain is sealed after commit as for any other entry.

Rows whose primary key the database did not return are not audited (``ignore_conflicts=True``
on PostgreSQL returns none: the rows that were really inserted cannot be told apart); services
that need those audited save them one by one. Reference data (units, users seeded in bulk) is
not police data and is not covered here.
"""

import contextlib
import contextvars
import functools

from django.db.models.query import QuerySet

_MARK = "_cctns_audited_bulk_create"


def _should_audit(model) -> bool:
    from auditlog.registry import auditlog

    from .registry import is_police_data

    return is_police_data(model) and auditlog.contains(model)


def entries_for(objs) -> list:
    """Unsaved *create* :class:`AuditEntry` rows for ``objs`` (saved model instances of one
    model), filled from the audit context; rows without a primary key are skipped."""
    from auditlog.cid import get_cid
    from auditlog.diff import model_instance_diff
    from auditlog.models import AbstractLogEntry
    from django.contrib.contenttypes.models import ContentType
    from django.utils.encoding import smart_str

    from .constants import Kind
    from .context import fill_entry
    from .models import AuditEntry

    out = []
    cid = get_cid()
    for obj in objs:
        if obj.pk is None:
            continue
        pk = obj.pk
        entry = AuditEntry(
            content_type=ContentType.objects.get_for_model(obj.__class__), object_pk=str(pk),
            object_id=pk if isinstance(pk, int) else None, object_repr=smart_str(obj)[:1000],
            action=AbstractLogEntry.Action.CREATE, kind=Kind.CREATE,
            changes=model_instance_diff(None, obj) or {}, cid=cid,
        )
        fill_entry(entry)
        out.append(entry)
    return out


#: The audit entries of the bulk inserts made inside :func:`one_insert` (None outside it).
_collected: contextvars.ContextVar[list | None] = contextvars.ContextVar("cctns_audit_bulk", default=None)


def audit_bulk_created(objs) -> int:
    """Write the audit entries of rows just saved by ``bulk_create``; returns how many.

    Inside :func:`one_insert` the entries are kept and written together when it ends."""
    entries = entries_for(objs)
    collected = _collected.get()
    if collected is not None:
        collected.extend(entries)
    else:
        _write(entries)
    return len(entries)


def _write(entries) -> None:
    from .chain import schedule_seal
    from .models import AuditEntry

    if entries:
        AuditEntry.objects.bulk_create(entries)
        schedule_seal()


@contextlib.contextmanager
def one_insert():
    """Write the audit entries of every ``bulk_create`` in the block with one insert, at its end
    (in the same transaction as the rows, which the caller holds open): an FIR's sections,
    victims, accused and property are audited by one query instead of four. Nothing is written
    if the block raises (its transaction rolls back the rows too)."""
    token = _collected.set([])
    try:
        yield
        entries = _collected.get()
    finally:
        _collected.reset(token)
    _write(entries)


def install() -> None:
    """Wrap ``QuerySet.bulk_create`` so that police data inserted in bulk is audited (idempotent)."""
    original = QuerySet.bulk_create
    if getattr(original, _MARK, False):
        return

    @functools.wraps(original)
    def bulk_create(self, objs, *args, **kwargs):
        created = original(self, objs, *args, **kwargs)
        if created and _should_audit(self.model):
            audit_bulk_created(created)
        return created

    setattr(bulk_create, _MARK, True)
    QuerySet.bulk_create = bulk_create
