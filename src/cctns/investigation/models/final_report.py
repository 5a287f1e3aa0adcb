"""IIF-5 Final Report (charge-sheet or closure) and the communications to the informant."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord
from cctns.registration.models.common import AppendOnlyQuerySet, NoDeleteQuerySet

from ..constants import (
    ClosureClass,
    CommunicationKind,
    CommunicationMode,
    CustodyStatus,
    ReportKind,
    ReportStatus,
)


class FinalReport(PoliceRecord):
    """The report on completion of investigation (IIF-5; BNSS s.193(3)): a charge-sheet (the
    accused sent up for trial with their sections, custody status, witnesses, documents, property,
    the medical report in sexual offences and the chain of custody of electronic evidence) or a
    closure report with its class and reasons.

    Prepared by the IO (draft → submitted), approved by the SHO or a supervisory officer of DSP
    rank or above — not by its own author — and only then *filed*: it takes its number (per
    station per year) and the case moves to *final report filed*. Returned reports are corrected
    and resubmitted. A further report after re-investigation (BNSS s.193(9)) is a new report
    with ``supplementary`` set.
    """

    fir = models.ForeignKey("registration.FIR", verbose_name=_("FIR"), on_delete=models.PROTECT, related_name="final_reports")
    kind = models.CharField(_("kind of report"), max_length=12, choices=ReportKind.choices)
    supplementary = models.BooleanField(_("supplementary report (BNSS s.193(9))"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, editable=False)
    serial = models.PositiveIntegerField(_("serial number"), null=True, blank=True, editable=False)
    number = models.CharField(_("report number"), max_length=20, blank=True, editable=False)
    closure_class = models.CharField(_("class of closure"), max_length=20, choices=ClosureClass.choices, blank=True)
    reasons = models.TextField(_("reasons / brief facts"), blank=True)
    sections = models.JSONField(_("sections charged"), default=list, blank=True)
    witnesses = models.JSONField(_("witnesses"), default=list, blank=True)
    documents = models.JSONField(_("documents relied on"), default=list, blank=True)
    property_items = models.JSONField(_("property"), default=list, blank=True)
    medical_report = models.TextField(_("medical report (sexual offences)"), blank=True)
    electronic_evidence_custody = models.TextField(_("chain of custody of electronic evidence"), blank=True)
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("prepared by"), on_delete=models.PROTECT,
                                    related_name="+")
    prepared_at = models.DateTimeField(_("prepared at"))
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved / returned by"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_remarks = models.TextField(_("remarks"), blank=True)
    filed_at = models.DateTimeField(_("filed at"), null=True, blank=True)
    filed_event = models.OneToOneField("investigation.CaseEvent", null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="final_report", editable=False)

    jurisdiction_field = "fir__police_station"
    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["fir", "-prepared_at", "-id"]
        verbose_name = _("final report (IIF-5)")
        verbose_name_plural = _("final reports (IIF-5)")
        constraints = [
            models.UniqueConstraint(fields=["fir"], condition=models.Q(status__in=["draft", "submitted", "returned"]),
                                    name="investigation_one_open_report"),
        ]

    def __str__(self) -> str:
        label = self.get_kind_display()
        return f"{label} {self.number}" if self.number else f"{label} ({self.get_status_display()})"


class FinalReportAccused(models.Model):
    """One accused of the FIR on the final report: sent up for trial or not, their custody status
    and the sections charged against them (the FIR's accused codes, A1 …)."""

    report = models.ForeignKey(FinalReport, on_delete=models.PROTECT, related_name="accused")
    accused = models.ForeignKey("registration.FIRAccused", verbose_name=_("accused"), on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("accused code"), max_length=6)
    sent_up = models.BooleanField(_("sent up for trial"), default=True)
    custody_status = models.CharField(_("custody status"), max_length=16, choices=CustodyStatus.choices)
    sections = models.JSONField(_("sections"), default=list, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        ordering = ["report", "code"]
        verbose_name = _("accused on the final report")
        verbose_name_plural = _("accused on the final report")
        constraints = [models.UniqueConstraint(fields=["report", "accused"], name="investigation_report_accused")]

    def __str__(self) -> str:
        return self.code


class InformantCommunication(PoliceRecord):
    """What the informant / victim was told and how: the progress of the investigation within
    90 days (BNSS s.193(3)(ii)) or the action taken on the final report (BNSS s.193(3)).
    Append-only."""

    fir = models.ForeignKey("registration.FIR", verbose_name=_("FIR"), on_delete=models.PROTECT,
                            related_name="informant_communications")
    final_report = models.ForeignKey(FinalReport, verbose_name=_("final report"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="communications")
    kind = models.CharField(_("what was communicated"), max_length=16, choices=CommunicationKind.choices)
    mode = models.CharField(_("how"), max_length=12, choices=CommunicationMode.choices)
    communicated_at = models.DateTimeField(_("communicated at"))
    communicated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("communicated by"), on_delete=models.PROTECT,
                                        related_name="+")
    note = models.TextField(_("note"), blank=True)

    jurisdiction_field = "fir__police_station"
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["fir", "communicated_at", "id"]
        verbose_name = _("communication to the informant")
        verbose_name_plural = _("communications to the informant")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_mode_display()})"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValidationError(_("A communication on record is never changed."))
        super().save(*args, **kwargs)
