"""Publication of FIRs on the public website.

Rules (Youth Bar Association of India v. UoI, 2016; Nipun Saxena v. UoI, 2018):

- an FIR is published ``CCTNS_FIR_PUBLISH_AFTER_HOURS`` (24) hours after its registration: the
  court's window for uploading, which leaves the district's officers that long to withhold it
  before the public sees it;
- never a sensitive FIR: sexual offences, POCSO and the other sections reference data marks
  sensitive (``legal.Section.sensitive``), or an FIR the SHO marked sensitive — rape and POCSO
  FIRs never reach the public domain whatever else is decided;
- not an FIR withheld by an officer of DSP rank or above, with the reason recorded
  (:func:`withhold_fir`; lifting is another recorded decision, :func:`lift_withholding`).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cctns.core.constants import Rank, Role
from cctns.registration.constants import ISSUED_STATUSES
from cctns.registration.models import FIR, FIRSection

from ..models import FIRWithholding
from .common import setting


class Publication(models.TextChoices):
    NOT_ISSUED = "not_issued", gettext_lazy("Not registered yet")
    PENDING = "pending", gettext_lazy("To be published 24 hours after registration")
    PUBLISHED = "published", gettext_lazy("Published")
    SENSITIVE = "sensitive", gettext_lazy("Never published (sensitive)")
    WITHHELD = "withheld", gettext_lazy("Withheld by a DSP-rank officer")


def publish_after() -> datetime.timedelta:
    return datetime.timedelta(hours=float(setting("CCTNS_FIR_PUBLISH_AFTER_HOURS", 24)))


def _sensitive_section_q() -> Q:
    return Q(Exists(FIRSection.objects.filter(fir=OuterRef("pk"), section__sensitive=True)))


def published_firs(now: datetime.datetime | None = None):
    """The FIRs the public may see and download at ``now``: issued, registered at least
    :func:`publish_after` ago, not sensitive by flag or by any section, not withheld."""
    at = now or timezone.now()
    latest = FIRWithholding.objects.filter(fir=OuterRef("pk")).order_by("-decided_at", "-id").values("lifted")[:1]
    qs = (FIR.objects.filter(status__in=ISSUED_STATUSES, registered_at__lte=at - publish_after(),
                             is_sensitive=False, sensitive_by_sections=False)
          .exclude(_sensitive_section_q())
          .annotate(_latest_lifted=Subquery(latest))
          .filter(Q(_latest_lifted__isnull=True) | Q(_latest_lifted=True)))
    return qs


def current_withholding(fir: FIR) -> FIRWithholding | None:
    """The decision in force: the latest withholding row when it is not a lifting."""
    row = FIRWithholding.objects.filter(fir=fir).order_by("-decided_at", "-id").first()
    return row if row is not None and not row.lifted else None


def publication_status(fir: FIR, now: datetime.datetime | None = None) -> str:
    """The :class:`Publication` state of ``fir`` at ``now``."""
    at = now or timezone.now()
    if fir.status not in ISSUED_STATUSES or fir.registered_at is None:
        return Publication.NOT_ISSUED
    if fir.is_sensitive or fir.sensitive_by_sections or fir.sections.filter(section__sensitive=True).exists():
        return Publication.SENSITIVE
    if current_withholding(fir) is not None:
        return Publication.WITHHELD
    if fir.registered_at > at - publish_after():
        return Publication.PENDING
    return Publication.PUBLISHED


def can_withhold(officer, fir: FIR) -> bool:
    """Whether ``officer`` may withhold or release ``fir``: an active officer of DSP rank or above
    (not a civilian or administrator role) with jurisdiction over the FIR's station."""
    if officer is None or not getattr(officer, "is_authenticated", False) or not officer.is_active:
        return False
    if officer.rank < Rank.DSP or officer.role in {Role.ADMIN, Role.SCRB_ANALYST, Role.NCRB_ANALYST}:
        return False
    root = officer.jurisdiction_root()
    return root is not None and fir.police_station.path.startswith(root.path)


def withhold_fir(fir: FIR, officer, reason: str, *, now: datetime.datetime | None = None) -> FIRWithholding:
    """Withhold ``fir`` from the public website with ``reason`` (required). Raises
    ``PermissionDenied`` (see :func:`can_withhold`) or ``ValidationError``."""
    if not can_withhold(officer, fir):
        raise PermissionDenied(_("Only an officer of DSP rank or above over this station may withhold an FIR from publication."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Record the reason for withholding the FIR.")})
    if current_withholding(fir) is not None:
        raise ValidationError({"reason": _("This FIR is already withheld.")})
    return FIRWithholding.objects.create(fir=fir, lifted=False, reason=reason.strip(), decided_by=officer,
                                         decided_at=now or timezone.now())


def lift_withholding(fir: FIR, officer, reason: str, *, now: datetime.datetime | None = None) -> FIRWithholding:
    """Release a withheld FIR for publication, with the reason (a new row; the withholding stays
    on record)."""
    if not can_withhold(officer, fir):
        raise PermissionDenied(_("Only an officer of DSP rank or above over this station may withhold an FIR from publication."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Record the reason for releasing the FIR.")})
    if current_withholding(fir) is None:
        raise ValidationError({"reason": _("This FIR is not withheld.")})
    return FIRWithholding.objects.create(fir=fir, lifted=True, reason=reason.strip(), decided_by=officer,
                                         decided_at=now or timezone.now())
