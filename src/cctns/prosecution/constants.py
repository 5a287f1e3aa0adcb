"""Coded vocabularies of the court stage: case status, hearing purposes and outcomes, orders,
process, verdicts (IIF-6), sentences (BNS s.4) and appeal results (IIF-7)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CourtCaseStatus(models.TextChoices):
    """Where the case stands in this court: pending trial until every accused facing trial has a
    disposal (DOMAIN.md IIF-6), then disposed."""

    PENDING = "pending", _("Pending trial")
    DISPOSED = "disposed", _("Disposed")


class HearingPurpose(models.TextChoices):
    """Why the case is listed on a date (the station's case calendar, DOMAIN.md "station
    registers")."""

    APPEARANCE = "appearance", _("Appearance of the accused")
    CHARGE = "charge", _("Framing of charge")
    PROSECUTION_EVIDENCE = "prosecution_evidence", _("Prosecution evidence")
    STATEMENT_OF_ACCUSED = "statement_of_accused", _("Statement of the accused")
    DEFENCE_EVIDENCE = "defence_evidence", _("Defence evidence")
    ARGUMENTS = "arguments", _("Arguments")
    JUDGMENT = "judgment", _("Judgment")
    BAIL = "bail", _("Bail")
    OTHER = "other", _("Other")


class HearingOutcome(models.TextChoices):
    """What happened on a listed date. ``scheduled`` is a date not yet held."""

    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    ADJOURNED = "adjourned", _("Adjourned")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


class BailDecision(models.TextChoices):
    GRANTED = "granted", _("Granted")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


class RemandKind(models.TextChoices):
    """Custody ordered by the court (IIF-3 custody outcome; DOMAIN.md ICJS "remand orders")."""

    POLICE = "police", _("Police custody")
    JUDICIAL = "judicial", _("Judicial custody")


class OrderKind(models.TextChoices):
    """Other orders the court sends to the police (DOMAIN.md ICJS: property-release orders …)."""

    PROPERTY_RELEASE = "property_release", _("Release of property")
    FURTHER_INVESTIGATION = "further_investigation", _("Further investigation")
    COMMITTAL = "committal", _("Committal to the Court of Session")
    TRANSFER = "transfer", _("Transfer of the case")
    OTHER = "other", _("Other")


class WarrantKind(models.TextChoices):
    BAILABLE = "bailable", _("Bailable warrant of arrest")
    NON_BAILABLE = "non_bailable", _("Non-bailable warrant of arrest")
    SEARCH = "search", _("Search warrant")
    PRODUCTION = "production", _("Production warrant")


class ProcessStatus(models.TextChoices):
    """Where a warrant or summons stands: pending with the police until executed (served) or
    returned unexecuted, or recalled by the court."""

    PENDING = "pending", _("Pending execution")
    EXECUTED = "executed", _("Executed")
    UNEXECUTED = "unexecuted", _("Returned unexecuted")
    RECALLED = "recalled", _("Recalled")


class SummonsTo(models.TextChoices):
    ACCUSED = "accused", _("Accused")
    WITNESS = "witness", _("Witness")
    OTHER = "other", _("Other")


class Verdict(models.TextChoices):
    """The disposal of the case against one accused (IIF-6, DOMAIN.md: convicted / acquitted /
    discharged / compounded / abated); the same values as the case outcomes of the lifecycle
    (``cctns.investigation.constants.DisposalOutcome``), less "closure accepted", which ends a
    case without trial."""

    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    DISCHARGED = "discharged", _("Discharged")
    COMPOUNDED = "compounded", _("Compounded")
    ABATED = "abated", _("Abated")
    WITHDRAWN = "withdrawn", _("Prosecution withdrawn")
    QUASHED = "quashed", _("Quashed")


class SentenceKind(models.TextChoices):
    """Punishments of BNS s.4 (imprisonment kinds; a fine is recorded beside)."""

    NONE = "none", _("No imprisonment")
    SIMPLE = "simple", _("Simple imprisonment")
    RIGOROUS = "rigorous", _("Rigorous imprisonment")
    LIFE = "life", _("Imprisonment for life")
    DEATH = "death", _("Death")
    COMMUNITY_SERVICE = "community_service", _("Community service")
    PROBATION = "probation", _("Released on probation or admonition")


class AgeCategory(models.TextChoices):
    """IIF-6: adult or juvenile (a child in conflict with law; JJ Act s.74 protects the identity)."""

    ADULT = "adult", _("Adult")
    JUVENILE = "juvenile", _("Juvenile")


class Appellant(models.TextChoices):
    STATE = "state", _("State")
    ACCUSED = "accused", _("Accused")
    VICTIM = "victim", _("Victim or complainant")


class AppealResult(models.TextChoices):
    """The outcome of an appeal for one accused (IIF-7)."""

    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Lower court upheld (appeal dismissed)")
    SET_ASIDE = "set_aside", _("Lower court set aside")
    MODIFIED = "modified", _("Modified")
    REMANDED = "remanded", _("Remanded for retrial")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ABATED = "abated", _("Abated")
