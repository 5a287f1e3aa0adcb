"""Organisation (units and their hierarchy), police users, and the base of every police record."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from .constants import STATION_ROLES, UNIT_LEVEL, Rank, Role, UnitKind
from .querysets import JurisdictionQuerySet, UnitQuerySet

PATH_SEPARATOR = "/"


class Unit(models.Model):
    """An organisational unit: national, state, zone, range, district, sub-division, circle,
    police station, outpost, or an office (SCRB, NCRB) attached to one of them.

    Jurisdiction is the subtree. The subtree is found by one indexed prefix query on ``path``,
    a materialised path of primary keys (``/1/2/57/``), so no recursion happens per request.
    ``code`` is unique across the node: state codes are LGD state codes (``28``), districts
    ``<state>-<district>``, stations ``<state>-<district>-<ps>`` (see ``services.unit_code``);
    the reference geography's codes (``28-D07-SD03-C02-PS011``) are described in
    ``core/reference.py`` and ``core/data/SOURCES.md``.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    lgd_code = models.CharField(
        _("LGD code"), max_length=10, blank=True,
        help_text=_("Local Government Directory code of the state or revenue district, where one applies."),
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.TextField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    source = models.CharField(
        _("source"), max_length=200, blank=True,
        help_text=_("Where this unit's record came from (reference data file, seed, manual entry)."),
    )
    is_active = models.BooleanField(default=True)

    jurisdiction_field = ""  # a unit's jurisdiction is its own subtree
    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        indexes = [models.Index(fields=["kind", "path"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        """Save, keeping ``path`` and ``depth`` (and those of the whole subtree) consistent."""
        with transaction.atomic():
            old_path = self.path
            if not self.pk:
                super().save(*args, **kwargs)
                kwargs = {}
            self.path = self._compute_path()
            self.depth = self.path.count(PATH_SEPARATOR) - 2
            super().save(*args, **{k: v for k, v in kwargs.items() if k != "force_insert"})
            if old_path and old_path != self.path:
                for child in Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk):
                    child.path = self.path + child.path[len(old_path):]
                    child.depth = child.path.count(PATH_SEPARATOR) - 2
                    Unit.objects.filter(pk=child.pk).update(path=child.path, depth=child.depth)

    def clean(self) -> None:
        """Refuse a parent that does not sit above this unit in the hierarchy."""
        if self.parent_id and self.kind != UnitKind.OFFICE:
            if UNIT_LEVEL[UnitKind(self.parent.kind)] >= UNIT_LEVEL[UnitKind(self.kind)]:
                raise ValidationError(
                    {"parent": _("A %(kind)s cannot sit under a %(parent)s.")
                     % {"kind": self.get_kind_display(), "parent": self.parent.get_kind_display()}}
                )
        if self.pk and self.parent_id and self.parent.path.startswith(self.path):
            raise ValidationError({"parent": _("A unit cannot sit under itself or its own subtree.")})

    def _compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else PATH_SEPARATOR
        return f"{prefix}{self.pk}{PATH_SEPARATOR}"

    def is_within(self, other: "Unit") -> bool:
        """True when this unit is ``other`` or lies in ``other``'s subtree."""
        return self.path.startswith(other.path)

    def ancestors(self) -> "UnitQuerySet":
        """This unit's ancestors, top down (not including itself)."""
        ids = [int(x) for x in self.path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR)[:-1]]
        return Unit.objects.filter(pk__in=ids).order_by("depth")

    def ancestor_of_kind(self, kind: str) -> "Unit | None":
        """The nearest unit of ``kind`` at or above this one, or ``None``."""
        if self.kind == kind:
            return self
        return self.ancestors().filter(kind=kind).order_by("-depth").first()

    def descendants(self, include_self: bool = True) -> "UnitQuerySet":
        """Every unit in this unit's subtree."""
        qs = Unit.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)


class PoliceUserManager(UserManager):
    """Manager for :class:`User`; ``for_user`` scopes personnel lists by jurisdiction."""

    def get_queryset(self):
        return JurisdictionQuerySet(self.model, using=self._db)

    def for_user(self, user, action: str = "view"):
        return self.get_queryset().for_user(user, action)


class User(AbstractUser):
    """A user: police personnel with a rank, a role and a posting to a unit.

    ``belt_number`` is the force's personnel number. Jurisdiction follows from role and posting
    (see :meth:`jurisdiction_root`).
    """

    rank = models.IntegerField(_("rank"), choices=Rank.choices, default=Rank.CONSTABLE)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.STATION_WRITER)
    unit = models.ForeignKey(
        Unit, verbose_name=_("posting"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="personnel",
    )
    belt_number = models.CharField(_("belt / personnel number"), max_length=30, blank=True)
    name_hi = models.CharField(_("name (Hindi)"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    jurisdiction_field = "unit"
    objects = PoliceUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        full = self.get_full_name()
        return f"{full} ({self.get_rank_display()})" if full else self.username

    @property
    def is_station_user(self) -> bool:
        return self.role in STATION_ROLES

    @property
    def sees_everything(self) -> bool:
        """Administrators and NCRB analysts read every unit of the node."""
        return self.is_superuser or self.role in {Role.ADMIN, Role.NCRB_ANALYST}

    def jurisdiction_root(self) -> Unit | None:
        """The unit whose subtree this user may see, or ``None`` for no jurisdiction.

        - administrators and NCRB analysts: the top unit of the node (everything);
        - SCRB analysts: the state of their posting;
        - everyone else: their posting (a station user sees the station and its outposts; a
          supervisor sees the sub-division, district, range, zone or state they head).
        """
        if not self.is_active or self.unit_id is None:
            if self.sees_everything:
                return Unit.objects.filter(parent__isnull=True).order_by("pk").first()
            return None
        if self.sees_everything:
            top = self.unit.path.strip(PATH_SEPARATOR).split(PATH_SEPARATOR)[0]
            return Unit.objects.get(pk=int(top))
        if self.role == Role.SCRB_ANALYST:
            return self.unit.ancestor_of_kind(UnitKind.STATE) or self.unit
        if self.unit.kind == UnitKind.OFFICE and self.unit.parent_id:
            return self.unit.parent
        return self.unit


class PoliceRecord(models.Model):
    """Abstract base of every police record (DESIGN.md §2, "exchange-ready from the first model").

    Carries a global id (UUID), its origin (state code and unit), a version number, and
    timestamps. Every save appends an :class:`OutboxEvent` in the same transaction, so the
    exchange feed, alerts and search indexing read one ordered stream of changes.
    Subclasses set ``jurisdiction_field`` to the path of the Unit that owns the record.
    """

    global_id = models.UUIDField(_("global id"), default=uuid.uuid4, unique=True, editable=False)
    origin_state = models.CharField(_("origin state"), max_length=10, default="", editable=False)
    origin_unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False,
    )
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False,
    )

    jurisdiction_field = "origin_unit"
    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        """Save the record, bump its version and append to the outbox in one transaction."""
        with transaction.atomic():
            if not self.origin_state:
                self.origin_state = settings.CCTNS_STATE_CODE
            self.version = (self.version or 0) + 1
            super().save(*args, **kwargs)
            OutboxEvent.objects.create(
                record_type=self._meta.label_lower, record_id=self.global_id, version=self.version,
            )

    def delete(self, *args, **kwargs):
        """Police records are never deleted (DESIGN.md §4); the attempt is audited."""
        from .signals import delete_refused

        delete_refused.send(sender=type(self), instance=self)
        raise ValidationError(_("Police records are never deleted; record a correction instead."))


class OutboxEvent(models.Model):
    """One committed change of a police record, in commit order (DESIGN.md §2).

    ``id`` is the order. Consumers (state→national feed, alerts, search indexing) remember the
    last id they processed.
    """

    record_type = models.CharField(max_length=100)
    record_id = models.UUIDField()
    version = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["record_type", "record_id"])]

    def __str__(self) -> str:
        return f"{self.record_type} {self.record_id} v{self.version}"


