"""Coded vocabularies of investigation: lifecycle event kinds and disposal outcomes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseEventKind(models.TextChoices):
    """What a lifecycle event records."""

    TRANSITION = "transition", _("Status change")
    REINVESTIGATION = "reinvestigation", _("Re-investigation ordered")
    TRANSFER = "transfer", _("Investigation transferred")


class DisposalOutcome(models.TextChoices):
    """How a case ends (IIF-6 Court Disposal, DOMAIN.md; a closure report accepted by the court ends
    the case without trial)."""

    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    DISCHARGED = "discharged", _("Discharged")
    COMPOUNDED = "compounded", _("Compounded")
    ABATED = "abated", _("Abated")
    WITHDRAWN = "withdrawn", _("Prosecution withdrawn")
    QUASHED = "quashed", _("Quashed")
    CLOSURE_ACCEPTED = "closure_accepted", _("Closure report accepted")


class ReportKind(models.TextChoices):
    """The two kinds of final report (IIF-5; BNSS s.193(3))."""

    CHARGESHEET = "chargesheet", _("Charge-sheet")
    CLOSURE = "closure", _("Closure report")


class ClosureClass(models.TextChoices):
    """Classes of closure report long used by state police manuals (DOMAIN.md): A, true but
    undetected / untraced; B, false; C, mistake of fact or of a civil nature; non-cognizable."""

    UNTRACED = "untraced", _("True but undetected / untraced (A)")
    FALSE = "false", _("False (B)")
    MISTAKE_OF_FACT = "mistake_of_fact", _("Mistake of fact or civil nature (C)")
    NON_COGNIZABLE = "non_cognizable", _("Non-cognizable")
    OTHER = "other", _("Other")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for approval")
    RETURNED = "returned", _("Returned for correction")
    FILED = "filed", _("Approved and filed")


class CustodyStatus(models.TextChoices):
    """Arrest, bail and custody status of an accused on the charge-sheet (IIF-5)."""

    IN_CUSTODY = "in_custody", _("Arrested, in judicial custody")
    ON_BAIL = "on_bail", _("Arrested, on bail")
    NOT_ARRESTED = "not_arrested", _("Not arrested (notice under BNSS s.35)")
    ABSCONDING = "absconding", _("Absconding")
    PROCLAIMED = "proclaimed", _("Proclaimed offender")
    NOT_SENT_UP = "not_sent_up", _("Not sent up for trial")


class CommunicationKind(models.TextChoices):
    """What the informant was told (BNSS s.193(3))."""

    PROGRESS = "progress", _("Progress of the investigation (BNSS s.193(3)(ii))")
    FINAL_REPORT = "final_report", _("Action taken: final report (BNSS s.193(3))")


class CommunicationMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    POST = "post", _("Post")
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    PORTAL = "portal", _("Citizen portal")
