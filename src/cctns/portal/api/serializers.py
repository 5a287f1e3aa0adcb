"""Serializers of the portal's police-side API: what citizens filed, as the station sees it.
The citizen's mobile number is always masked; no citizen data beyond what the pages show."""

from rest_framework import serializers

from ..models import EFIR, LostArticleReport, PermissionRequest, VehicleNOC, VerificationRequest

BASE = ["id", "global_id", "reference", "police_station", "submitted_at", "language", "citizen_mobile"]


class _Base(serializers.ModelSerializer):
    citizen_mobile = serializers.SerializerMethodField(help_text="The applicant's mobile, masked (98******10).")

    def get_citizen_mobile(self, obj) -> str:
        return obj.citizen.masked_mobile


class EFIRSerializer(_Base):
    class Meta:
        model = EFIR
        fields = [*BASE, "offence", "status", "sign_by", "informant_name", "occurrence_from", "occurrence_to",
                  "place_address", "property_description", "property_value", "vehicle_registration", "vehicle_chassis",
                  "vehicle_engine", "narrative", "signed_at", "fir", "lapsed_at", "lapse_reason"]
        read_only_fields = fields


class VerificationSerializer(_Base):
    class Meta:
        model = VerificationRequest
        fields = [*BASE, "kind", "subject_name", "subject_relative_name", "subject_age", "subject_sex", "subject_address",
                  "purpose", "consent_method", "consent_confirmed_at", "fee_amount", "fee_receipt_reference", "due_by",
                  "status", "result", "result_remarks", "records_checked", "decided_at"]
        read_only_fields = fields


class PermissionSerializer(_Base):
    class Meta:
        model = PermissionRequest
        fields = [*BASE, "kind", "organiser_name", "organisation", "starts_at", "ends_at", "venue", "route",
                  "expected_attendance", "description", "status", "conditions", "decision_reason", "decided_at"]
        read_only_fields = fields


class VehicleNOCSerializer(_Base):
    class Meta:
        model = VehicleNOC
        fields = [*BASE, "registration_number", "chassis_number", "engine_number", "purpose", "status", "hits"]
        read_only_fields = fields


class LostArticleSerializer(_Base):
    class Meta:
        model = LostArticleReport
        fields = [*BASE, "category", "description", "identifier", "lost_on", "lost_place", "reporter_name", "property_item"]
        read_only_fields = fields


class SignSerializer(serializers.Serializer):
    delay_reason = serializers.CharField(required=False, allow_blank=True, default="")


class CompleteSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=["clear", "adverse"])
    remarks = serializers.CharField(required=False, allow_blank=True, default="")


class DecideSerializer(serializers.Serializer):
    granted = serializers.BooleanField()
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
