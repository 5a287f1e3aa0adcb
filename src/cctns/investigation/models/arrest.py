"""IIF-3 Arrest / Court Surrender Memo and the custody history of each arrested accused."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord
from cctns.registration.constants import Sex
from cctns.registration.models.common import AppendOnlyQuerySet, NoDeleteQuerySet


class ArrestKind(models.TextChoices):
    """How the accused came into custody (IIF-3 is an arrest or a court surrender memo)."""

    ARREST = "arrest", _("Arrest")
    SURRENDER = "surrender", _("Surrender in court")


class CustodyEventKind(models.TextChoices):
    """What happened to an arrested person's custody (IIF-3 custody outcome)."""

    BAIL_AT_PS = "bail_at_ps", _("Released on bail at the police station")
    PRODUCED = "produced", _("Produced before the magistrate")
    JUDICIAL_CUSTODY = "judicial_custody", _("Remanded to judicial custody")
    POLICE_REMAND = "police_remand", _("Remanded to police custody")
    BAIL_BY_COURT = "bail_by_court", _("Released on bail by the court")
    RELEASED = "released", _("Released")


#: Custody events that are themselves a production before a magistrate (BNSS s.58).
PRODUCTION_KINDS = {CustodyEventKind.PRODUCED, CustodyEventKind.JUDICIAL_CUSTODY, CustodyEventKind.POLICE_REMAND,
                    CustodyEventKind.BAIL_BY_COURT}
#: Custody events that are remands (the first one starts the BNSS s.187(3) period).
REMAND_KINDS = {CustodyEventKind.JUDICIAL_CUSTODY, CustodyEventKind.POLICE_REMAND}


class Arrest(PoliceRecord):
    """IIF-3: the arrest (or court surrender) of one accused of an FIR, one memo per accused.

    The accused is named by the code the FIR gave him (``accused_code``: A1, A2 …) with his
    particulars as they stood at the arrest (the FIR's accused rows are replaced when the FIR is
    corrected, the memo is not). ``is_juvenile`` marks a child in conflict with law: his identity
    is never shown outside the case (JJ Act s.74). The memo is written once; the production
    before the magistrate (BNSS s.58) is set once by the services, and what happened to the
    custody afterwards is a history of :class:`CustodyEvent` rows, never overwritten.
    """

    fir = models.ForeignKey("registration.FIR", verbose_name=_("FIR"), on_delete=models.PROTECT, related_name="arrests")
    accused_code = models.CharField(_("accused code"), max_length=6)
    accused_name = models.CharField(_("name"), max_length=200, blank=True)
    accused_relative_name = models.CharField(_("father's / husband's name"), max_length=200, blank=True)
    accused_sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    accused_age = models.PositiveSmallIntegerField(_("age (years)"), null=True, blank=True)
    accused_address = models.TextField(_("address"), blank=True)
    is_juvenile = models.BooleanField(_("child in conflict with law (under 18)"), default=False)
    kind = models.CharField(_("arrest or surrender"), max_length=10, choices=ArrestKind.choices, default=ArrestKind.ARREST)
    arrested_at = models.DateTimeField(_("date and time of arrest or surrender"))
    place = models.CharField(_("place of arrest, or court of surrender"), max_length=300)
    arresting_officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("arrested by"),
                                          on_delete=models.PROTECT, related_name="+")
    gd_entry = models.ForeignKey("registration.GDEntry", verbose_name=_("GD entry"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    grounds = models.TextField(_("grounds of arrest"))
    grounds_communicated_at = models.DateTimeField(_("grounds communicated to the arrested person at (BNSS s.47)"))
    informed_person_name = models.CharField(_("relative or friend informed (BNSS s.48)"), max_length=200)
    informed_person_relation = models.CharField(_("relation of the person informed"), max_length=100)
    informed_how = models.CharField(_("how informed"), max_length=100, blank=True)
    informed_at = models.DateTimeField(_("relative or friend informed at"))
    designated_officer_informed_at = models.DateTimeField(_("district designated police officer informed at (BNSS s.48)"))
    personal_search = models.TextField(_("personal search: items found"), blank=True)
    medical_examined_at = models.DateTimeField(_("medical examination at (BNSS s.53)"), null=True, blank=True)
    medical_examination = models.TextField(_("medical examination: by whom and findings"), blank=True)
    produced_at = models.DateTimeField(_("produced before the magistrate at"), null=True, blank=True)
    journey_minutes = models.PositiveIntegerField(_("journey time to the magistrate (minutes)"), default=0)

    jurisdiction_field = "fir__police_station"
    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["fir", "accused_code"]
        verbose_name = _("arrest / surrender memo")
        verbose_name_plural = _("arrest / surrender memos")
        constraints = [models.UniqueConstraint(fields=["fir", "accused_code"], name="investigation_arrest_accused")]
        indexes = [models.Index(fields=["arrested_at"])]

    def __str__(self) -> str:
        return f"{self.accused_code} {self.arrested_at:%d-%m-%Y}"


class CustodyEvent(PoliceRecord):
    """One step of an arrested person's custody: bail at the PS, production, judicial custody,
    police remand (``from_date``–``to_date``), bail by the court, release. Append-only: a wrong
    entry is corrected by a new one (``note`` says so), never edited nor deleted."""

    arrest = models.ForeignKey(Arrest, verbose_name=_("arrest"), on_delete=models.PROTECT, related_name="custody_events")
    kind = models.CharField(_("custody event"), max_length=20, choices=CustodyEventKind.choices)
    at = models.DateTimeField(_("at"))
    from_date = models.DateField(_("remand from"), null=True, blank=True)
    to_date = models.DateField(_("remand to"), null=True, blank=True)
    court = models.CharField(_("court"), max_length=200, blank=True)
    order_reference = models.CharField(_("order reference"), max_length=100, blank=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    related_name="+")

    jurisdiction_field = "arrest__fir__police_station"
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["arrest", "at", "id"]
        verbose_name = _("custody event")
        verbose_name_plural = _("custody events")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%d-%m-%Y}"

    def save(self, *args, **kwargs) -> None:
        """Insert only: the custody history is never changed."""
        if not self._state.adding:
            raise ValidationError(_("Custody events are never edited; record a new event instead."))
        super().save(*args, **kwargs)
