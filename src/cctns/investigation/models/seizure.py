"""IIF-4 Search & Seizure Memo: the items seized and the chain of custody of each."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord
from cctns.registration.models.common import AppendOnlyQuerySet


class SeizedItemKind(models.TextChoices):
    """The kind of a seized item (each has its own identifiers)."""

    VEHICLE = "vehicle", _("Vehicle")
    FIREARM = "firearm", _("Firearm")
    MOBILE_PHONE = "mobile_phone", _("Mobile phone")
    OTHER = "other", _("Other")


class Seizure(PoliceRecord):
    """IIF-4: one search and seizure in an FIR: when and where, by whom, before which two
    witnesses, and the audio-video recording of it (BNSS s.105). Append-only."""

    fir = models.ForeignKey("registration.FIR", verbose_name=_("FIR"), on_delete=models.PROTECT, related_name="seizures")
    searched_at = models.DateTimeField(_("date and time of search"))
    place = models.CharField(_("place of search"), max_length=300)
    searching_officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("searching officer"),
                                          on_delete=models.PROTECT, related_name="+")
    witness1_name = models.CharField(_("first witness"), max_length=200)
    witness1_address = models.CharField(_("first witness's address"), max_length=300)
    witness2_name = models.CharField(_("second witness"), max_length=200)
    witness2_address = models.CharField(_("second witness's address"), max_length=300)
    audio_video_reference = models.CharField(_("audio-video recording reference (BNSS s.105)"), max_length=200)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    related_name="+")

    jurisdiction_field = "fir__police_station"
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["fir", "searched_at", "id"]
        verbose_name = _("search and seizure memo")
        verbose_name_plural = _("search and seizure memos")

    def __str__(self) -> str:
        return f"{self.place} {self.searched_at:%d-%m-%Y}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(_("A seizure memo is never edited; record a new one instead."))
        super().save(*args, **kwargs)


class SeizedItem(PoliceRecord):
    """One item seized, with the identifiers of its kind: a vehicle's registration, chassis and
    engine numbers; a firearm's bore and serial; a phone's IMEI; a description and value for
    all. ``kept_at`` is where it was first deposited; later movements are :class:`CustodyMovement`."""

    seizure = models.ForeignKey(Seizure, verbose_name=_("seizure"), on_delete=models.PROTECT, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=SeizedItemKind.choices)
    description = models.CharField(_("description"), max_length=500)
    registration_number = models.CharField(_("registration number"), max_length=20, blank=True)
    chassis_number = models.CharField(_("chassis number"), max_length=40, blank=True)
    engine_number = models.CharField(_("engine number"), max_length=40, blank=True)
    bore = models.CharField(_("bore"), max_length=40, blank=True)
    serial_number = models.CharField(_("serial number"), max_length=60, blank=True)
    imei = models.CharField(_("IMEI"), max_length=20, blank=True)
    value = models.DecimalField(_("value (₹)"), max_digits=14, decimal_places=2, null=True, blank=True)
    kept_at = models.CharField(_("where kept"), max_length=300)

    jurisdiction_field = "seizure__fir__police_station"
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["seizure", "order"]
        verbose_name = _("seized item")
        verbose_name_plural = _("seized items")

    def __str__(self) -> str:
        return self.description

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(_("A seized item is never edited; record its movements instead."))
        super().save(*args, **kwargs)


class CustodyMovement(PoliceRecord):
    """One movement of a seized item (chain of custody): from where, to where, by whom, when
    and why. Every movement is a new row; rows are never edited nor deleted."""

    item = models.ForeignKey(SeizedItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="movements")
    from_place = models.CharField(_("from"), max_length=300)
    to_place = models.CharField(_("to"), max_length=300)
    moved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("moved by"), on_delete=models.PROTECT,
                                 related_name="+")
    moved_at = models.DateTimeField(_("when"))
    purpose = models.CharField(_("purpose"), max_length=300)

    jurisdiction_field = "item__seizure__fir__police_station"
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["item", "moved_at", "id"]
        verbose_name = _("custody movement")
        verbose_name_plural = _("custody movements")

    def __str__(self) -> str:
        return f"{self.from_place} → {self.to_place}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(_("The chain of custody is never edited; record a new movement instead."))
        super().save(*args, **kwargs)
