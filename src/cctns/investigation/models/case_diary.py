"""The Case Diary (BNSS s.192): the investigating officer's day-by-day record of the investigation."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord
from cctns.registration.models.common import AppendOnlyQuerySet


class CaseDiaryEntry(PoliceRecord):
    """One entry of the Case Diary of an FIR (BNSS s.192(1)): the time the information reached
    the officer, the time the investigation began and closed that day, the places visited and the
    circumstances ascertained (steps taken); statements of witnesses recorded under s.180 are
    inserted (s.192(2)) as text and/or files (:class:`CaseFile`); the diary is paginated
    (s.192(3)): ``serial`` numbers the entries of the case 1, 2, 3 … without gaps.

    Append-only (no edit, no delete) and hash-chained: ``prev_hash`` is the previous entry's
    ``entry_hash`` (``""`` for the first) and ``entry_hash`` the SHA-256 of the entry's canonical
    content (:func:`cctns.investigation.services.case_diary.canonical_content`), so that
    ``cctns verify_case_diary`` finds any later alteration, removal or reordering.
    """

    fir = models.ForeignKey("registration.FIR", verbose_name=_("FIR"), on_delete=models.PROTECT, related_name="case_diary")
    serial = models.PositiveIntegerField(_("page (entry number)"))
    entry_date = models.DateField(_("date"))
    written_at = models.DateTimeField(_("written at"))
    information_reached_at = models.DateTimeField(_("time the information reached the officer"), null=True, blank=True)
    began_at = models.DateTimeField(_("investigation began at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("investigation closed at"), null=True, blank=True)
    places_visited = models.TextField(_("places visited"), blank=True)
    steps_taken = models.TextField(_("steps taken and circumstances ascertained"))
    statements = models.TextField(_("statements recorded (BNSS s.180)"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT,
                               related_name="+")
    prev_hash = models.CharField(max_length=64, blank=True, editable=False)
    entry_hash = models.CharField(max_length=64, editable=False)

    jurisdiction_field = "fir__police_station"
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["fir", "serial"]
        verbose_name = _("Case Diary entry")
        verbose_name_plural = _("Case Diary entries")
        constraints = [models.UniqueConstraint(fields=["fir", "serial"], name="investigation_cd_serial")]

    def __str__(self) -> str:
        return _("Case Diary page %(serial)s of %(date)s") % {"serial": self.serial, "date": self.entry_date.strftime("%d-%m-%Y")}

    def save(self, *args, **kwargs) -> None:
        """Insert only: a Case Diary entry is never changed."""
        if not self._state.adding:
            raise ValidationError(_("Case Diary entries are never edited; write a new entry instead."))
        super().save(*args, **kwargs)
