"""Shared pieces of the registration models: person particulars, append-only querysets, masking."""

import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cctns.core.querysets import JurisdictionQuerySet

from ..constants import IDType, Relation, Sex


class NoDeleteQuerySet(JurisdictionQuerySet):
    """Jurisdiction-scoped queryset whose bulk ``delete()`` is refused (police records are never
    deleted, DESIGN.md §4; the instance ``delete()`` is refused by ``PoliceRecord``)."""

    def delete(self):
        raise ValidationError(_("Police records are never deleted; record a correction instead."))


class AppendOnlyQuerySet(NoDeleteQuerySet):
    """A queryset for append-only registers (General Diary): no bulk update, no delete."""

    def update(self, **kwargs):
        raise ValidationError(_("This register is append-only: entries are never edited."))


class PersonParticulars(models.Model):
    """Particulars of a person named in a registration form (IIF-1 informant, victim, accused;
    complainant): name in any script, father's/husband's name, sex, date of birth or age,
    nationality, occupation, address, phone."""

    name = models.CharField(_("name"), max_length=200, blank=True)
    relative_name = models.CharField(_("father's / husband's name"), max_length=200, blank=True)
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    age = models.PositiveSmallIntegerField(_("age (years)"), null=True, blank=True)
    nationality = models.CharField(_("nationality"), max_length=60, blank=True, default="Indian")
    occupation = models.CharField(_("occupation"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        abstract = True

    def age_on(self, day) -> int | None:
        """Age in whole years on ``day`` (from the date of birth, else the stated age), or ``None``."""
        if self.date_of_birth and day:
            dob = self.date_of_birth
            return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
        return self.age


#: Fields of :class:`PersonParticulars`, in form order.
PARTICULAR_FIELDS = [
    "name", "relative_name", "relation", "sex", "date_of_birth", "age", "nationality",
    "occupation", "address", "phone",
]


def mask_identifier(value: str, keep: int = 4) -> str:
    """An identity document number masked for storage: only the last ``keep`` characters stay.

    ``mask_identifier("1234 5678 9012")`` → ``"XXXXXXXX9012"`` (DESIGN.md §3: identity documents
    stored masked or hashed; the Aadhaar (Sharing of Information) Regulations 2016 reg. 6 likewise
    require Aadhaar numbers to be masked where displayed).
    """
    compact = "".join(ch for ch in (value or "") if ch.isalnum()).upper()
    if not compact:
        return ""
    if len(compact) <= keep:
        return "X" * len(compact)
    return "X" * (len(compact) - keep) + compact[-keep:]


def hash_identifier(id_type: str, value: str) -> str:
    """A keyed hash (HMAC-SHA256 with the node's secret key) of an identity document number, so a
    person can be matched by document without the number being stored."""
    compact = "".join(ch for ch in (value or "") if ch.isalnum()).upper()
    if not compact:
        return ""
    msg = f"{id_type}:{compact}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), msg, hashlib.sha256).hexdigest()


__all__ = [
    "AppendOnlyQuerySet", "IDType", "NoDeleteQuerySet", "PARTICULAR_FIELDS", "PersonParticulars",
    "hash_identifier", "mask_identifier",
]
