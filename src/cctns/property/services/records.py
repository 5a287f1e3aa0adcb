"""Registering property items and moving their state (IIF-1 property stolen; IIF-4 seizure).

Every state move is a new :class:`~cctns.property.models.StateChange` row (who, when, why); the
item's ``state`` is its latest. Items are matched on every save that leaves them reported or
found (:func:`cctns.property.services.matching.match_item`).
"""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.core.constants import UnitKind
from cctns.core.models import Unit

from ..constants import TRANSITIONS, PropertyState
from ..models import PropertyItem, StateChange
from . import matching


def require(user, perm: str, obj=None) -> None:
    """Raise ``PermissionDenied`` unless ``user`` holds ``perm`` on ``obj`` (``rules``; no
    superuser shortcut)."""
    if not rules.has_perm(perm, user, obj):
        raise PermissionDenied(_("You are not allowed to do this."))


def station_of_user(user) -> Unit:
    """The police station of ``user``'s posting (the station above an outpost). Raises
    ``ValidationError`` when the user is not posted at one."""
    unit = getattr(user, "unit", None)
    if unit is not None and unit.kind == UnitKind.POLICE_STATION:
        return unit
    if unit is not None and unit.kind == UnitKind.OUTPOST and unit.parent_id:
        return unit.parent
    raise ValidationError({"police_station": _("You are not posted at a police station.")})


def register_item(item: PropertyItem, *, by, station: Unit | None = None, reason: str = "",
                  public: bool = False) -> PropertyItem:
    """Save a new ``item`` (an unsaved :class:`Vehicle`, :class:`Firearm`, :class:`MobilePhone` or
    :class:`OtherProperty` with its ``state`` set) at ``station`` (default: ``by``'s station),
    write its first state row and match it. ``by`` is ``None`` only for a citizen's report
    (``public=True``, from the portal).

    Raises ``PermissionDenied`` (not a station officer of the station) or ``ValidationError``
    (per field: a bad IMEI, a missing state …)."""
    if item.pk:
        raise ValueError("register_item saves new items only")
    if station is None:
        station = station_of_user(by)
    item.police_station = station
    if not public:
        require(by, "property.register_item", item)
    if not item.state:
        raise ValidationError({"state": _("Choose the state of the item.")})
    item.full_clean()
    now = timezone.now()
    with transaction.atomic():
        item.created_by = by
        item.origin_unit = station
        item.state_changed_at = now
        item.reported_by_public = public
        item.save()
        StateChange.objects.create(item=item, from_state="", to_state=item.state, at=now, by=by,
                                   reason=reason, seizure_reference=item.seizure_reference)
        matching.match_item(item)
    return item


def change_state(item: PropertyItem, to_state: str, *, by, reason: str, seizure_reference: str = "",
                 candidate=None, check_permission: bool = True) -> StateChange:
    """Move ``item`` to ``to_state`` (:data:`~cctns.property.constants.TRANSITIONS`), recording
    who, when and why, then match it again. ``seizure_reference`` (the IIF-4 memo's number)
    is kept on the row and, when given, on the item.

    Raises ``PermissionDenied``, or ``ValidationError`` for a move not allowed (a returned item
    is closed) or a missing reason."""
    if check_permission:
        require(by, "property.change_state", item)
    if to_state not in TRANSITIONS.get(item.state, frozenset()):
        raise ValidationError({"to_state": _("An item in state “%(from)s” cannot become “%(to)s”.") % {
            "from": PropertyState(item.state).label, "to": PropertyState(to_state).label
            if to_state in PropertyState.values else to_state}})
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the change.")})
    now = timezone.now()
    with transaction.atomic():
        item = type(item).objects.select_for_update().get(pk=item.pk)
        row = StateChange.objects.create(item=item, from_state=item.state, to_state=to_state, at=now, by=by,
                                         reason=reason.strip(), seizure_reference=seizure_reference,
                                         candidate=candidate)
        item.state = to_state
        item.state_changed_at = now
        if seizure_reference:
            item.seizure_reference = seizure_reference
        item.save()
        matching.match_item(item)
    return row
