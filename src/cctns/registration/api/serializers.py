"""Serializers of the registration API.

Write serializers check types and shapes, then run the same coded rules as the services
(``check_fir_data``); the viewsets call the services to save. Read serializers mask protected
identities as the protection policy says (:mod:`cctns.core.protection`, declared in
:mod:`cctns.registration.protection`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from cctns.core import protection
from cctns.core.api.serializers import ModelSerializer
from cctns.core.models import Unit
from cctns.core.validation import RuleValidationError

from ..constants import MANUAL_GD_KINDS, GDKind
from ..models import (
    FIR,
    NCR,
    Complaint,
    ComplaintAttachment,
    EnquiryNote,
    FIRAccused,
    FIRApproval,
    FIRProperty,
    FIRVersion,
    FIRVictim,
    GDEntry,
    PreliminaryEnquiry,
    Transfer,
)
from ..services import can_see_victim_identity, check_fir_data, is_case_officer
from ..services.complaints import COMPLAINT_FIELDS
from ..services.fir import ACCUSED_FIELDS, FIR_FIELDS, PROPERTY_FIELDS, VICTIM_FIELDS
from ..services.ncr import NCR_FIELDS

PROTECTED = protection.PROTECTED_TEXT


def rule_errors(exc: RuleValidationError) -> dict:
    """``{path: [ErrorDetail(message, code=rule code)]}`` for a serializer ``ValidationError``."""
    out: dict[str, list] = {}
    for v in exc.violations:
        out.setdefault(v.path, []).append(ErrorDetail(v.message, code=v.code))
    return out


@extend_schema_field({
    "oneOf": [
        {"type": "integer", "description": "section id"},
        {"type": "string", "example": "BNS 303(2)"},
        {"type": "object", "properties": {"act": {"type": "string", "example": "BNS"},
                                          "number": {"type": "string", "example": "303(2)"},
                                          "id": {"type": "integer"}}},
    ]
})
class SectionRefField(serializers.Field):
    """A section reference: an id, ``"BNS 303(2)"`` or ``{"act": "BNS", "number": "303(2)"}``.
    Resolved against reference law by the rules (unknown → ``FIR-002``)."""

    default_error_messages = {"invalid": _lazy("Give a section as an id, \"BNS 303(2)\" or {{\"act\", \"number\"}}.")}

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, int):
            return data
        if isinstance(data, str) and data.strip() and len(data) <= 60:
            return data.strip()
        if isinstance(data, dict) and (data.get("id") is not None or (data.get("act") and data.get("number"))):
            return {k: str(data[k])[:40] for k in ("id", "act", "number") if data.get(k) is not None}
        self.fail("invalid")

    def to_representation(self, value):
        return value


class VictimWriteSerializer(ModelSerializer):
    class Meta:
        model = FIRVictim
        fields = VICTIM_FIELDS


class AccusedWriteSerializer(ModelSerializer):
    class Meta:
        model = FIRAccused
        fields = ACCUSED_FIELDS
        extra_kwargs = {"code": {"required": False, "allow_blank": True}}


class PropertyWriteSerializer(ModelSerializer):
    class Meta:
        model = FIRProperty
        fields = PROPERTY_FIELDS


class FIRWriteSerializer(ModelSerializer):
    """The body of ``POST /api/v1/firs/``: the IIF-1 fields, with victims, accused, sections and
    property nested. Rule errors carry the registry's codes (``FIR-001`` …)."""

    sections = serializers.ListField(child=SectionRefField(), required=False, max_length=50)
    victims = VictimWriteSerializer(many=True, required=False)
    accused = AccusedWriteSerializer(many=True, required=False)
    properties = PropertyWriteSerializer(many=True, required=False)
    informant_id_number = serializers.CharField(required=False, allow_blank=True, max_length=40, write_only=True)
    cognizability_confirmed = serializers.BooleanField(required=False, default=False)
    police_station = serializers.SlugRelatedField(
        slug_field="code", queryset=Unit.objects.police_stations(), required=False,
        help_text="Station code; default: the caller's station.",
    )
    complaint = serializers.PrimaryKeyRelatedField(queryset=Complaint.objects.all(), required=False, allow_null=True)

    class Meta:
        model = FIR
        fields = [*FIR_FIELDS, "sections", "victims", "accused", "properties", "informant_id_number",
                  "cognizability_confirmed", "police_station", "complaint"]
        # Left to the coded rules (FIR-012, 017, 018, 019), so the API and the forms give one code.
        extra_kwargs = {
            "occurrence_from": {"required": False, "allow_null": True},
            "information_received_at": {"required": False, "allow_null": True},
            "narrative": {"required": False, "allow_blank": True},
            "informant_name": {"required": False, "allow_blank": True},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.rule_violations = []
        request = self.context.get("request")
        if request is not None:
            self.fields["complaint"].queryset = Complaint.objects.for_user(request.user, "change")

    def validate(self, attrs):
        """Run the coded FIR rules (the whole record; partial bodies are checked by the service).

        Skipped when the context has ``rules_checked_by_service`` (the create view, whose service
        call runs the same rules and answers their violations in the same shape), so that a
        registration resolves its sections and runs the rules once, not twice."""
        if self.partial or self.context.get("rules_checked_by_service"):
            return attrs
        user = self.context["request"].user
        try:
            check_fir_data(self.service_data(attrs), user)
        except RuleValidationError as exc:
            self.rule_violations = exc.violations
            raise serializers.ValidationError(rule_errors(exc)) from exc
        return attrs

    @staticmethod
    def service_data(attrs) -> dict:
        """``attrs`` in the input shape of ``register_fir`` (station and complaint taken out)."""
        data = {k: v for k, v in attrs.items() if k not in ("police_station", "complaint")}
        for key in ("victims", "accused", "properties"):
            if key in data:
                data[key] = [dict(row) for row in data[key]]
        return data


class SectionCitedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="section.id")
    act = serializers.CharField(source="section.act.code")
    number = serializers.CharField(source="section.number")
    label = serializers.CharField()
    title = serializers.CharField(source="section.title")
    cognizable = serializers.BooleanField(source="section.cognizable", allow_null=True)
    bailable = serializers.BooleanField(source="section.bailable", allow_null=True)
    sensitive = serializers.BooleanField(source="section.sensitive")


class UnitBriefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class UserBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="get_full_name")
    rank = serializers.CharField(source="get_rank_display")


class FIRLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    police_station = UnitBriefSerializer()


class VictimSerializer(ModelSerializer):
    class Meta:
        model = FIRVictim
        fields = ["order", *VICTIM_FIELDS]


class AccusedSerializer(protection.ProtectedSerializerMixin, ModelSerializer):
    """An accused; a child accused's identity is masked outside the case (JJ Act s.74)."""

    class Meta:
        model = FIRAccused
        fields = ["order", *ACCUSED_FIELDS]


class PropertySerializer(ModelSerializer):
    class Meta:
        model = FIRProperty
        fields = ["order", *PROPERTY_FIELDS]


class ApprovalSerializer(ModelSerializer):
    decided_by = UserBriefSerializer()

    class Meta:
        model = FIRApproval
        fields = ["decision", "decided_by", "decided_at", "remarks"]


class TransferSerializer(ModelSerializer):
    """A Zero FIR transfer: from which FIR and station, to which station, and the FIR it became."""

    from_fir = FIRLinkSerializer()
    from_station = UnitBriefSerializer()
    to_station = UnitBriefSerializer()
    to_fir = FIRLinkSerializer(allow_null=True)
    sent_by = UserBriefSerializer()
    accepted_by = UserBriefSerializer(allow_null=True)

    class Meta:
        model = Transfer
        fields = ["id", "status", "from_fir", "from_station", "to_station", "to_fir", "reason", "sent_by", "sent_at",
                  "accepted_by", "accepted_at", "remarks"]


class FIRListSerializer(ModelSerializer):
    """An FIR in a list: number, station, status, dates, sections, IO, victims (masked when
    protected)."""

    police_station = UnitBriefSerializer()
    sections = SectionCitedSerializer(many=True)
    io = UserBriefSerializer(allow_null=True)
    victims = serializers.SerializerMethodField()
    identity_protected = serializers.SerializerMethodField()

    class Meta:
        model = FIR
        fields = ["id", "number", "national_key", "year", "serial", "police_station", "kind", "status", "registered_at",
                  "occurrence_from", "information_received_at", "sections", "io", "is_sensitive", "victims",
                  "identity_protected"]

    def _user(self):
        request = self.context.get("request")
        return getattr(request, "user", None)

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_identity_protected(self, fir) -> bool:
        return not can_see_victim_identity(self._user(), fir)

    @extend_schema_field(VictimSerializer(many=True))
    def get_victims(self, fir) -> list:
        user = self._user()
        out = []
        for victim in fir.victims.all():
            out.append(protection.mask_data(user, victim, dict(VictimSerializer(victim).data)))
        return out


