"""IIF-2 Crime Details: how the crime was committed, where, why, what was found at the scene."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord
from cctns.registration.models.common import AppendOnlyQuerySet

from ..vocabulary import Motive, PlaceType


class CrimeDetails(PoliceRecord):
    """One revision of the Crime Details form (IIF-2) of an FIR: type of crime and its features,
    modus operandi (codes of :mod:`cctns.investigation.vocabulary` plus free text), motive,
    place-of-occurrence type, physical evidence, scene description, panch (mediator) witnesses,
    and photographs / sketch (:class:`CaseFile` rows linked to the revision).

    Revisions are append-only: a change is a new row with the next ``revision`` and a reason; the
    latest revision is the form in force (DESIGN.md §4: records are never overwritten).
    """

    fir = models.ForeignKey("registration.FIR", verbose_name=_("FIR"), on_delete=models.PROTECT, related_name="crime_details")
    revision = models.PositiveIntegerField(_("revision"))
    recorded_at = models.DateTimeField(_("recorded at"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT,
                                    related_name="+")
    revision_reason = models.TextField(_("reason for the revision"), blank=True)
    crime_features = models.TextField(_("type of crime and its features"), blank=True)
    mo_codes = models.JSONField(_("modus operandi (codes)"), default=list, blank=True)
    mo_description = models.TextField(_("modus operandi (description)"), blank=True)
    motive = models.CharField(_("motive"), max_length=20, choices=Motive.choices, default=Motive.UNKNOWN)
    motive_description = models.TextField(_("motive (description)"), blank=True)
    place_type = models.CharField(_("type of place of occurrence"), max_length=20, choices=PlaceType.choices)
    scene_description = models.TextField(_("description of the scene"))
    physical_evidence = models.TextField(_("physical evidence found"), blank=True)
    forensic_expert_visited = models.BooleanField(
        _("forensic expert visited the scene"), default=False,
        help_text=_("BNSS s.176(3): for offences punishable with seven years or more."))
    panch_witnesses = models.JSONField(_("panch witnesses"), default=list, blank=True)

    jurisdiction_field = "fir__police_station"
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["fir", "-revision"]
        verbose_name = _("crime details (IIF-2)")
        verbose_name_plural = _("crime details (IIF-2)")
        constraints = [models.UniqueConstraint(fields=["fir", "revision"], name="investigation_iif2_revision")]

    def __str__(self) -> str:
        return _("Crime details of %(fir)s, revision %(revision)s") % {"fir": self.fir, "revision": self.revision}

    def save(self, *args, **kwargs) -> None:
        """Insert only: a revision is never changed (a change is a new revision)."""
        if not self._state.adding:
            raise ValidationError(_("Crime details are never overwritten; record a new revision."))
        super().save(*args, **kwargs)
