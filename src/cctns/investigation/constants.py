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
