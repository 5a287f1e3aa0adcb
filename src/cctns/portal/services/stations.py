"""Choosing the police station: by district and place, and the nearest by coordinates."""

import math

from rapidfuzz import fuzz

from cctns.core.constants import UnitKind
from cctns.core.models import Unit
from cctns.registration.services.complaints import normalise_text_key


def districts():
    """Active districts of the node, by name."""
    return Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True).order_by("name")


def stations_in(district: Unit | None):
    qs = Unit.objects.filter(kind=UnitKind.POLICE_STATION, is_active=True)
    if district is not None:
        qs = qs.filter(path__startswith=district.path)
    return qs.order_by("name")


def suggest_stations(district: Unit | None, place: str = "", *, limit: int = 5) -> list[Unit]:
    """Stations of ``district`` whose name or address best matches ``place`` (any script:
    normalised, then rapidfuzz's partial token-set ratio against the name, the Hindi name and
    the address), best first; with no place, the district's stations by name. A suggestion
    only: the citizen chooses, and any station must accept a complaint (BNSS s.173(1), Zero FIR).
    """
    candidates = list(stations_in(district)[:2000])
    key = normalise_text_key(place)
    if not key:
        return candidates[:limit]

    def score(unit: Unit) -> float:
        texts = [normalise_text_key(t) for t in (unit.name, unit.name_hi, unit.address) if t]
        return max((fuzz.partial_token_set_ratio(key, t) for t in texts), default=0.0)

    ranked = sorted(candidates, key=lambda u: (-score(u), u.name))
    return ranked[:limit]


def haversine_km(lat1, lon1, lat2, lon2) -> float:
    """Great-circle distance in kilometres (mean Earth radius 6371 km)."""
    p1, p2 = math.radians(float(lat1)), math.radians(float(lat2))
    dp, dl = p2 - p1, math.radians(float(lon2) - float(lon1))
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def nearest_stations(latitude: float, longitude: float, *, limit: int = 5) -> list[tuple[Unit, float]]:
    """The stations with coordinates nearest to a point: ``[(station, km)]``, nearest first.
    Stations without coordinates in the reference data are not considered."""
    qs = Unit.objects.filter(kind=UnitKind.POLICE_STATION, is_active=True, latitude__isnull=False, longitude__isnull=False)
    rows = [(u, haversine_km(latitude, longitude, u.latitude, u.longitude)) for u in qs.iterator()]
    rows.sort(key=lambda r: r[1])
    return rows[:limit]
