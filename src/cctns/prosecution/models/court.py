"""The case in court: one :class:`CourtCase` per trial of an FIR in a court, with its hearings,
orders, process, disposal of each accused (IIF-6) and appeals (IIF-7).

Written only through :mod:`cctns.prosecution.services`. Nothing is deleted or overwritten: a
hearing once recorded, a disposal or an appeal result is corrected by a new row that names the
row it corrects (``corrects``) and why; the corrected row keeps its values and is marked
``superseded_at``.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cctns.core.models import PoliceRecord
from cctns.registration.models.common import NoDeleteQuerySet

from ..constants import (
    AgeCategory,
    AppealResult,
    Appellant,
    BailDecision,
    CourtCaseStatus,
    HearingOutcome,
    HearingPurpose,
    OrderKind,
    ProcessStatus,
    RemandKind,
    SentenceKind,
    SummonsTo,
    Verdict,
    WarrantKind,
)

#: A CNR (the e-Courts "Case Number Record") as printed: 16 letters and digits.
CNR_VALIDATOR = RegexValidator(
    r"^[A-Z0-9]{16}$", _("A CNR number has 16 capital letters and digits, e.g. MHPU010012342025."), code="cnr",
)


class CourtCase(PoliceRecord):
    """The FIR's case as a court knows it: the court, its establishment code, the CNR and the
    court's own case number, the date of cognizance, the public prosecutor, and the accused who
    face trial in it (DOMAIN.md workflow "court case number"; ICJS exchange).

    An FIR may have more than one court case (a committal, a split trial). The case is
    ``pending`` until every accused facing trial has a current disposal, then ``disposed``
    (:func:`cctns.prosecution.services.record_disposal`).
    """

    fir = models.ForeignKey("registration.FIR", verbose_name=_("FIR"), on_delete=models.PROTECT, related_name="court_cases")
    court_name = models.CharField(_("court"), max_length=200)
    court_establishment = models.CharField(
        _("court establishment code"), max_length=20, blank=True,
        help_text=_("The e-Courts establishment code, where known."),
    )
    cnr_number = models.CharField(
        _("CNR number"), max_length=16, blank=True, validators=[CNR_VALIDATOR],
        help_text=_("The 16-character Case Number Record of the e-Courts system."),
    )
    case_number = models.CharField(_("court case number"), max_length=60, help_text=_("The court's own number: SC 123/2025."))
    cognizance_on = models.DateField(_("date of cognizance"), null=True, blank=True)
    public_prosecutor = models.CharField(_("public prosecutor"), max_length=200, blank=True)
    accused = models.ManyToManyField(
        "registration.FIRAccused", verbose_name=_("accused facing trial"), related_name="court_cases", blank=True,
    )
    status = models.CharField(_("status"), max_length=10, choices=CourtCaseStatus.choices, default=CourtCaseStatus.PENDING)
    disposed_on = models.DateField(_("disposed on"), null=True, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)

    jurisdiction_field = "fir__police_station"
    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("court case")
        verbose_name_plural = _("court cases")
        constraints = [
            models.UniqueConstraint(fields=["cnr_number"], condition=~Q(cnr_number=""), name="prosecution_cnr_unique"),
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.case_number} ({self.court_name})"

    @property
    def police_station(self):
        return self.fir.police_station

    @property
    def is_sensitive(self) -> bool:
        """Reading a sensitive FIR's court case is audited like reading the FIR."""
        return bool(self.fir.is_sensitive)


class CourtCaseChild(PoliceRecord):
    """Base of the records kept under a court case; jurisdiction is the FIR's police station."""

    court_case = models.ForeignKey(CourtCase, verbose_name=_("court case"), on_delete=models.PROTECT, related_name="+")

    jurisdiction_field = "court_case__fir__police_station"
    objects = NoDeleteQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def police_station(self):
        return self.court_case.fir.police_station

    @property
    def is_sensitive(self) -> bool:
        return bool(self.court_case.fir.is_sensitive)


