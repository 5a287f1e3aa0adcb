"""Property items and their state history.

One concrete table ``PropertyItem`` (the state, the owning station, the FIR and seizure links)
with a child table per kind (multi-table inheritance): ``Vehicle``, ``Firearm``,
``MobilePhone``, ``OtherProperty``. The normalised identifier columns of the children are
derived on every save (:mod:`cctns.property.services.normalise`) and indexed for the matcher.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord, Unit
from cctns.core.querysets import JurisdictionQuerySet

from .. import normalise as n
from ..constants import (
    FOUND_STATES,
    REPORTED_STATES,
    FirearmType,
    ItemKind,
    PropertyState,
    VehicleType,
)


class PropertyQuerySet(JurisdictionQuerySet):
    """Items; bulk delete is refused (police records are never deleted, DESIGN.md §4)."""

    def delete(self):
        raise ValidationError(_("Police records are never deleted; record a correction instead."))

    def reported(self):
        """Items reported stolen or lost and not yet found."""
        return self.filter(state__in=REPORTED_STATES)

    def found(self):
        """Items seized, recovered or unclaimed (in police hands)."""
        return self.filter(state__in=FOUND_STATES)


def validate_imei(value: str) -> None:
    """A field validator: 15 digits with a valid Luhn check digit (3GPP TS 23.003 Annex B)."""
    d = n.normalise_imei(value)
    if len(d) != 15:
        raise ValidationError(
            _("An IMEI has 15 digits (found %(count)s). Dial *#06# on the phone to read it."),
            code="imei_length", params={"count": len(d)})
    if not n.imei_is_valid(d):
        raise ValidationError(
            _("This IMEI's last digit does not check: the 15th digit should be %(digit)s. Check the number again."),
            code="imei_check_digit", params={"digit": n.luhn_check_digit(d[:14])})


class PropertyItem(PoliceRecord):
    """An item of property known to the police: reported stolen or lost, or seized, recovered or
    found unclaimed, until it is returned to its owner (IIF-1 "property stolen"; IIF-4 "each item
    seized"). Owned by one police station (``police_station``). ``state`` moves only through
    :func:`cctns.property.services.records.change_state`, which writes a :class:`StateChange`.

    ``seizure_reference`` is the free reference of the IIF-4 seizure memo (a foreign key to the
    seizure memo follows when that model exists). ``fir`` links the FIR that reports the theft or
    records the seizure; ``fir_property`` the row of the FIR's property list, when known.
    """

    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices, editable=False)
    police_station = models.ForeignKey(
        Unit, verbose_name=_("police station"), on_delete=models.PROTECT, related_name="property_items",
    )
    state = models.CharField(_("state"), max_length=10, choices=PropertyState.choices, db_index=True)
    state_changed_at = models.DateTimeField(_("state since"), null=True, blank=True, editable=False)
    fir = models.ForeignKey(
        "registration.FIR", verbose_name=_("FIR"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="property_items",
    )
    fir_property = models.ForeignKey(
        "registration.FIRProperty", verbose_name=_("FIR property row"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="property_items",
    )
    seizure_reference = models.CharField(
        _("seizure memo reference"), max_length=80, blank=True,
        help_text=_("Number of the search and seizure memo (IIF-4), when the item was seized."),
    )
    occurred_on = models.DateField(_("date stolen, lost or found"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    owner_name = models.CharField(_("owner's name"), max_length=200, blank=True)
    owner_mobile = models.CharField(_("owner's mobile"), max_length=20, blank=True)
    reported_by_public = models.BooleanField(_("reported through the citizen portal"), default=False, editable=False)
    remarks = models.TextField(_("remarks"), blank=True)

    jurisdiction_field = "police_station"
    objects = PropertyQuerySet.as_manager()

    class Meta:
        verbose_name = _("property item")
        verbose_name_plural = _("property items")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["police_station", "kind", "state"])]

    def __str__(self) -> str:
        specific = self.specific
        return specific.label() if specific is not self else f"{self.get_kind_display()} {self.pk}"

    @property
    def specific(self):
        """The child row (a :class:`Vehicle`, :class:`Firearm` …) of this item."""
        attr = {ItemKind.VEHICLE: "vehicle", ItemKind.FIREARM: "firearm", ItemKind.PHONE: "mobilephone",
                ItemKind.OTHER: "otherproperty"}.get(self.kind)
        if type(self) is not PropertyItem or attr is None:
            return self
        return getattr(self, attr, self)

    def label(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"

    @property
    def is_reported(self) -> bool:
        return self.state in REPORTED_STATES

    @property
    def is_found(self) -> bool:
        return self.state in FOUND_STATES

    def get_absolute_url(self) -> str:
        return reverse("property:item_detail", args=[self.pk])


class StateChange(models.Model):
    """One move of an item's state, with who, when and why (never edited, never deleted)."""

    item = models.ForeignKey(PropertyItem, on_delete=models.PROTECT, related_name="state_changes")
    from_state = models.CharField(_("from"), max_length=10, choices=PropertyState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=10, choices=PropertyState.choices)
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    seizure_reference = models.CharField(_("seizure memo reference"), max_length=80, blank=True)
    candidate = models.ForeignKey(
        "property.MatchCandidate", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )

    class Meta:
        ordering = ["item", "at", "pk"]
        verbose_name = _("state change")
        verbose_name_plural = _("state changes")

    def __str__(self) -> str:
        return f"{self.item_id}: {self.from_state or '—'} → {self.to_state}"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Police records are never deleted; record a correction instead."))


class Vehicle(PropertyItem):
    """A motor vehicle (or bicycle): registration mark, chassis (VIN) and engine numbers, make,
    model, colour, type, year. The raw numbers are kept as written; their normal forms, the
    registration's two halves, the reversed serials (suffix search) and the serial windows
    (tampered reads) are derived on save."""

    propertyitem_ptr = models.OneToOneField(PropertyItem, parent_link=True, primary_key=True, on_delete=models.PROTECT)

    registration_number = models.CharField(_("registration number"), max_length=20, blank=True)
    chassis_number = models.CharField(_("chassis number / VIN"), max_length=30, blank=True)
    engine_number = models.CharField(_("engine number"), max_length=30, blank=True)
    make = models.CharField(_("make"), max_length=60, blank=True)
    model = models.CharField(_("model"), max_length=60, blank=True)
    colour = models.CharField(_("colour"), max_length=40, blank=True)
    vehicle_type = models.CharField(_("type"), max_length=12, choices=VehicleType.choices, default=VehicleType.MOTORCYCLE)
    year = models.PositiveSmallIntegerField(_("year of manufacture"), null=True, blank=True)

    registration_normalised = models.CharField(max_length=20, blank=True, db_index=True, editable=False)
    registration_head = models.CharField(max_length=12, blank=True, db_index=True, editable=False)
    registration_tail = models.CharField(max_length=8, blank=True, db_index=True, editable=False)
    chassis_normalised = models.CharField(max_length=30, blank=True, editable=False)
    chassis_reversed = models.CharField(max_length=30, blank=True, editable=False)
    chassis_w1 = models.CharField(max_length=4, blank=True, db_index=True, editable=False)
    chassis_w2 = models.CharField(max_length=4, blank=True, db_index=True, editable=False)
    chassis_w3 = models.CharField(max_length=4, blank=True, db_index=True, editable=False)
    engine_normalised = models.CharField(max_length=30, blank=True, editable=False)
    engine_reversed = models.CharField(max_length=30, blank=True, editable=False)
    engine_w1 = models.CharField(max_length=4, blank=True, db_index=True, editable=False)
    engine_w2 = models.CharField(max_length=4, blank=True, db_index=True, editable=False)
    engine_w3 = models.CharField(max_length=4, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("vehicle")
        verbose_name_plural = _("vehicles")
        indexes = [
            models.Index(fields=["chassis_reversed"], name="property_vehicle_chassis_rev",
                         opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["engine_reversed"], name="property_vehicle_engine_rev",
                         opclasses=["varchar_pattern_ops"]),
        ]

    def label(self) -> str:
        ident = self.registration_number or self.chassis_number or self.engine_number or str(self.pk)
        return " ".join(x for x in (ident, self.make, self.model) if x)

    def derive(self) -> None:
        """Fill the normalised and index columns from the raw numbers."""
        reg = n.parse_registration(self.registration_number)
        self.registration_normalised, self.registration_head, self.registration_tail = reg.normalised, reg.head, reg.tail
        for prefix, raw in (("chassis", self.chassis_number), ("engine", self.engine_number)):
            norm = n.normalise_serial(raw)
            setattr(self, f"{prefix}_normalised", norm)
            setattr(self, f"{prefix}_reversed", n.reverse(norm))
            for i, window in enumerate(n.serial_windows(norm), start=1):
                setattr(self, f"{prefix}_w{i}", window)

    def save(self, *args, **kwargs) -> None:
        self.kind = ItemKind.VEHICLE
        self.derive()
        super().save(*args, **kwargs)


class Firearm(PropertyItem):
    """A firearm: type, make, bore (calibre), serial and butt numbers, arms licence number."""

    propertyitem_ptr = models.OneToOneField(PropertyItem, parent_link=True, primary_key=True, on_delete=models.PROTECT)

    firearm_type = models.CharField(_("type"), max_length=15, choices=FirearmType.choices, default=FirearmType.PISTOL)
    make = models.CharField(_("make"), max_length=60, blank=True)
    bore = models.CharField(_("bore / calibre"), max_length=20, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=40, blank=True)
    butt_number = models.CharField(_("butt number"), max_length=40, blank=True)
    licence_number = models.CharField(_("arms licence number"), max_length=60, blank=True)

    serial_normalised = models.CharField(max_length=40, blank=True, db_index=True, editable=False)
    serial_reversed = models.CharField(max_length=40, blank=True, editable=False)

    class Meta:
        verbose_name = _("firearm")
        verbose_name_plural = _("firearms")
        indexes = [models.Index(fields=["serial_reversed"], name="property_firearm_serial_rev",
                                opclasses=["varchar_pattern_ops"])]

    def label(self) -> str:
        return " ".join(x for x in (self.get_firearm_type_display(), self.make, self.bore, self.serial_number) if x)

    def save(self, *args, **kwargs) -> None:
        self.kind = ItemKind.FIREARM
        self.serial_normalised = n.normalise_serial(self.serial_number)
        self.serial_reversed = n.reverse(self.serial_normalised)
        super().save(*args, **kwargs)


class MobilePhone(PropertyItem):
    """A mobile phone: one or two IMEIs (15 digits, Luhn check digit validated), make, model.
    ``imei_body``/``imei_2_body`` (the first 14 digits) are what phones are matched on."""

    propertyitem_ptr = models.OneToOneField(PropertyItem, parent_link=True, primary_key=True, on_delete=models.PROTECT)

    imei = models.CharField(_("IMEI"), max_length=20, validators=[validate_imei],
                            help_text=_("15 digits; dial *#06# on the phone, or read the box or the bill."))
    imei_2 = models.CharField(_("second IMEI"), max_length=20, blank=True, validators=[validate_imei])
    make = models.CharField(_("make"), max_length=60, blank=True)
    model = models.CharField(_("model"), max_length=60, blank=True)
    colour = models.CharField(_("colour"), max_length=40, blank=True)

    imei_body = models.CharField(max_length=14, blank=True, db_index=True, editable=False)
    imei_2_body = models.CharField(max_length=14, blank=True, db_index=True, editable=False)

    class Meta:
        verbose_name = _("mobile phone")
        verbose_name_plural = _("mobile phones")

    def label(self) -> str:
        return " ".join(x for x in (self.make, self.model, self.imei) if x)

    def save(self, *args, **kwargs) -> None:
        self.kind = ItemKind.PHONE
        self.imei = n.normalise_imei(self.imei)
        self.imei_2 = n.normalise_imei(self.imei_2)
        self.imei_body = n.imei_body(self.imei)
        self.imei_2_body = n.imei_body(self.imei_2)
        super().save(*args, **kwargs)


class OtherProperty(PropertyItem):
    """Any other property: a category (the FIR's property categories), a description, its
    identifiers as ``{name: value}`` (a bank card's last digits, a laptop's serial …) and value."""

    propertyitem_ptr = models.OneToOneField(PropertyItem, parent_link=True, primary_key=True, on_delete=models.PROTECT)

    category = models.CharField(_("category"), max_length=20)
    description = models.CharField(_("description"), max_length=500)
    identifiers = models.JSONField(_("identifiers"), default=dict, blank=True)
    value = models.DecimalField(_("value (₹)"), max_digits=14, decimal_places=2, null=True, blank=True)

    class Meta:
        verbose_name = _("other property")
        verbose_name_plural = _("other property")

    def label(self) -> str:
        return self.description[:80]

    def save(self, *args, **kwargs) -> None:
        self.kind = ItemKind.OTHER
        super().save(*args, **kwargs)
