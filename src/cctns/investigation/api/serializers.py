"""Serializers of the investigation API. Writes are validated for shape here and for the rules
by the services (the same as the pages)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..constants import CommunicationKind, CommunicationMode, DisposalOutcome
from ..models import (
    CaseDiaryEntry,
    CaseEvent,
    CaseFile,
    CrimeDetails,
    FinalReport,
    FinalReportAccused,
    InformantCommunication,
)
from ..vocabulary import Motive, PlaceType


def _who(user):
    return None if user is None else {"id": user.pk, "username": user.username, "name": user.get_full_name() or user.username,
                                      "rank": user.get_rank_display()}


class CaseFileSerializer(serializers.ModelSerializer):
    class Meta:
        model = CaseFile
        fields = ["id", "kind", "original_name", "content_type", "size", "sha256", "uploaded_at"]


class CaseEventSerializer(serializers.ModelSerializer):
    by = serializers.SerializerMethodField()
    to_io = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["id", "global_id", "kind", "from_status", "to_status", "outcome", "reason", "at", "by", "to_io"]

    @extend_schema_field(serializers.DictField())
    def get_by(self, obj):
        return _who(obj.by)

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_to_io(self, obj):
        return _who(obj.to_io)


class CaseSerializer(serializers.Serializer):
    """The case: its FIR's status, IO, the moves the caller may make, running deadlines, steps."""

    id = serializers.IntegerField()
    global_id = serializers.UUIDField()
    number = serializers.CharField()
    police_station = serializers.CharField(source="police_station.code")
    status = serializers.CharField()
    io = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    deadlines = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_io(self, fir):
        return _who(fir.io)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_allowed_transitions(self, fir):
        from ..lifecycle import allowed_transitions

        return allowed_transitions(fir, self.context["request"].user)

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_deadlines(self, fir):
        from ..services.deadlines import deadlines_for

        return [{"kind": d["kind"], "last_day": d["last_day"], "due_at": d["due_at"], "source": d["source"]}
                for d in deadlines_for(fir)]

    @extend_schema_field(CaseEventSerializer(many=True))
    def get_events(self, fir):
        return CaseEventSerializer(fir.case_events.select_related("by", "to_io").order_by("at", "id"), many=True).data


class TransitionSerializer(serializers.Serializer):
    to_status = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)
    outcome = serializers.ChoiceField(choices=DisposalOutcome.choices, required=False, allow_blank=True)
    at = serializers.DateTimeField(required=False)


class TransferSerializer(serializers.Serializer):
    to_io = serializers.CharField(help_text="user id or username")
    reason = serializers.CharField(allow_blank=True)


class CommunicationSerializer(serializers.ModelSerializer):
    communicated_by = serializers.SerializerMethodField()

    class Meta:
        model = InformantCommunication
        fields = ["id", "global_id", "fir", "final_report", "kind", "mode", "communicated_at", "communicated_by", "note"]
        read_only_fields = ["id", "global_id", "fir", "final_report", "communicated_by"]

    @extend_schema_field(serializers.DictField())
    def get_communicated_by(self, obj):
        return _who(obj.communicated_by)


class CommunicationWriteSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=CommunicationKind.choices)
    mode = serializers.ChoiceField(choices=CommunicationMode.choices)
    note = serializers.CharField(required=False, allow_blank=True)
    at = serializers.DateTimeField(required=False)


class TimelineItemSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()
    by = serializers.SerializerMethodField()
    url = serializers.CharField()
    source = serializers.CharField()

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_by(self, item):
        return _who(item.by) if hasattr(item.by, "get_full_name") else None


class CaseDiaryEntrySerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    files = CaseFileSerializer(many=True, read_only=True)

    class Meta:
        model = CaseDiaryEntry
        fields = ["id", "global_id", "fir", "serial", "entry_date", "written_at", "information_reached_at", "began_at",
                  "closed_at", "places_visited", "steps_taken", "statements", "author", "files", "prev_hash", "entry_hash"]

    @extend_schema_field(serializers.DictField())
    def get_author(self, obj):
        return _who(obj.author)


class CaseDiaryWriteSerializer(serializers.Serializer):
    fir = serializers.IntegerField()
    entry_date = serializers.DateField(required=False)
    information_reached_at = serializers.DateTimeField(required=False, allow_null=True)
    began_at = serializers.DateTimeField(required=False, allow_null=True)
    closed_at = serializers.DateTimeField(required=False, allow_null=True)
    places_visited = serializers.CharField(required=False, allow_blank=True)
    steps_taken = serializers.CharField(allow_blank=True)
    statements = serializers.CharField(required=False, allow_blank=True)
    files = serializers.ListField(child=serializers.FileField(), required=False)


