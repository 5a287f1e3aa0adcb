"""Serializers of the property API. Writes go through the services (``register_item``), so the
same rules hold as on the pages (the IMEI check digit is a model field validator)."""

from rest_framework import serializers

from ..constants import FOUND_STATES, REPORTED_STATES, PropertyState
from ..models import (
    Firearm,
    MatchCandidate,
    MobilePhone,
    OtherProperty,
    PropertyItem,
    StateChange,
    Vehicle,
)
from ..services import scoring

COMMON = ["id", "global_id", "kind", "state", "police_station", "occurred_on", "place", "fir", "fir_property",
          "seizure_reference", "owner_name", "owner_mobile", "remarks", "reported_by_public", "state_changed_at",
          "created_at", "version"]
READ_ONLY = ["id", "global_id", "kind", "police_station", "reported_by_public", "state_changed_at", "created_at",
             "version"]
INITIAL_STATES = sorted(s.value for s in PropertyState if s in REPORTED_STATES | FOUND_STATES)


class StateChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StateChange
        fields = ["from_state", "to_state", "at", "by", "reason", "seizure_reference", "candidate"]


class ItemSerializer(serializers.ModelSerializer):
    """Base: ``state`` on create is one a new item starts in (stolen, lost, seized, recovered,
    unclaimed); afterwards it moves only through ``POST …/<id>/state/``."""

    police_station = serializers.SlugRelatedField(slug_field="code", read_only=True)
    state = serializers.ChoiceField(choices=INITIAL_STATES)
    label = serializers.SerializerMethodField()
    state_changes = StateChangeSerializer(many=True, read_only=True)

    def get_label(self, obj) -> str:
        return obj.label()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None and "fir" in self.fields:
            from cctns.registration.models import FIR

            self.fields["fir"].queryset = FIR.objects.for_user(request.user, "change")


class VehicleSerializer(ItemSerializer):
    class Meta:
        model = Vehicle
        fields = [*COMMON, "label", "registration_number", "registration_normalised", "chassis_number",
                  "engine_number", "make", "model", "colour", "vehicle_type", "year", "state_changes"]
        read_only_fields = [*READ_ONLY, "registration_normalised"]


class FirearmSerializer(ItemSerializer):
    class Meta:
        model = Firearm
        fields = [*COMMON, "label", "firearm_type", "make", "bore", "serial_number", "butt_number", "licence_number",
                  "state_changes"]
        read_only_fields = READ_ONLY


class MobilePhoneSerializer(ItemSerializer):
    class Meta:
        model = MobilePhone
        fields = [*COMMON, "label", "imei", "imei_2", "make", "model", "colour", "state_changes"]
        read_only_fields = READ_ONLY


class OtherPropertySerializer(ItemSerializer):
    class Meta:
        model = OtherProperty
        fields = [*COMMON, "label", "category", "description", "identifiers", "value", "state_changes"]
        read_only_fields = READ_ONLY


class StateChangeWriteSerializer(serializers.Serializer):
    to_state = serializers.ChoiceField(choices=PropertyState.choices)
    reason = serializers.CharField()
    seizure_reference = serializers.CharField(required=False, allow_blank=True, default="")


class ExplanationField(serializers.Serializer):
    field = serializers.CharField()
    score = serializers.FloatField()
    rule = serializers.CharField()
    params = serializers.DictField()
    evidence = serializers.FloatField()
    text = serializers.CharField()


def explained(entries: list[dict]) -> list[dict]:
    return [{**e, "text": scoring.describe(e)} for e in entries]


class ItemBriefSerializer(serializers.ModelSerializer):
    police_station = serializers.SlugRelatedField(slug_field="code", read_only=True)
    police_station_name = serializers.CharField(source="police_station.name", read_only=True)
    label = serializers.SerializerMethodField()

    class Meta:
        model = PropertyItem
        fields = ["id", "kind", "state", "label", "police_station", "police_station_name", "occurred_on"]

    def get_label(self, obj) -> str:
        return str(obj)


class CandidateSerializer(serializers.ModelSerializer):
    found = ItemBriefSerializer(read_only=True)
    reported = ItemBriefSerializer(read_only=True)
    explanation = serializers.SerializerMethodField()

    class Meta:
        model = MatchCandidate
        fields = ["id", "kind", "found", "reported", "score", "explanation", "status", "proposed_at", "decided_at",
                  "decided_by", "remark"]

    def get_explanation(self, obj) -> list[ExplanationField]:
        return explained(obj.explanation)


class ReviewSerializer(serializers.Serializer):
    remark = serializers.CharField()


class VehicleCheckQuerySerializer(serializers.Serializer):
    registration_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=20)
    chassis_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=30)
    engine_number = serializers.CharField(required=False, allow_blank=True, default="", max_length=30)


class PhoneCheckQuerySerializer(serializers.Serializer):
    imei = serializers.CharField(max_length=20)


class HitSerializer(serializers.Serializer):
    item = ItemBriefSerializer()
    station = serializers.CharField()
    station_name = serializers.CharField()
    station_phone = serializers.CharField()
    score = serializers.FloatField()
    explanation = ExplanationField(many=True)
    registration_number = serializers.CharField(required=False)
    imei = serializers.CharField(required=False)