class FIRSerializer(FIRListSerializer):
    """An FIR in full (``GET /api/v1/firs/{id}/``). For a sensitive FIR seen by someone who is not
    one of the case's officers, victims, the informant and the first information are
    ``"[protected]"`` (BNS s.72, POCSO s.23); so is a confidential informant."""

    accused = AccusedSerializer(many=True)
    properties = PropertySerializer(many=True)
    cognizability_confirmed_by = UserBriefSerializer(allow_null=True)
    sensitive_set_by = UserBriefSerializer(allow_null=True)
    transferred_from = FIRLinkSerializer(allow_null=True)
    transferred_to = FIRLinkSerializer(allow_null=True)
    transfers = serializers.SerializerMethodField()
    approvals = ApprovalSerializer(many=True)
    replayed = serializers.SerializerMethodField()

    class Meta:
        model = FIR
        fields = [
            "id", "global_id", "version", "number", "national_key", "year", "serial", "police_station", "kind",
            "status", "submitted_at", "registered_at", *[f for f in FIR_FIELDS if f != "kind"],
            "informant_id_number", "sections", "victims", "accused", "properties", "io", "io_assigned_at",
            "is_sensitive", "sensitive_by_sections", "sensitive_reason", "sensitive_set_by", "sensitive_set_at",
            "cognizability_confirmed_by", "cognizability_confirmed_at", "transferred_from", "transferred_to",
            "transfers", "approvals", "complaint", "warnings", "identity_protected", "replayed", "created_at", "updated_at",
        ]

    @extend_schema_field(TransferSerializer(many=True))
    def get_transfers(self, fir) -> list:
        rows = list(fir.transfers_out.all())
        incoming = getattr(fir, "transfer_in", None) if fir.transferred_from_id else None
        if incoming is not None:
            rows.append(incoming)
        return TransferSerializer(rows, many=True).data

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_replayed(self, fir) -> bool:
        return bool(getattr(fir, "replayed", False))

    def to_representation(self, fir):
        data = super().to_representation(fir)
        return protection.mask_data(self._user(), fir, data)


class RemarksSerializer(serializers.Serializer):
    remarks = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class ReturnSerializer(serializers.Serializer):
    remarks = serializers.CharField(max_length=2000)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CorrectionSerializer(serializers.Serializer):
    """``{"changes": {…FIR fields or whole child lists…}, "reason": "…"}``."""

    changes = serializers.DictField()
    reason = serializers.CharField(max_length=2000)


class ResubmitSerializer(serializers.Serializer):
    changes = serializers.DictField(required=False, default=dict)
    remarks = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class AssignIOSerializer(serializers.Serializer):
    io = serializers.CharField(help_text="The officer's user id or username.")


class TransferRequestSerializer(serializers.Serializer):
    to_station = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.police_stations())
    reason = serializers.CharField(max_length=2000)


class FIRVersionSerializer(ModelSerializer):
    changed_by = UserBriefSerializer()
    snapshot = serializers.SerializerMethodField()

    class Meta:
        model = FIRVersion
        fields = ["version", "changed_fields", "reason", "changed_by", "changed_at", "snapshot"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_snapshot(self, version):
        """The full past version, only for those who may see the FIR's protected particulars."""
        request = self.context.get("request")
        user = getattr(request, "user", None)
        fir = version.fir
        if is_case_officer(user, fir):
            return version.snapshot
        # outside the case: only while the FIR holds no protected value (a past version could name
        # the victim of a sensitive FIR, a child, or a confidential informant)
        return None if (fir.is_sensitive or protection.has_protected_values(fir)) else version.snapshot


# --- NCR -------------------------------------------------------------------------------------

class NCRWriteSerializer(ModelSerializer):
    """The body of ``POST /api/v1/ncrs/``."""

    sections = serializers.ListField(child=SectionRefField(), required=False, max_length=20)
    police_station = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.police_stations(), required=False)
    complaint = serializers.PrimaryKeyRelatedField(queryset=Complaint.objects.all(), required=False, allow_null=True)

    class Meta:
        model = NCR
        fields = [*NCR_FIELDS, "sections", "police_station", "complaint"]
        extra_kwargs = {"informant_name": {"required": False, "allow_blank": True},
                        "narrative": {"required": False, "allow_blank": True}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["complaint"].queryset = Complaint.objects.for_user(request.user, "change")


class NCRSerializer(ModelSerializer):
    """A non-cognizable report."""

    police_station = UnitBriefSerializer()
    sections = serializers.SerializerMethodField()

    class Meta:
        model = NCR
        fields = ["id", "number", "year", "serial", "police_station", "registered_at", *NCR_FIELDS, "sections",
                  "complaint", "sent_to_magistrate_at"]

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_sections(self, ncr) -> list[str]:
        return [str(s) for s in ncr.sections.all()]


# --- General Diary -----------------------------------------------------------------------------

class GDEntrySerializer(ModelSerializer):
    """A General Diary entry. Written by officers for the manual kinds (general, information
    received, departure, arrival); the other kinds are written by the registration services."""

    police_station = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.police_stations(), required=False)
    author = UserBriefSerializer(read_only=True)
    kind = serializers.ChoiceField(choices=[(k, GDKind(k).label) for k in GDKind.values])
    record = serializers.SerializerMethodField()
    reference = serializers.CharField(read_only=True)

    class Meta:
        model = GDEntry
        fields = ["id", "police_station", "entry_date", "number", "reference", "entry_time", "kind", "text", "author", "record"]
        read_only_fields = ["entry_date", "number", "entry_time"]

    def validate_kind(self, value):
        if value not in MANUAL_GD_KINDS:
            raise serializers.ValidationError(_("This kind of entry is written by the system."), code="system_kind")
        return value

    @extend_schema_field({"type": "object", "nullable": True, "properties": {"type": {"type": "string"}, "id": {"type": "integer"}}})
    def get_record(self, entry):
        if entry.content_type_id is None:
            return None
        return {"type": f"{entry.content_type.app_label}.{entry.content_type.model}", "id": entry.object_id}

    def to_representation(self, entry):
        data = super().to_representation(entry)
        data["police_station"] = {"code": entry.police_station.code, "name": entry.police_station.name}
        return data