class Counter(models.Model):
    """The last number issued in one numbering series (FIR, NCR, GD, complaints …).

    A series is a ``scope`` string (``"FIR:57"`` for FIRs of the unit with pk 57) and a calendar
    ``year``; ``last_value`` is the last number handed out. Numbers are taken only through
    :func:`cctns.core.numbering.next_number`, inside the transaction that saves the record, so a
    failed save rolls the counter back with it and the series stays gapless.
    """

    scope = models.CharField(_("scope"), max_length=100)
    year = models.PositiveSmallIntegerField(_("year"))
    last_value = models.PositiveIntegerField(_("last value"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")
        constraints = [models.UniqueConstraint(fields=["scope", "year"], name="core_counter_scope_year")]

    def __str__(self) -> str:
        return f"{self.scope}/{self.year}: {self.last_value}"


class Alert(models.Model):
    """One item in an officer's or a unit's inbox: a deadline coming up, a match to review, a
    complaint to act on (DESIGN.md §4 "deadlines tracked and alerted", §5 "a hit alerts the
    owning officers").

    Alerts are raised and closed only through :mod:`cctns.core.alerts`, which keys each one
    (``key``) so that recomputing a deadline updates the same alert instead of adding another.
    The text is not stored: ``kind`` names a registered :class:`~cctns.core.alerts.AlertKind`
    whose translated message is filled from ``params`` when shown, in the reader's language.
    Alerts are closed, never deleted.
    """

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=60, db_index=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="alerts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("officer"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="alerts",
    )
    record_type = models.CharField(_("record type"), max_length=100, blank=True)
    record_id = models.UUIDField(_("record"), null=True, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    due_at = models.DateTimeField(_("due"), null=True, blank=True, db_index=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True)
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    acknowledged_at = models.DateTimeField(_("seen at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    close_reason = models.CharField(_("reason closed"), max_length=300, blank=True)

    jurisdiction_field = "unit"
    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["due_at", "-raised_at"]
        indexes = [models.Index(fields=["unit", "state"]), models.Index(fields=["user", "state"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.key}"

    def delete(self, *args, **kwargs):
        """Alerts are closed with a reason, never deleted."""
        raise ValidationError(_("Alerts are closed, never deleted."))


class Approval(models.Model):
    """A request for an action that needs a superior's sign-off, and its decision (issue 4 §4).

    Proposed by ``requested_by`` with a ``reason``; decided (approved, or returned with
    ``remarks``) by an officer of at least ``approver_rank`` whose jurisdiction holds ``unit``,
    never by the requester. The action itself (``action``: a code registered in
    :mod:`cctns.core.approvals`) is applied only on approval, in the same transaction. The
    record acted on is ``content_type`` / ``object_pk``; ``params`` carries the action's inputs
    (never a protected value: approvers' inboxes show them). Written only through
    :mod:`cctns.core.approvals`; never deleted; every change is audited.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    action = models.CharField(_("action"), max_length=80, db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="approvals")
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, related_name="+")
    object_pk = models.CharField(_("record"), max_length=64)
    record_label = models.CharField(_("record"), max_length=200, blank=True)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    reason = models.TextField(_("reason"))
    approver_rank = models.IntegerField(_("approver's rank (at least)"), choices=Rank.choices)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("requested by"))
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)

    jurisdiction_field = "unit"
    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["unit", "status"]), models.Index(fields=["content_type", "object_pk"])]

    def __str__(self) -> str:
        return f"{self.action} {self.record_label or self.object_pk} ({self.status})"

    def delete(self, *args, **kwargs):
        """Approvals are decided or withdrawn, never deleted."""
        raise ValidationError(_("Approvals are never deleted."))