class Correctable(models.Model):
    """A row corrected by a later row (``corrects`` on the new row, ``superseded_at`` on the old)."""

    corrects = models.OneToOneField(
        "self", verbose_name=_("corrects"), null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by",
    )
    correction_reason = models.TextField(_("reason for the correction"), blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_current(self) -> bool:
        return self.superseded_at is None


class Hearing(Correctable, CourtCaseChild):
    """A date on which the case is listed: its purpose; once held, the outcome, what was done
    and the next date (the station's case calendar, DOMAIN.md "station registers"; ICJS "next
    hearing dates"). Recording the next date schedules the next hearing as a new row."""

    court_case = models.ForeignKey(CourtCase, verbose_name=_("court case"), on_delete=models.PROTECT, related_name="hearings")
    date = models.DateField(_("date"))
    purpose = models.CharField(_("purpose"), max_length=30, choices=HearingPurpose.choices, default=HearingPurpose.OTHER)
    purpose_text = models.CharField(_("purpose (details)"), max_length=300, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=HearingOutcome.choices, default=HearingOutcome.SCHEDULED)
    proceedings = models.TextField(_("proceedings"), blank=True)
    next_date = models.DateField(_("next date"), null=True, blank=True)
    next_purpose = models.CharField(_("purpose of the next date"), max_length=30, choices=HearingPurpose.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        indexes = [models.Index(fields=["date", "outcome"])]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_purpose_display()}"

    @property
    def is_held(self) -> bool:
        return self.outcome != HearingOutcome.SCHEDULED


class BailOrder(CourtCaseChild):
    """A court's order on bail for one accused: granted (with its terms, bond and sureties),
    rejected or cancelled (DOMAIN.md ICJS: courts → police, bail orders)."""

    court_case = models.ForeignKey(CourtCase, verbose_name=_("court case"), on_delete=models.PROTECT, related_name="bail_orders")
    accused = models.ForeignKey("registration.FIRAccused", verbose_name=_("accused"), on_delete=models.PROTECT, related_name="bail_orders")
    order_date = models.DateField(_("date of order"))
    decision = models.CharField(_("decision"), max_length=10, choices=BailDecision.choices)
    bond_amount = models.DecimalField(_("bond amount (₹)"), max_digits=12, decimal_places=2, null=True, blank=True)
    sureties = models.PositiveSmallIntegerField(_("number of sureties"), null=True, blank=True)
    terms = models.TextField(_("terms and conditions"), blank=True)

    class Meta:
        ordering = ["order_date", "id"]
        verbose_name = _("bail order")
        verbose_name_plural = _("bail orders")

    def __str__(self) -> str:
        return f"{self.order_date:%Y-%m-%d} {self.get_decision_display()}"


class RemandOrder(CourtCaseChild):
    """A court's order remanding one accused to police or judicial custody from one date to
    another (IIF-3 custody outcome; DOMAIN.md ICJS: remand orders)."""

    court_case = models.ForeignKey(CourtCase, verbose_name=_("court case"), on_delete=models.PROTECT, related_name="remand_orders")
    accused = models.ForeignKey("registration.FIRAccused", verbose_name=_("accused"), on_delete=models.PROTECT, related_name="remand_orders")
    order_date = models.DateField(_("date of order"))
    kind = models.CharField(_("custody"), max_length=10, choices=RemandKind.choices)
    from_date = models.DateField(_("from"))
    to_date = models.DateField(_("to"))
    terms = models.TextField(_("terms"), blank=True)

    class Meta:
        ordering = ["order_date", "id"]
        verbose_name = _("remand order")
        verbose_name_plural = _("remand orders")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.from_date:%Y-%m-%d}–{self.to_date:%Y-%m-%d}"


class CourtOrder(CourtCaseChild):
    """Any other order of the court for the police: release of property, further
    investigation, committal, transfer … with its date and terms (DOMAIN.md ICJS)."""

    court_case = models.ForeignKey(CourtCase, verbose_name=_("court case"), on_delete=models.PROTECT, related_name="orders")
    order_date = models.DateField(_("date of order"))
    kind = models.CharField(_("kind"), max_length=30, choices=OrderKind.choices)
    terms = models.TextField(_("terms"))
    comply_by = models.DateField(_("to be complied with by"), null=True, blank=True)

    class Meta:
        ordering = ["order_date", "id"]
        verbose_name = _("court order")
        verbose_name_plural = _("court orders")

    def __str__(self) -> str:
        return f"{self.order_date:%Y-%m-%d} {self.get_kind_display()}"


