"""Models of the property app: items (vehicles, firearms, phones, other property) with their
state history, and match candidates between found and reported items."""

from .items import (
           Firearm,
           MobilePhone,
           OtherProperty,
           PropertyItem,
           PropertyQuerySet,
           StateChange,
           Vehicle,
)
from .matches import MatchCandidate

__all__ = ["Firearm", "MatchCandidate", "MobilePhone", "OtherProperty", "PropertyItem", "PropertyQuerySet",
           "StateChange", "Vehicle"]
