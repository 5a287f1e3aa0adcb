"""The audit log (issue 4; DESIGN.md §6): :class:`AuditEntry` rows and the hash chain over them.

django-auditlog writes its log entries into :class:`AuditEntry` (``AUDITLOG_LOGENTRY_MODEL``):
creates, updates and delete attempts of every registered model, with the fields before and after.
The same table holds what django-auditlog does not see: sensitive reads, sign-ins, failed
sign-ins, sign-outs, API tokens issued, exports. Each entry records who (user, rank, role, unit
at the time), when, what (object and changes), from where (address, user agent, request id)
and why (a reason, where the action needed one).

Entries are only ever inserted. After the inserting transaction commits, :func:`seal_pending`
(``cctns.audit.chain``) appends each new entry to the chain: one :class:`AuditChainLink` per
entry, in sealing order, whose ``entry_hash`` is ``sha256(prev_hash + canonical JSON of the
entry)``. Changing, deleting or reordering an entry or a link breaks the chain at that point,
which ``cctns audit verify`` reports. On PostgreSQL the application's database role may only
INSERT and SELECT these tables (``cctns audit grants``; docs/security.md).
"""

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .constants import Kind


class AppendOnlyQuerySet(models.QuerySet):
    """Audit rows are never changed or deleted, not even in bulk."""

    def update(self, **kwargs):
        raise ValidationError(_("Audit entries are never changed."))

    def delete(self):
        raise ValidationError(_("Audit entries are never deleted."))


class AuditEntryQuerySet(AppendOnlyQuerySet):
    def for_object(self, obj) -> "AuditEntryQuerySet":
        """Entries about one object (any model), oldest first."""
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_model(obj.__class__)
        return self.filter(content_type=ct, object_pk=str(obj.pk)).order_by("timestamp", "id")


class AuditEntryManager(LogEntryManager.from_queryset(AuditEntryQuerySet)):
    """django-auditlog's manager (``log_create``, ``log_m2m_changes``) on our queryset."""

    def _get_serialized_data_or_none(self, instance):
        return None  # full versions are the records' own business (FIRVersion); entries keep the diff


class AuditEntry(AbstractLogEntry):
    """One audited event.

    Inherited from django-auditlog: ``content_type``/``object_pk``/``object_id``/``object_repr``
    (what), ``action`` (0 create, 1 update, 2 delete, 3 access), ``changes`` (``{field: [before,
    after]}``, strings), ``actor``, ``remote_addr``, ``cid`` (the request id), ``timestamp`` (UTC),
    ``additional_data``. Ours: ``kind`` (:class:`~cctns.audit.constants.Kind`), the actor's
    username, rank, role and unit code *as they were* at the time, ``user_agent`` and ``reason``.

    Sign-in events name the user as ``content_type`` = user and ``object_pk`` = the user's id
    (empty for a failed sign-in with an unknown username; the username tried is in
    ``additional_data``).
    """

    # Redeclared from AbstractLogEntry: PROTECT, never CASCADE / SET NULL, because deleting a
    # content type or a user must not change or delete audit rows.
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.PROTECT, related_name="+", verbose_name=_("content type"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, blank=True, null=True, related_name="+",
        verbose_name=_("actor"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    actor_rank = models.IntegerField(_("rank"), null=True, blank=True)
    actor_role = models.CharField(_("role"), max_length=20, blank=True)
    actor_unit = models.CharField(_("unit code"), max_length=40, blank=True)
    user_agent = models.CharField(_("user agent"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-timestamp", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_pk", "timestamp"]),
            models.Index(fields=["actor", "timestamp"]),
        ]

    def save(self, *args, **kwargs) -> None:
        """Insert only; fills who/where/why from the audit context (``cctns.audit.context``)."""
        if not self._state.adding:
            raise ValidationError(_("Audit entries are never changed."))
        from .context import fill_entry

        fill_entry(self)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Audit entries are never deleted."))

    @property
    def changed_fields(self) -> list[str]:
        """Names of the fields this entry changed (no values)."""
        return sorted((self.changes or {}).keys()) if isinstance(self.changes, dict) else []


class AuditChainLink(models.Model):
    """A link of the hash chain: entry ``entry`` at position ``seq`` (1, 2, 3 … without gaps).

    ``entry_hash`` = ``sha256(prev_hash + canonical_json(entry))`` in hex, where ``prev_hash`` is
    the previous link's ``entry_hash`` (64 zeros for the first link); the canonical JSON is
    :func:`cctns.audit.chain.canonical_entry` (sorted keys, no spaces, UTF-8, timestamps in UTC).
    """

    seq = models.BigIntegerField(_("position"), primary_key=True)
    entry = models.OneToOneField(AuditEntry, on_delete=models.PROTECT, related_name="chain_link")
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64)
    sealed_at = models.DateTimeField(_("sealed at"), auto_now_add=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit chain link")
        verbose_name_plural = _("audit chain links")

    def __str__(self) -> str:
        return f"#{self.seq} {self.entry_hash[:12]}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(_("Audit entries are never changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Audit entries are never deleted."))
