"""Coded vocabularies of the property app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    VEHICLE = "vehicle", _("Vehicle")
    FIREARM = "firearm", _("Firearm")
    PHONE = "phone", _("Mobile phone")
    OTHER = "other", _("Other property")


class PropertyState(models.TextChoices):
    """The life of an item: reported (stolen / lost) → found (seized / recovered / unclaimed) →
    returned to owner (DOMAIN.md IIF-1 "property stolen", IIF-4 "each item seized")."""

    STOLEN = "stolen", _("Stolen")
    LOST = "lost", _("Lost")
    SEIZED = "seized", _("Seized")
    RECOVERED = "recovered", _("Recovered")
    UNCLAIMED = "unclaimed", _("Unclaimed")
    RETURNED = "returned", _("Returned to owner")


#: States of an item reported missing by its owner: what found items are matched against.
REPORTED_STATES = frozenset({PropertyState.STOLEN, PropertyState.LOST})
#: States of an item in police hands (or checked on the road): matched against reported items.
FOUND_STATES = frozenset({PropertyState.SEIZED, PropertyState.RECOVERED, PropertyState.UNCLAIMED})

#: Allowed moves between states (a correction of a wrong state is a new row too).
TRANSITIONS: dict[str, frozenset[str]] = {
    PropertyState.STOLEN: frozenset({PropertyState.RECOVERED, PropertyState.SEIZED, PropertyState.RETURNED}),
    PropertyState.LOST: frozenset({PropertyState.RECOVERED, PropertyState.SEIZED, PropertyState.RETURNED}),
    PropertyState.SEIZED: frozenset({PropertyState.RECOVERED, PropertyState.UNCLAIMED, PropertyState.RETURNED}),
    PropertyState.RECOVERED: frozenset({PropertyState.UNCLAIMED, PropertyState.RETURNED, PropertyState.SEIZED}),
    PropertyState.UNCLAIMED: frozenset({PropertyState.RETURNED, PropertyState.RECOVERED}),
    PropertyState.RETURNED: frozenset(),
}


class VehicleType(models.TextChoices):
    MOTORCYCLE = "motorcycle", _("Motorcycle / scooter")
    CAR = "car", _("Car / jeep")
    AUTORICKSHAW = "auto", _("Auto-rickshaw")
    TRUCK = "truck", _("Truck / lorry")
    BUS = "bus", _("Bus")
    TRACTOR = "tractor", _("Tractor")
    BICYCLE = "bicycle", _("Bicycle")
    OTHER = "other", _("Other")


class FirearmType(models.TextChoices):
    PISTOL = "pistol", _("Pistol")
    REVOLVER = "revolver", _("Revolver")
    RIFLE = "rifle", _("Rifle")
    SHOTGUN = "shotgun", _("Shotgun")
    COUNTRY_MADE = "country_made", _("Country-made firearm")
    OTHER = "other", _("Other")


class CandidateStatus(models.TextChoices):
    PROPOSED = "proposed", _("To review")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")
