"""Serializers of the court API. Reads name the accused by code only (never a name: a juvenile's
identity is protected, JJ Act s.74). Writes are the arguments of one service each; the service
checks the rules."""

from rest_framework import serializers

from cctns.legal.models import Section
from cctns.registration.models import FIRAccused

from ..constants import (
    AgeCategory,
    AppealResult,
    Appellant,
    BailDecision,
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
from ..models import (
    Appeal,
    BailOrder,
    CourtCase,
    CourtOrder,
    Disposal,
    Hearing,
    RemandOrder,
    Summons,
    Warrant,
)

BASE = ["id", "global_id", "version", "created_at", "updated_at"]


class CourtCaseSerializer(serializers.ModelSerializer):
    fir_number = serializers.CharField(source="fir.number", read_only=True)
    police_station = serializers.CharField(source="fir.police_station.code", read_only=True)
    accused = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = CourtCase
        fields = [*BASE, "fir", "fir_number", "police_station", "court_name", "court_establishment", "cnr_number",
                  "case_number", "cognizance_on", "public_prosecutor", "accused", "status", "disposed_on", "remarks"]
        read_only_fields = fields


def AccusedField(**kwargs):  # noqa: N802  (reads as a field class)
    """An accused by id (the service checks that they face trial in the case)."""
    return serializers.PrimaryKeyRelatedField(queryset=FIRAccused.objects.all(), **kwargs)


class CourtCaseWriteSerializer(serializers.Serializer):
    fir = serializers.IntegerField()
    court_name = serializers.CharField(max_length=200)
    case_number = serializers.CharField(max_length=60)
    cnr_number = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    court_establishment = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    cognizance_on = serializers.DateField(required=False, allow_null=True, default=None)
    public_prosecutor = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    accused = AccusedField(many=True, required=False)
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class CognizanceSerializer(serializers.Serializer):
    cognizance_on = serializers.DateField()
    public_prosecutor = serializers.CharField(max_length=200, required=False, allow_null=True, default=None)


class CaseChildSerializer(serializers.ModelSerializer):
    accused_code = serializers.CharField(source="accused.code", read_only=True, default=None)


class HearingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hearing
        fields = [*BASE, "court_case", "date", "purpose", "purpose_text", "outcome", "proceedings", "next_date",
                  "next_purpose", "recorded_at", "corrects", "correction_reason", "superseded_at"]
        read_only_fields = fields


class HearingWriteSerializer(serializers.Serializer):
    court_case = serializers.IntegerField()
    date = serializers.DateField()
    purpose = serializers.ChoiceField(HearingPurpose.choices, default=HearingPurpose.OTHER)
    purpose_text = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class HearingRecordSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField([c for c in HearingOutcome.choices if c[0] != HearingOutcome.SCHEDULED])
    proceedings = serializers.CharField(required=False, allow_blank=True, default="")
    next_date = serializers.DateField(required=False, allow_null=True, default=None)
    next_purpose = serializers.ChoiceField(HearingPurpose.choices, required=False, allow_blank=True, default="")


class BailOrderSerializer(CaseChildSerializer):
    class Meta:
        model = BailOrder
        fields = [*BASE, "court_case", "accused", "accused_code", "order_date", "decision", "bond_amount", "sureties", "terms"]
        read_only_fields = fields


class BailOrderWriteSerializer(serializers.Serializer):
    court_case = serializers.IntegerField()
    accused = AccusedField()
    order_date = serializers.DateField()
    decision = serializers.ChoiceField(BailDecision.choices)
    bond_amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True, default=None)
    sureties = serializers.IntegerField(min_value=0, required=False, allow_null=True, default=None)
    terms = serializers.CharField(required=False, allow_blank=True, default="")


class RemandOrderSerializer(CaseChildSerializer):
    class Meta:
        model = RemandOrder
        fields = [*BASE, "court_case", "accused", "accused_code", "order_date", "kind", "from_date", "to_date", "terms"]
        read_only_fields = fields


class RemandOrderWriteSerializer(serializers.Serializer):
    court_case = serializers.IntegerField()
    accused = AccusedField()
    order_date = serializers.DateField()
    kind = serializers.ChoiceField(RemandKind.choices)
    from_date = serializers.DateField()
    to_date = serializers.DateField()
    terms = serializers.CharField(required=False, allow_blank=True, default="")


class CourtOrderSerializer(serializers.ModelSerializer):
    class Meta:
        model = CourtOrder
        fields = [*BASE, "court_case", "order_date", "kind", "terms", "comply_by"]
        read_only_fields = fields


class CourtOrderWriteSerializer(serializers.Serializer):
    court_case = serializers.IntegerField()
    order_date = serializers.DateField()
    kind = serializers.ChoiceField(OrderKind.choices)
    terms = serializers.CharField()
    comply_by = serializers.DateField(required=False, allow_null=True, default=None)


PROCESS_FIELDS = ["accused", "accused_code", "person_name", "person_address", "issued_on", "returnable_on", "status",
                  "executed_on", "returned_on", "remarks"]


class WarrantSerializer(CaseChildSerializer):
    class Meta:
        model = Warrant
        fields = [*BASE, "court_case", "kind", *PROCESS_FIELDS]
        read_only_fields = fields


