"""Coded vocabularies of the person index: name kinds, roles in cases, build, complexion,
identifying marks and where on the body they are, address kinds, duplicate statuses.

Sex and identity-document types reuse registration's lists (``cctns.registration.constants``) so
that a person and the FIR particulars it came from speak one vocabulary.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cctns.core.constants import Role
from cctns.registration.constants import IDType, Sex

__all__ = [
    "AddressKind", "Build", "Complexion", "CROSS_JURISDICTION_SEARCH_ROLES", "DuplicateStatus",
    "IDType", "MarkLocation", "MarkType", "NameKind", "PersonRoleKind", "Sex",
]


class NameKind(models.TextChoices):
    PRIMARY = "primary", _("Name")
    ALIAS = "alias", _("Alias")


class PersonRoleKind(models.TextChoices):
    """A person's part in a case (DESIGN.md §3 "Person")."""

    INFORMANT = "informant", _("Informant / complainant")
    VICTIM = "victim", _("Victim")
    ACCUSED = "accused", _("Accused")
    SUSPECT = "suspect", _("Suspect")
    WITNESS = "witness", _("Witness")
    ARRESTED = "arrested", _("Arrested")
    MISSING = "missing", _("Missing person")


class Build(models.TextChoices):
    """Build, as the physical description of the IIF-3 arrest memo records it."""

    THIN = "thin", _("Thin")
    MEDIUM = "medium", _("Medium")
    STOUT = "stout", _("Stout")
    ATHLETIC = "athletic", _("Athletic")
    OBESE = "obese", _("Obese")


class Complexion(models.TextChoices):
    FAIR = "fair", _("Fair")
    WHEATISH = "wheatish", _("Wheatish")
    BROWN = "brown", _("Brown")
    DARK = "dark", _("Dark")


class MarkType(models.TextChoices):
    """Kinds of identifying mark (IIF-3 "marks")."""

    SCAR = "scar", _("Scar")
    MOLE = "mole", _("Mole")
    TATTOO = "tattoo", _("Tattoo")
    BIRTHMARK = "birthmark", _("Birthmark")
    BURN = "burn", _("Burn mark")
    CUT = "cut", _("Cut mark")
    AMPUTATION = "amputation", _("Amputation / missing part")
    DEFORMITY = "deformity", _("Deformity")
    OTHER = "other", _("Other")


class MarkLocation(models.TextChoices):
    """Where on the body a mark is."""

    HEAD = "head", _("Head")
    FOREHEAD = "forehead", _("Forehead")
    FACE = "face", _("Face")
    LEFT_CHEEK = "left_cheek", _("Left cheek")
    RIGHT_CHEEK = "right_cheek", _("Right cheek")
    CHIN = "chin", _("Chin")
    NECK = "neck", _("Neck")
    CHEST = "chest", _("Chest")
    BACK = "back", _("Back")
    ABDOMEN = "abdomen", _("Abdomen")
    LEFT_ARM = "left_arm", _("Left arm")
    RIGHT_ARM = "right_arm", _("Right arm")
    LEFT_HAND = "left_hand", _("Left hand")
    RIGHT_HAND = "right_hand", _("Right hand")
    LEFT_LEG = "left_leg", _("Left leg")
    RIGHT_LEG = "right_leg", _("Right leg")
    LEFT_FOOT = "left_foot", _("Left foot")
    RIGHT_FOOT = "right_foot", _("Right foot")
    OTHER = "other", _("Other")


class AddressKind(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    PRESENT = "present", _("Present")
    OTHER = "other", _("Other")


class DuplicateStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed (merged)")
    REJECTED = "rejected", _("Rejected: different persons")


#: Roles that may search the person index beyond their own jurisdiction (DESIGN.md §6: cross-
#: jurisdiction reads go through search). Results from outside the jurisdiction show only the
#: minimal fields (``services.MINIMAL_FIELDS``). NCRB analysts and administrators see the whole
#: node anyway.
CROSS_JURISDICTION_SEARCH_ROLES = frozenset({Role.SUPERVISOR, Role.SCRB_ANALYST, Role.NCRB_ANALYST, Role.ADMIN})
