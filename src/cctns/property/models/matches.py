"""Candidate matches between a found item and a reported one, and their review."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import CandidateStatus, ItemKind


class MatchCandidateQuerySet(models.QuerySet):
    """Candidates; ``for_user`` shows a candidate to both stations: the one holding the found item
    and the one that registered the theft or loss (DESIGN.md §5 "a hit alerts the owning
    officers")."""

    def for_user(self, user, action: str = "view") -> "MatchCandidateQuerySet":
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        root = user.jurisdiction_root()
        if root is None:
            return self.none()
        if root.parent_id is None and user.sees_everything:
            return self.all()
        return self.filter(Q(found__police_station__path__startswith=root.path)
                           | Q(reported__police_station__path__startswith=root.path))

    def delete(self):
        raise ValidationError(_("Rejected candidates are kept so that they are never proposed again."))


class MatchCandidate(models.Model):
    """A possible match of a ``found`` item (seized, recovered, unclaimed) with a ``reported``
    one (stolen, lost): the total ``score`` (0..1) and ``explanation``, one entry per compared
    field ``{"field", "label", "score", "detail", "evidence"}``.

    One row per pair (unique): a rejected pair stays ``rejected`` and is never proposed again; a
    confirmed pair closes the reported item (``recovered``).
    """

    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    found = models.ForeignKey("property.PropertyItem", verbose_name=_("found item"), on_delete=models.PROTECT,
                              related_name="candidates_as_found")
    reported = models.ForeignKey("property.PropertyItem", verbose_name=_("reported item"), on_delete=models.PROTECT,
                                 related_name="candidates_as_reported")
    score = models.FloatField(_("score"))
    explanation = models.JSONField(_("explanation"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=CandidateStatus.choices,
                              default=CandidateStatus.PROPOSED, db_index=True)
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    remark = models.TextField(_("remark"), blank=True)

    objects = MatchCandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("match candidate")
        verbose_name_plural = _("match candidates")
        ordering = ["-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["found", "reported"], name="property_candidate_pair")]

    def __str__(self) -> str:
        return f"{self.found_id} ↔ {self.reported_id} ({self.score:.2f})"

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Rejected candidates are kept so that they are never proposed again."))
