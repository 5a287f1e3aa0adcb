"""Lifecycle events of a case: every status change and transfer of investigation, with who, when and why."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord
from cctns.registration.constants import FIRStatus
from cctns.registration.models.common import AppendOnlyQuerySet

from ..constants import CaseEventKind, DisposalOutcome


class CaseEvent(PoliceRecord):
    """One step in the life of a case after registration (DESIGN.md §3 case status).

    Written only by :func:`cctns.investigation.lifecycle.transition` and
    :func:`cctns.investigation.lifecycle.transfer_investigation`, in the same transaction as the
    FIR's new status and its General Diary entry. Append-only: never edited nor deleted.
    """

    fir = models.ForeignKey("registration.FIR", verbose_name=_("FIR"), on_delete=models.PROTECT, related_name="case_events")
    kind = models.CharField(_("kind"), max_length=20, choices=CaseEventKind.choices, default=CaseEventKind.TRANSITION)
    from_status = models.CharField(_("from status"), max_length=24, choices=FIRStatus.choices)
    to_status = models.CharField(_("to status"), max_length=24, choices=FIRStatus.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=DisposalOutcome.choices, blank=True)
    reason = models.TextField(_("reason"))
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+")
    from_io = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("previous IO"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    to_io = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("new IO"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    gd_entry = models.ForeignKey("registration.GDEntry", verbose_name=_("GD entry"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    jurisdiction_field = "fir__police_station"
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["fir", "at", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        indexes = [models.Index(fields=["fir", "at"])]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    def save(self, *args, **kwargs) -> None:
        """Insert only: a lifecycle event is never changed."""
        if not self._state.adding:
            raise ValidationError(_("Case events are never edited."))
        super().save(*args, **kwargs)
