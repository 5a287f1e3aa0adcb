"""The General Diary: the station's chronological, append-only log (DESIGN.md §3 "GD")."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord, Unit

from ..constants import GDKind
from .common import AppendOnlyQuerySet


class GDEntry(PoliceRecord):
    """One General Diary entry of a police station.

    Numbered per station per day (``number`` restarts at 1 each IST calendar day, gapless), with
    the time of the entry, its kind, the text, the author and, where it records an action on a
    record (an FIR registered, a transfer, an approval), a link to that record.

    Append-only: saving an existing entry and deleting are refused (a GD is never edited; a
    mistake is corrected by a later entry). Written through
    :func:`cctns.registration.services.add_gd_entry`.
    """

    police_station = models.ForeignKey(
        Unit, verbose_name=_("police station"), on_delete=models.PROTECT, related_name="gd_entries",
    )
    entry_date = models.DateField(_("date"))
    number = models.PositiveIntegerField(_("GD number"))
    entry_time = models.DateTimeField(_("time"))
    kind = models.CharField(_("kind"), max_length=20, choices=GDKind.choices, default=GDKind.GENERAL)
    text = models.TextField(_("entry"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+",
    )
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    record = GenericForeignKey("content_type", "object_id")

    jurisdiction_field = "police_station"
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["police_station", "entry_date", "number"]
        verbose_name = _("General Diary entry")
        verbose_name_plural = _("General Diary entries")
        constraints = [
            models.UniqueConstraint(fields=["police_station", "entry_date", "number"], name="registration_gd_number"),
        ]
        indexes = [
            models.Index(fields=["police_station", "entry_date"]),
            models.Index(fields=["content_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs) -> None:
        """Insert only: an existing GD entry is never changed."""
        if not self._state.adding:
            raise ValidationError(_("General Diary entries are never edited; add a new entry instead."))
        super().save(*args, **kwargs)

    @property
    def reference(self) -> str:
        """How the entry is cited: ``"GD 12 of 05-03-2026"``."""
        return _("GD %(number)s of %(date)s") % {"number": self.number, "date": self.entry_date.strftime("%d-%m-%Y")}
