"""Coded vocabularies of the crime details (IIF-2): modus operandi (a data file, replaceable),
motives and place types (coded in Python).

The modus operandi list is ``data/modus_operandi.csv`` (see ``data/SOURCES.md``: written for this
project, the official list was not found), or the CSV named by ``CCTNS_MO_VOCABULARY``.
"""

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DEFAULT_MO_FILE = Path(__file__).resolve().parent / "data" / "modus_operandi.csv"


@dataclass(frozen=True)
class MOCode:
    code: str
    group: str
    label: str
    label_hi: str

    def local_label(self) -> str:
        """The label in the active language (Hindi when it is active and given)."""
        return self.label_hi if (get_language() or "").startswith("hi") and self.label_hi else self.label


def mo_file() -> Path:
    """The modus operandi CSV in use: ``CCTNS_MO_VOCABULARY`` or the shipped file."""
    return Path(getattr(settings, "CCTNS_MO_VOCABULARY", "") or DEFAULT_MO_FILE)


@lru_cache(maxsize=4)
def _load(path: str) -> dict[str, MOCode]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = [MOCode(r["code"].strip().upper(), r["group"].strip(), r["label"].strip(), (r.get("label_hi") or "").strip())
                for r in csv.DictReader(fh) if (r.get("code") or "").strip()]
    return {r.code: r for r in rows}


def mo_codes() -> dict[str, MOCode]:
    """``{code: MOCode}`` of the vocabulary in use, in file order."""
    return _load(str(mo_file()))


def mo_choices() -> list[tuple[str, str]]:
    """``[(code, "code — label")]`` for forms, labels in the active language."""
    return [(c.code, f"{c.code} — {c.local_label()}") for c in mo_codes().values()]


def mo_label(code: str) -> str:
    """The label of ``code`` in the active language, or the code itself when the list no longer has it."""
    found = mo_codes().get((code or "").upper())
    return found.local_label() if found else code


class Motive(models.TextChoices):
    """Motive (IIF-2). Headings of the kind NCRB's *Crime in India* uses for motives of murder and
    kidnapping; a case whose motive is none of these is "other", described in the text."""

    GAIN = "gain", _("Gain (money or property)")
    PROPERTY_DISPUTE = "property_dispute", _("Property or land dispute")
    ENMITY = "enmity", _("Personal vendetta or enmity")
    FAMILY_DISPUTE = "family_dispute", _("Family dispute")
    LOVE_AFFAIR = "love_affair", _("Love affair")
    DOWRY = "dowry", _("Dowry")
    SEXUAL = "sexual", _("Sexual")
    POLITICAL = "political", _("Political")
    COMMUNAL = "communal", _("Communal or caste")
    UNKNOWN = "unknown", _("Not yet known")
    OTHER = "other", _("Other")


class PlaceType(models.TextChoices):
    """Type of the place of occurrence (IIF-2)."""

    RESIDENCE = "residence", _("Residential house")
    SHOP = "shop", _("Shop or market")
    OFFICE = "office", _("Office or commercial establishment")
    BANK = "bank", _("Bank, ATM or financial institution")
    ROAD = "road", _("Road, street or highway")
    PUBLIC_TRANSPORT = "public_transport", _("Bus, train or station")
    RELIGIOUS = "religious", _("Place of worship")
    EDUCATIONAL = "educational", _("School or college")
    HOSPITAL = "hospital", _("Hospital")
    FIELD = "field", _("Field, farm or open land")
    WATER = "water", _("River, canal or pond")
    ONLINE = "online", _("Online / over the phone")
    OTHER = "other", _("Other")
