"""The non-cognizable report (NCR)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord, Unit

from .common import NoDeleteQuerySet


class NCR(PoliceRecord):
    """A non-cognizable report: information of a non-cognizable offence entered in the station's
    book, the informant referred to the Magistrate (BNSS s.174(1); CrPC s.155 before 1 July 2024).

    Numbered per station per calendar year (IST) in its own series. The station sends the diary
    reports of these cases to the Magistrate fortnightly (BNSS s.174(1)); see
    ``services.ncr_fortnightly_list``.
    """

    police_station = models.ForeignKey(Unit, verbose_name=_("police station"), on_delete=models.PROTECT, related_name="ncrs")
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    serial = models.PositiveIntegerField(_("serial number"), editable=False)
    number = models.CharField(_("NCR number"), max_length=20, editable=False)
    registered_at = models.DateTimeField(_("registered at"))
    occurrence_at = models.DateTimeField(_("date and time of occurrence"), null=True, blank=True)
    place_address = models.TextField(_("place of occurrence"), blank=True)
    informant_name = models.CharField(_("informant's name"), max_length=200)
    informant_relative_name = models.CharField(_("father's / husband's name"), max_length=200, blank=True)
    informant_address = models.TextField(_("address"), blank=True)
    informant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    opposite_party = models.TextField(_("opposite party"), blank=True)
    sections = models.ManyToManyField("legal.Section", verbose_name=_("sections"), related_name="ncrs", blank=True)
    narrative = models.TextField(_("substance of the information"))
    action_taken = models.TextField(
        _("action taken"), blank=True,
        help_text=_("Usually: informant referred to the Magistrate (BNSS s.174(1))."),
    )
    complaint = models.ForeignKey(
        "registration.Complaint", null=True, blank=True, on_delete=models.PROTECT, related_name="ncrs",
    )
    sent_to_magistrate_at = models.DateTimeField(_("sent to the Magistrate at"), null=True, blank=True)

    jurisdiction_field = "police_station"
    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at", "-id"]
        verbose_name = _("NCR")
        verbose_name_plural = _("NCRs")
        constraints = [
            models.UniqueConstraint(fields=["police_station", "year", "serial"], name="registration_ncr_number"),
        ]
        indexes = [models.Index(fields=["police_station", "registered_at"])]

    def __str__(self) -> str:
        return _("NCR %(number)s, %(station)s") % {"number": self.number, "station": self.police_station}