class SummonsSerializer(CaseChildSerializer):
    class Meta:
        model = Summons
        fields = [*BASE, "court_case", "person_role", "appear_on", *PROCESS_FIELDS]
        read_only_fields = fields


class ProcessWriteSerializer(serializers.Serializer):
    court_case = serializers.IntegerField()
    accused = AccusedField(required=False, allow_null=True, default=None)
    person_name = serializers.CharField(max_length=200)
    person_address = serializers.CharField(required=False, allow_blank=True, default="")
    issued_on = serializers.DateField()
    returnable_on = serializers.DateField(required=False, allow_null=True, default=None)
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class WarrantWriteSerializer(ProcessWriteSerializer):
    kind = serializers.ChoiceField(WarrantKind.choices)


class SummonsWriteSerializer(ProcessWriteSerializer):
    person_role = serializers.ChoiceField(SummonsTo.choices, default=SummonsTo.WITNESS)
    appear_on = serializers.DateField(required=False, allow_null=True, default=None)


class ProcessReturnSerializer(serializers.Serializer):
    status = serializers.ChoiceField([c for c in ProcessStatus.choices if c[0] != ProcessStatus.PENDING])
    executed_on = serializers.DateField(required=False, allow_null=True, default=None)
    returned_on = serializers.DateField(required=False, allow_null=True, default=None)
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class DisposalSerializer(CaseChildSerializer):
    convicted_sections = serializers.SerializerMethodField()

    class Meta:
        model = Disposal
        fields = [*BASE, "court_case", "accused", "accused_code", "verdict", "decided_on", "convicted_sections",
                  "sentence_kind", "sentence_years", "sentence_months", "sentence_days", "fine_amount", "age_category",
                  "remarks", "corrects", "correction_reason", "superseded_at"]
        read_only_fields = fields

    def get_convicted_sections(self, obj) -> list[str]:
        return [f"{s.act.code} {s.number}" for s in obj.convicted_sections.all()]


class DisposalWriteSerializer(serializers.Serializer):
    court_case = serializers.IntegerField()
    accused = AccusedField()
    verdict = serializers.ChoiceField(Verdict.choices)
    decided_on = serializers.DateField()
    convicted_sections = serializers.PrimaryKeyRelatedField(queryset=Section.objects.all(), many=True, required=False, default=list)
    sentence_kind = serializers.ChoiceField(SentenceKind.choices, default=SentenceKind.NONE)
    sentence_years = serializers.IntegerField(min_value=0, default=0)
    sentence_months = serializers.IntegerField(min_value=0, default=0)
    sentence_days = serializers.IntegerField(min_value=0, default=0)
    fine_amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True, default=None)
    age_category = serializers.ChoiceField(AgeCategory.choices, required=False, allow_null=True, default=None)
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class AppealSerializer(CaseChildSerializer):
    class Meta:
        model = Appeal
        fields = [*BASE, "court_case", "accused", "accused_code", "disposal", "appellant", "appellate_court", "appeal_number",
                  "filed_on", "result", "result_on", "result_remarks", "corrects", "correction_reason", "superseded_at"]
        read_only_fields = fields


class AppealWriteSerializer(serializers.Serializer):
    court_case = serializers.IntegerField()
    accused = AccusedField()
    appellant = serializers.ChoiceField(Appellant.choices)
    appellate_court = serializers.CharField(max_length=200)
    appeal_number = serializers.CharField(max_length=60)
    filed_on = serializers.DateField()


class AppealResultSerializer(serializers.Serializer):
    result = serializers.ChoiceField([c for c in AppealResult.choices if c[0] != AppealResult.PENDING])
    result_on = serializers.DateField()
    result_remarks = serializers.CharField(required=False, allow_blank=True, default="")


class HearingCorrectionSerializer(serializers.Serializer):
    """A correction of a recorded hearing: the reason and the fields that change."""

    reason = serializers.CharField()
    date = serializers.DateField(required=False)
    purpose = serializers.ChoiceField(HearingPurpose.choices, required=False)
    purpose_text = serializers.CharField(required=False, allow_blank=True)
    outcome = serializers.ChoiceField(HearingOutcome.choices, required=False)
    proceedings = serializers.CharField(required=False, allow_blank=True)
    next_date = serializers.DateField(required=False, allow_null=True)
    next_purpose = serializers.ChoiceField(HearingPurpose.choices, required=False, allow_blank=True)


class DisposalCorrectionSerializer(serializers.Serializer):
    """A correction of a recorded disposal: the reason and the fields that change."""

    reason = serializers.CharField()
    verdict = serializers.ChoiceField(Verdict.choices, required=False)
    decided_on = serializers.DateField(required=False)
    convicted_sections = serializers.PrimaryKeyRelatedField(queryset=Section.objects.all(), many=True, required=False)
    sentence_kind = serializers.ChoiceField(SentenceKind.choices, required=False)
    sentence_years = serializers.IntegerField(min_value=0, required=False)
    sentence_months = serializers.IntegerField(min_value=0, required=False)
    sentence_days = serializers.IntegerField(min_value=0, required=False)
    fine_amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, allow_null=True)
    age_category = serializers.ChoiceField(AgeCategory.choices, required=False)
    remarks = serializers.CharField(required=False, allow_blank=True)


class AppealCorrectionSerializer(AppealResultSerializer):
    reason = serializers.CharField()