class CourtProcess(CourtCaseChild):
    """A process the court issues for the police to execute: to whom, when issued, returnable
    by, and when executed (served) or returned (DOMAIN.md ICJS: warrants)."""

    accused = models.ForeignKey(
        "registration.FIRAccused", verbose_name=_("accused"), null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    person_name = models.CharField(_("to whom"), max_length=200)
    person_address = models.TextField(_("address"), blank=True)
    issued_on = models.DateField(_("issued on"))
    returnable_on = models.DateField(_("returnable on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ProcessStatus.choices, default=ProcessStatus.PENDING)
    executed_on = models.DateField(_("executed on"), null=True, blank=True)
    returned_on = models.DateField(_("returned to court on"), null=True, blank=True)
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        abstract = True


class Warrant(CourtProcess):
    """A warrant (arrest bailable or non-bailable, search, production) to execute."""

    court_case = models.ForeignKey(CourtCase, verbose_name=_("court case"), on_delete=models.PROTECT, related_name="warrants")
    kind = models.CharField(_("kind"), max_length=15, choices=WarrantKind.choices)

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("warrant")
        verbose_name_plural = _("warrants")
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.issued_on:%Y-%m-%d}"


class Summons(CourtProcess):
    """A summons to an accused or a witness to appear on a date."""

    court_case = models.ForeignKey(CourtCase, verbose_name=_("court case"), on_delete=models.PROTECT, related_name="summonses")
    person_role = models.CharField(_("summoned as"), max_length=10, choices=SummonsTo.choices, default=SummonsTo.WITNESS)
    appear_on = models.DateField(_("to appear on"), null=True, blank=True)

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("summons")
        verbose_name_plural = _("summonses")

    def __str__(self) -> str:
        return f"{self.get_person_role_display()} {self.issued_on:%Y-%m-%d}"


class Disposal(Correctable, CourtCaseChild):
    """IIF-6 Court Disposal for one accused: the verdict, the sections convicted under, the
    sentence (kind of imprisonment and term, BNS s.4), the fine, adult or juvenile, and the date
    (DOMAIN.md "IIF-6"). One current disposal per accused in a court case."""

    court_case = models.ForeignKey(CourtCase, verbose_name=_("court case"), on_delete=models.PROTECT, related_name="disposals")
    accused = models.ForeignKey("registration.FIRAccused", verbose_name=_("accused"), on_delete=models.PROTECT, related_name="disposals")
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices)
    decided_on = models.DateField(_("date of judgment or order"))
    convicted_sections = models.ManyToManyField(
        "legal.Section", verbose_name=_("sections convicted under"), blank=True, related_name="+",
    )
    sentence_kind = models.CharField(_("sentence"), max_length=20, choices=SentenceKind.choices, default=SentenceKind.NONE)
    sentence_years = models.PositiveSmallIntegerField(_("years"), default=0)
    sentence_months = models.PositiveSmallIntegerField(_("months"), default=0)
    sentence_days = models.PositiveSmallIntegerField(_("days"), default=0)
    fine_amount = models.DecimalField(_("fine (₹)"), max_digits=12, decimal_places=2, null=True, blank=True)
    age_category = models.CharField(_("adult or juvenile"), max_length=10, choices=AgeCategory.choices, default=AgeCategory.ADULT)
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        ordering = ["court_case", "accused__order", "id"]
        verbose_name = _("disposal")
        verbose_name_plural = _("disposals")
        constraints = [
            models.UniqueConstraint(
                fields=["court_case", "accused"], condition=Q(superseded_at__isnull=True), name="prosecution_one_current_disposal",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.accused.code} {self.get_verdict_display()}"

    @property
    def term_display(self) -> str:
        """``"2 y 6 m"``-style term, empty when none."""
        parts = [(self.sentence_years, _("y")), (self.sentence_months, _("m")), (self.sentence_days, _("d"))]
        return " ".join(f"{n} {unit}" for n, unit in parts if n)


class Appeal(Correctable, CourtCaseChild):
    """IIF-7 Result of Appeal for one accused: who appealed, to which court, the appeal number,
    when filed, and the result with its date (DOMAIN.md "IIF-7": appellate court, appeal
    number, outcome per accused). An appeal naming several accused is one row per accused with
    the same appeal number."""

    court_case = models.ForeignKey(CourtCase, verbose_name=_("court case"), on_delete=models.PROTECT, related_name="appeals")
    accused = models.ForeignKey("registration.FIRAccused", verbose_name=_("accused"), on_delete=models.PROTECT, related_name="appeals")
    disposal = models.ForeignKey(
        Disposal, verbose_name=_("disposal appealed against"), null=True, blank=True, on_delete=models.PROTECT, related_name="appeals",
    )
    appellant = models.CharField(_("appellant"), max_length=10, choices=Appellant.choices)
    appellate_court = models.CharField(_("appellate court"), max_length=200)
    appeal_number = models.CharField(_("appeal number"), max_length=60)
    filed_on = models.DateField(_("filed on"))
    result = models.CharField(_("result"), max_length=12, choices=AppealResult.choices, default=AppealResult.PENDING)
    result_on = models.DateField(_("date of result"), null=True, blank=True)
    result_remarks = models.TextField(_("result (details)"), blank=True)

    class Meta:
        ordering = ["filed_on", "id"]
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")

    def __str__(self) -> str:
        return f"{self.appeal_number} {self.accused.code}"