# --- Complaints --------------------------------------------------------------------------------

class AttachmentSerializer(ModelSerializer):
    class Meta:
        model = ComplaintAttachment
        fields = ["id", "original_name", "content_type", "size", "sha256", "uploaded_at"]


class EnquiryNoteSerializer(ModelSerializer):
    author = UserBriefSerializer()

    class Meta:
        model = EnquiryNote
        fields = ["written_at", "author", "text"]


class EnquirySerializer(ModelSerializer):
    officer = UserBriefSerializer()
    permitted_by = UserBriefSerializer(allow_null=True)
    notes = EnquiryNoteSerializer(many=True)
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = PreliminaryEnquiry
        fields = ["basis", "officer", "reason", "started_at", "deadline", "is_overdue", "permitted_by", "extended",
                  "extension_reason", "concluded_at", "finding", "notes"]


class ComplaintWriteSerializer(ModelSerializer):
    """The body of ``POST /api/v1/complaints/`` (JSON, or multipart with ``attachments`` files)."""

    police_station = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.police_stations(), required=False)
    sections = serializers.ListField(child=SectionRefField(), required=False, max_length=20)
    attachments = serializers.ListField(child=serializers.FileField(), required=False, max_length=10)

    class Meta:
        model = Complaint
        fields = [*COMPLAINT_FIELDS, "police_station", "sections", "attachments"]
        extra_kwargs = {"complainant_name": {"required": False, "allow_blank": True},
                        "narrative": {"required": False, "allow_blank": True},
                        "received_at": {"required": False}}


class ComplaintSerializer(ModelSerializer):
    """A complaint with its attachments, enquiry and outcome."""

    police_station = UnitBriefSerializer()
    attachments = AttachmentSerializer(many=True)
    enquiry = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()
    firs = serializers.SerializerMethodField()
    ncrs = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = ["id", "number", "year", "serial", "police_station", "status", *COMPLAINT_FIELDS, "sections",
                  "attachments", "enquiry", "outcome", "outcome_reason", "outcome_at", "communicated_at",
                  "communicated_how", "firs", "ncrs"]

    @extend_schema_field(EnquirySerializer(allow_null=True))
    def get_enquiry(self, complaint):
        enquiry = getattr(complaint, "enquiry", None) if hasattr(complaint, "enquiry") else None
        return EnquirySerializer(enquiry).data if enquiry else None

    @extend_schema_field({"type": "array", "items": {"type": "string"}})
    def get_sections(self, complaint) -> list[str]:
        return [str(s) for s in complaint.sections.all()]

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_firs(self, complaint) -> list[dict]:
        return [{"id": f.pk, "number": f.number} for f in complaint.firs.all()]

    @extend_schema_field({"type": "array", "items": {"type": "object"}})
    def get_ncrs(self, complaint) -> list[dict]:
        return [{"id": n.pk, "number": n.number} for n in complaint.ncrs.all()]


class RelatedComplaintSerializer(serializers.Serializer):
    complaint = ComplaintSerializer()
    reasons = serializers.ListField(child=serializers.CharField())


class StartEnquirySerializer(serializers.Serializer):
    officer = serializers.CharField(help_text="The enquiry officer's user id or username.")
    reason = serializers.CharField(max_length=2000)
    permitted_by = serializers.CharField(required=False, allow_blank=True,
                                         help_text="DSP-rank officer who permitted it (BNSS s.173(3)), id or username.")


class NoteSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class CloseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=5000)
    communicated_how = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)


class CommunicatedSerializer(serializers.Serializer):
    how = serializers.CharField(max_length=100)


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
