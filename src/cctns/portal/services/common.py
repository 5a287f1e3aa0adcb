"""Helpers shared by the portal services: mobile numbers, reference numbers, settings, the
station's portal desk account."""

import re
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.core.constants import Rank, Role, UnitKind
from cctns.core.models import Unit

MOBILE_RE = re.compile(r"^[6-9][0-9]{9}$")
#: Crockford's base32 without I, L, O, U: easy to read out over the phone.
REFERENCE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def normalise_mobile(value: str) -> str:
    """An Indian mobile number as ten digits (``+91 98765-43210`` → ``9876543210``).

    Raises ``ValidationError({"mobile": …})`` unless the result is ten digits starting 6–9
    (the numbering plan of Indian mobile numbers)."""
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    if len(digits) == 12 and digits.startswith("91"):
        digits = digits[2:]
    elif len(digits) == 11 and digits.startswith("0"):
        digits = digits[1:]
    if not MOBILE_RE.match(digits):
        raise ValidationError({"mobile": _("Enter a 10-digit mobile number.")}, code="mobile")
    return digits


def new_reference(prefix: str, now=None) -> str:
    """A public acknowledgement number ``<prefix>-<year>-<8 characters>``: 40 random bits from
    the OS CSPRNG, so numbers say nothing about how many came before and cannot be enumerated
    (status is shown only with the registered mobile number as well)."""
    year = timezone.localtime(now or timezone.now()).year
    body = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{prefix}-{year}-{body}"


def normalise_reference(value: str) -> str:
    """Upper case, spaces dropped, the look-alike letters O/I/L read as digits."""
    text = re.sub(r"\s+", "", str(value or "")).upper()
    parts = text.split("-")
    if len(parts) == 3:
        parts[2] = parts[2].replace("O", "0").replace("I", "1").replace("L", "1")
    return "-".join(parts)[:24]


def setting(name: str, default):
    return getattr(settings, name, default)


def portal_desk_user(station: Unit):
    """The station's *portal desk*: the account under which the station receives what citizens
    file online (the complaint's ``created_by``, the GD entry's author).

    A user posted at the station with the station-writer role and the civilian rank, an
    unusable password and no API token, so nobody can sign in as it; created on first use
    (username ``portal-desk-<station code>``). It is the station's own inbox, not the citizen:
    a citizen is never a :class:`~cctns.core.models.User`.
    """
    if station.kind != UnitKind.POLICE_STATION:
        raise ValidationError({"police_station": _("Choose a police station.")})
    User = get_user_model()
    username = f"portal-desk-{station.code}"[:150]
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, first_name=str(_("Citizen portal")), last_name="", unit=station,
                    role=Role.STATION_WRITER, rank=Rank.CIVILIAN, is_active=True)
        user.set_unusable_password()
        user.save()
    return user


def district_of(station: Unit) -> Unit | None:
    return station.ancestor_of_kind(UnitKind.DISTRICT)
