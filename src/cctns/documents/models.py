"""The register of issued documents, read by the public verify page."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cctns.core.querysets import JurisdictionQuerySet


class DocumentIssue(models.Model):
    """One printed document handed out: which record, which version, in which language, when, by whom.

    ``token_id`` is 128 random bits (22 url-safe base64 characters), never a sequence; the
    verification token printed in the QR code is ``<token_id>.<mac>`` where the MAC (HMAC-SHA256
    with ``SECRET_KEY``, salted per ``kind``) binds the token id to kind, record global id,
    record version, issue time, language and the summary, so neither a guessed token nor an
    edited row verifies (see :mod:`cctns.documents.services`).

    ``summary`` is the small, flat JSON dict of facts the verify page shows; it is chosen by the
    issuing code and must never hold more than the document itself prints. ``pdf_sha256`` is
    the SHA-256 (hex) of the exact PDF bytes handed out. Rows are never deleted; a document
    withdrawn in error is revoked, with a reason.
    """

    token_id = models.CharField(_("document id"), max_length=22, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=40, db_index=True, editable=False)
    record_type = models.CharField(_("record type"), max_length=100, editable=False)
    record_global_id = models.UUIDField(_("record global id"), editable=False)
    record_version = models.PositiveIntegerField(_("record version"), editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, editable=False)
    template_name = models.CharField(_("template"), max_length=200, editable=False)
    summary = models.JSONField(_("summary"), default=dict, editable=False)
    pdf_sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, editable=False)
    pdf_size = models.PositiveIntegerField(_("PDF size (bytes)"), editable=False)
    issued_at = models.DateTimeField(_("issued at"), editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", editable=False,
    )
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("issuing unit"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+", editable=False,
    )
    revoked = models.BooleanField(_("revoked"), default=False)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )

    jurisdiction_field = "unit"
    objects = JurisdictionQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        indexes = [models.Index(fields=["kind", "record_global_id", "record_version"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_global_id} v{self.record_version} ({self.token_id})"

    @property
    def token(self) -> str:
        """The verification token printed in the QR code (``<token_id>.<mac>``)."""
        from .services import token_for

        return token_for(self)

    def delete(self, *args, **kwargs):
        """Issued documents are never deleted; revoke them instead (DESIGN.md §4)."""
        raise ValidationError(_("Issued documents are never deleted; revoke the document instead."))
