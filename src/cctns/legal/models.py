"""Reference law: acts, sections, the IPC↔BNS correspondence, offence classification, crime heads.

Classification (cognizable, bailable, triable by) is reference data with a per-row source and a
``verified`` flag (DOMAIN.md "Offence classification"): ``None`` means unknown, never guessed.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActKind(models.TextChoices):
    PENAL_CODE = "penal", _("Penal code")
    PROCEDURE = "procedure", _("Procedure code")
    EVIDENCE = "evidence", _("Evidence law")
    SPECIAL = "special", _("Special law")
    LOCAL = "local", _("Local law")


class Act(models.Model):
    """An Act of a legislature, e.g. BNS 2023, IPC 1860, NDPS Act 1985.

    ``code`` is the short stable code used in data and the API (``BNS``, ``IPC``, ``NDPS``).
    ``in_force_from``/``in_force_to`` bound the offences it books (IPC to 2024-06-30, BNS from
    2024-07-01: BNS s.1(2), notification S.O. 850(E) of 23 Feb 2024).
    """

    code = models.CharField(_("code"), max_length=20, unique=True)
    short_name = models.CharField(_("short name"), max_length=100)
    name = models.CharField(_("full name"), max_length=255)
    name_hi = models.CharField(_("name (Hindi)"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    act_number = models.CharField(_("act number"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=ActKind.choices)
    in_force_from = models.DateField(_("in force from"), null=True, blank=True)
    in_force_to = models.DateField(_("in force to"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["kind", "code"]
        verbose_name = _("act")
        verbose_name_plural = _("acts")

    def __str__(self) -> str:
        return self.short_name


class Court(models.TextChoices):
    """Court by which an offence is triable (BNSS First Schedule, column 6)."""

    SESSIONS = "sessions", _("Court of Session")
    MAGISTRATE_FIRST = "jmfc", _("Magistrate of the first class")
    ANY_MAGISTRATE = "any", _("Any Magistrate")
    SPECIAL = "special", _("Special court")


class Section(models.Model):
    """A section of an act; offence sections carry their classification when known.

    ``number`` is the section as printed (``303``, ``376AB``, ``64``); ``sort_key`` orders
    numerically. ``cognizable``/``bailable`` are ``None`` when unknown; ``classification_source``
    and ``classification_verified`` say where a known value came from.
    ``sensitive`` marks sections whose FIRs are never published and whose victims are
    protected (BNS s.72, POCSO s.23; Nipun Saxena v. UoI, 2018).
    """

    act = models.ForeignKey(Act, on_delete=models.PROTECT, related_name="sections")
    number = models.CharField(_("section"), max_length=20)
    sort_key = models.CharField(max_length=30, editable=False, db_index=True)
    title = models.CharField(_("title"), max_length=500)
    title_hi = models.CharField(_("title (Hindi)"), max_length=500, blank=True)
    chapter = models.CharField(_("chapter"), max_length=10, blank=True)
    chapter_title = models.CharField(_("chapter title"), max_length=300, blank=True)
    is_offence = models.BooleanField(_("defines or punishes an offence"), default=False)
    repealed = models.BooleanField(_("repealed"), default=False)
    cognizable = models.BooleanField(_("cognizable"), null=True, blank=True)
    bailable = models.BooleanField(_("bailable"), null=True, blank=True)
    triable_by = models.CharField(_("triable by"), max_length=20, choices=Court.choices, blank=True)
    max_punishment_years = models.PositiveSmallIntegerField(
        _("maximum imprisonment (years)"), null=True, blank=True,
        help_text=_("99 for imprisonment for life, 100 for death; empty when unknown."),
    )
    classification_source = models.CharField(_("classification source"), max_length=300, blank=True)
    classification_verified = models.BooleanField(_("classification verified"), default=False)
    sensitive = models.BooleanField(_("sensitive"), default=False)
    sensitive_reason = models.CharField(_("why sensitive"), max_length=200, blank=True)
    crime_head = models.ForeignKey(
        "CrimeHead", null=True, blank=True, on_delete=models.PROTECT, related_name="sections",
    )

    class Meta:
        ordering = ["act", "sort_key"]
        unique_together = [("act", "number")]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.act.code} {self.number}"

    def save(self, *args, **kwargs) -> None:
        self.sort_key = section_sort_key(self.number)
        super().save(*args, **kwargs)

    @property
    def corresponding(self) -> list[dict]:
        """Sections of the other code (IPC↔BNS); see :func:`cctns.legal.services.corresponding_sections`."""
        from .services import corresponding_sections

        return corresponding_sections(self)


def section_sort_key(number: str) -> str:
    """Sort key for a section number: ``"64"`` → ``"00064"``, ``"376AB"`` → ``"00376AB"``.

    Sub-sections in brackets sort after the plain section: ``"303(2)"`` → ``"00303(2)"``.
    """
    digits = ""
    for ch in number:
        if ch.isdigit():
            digits += ch
        else:
            break
    return f"{int(digits):05d}{number[len(digits):]}" if digits else number


class Correspondence(models.Model):
    """One row of the IPC↔BNS correspondence table (MHA comparison table).

    ``relation`` is ``corresponds`` (one maps to the other), ``new_in_bns`` (no IPC
    counterpart), ``omitted`` (the table marks the IPC section "Deleted") or ``not_in_table``
    (an IPC section the table does not list at all; no equivalent is asserted). ``ipc_label`` and
    ``bns_label`` keep the (sub-)section as printed (``376(3)``, ``303(2)``); the foreign keys
    point at the base section where it exists.
    """

    class Relation(models.TextChoices):
        CORRESPONDS = "corresponds", _("corresponds")
        NEW_IN_BNS = "new_in_bns", _("new in BNS")
        OMITTED = "omitted", _("omitted in BNS")
        NOT_IN_TABLE = "not_in_table", _("not in the correspondence table")

    ipc_section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT, related_name="bns_correspondences",
    )
    bns_section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.PROTECT, related_name="ipc_correspondences",
    )
    ipc_label = models.CharField(max_length=40, blank=True)
    bns_label = models.CharField(max_length=40, blank=True)
    relation = models.CharField(max_length=20, choices=Relation.choices)
    note = models.CharField(max_length=300, blank=True)
    source_row = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["source_row"]
        verbose_name = _("IPC–BNS correspondence")
        verbose_name_plural = _("IPC–BNS correspondences")

    def __str__(self) -> str:
        return f"IPC {self.ipc_label or '—'} ↔ BNS {self.bns_label or '—'}"


class ClauseClassification(models.Model):
    """Classification of one clause of a section where clauses differ (BNSS First Schedule rows).

    The First Schedule classifies by punishing clause: BNS 318(2) (cheating) is non-cognizable and
    bailable, 318(4) (cheating and dishonestly inducing delivery of property) cognizable and
    non-bailable. :class:`Section` holds only what is true of every clause; rows here hold one
    clause each (``clause`` as printed: ``318(4)``, ``506 (second part)``). ``None`` = unknown.
    """

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="clause_classifications")
    clause = models.CharField(_("clause"), max_length=40)
    cognizable = models.BooleanField(_("cognizable"), null=True, blank=True)
    bailable = models.BooleanField(_("bailable"), null=True, blank=True)
    triable_by = models.CharField(_("triable by"), max_length=20, choices=Court.choices, blank=True)
    max_punishment_years = models.PositiveSmallIntegerField(
        _("maximum imprisonment (years)"), null=True, blank=True,
        help_text=_("99 for imprisonment for life, 100 for death; empty when unknown."),
    )
    source = models.CharField(_("classification source"), max_length=300, blank=True)
    verified = models.BooleanField(_("classification verified"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["section", "clause"]
        unique_together = [("section", "clause")]
        verbose_name = _("clause classification")
        verbose_name_plural = _("clause classifications")

    def __str__(self) -> str:
        return f"{self.section.act.code} {self.clause}"


class CrimeHead(models.Model):
    """A crime head for statistics (Crime in India), e.g. "Murder", "Theft", "Rape".

    Heads form a two-level tree (group → head). Sections map to a head; a case counts once,
    under its most serious head (the principal offence rule, ``seriousness`` lower = graver).
    """

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    name_hi = models.CharField(max_length=200, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    seriousness = models.PositiveIntegerField(default=1000)

    class Meta:
        ordering = ["seriousness", "code"]
        verbose_name = _("crime head")
        verbose_name_plural = _("crime heads")

    def __str__(self) -> str:
        return self.name