class PanchSerializer(serializers.Serializer):
    name = serializers.CharField(allow_blank=True)
    relative_name = serializers.CharField(required=False, allow_blank=True)
    age = serializers.CharField(required=False, allow_blank=True)
    address = serializers.CharField(allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)


class CrimeDetailsSerializer(serializers.ModelSerializer):
    recorded_by = serializers.SerializerMethodField()
    files = CaseFileSerializer(many=True, read_only=True)

    class Meta:
        model = CrimeDetails
        fields = ["id", "global_id", "fir", "revision", "recorded_at", "recorded_by", "revision_reason", "crime_features",
                  "mo_codes", "mo_description", "motive", "motive_description", "place_type", "scene_description",
                  "physical_evidence", "forensic_expert_visited", "panch_witnesses", "files"]

    @extend_schema_field(serializers.DictField())
    def get_recorded_by(self, obj):
        return _who(obj.recorded_by)


class CrimeDetailsWriteSerializer(serializers.Serializer):
    fir = serializers.IntegerField()
    crime_features = serializers.CharField(required=False, allow_blank=True)
    mo_codes = serializers.ListField(child=serializers.CharField(), required=False)
    mo_description = serializers.CharField(required=False, allow_blank=True)
    motive = serializers.ChoiceField(choices=Motive.choices, required=False)
    motive_description = serializers.CharField(required=False, allow_blank=True)
    place_type = serializers.ChoiceField(choices=PlaceType.choices, required=False, allow_blank=True)
    scene_description = serializers.CharField(required=False, allow_blank=True)
    physical_evidence = serializers.CharField(required=False, allow_blank=True)
    forensic_expert_visited = serializers.BooleanField(required=False)
    panch_witnesses = PanchSerializer(many=True, required=False)
    reason = serializers.CharField(required=False, allow_blank=True)
    file_kind = serializers.ChoiceField(choices=[("photo", "photo"), ("sketch", "sketch"), ("document", "document")],
                                        required=False)
    files = serializers.ListField(child=serializers.FileField(), required=False)


class FinalReportAccusedSerializer(serializers.ModelSerializer):
    class Meta:
        model = FinalReportAccused
        fields = ["code", "sent_up", "custody_status", "sections", "remarks"]


class FinalReportSerializer(serializers.ModelSerializer):
    accused = FinalReportAccusedSerializer(many=True, read_only=True)
    prepared_by = serializers.SerializerMethodField()
    decided_by = serializers.SerializerMethodField()

    class Meta:
        model = FinalReport
        fields = ["id", "global_id", "fir", "kind", "supplementary", "status", "number", "closure_class", "reasons", "sections",
                  "witnesses", "documents", "property_items", "medical_report", "electronic_evidence_custody", "accused",
                  "prepared_by", "prepared_at", "submitted_at", "decided_by", "decided_at", "decision_remarks", "filed_at"]

    @extend_schema_field(serializers.DictField())
    def get_prepared_by(self, obj):
        return _who(obj.prepared_by)

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_decided_by(self, obj):
        return _who(obj.decided_by)


class FinalReportWriteSerializer(serializers.Serializer):
    """The report's data as the service takes it (``sections`` as references like ``"BNS 303(2)"``;
    ``accused`` rows by FIR accused code)."""

    fir = serializers.IntegerField(required=False)
    kind = serializers.CharField()
    closure_class = serializers.CharField(required=False, allow_blank=True)
    reasons = serializers.CharField(required=False, allow_blank=True)
    sections = serializers.ListField(child=serializers.CharField(), required=False)
    witnesses = serializers.ListField(child=serializers.DictField(), required=False)
    documents = serializers.ListField(child=serializers.DictField(), required=False)
    property_items = serializers.ListField(child=serializers.DictField(), required=False)
    medical_report = serializers.CharField(required=False, allow_blank=True)
    electronic_evidence_custody = serializers.CharField(required=False, allow_blank=True)
    accused = serializers.ListField(child=serializers.DictField(), required=False)


class DecisionSerializer(serializers.Serializer):
    remarks = serializers.CharField(required=False, allow_blank=True, default="")
    communicated_mode = serializers.ChoiceField(choices=CommunicationMode.choices, required=False, allow_blank=True)
