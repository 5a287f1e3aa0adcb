"""Helpers shared by the court services: permission checks, today's date in IST, correction rows."""

import datetime

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.core.numbering import local_date


def require(user, perm: str, obj=None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` holds ``perm`` on ``obj`` (``rules.has_perm``, so a
    superuser gets no shortcut)."""
    if not rules.has_perm(perm, user, obj):
        raise PermissionDenied(_("You are not allowed to do this."))


def today(now: datetime.datetime | None = None) -> datetime.date:
    """The calendar date in India (IST) of ``now`` (default: the current time)."""
    return local_date(now or timezone.now())


def not_future(field: str, day: datetime.date | None, now=None) -> None:
    """Refuse a date after today (IST): what has not happened cannot be recorded."""
    if day is not None and day > today(now):
        raise ValidationError({field: ValidationError(_("This date is in the future."), code="future")})


def need_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ValidationError(_("Give the reason for the correction."), code="required")})
    return reason
