"""Files kept with an investigation: statements recorded under BNSS s.180, scene photographs and
sketches (IIF-2), documents. Stored under ``MEDIA_ROOT/investigation/`` (outside the web root,
served only through a view that applies the case's access rules), with their SHA-256."""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cctns.core.querysets import JurisdictionQuerySet


class FileKind(models.TextChoices):
    STATEMENT = "statement", _("Statement (BNSS s.180)")
    PHOTO = "photo", _("Photograph")
    SKETCH = "sketch", _("Sketch / site plan")
    DOCUMENT = "document", _("Document")


def evidence_path(instance, filename: str) -> str:
    """``investigation/<yyyy>/<mm>/<uuid><ext>``: the stored name is never the uploader's."""
    ext = os.path.splitext(filename)[1].lower()[:10]
    now = timezone.now()
    return f"investigation/{now:%Y}/{now:%m}/{uuid.uuid4().hex}{ext}"


class CaseFile(models.Model):
    """A file of a case, attached to a Case Diary entry or to the crime details (IIF-2).

    Type (PDF, JPEG, PNG) and size are checked from the contents by
    :func:`cctns.investigation.services.files.check_uploads`. Never changed or deleted: the
    SHA-256 of a diary entry's files is part of the entry's hash.
    """

    fir = models.ForeignKey("registration.FIR", on_delete=models.PROTECT, related_name="case_files")
    kind = models.CharField(_("kind"), max_length=12, choices=FileKind.choices, default=FileKind.DOCUMENT)
    diary_entry = models.ForeignKey("investigation.CaseDiaryEntry", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="files")
    crime_details = models.ForeignKey("investigation.CrimeDetails", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="files")
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    jurisdiction_field = "fir__police_station"
    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        ordering = ["fir", "uploaded_at", "id"]
        verbose_name = _("case file")
        verbose_name_plural = _("case files")

    def __str__(self) -> str:
        return self.original_name

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(_("Files of a case are never replaced; add a new file instead."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Files of a case are never deleted."))
