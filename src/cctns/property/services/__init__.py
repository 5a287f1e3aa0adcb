"""Services of the property app: registration and state of items, matching, review, the vehicle
and phone check, and the functions the citizen portal calls.

Public contract (other apps rely on these signatures):

- :func:`check_vehicle` ``(*, registration_number="", chassis_number="", engine_number="") -> list[VehicleHit]``
- :func:`check_phone` ``(*, imei="") -> list[PhoneHit]``
- :func:`record_lost_article` ``(*, category, description, identifiers, lost_on, lost_place,
  reporter_name, reporter_mobile, station=None) -> OtherProperty | MobilePhone``
- :func:`public_stolen_vehicles` / :func:`public_recovered_vehicles` ``(...) -> QuerySet of dicts``
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cctns.core.models import Unit

from .. import normalise as n
from ..constants import REPORTED_STATES, PropertyState
from ..models import MobilePhone, OtherProperty, Vehicle
from . import matching, scoring
from .records import change_state, register_item
from .review import confirm, reject

__all__ = ["PhoneHit", "VehicleHit", "change_state", "check_phone", "check_vehicle", "confirm",
           "public_recovered_vehicles", "public_stolen_vehicles", "record_lost_article", "register_item", "reject"]

#: A check shows hits from this score on (lower than a stored candidate's: a beat officer would
#: rather see a doubtful hit — a stolen vehicle's plate on another vehicle — than miss it).
CHECK_MIN_SCORE = 0.3


@dataclass
class VehicleHit:
    """One hit of a vehicle check: the reported ``vehicle``, its ``station``, the ``score``
    (0..1) and the ``explanation`` (one dict per compared field: ``field``, ``score``, ``rule``,
    ``params``, ``evidence``); :attr:`explanation_text` renders it in the active language."""

    vehicle: Vehicle
    station: Unit
    score: float
    explanation: list[dict] = field(default_factory=list)

    @property
    def explanation_text(self) -> list[str]:
        return [scoring.describe(e) for e in self.explanation]


@dataclass
class PhoneHit:
    """One hit of a phone check (as :class:`VehicleHit`, for a reported ``phone``)."""

    phone: MobilePhone
    station: Unit
    score: float
    explanation: list[dict] = field(default_factory=list)

    @property
    def explanation_text(self) -> list[str]:
        return [scoring.describe(e) for e in self.explanation]


def check_vehicle(*, registration_number: str = "", chassis_number: str = "", engine_number: str = "") -> list[VehicleHit]:
    """Check a vehicle against every stolen or lost vehicle of the node (all stations), by any
    combination of registration mark, chassis and engine number, including partial and tampered
    reads (:mod:`.scoring`). Returns at most 10 hits scoring at least :data:`CHECK_MIN_SCORE`,
    best first; ``[]`` when nothing was given. One call makes a handful of indexed queries."""
    query = {"registration_number": (registration_number or "").strip(),
             "chassis_number": (chassis_number or "").strip(), "engine_number": (engine_number or "").strip()}
    if not any(query.values()):
        return []
    hits = matching.find_vehicles(query, states=REPORTED_STATES, min_score=CHECK_MIN_SCORE)
    return [VehicleHit(h.item, h.item.police_station, h.score, h.scored.explanation()) for h in hits]


def check_phone(*, imei: str = "") -> list[PhoneHit]:
    """Check a phone's IMEI (15 digits, or the first 14) against every stolen or lost phone of
    the node. Raises ``ValidationError`` (``imei``) for fewer than 14 digits, or 15 digits whose
    check digit is wrong."""
    d = n.normalise_imei(imei)
    if len(d) < 14 or len(d) > 15:
        raise ValidationError({"imei": _("Give the 15 digits of the IMEI (or at least the first 14).")})
    if len(d) == 15 and not n.imei_is_valid(d):
        raise ValidationError({"imei": _("This IMEI's last digit does not check: the 15th digit should be %(digit)s. "
                                         "Check the number again.") % {"digit": n.luhn_check_digit(d[:14])}})
    hits = matching.find_phones({"imeis": [d]}, states=REPORTED_STATES, min_score=CHECK_MIN_SCORE)
    return [PhoneHit(h.item, h.item.police_station, h.score, h.scored.explanation()) for h in hits]


def _lost_article_station(station: Unit | None) -> Unit:
    if station is not None:
        return station
    code = getattr(settings, "CCTNS_LOST_ARTICLE_STATION", "")
    found = Unit.objects.filter(code=code, kind="ps").first() if code else None
    if found is None:
        raise ValidationError({"station": _("Choose the police station nearest to where the article was lost.")})
    return found


PHONE_CATEGORIES = frozenset({"mobile_phone", "phone", "mobile"})


def record_lost_article(*, category: str, description: str, identifiers: dict, lost_on: datetime.date,
                        lost_place: str, reporter_name: str, reporter_mobile: str,
                        station: Unit | None = None) -> OtherProperty | MobilePhone:
    """Record an article a citizen reports lost (the portal's lost-article report), as a ``lost``
    item of ``station`` (default: the unit whose code is ``settings.CCTNS_LOST_ARTICLE_STATION``)
    that the police side sees in the station's list and matches against found items.

    ``category`` is one of the FIR property categories (``registration.constants.PropertyCategory``:
    ``mobile_phone``, ``documents``, ``jewellery`` …). A ``mobile_phone`` with an ``imei`` in
    ``identifiers`` (and optionally ``imei_2``, ``make``, ``model``) becomes a
    :class:`MobilePhone`, matched by IMEI; anything else an :class:`OtherProperty` keeping
    ``identifiers`` as given. Raises ``ValidationError`` per field (``imei``: bad check digit;
    ``station``; ``description``)."""
    station = _lost_article_station(station)
    identifiers = {str(k): str(v) for k, v in (identifiers or {}).items() if v not in (None, "")}
    common = {"state": PropertyState.LOST, "occurred_on": lost_on, "place": lost_place or "",
              "owner_name": reporter_name or "", "owner_mobile": reporter_mobile or "",
              "remarks": description or ""}
    if category in PHONE_CATEGORIES and identifiers.get("imei"):
        item = MobilePhone(imei=identifiers["imei"], imei_2=identifiers.get("imei_2", ""),
                           make=identifiers.get("make", ""), model=identifiers.get("model", ""), **common)
    else:
        if not (description or "").strip():
            raise ValidationError({"description": _("Describe the article.")})
        item = OtherProperty(category=category or "other", description=description.strip()[:500],
                             identifiers=identifiers, **common)
    return register_item(item, by=None, station=station, public=True)


#: The fields of a vehicle the public may see (no owner, no FIR, no chassis or engine numbers).
PUBLIC_VEHICLE_FIELDS = ("registration_number", "make", "model", "colour", "vehicle_type", "year",
                         "occurred_on", "police_station__name", "police_station__phone", "state")


def public_stolen_vehicles(*, registration_number: str = "", station: Unit | None = None):
    """Vehicles currently reported stolen or lost, as dicts of :data:`PUBLIC_VEHICLE_FIELDS`
    (newest first): what the citizen portal lists. ``registration_number`` filters on the
    normalised mark; ``station`` on the station's subtree."""
    qs = Vehicle.objects.filter(state__in=list(REPORTED_STATES))
    return _public(qs, registration_number, station)


def public_recovered_vehicles(*, registration_number: str = "", station: Unit | None = None):
    """Vehicles recovered, seized or found unclaimed and not yet returned (so that an owner
    can come forward), as :func:`public_stolen_vehicles`."""
    qs = Vehicle.objects.filter(state__in=[PropertyState.RECOVERED, PropertyState.SEIZED, PropertyState.UNCLAIMED])
    return _public(qs, registration_number, station)


def _public(qs, registration_number: str, station: Unit | None):
    if registration_number:
        qs = qs.filter(registration_normalised=n.normalise_registration(registration_number))
    if station is not None:
        qs = qs.filter(police_station__path__startswith=station.path)
    return qs.order_by("-occurred_on", "-pk").values(*PUBLIC_VEHICLE_FIELDS)
