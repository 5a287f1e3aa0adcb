"""Person API serializers. Identity documents are only ever shown masked; search results from
outside the caller's jurisdiction carry only :data:`cctns.persons.services.MINIMAL_FIELDS`."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..constants import (
    AddressKind,
    Build,
    Complexion,
    IDType,
    MarkLocation,
    MarkType,
    PersonRoleKind,
    Sex,
)
from ..models import (
    DuplicateCandidate,
    IdentifyingMark,
    IdentityDocument,
    MergeRecord,
    Person,
    PersonAddress,
    PersonName,
    PersonRole,
)
from ..services import PERSON_FIELDS, parse_age


class PersonUnitSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class NameSerializer(serializers.ModelSerializer):
    moved_from = serializers.UUIDField(source="moved_from.global_id", default=None, read_only=True)

    class Meta:
        model = PersonName
        fields = ["text", "kind", "script", "latin", "moved_from"]


class AddressSerializer(serializers.ModelSerializer):
    district = serializers.CharField(source="district.code", default=None, read_only=True)
    police_station = serializers.CharField(source="police_station.code", default=None, read_only=True)

    class Meta:
        model = PersonAddress
        fields = ["kind", "text", "district", "police_station"]


class DocumentSerializer(serializers.ModelSerializer):
    """A document, masked (``XXXXXXXX9012``); the number is never returned."""

    class Meta:
        model = IdentityDocument
        fields = ["doc_type", "masked"]


class MarkSerializer(serializers.ModelSerializer):
    class Meta:
        model = IdentifyingMark
        fields = ["mark_type", "location", "description"]


class RoleSerializer(serializers.ModelSerializer):
    fir_number = serializers.CharField(source="fir.number", default=None, read_only=True)
    fir_station = serializers.CharField(source="fir.police_station.code", default=None, read_only=True)

    class Meta:
        model = PersonRole
        fields = ["role", "fir_global_id", "fir_number", "fir_station", "note", "withdrawn_at"]


class PersonListSerializer(serializers.ModelSerializer):
    unit = PersonUnitSerializer()

    class Meta:
        model = Person
        fields = ["global_id", "name", "name_latin", "sex", "father_name", "husband_name", "age_min", "age_max",
                  "date_of_birth", "unit", "is_proclaimed_offender", "is_history_sheeter", "cluster_id"]


class PersonSerializer(PersonListSerializer):
    """A person in full (``GET /api/v1/persons/{global_id}/``): names and aliases, particulars,
    description, marks, addresses, phones, masked documents, photographs, roles in cases, flags,
    merge state (``merged_into``: the survivor's global id)."""

    names = NameSerializer(many=True, read_only=True)
    addresses = AddressSerializer(many=True, read_only=True)
    phones = serializers.SlugRelatedField(many=True, read_only=True, slug_field="number")
    documents = DocumentSerializer(many=True, read_only=True)
    marks = MarkSerializer(many=True, read_only=True)
    photos = serializers.SerializerMethodField()
    roles = RoleSerializer(many=True, read_only=True)
    merged_into = serializers.UUIDField(source="merged_into.global_id", default=None, read_only=True)

    class Meta(PersonListSerializer.Meta):
        fields = [*PersonListSerializer.Meta.fields, "version", "mother_name", "age_estimated_on", "height_min_cm",
                  "height_max_cm", "build", "complexion", "occupation", "nationality", "proclamation_reference",
                  "proclamation_court", "proclamation_date", "history_sheet_reference", "history_sheet_date",
                  "names", "addresses", "phones", "documents", "marks", "photos", "roles", "merged_into",
                  "created_at", "updated_at"]

    @extend_schema_field(serializers.ListField(child=serializers.URLField()))
    def get_photos(self, person) -> list:
        return [p.image.url for p in person.photos.all()]


class DocumentInputSerializer(serializers.Serializer):
    doc_type = serializers.ChoiceField(choices=IDType.choices)
    number = serializers.CharField(max_length=40, write_only=True)


class AddressInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AddressKind.choices, default=AddressKind.PRESENT)
    text = serializers.CharField(max_length=2000)
    district = serializers.CharField(required=False, allow_blank=True, help_text="Unit code")
    police_station = serializers.CharField(required=False, allow_blank=True, help_text="Unit code")


class MarkInputSerializer(serializers.Serializer):
    mark_type = serializers.ChoiceField(choices=MarkType.choices)
    location = serializers.ChoiceField(choices=MarkLocation.choices)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class PersonCreateSerializer(serializers.Serializer):
    """``POST /api/v1/persons/``: a person recorded at the caller's station. Identity document
    numbers are write-only: stored masked and hashed."""

    name = serializers.CharField(max_length=200)
    aliases = serializers.ListField(child=serializers.CharField(max_length=200), required=False)
    father_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    mother_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    husband_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    sex = serializers.ChoiceField(choices=Sex.choices, required=False)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    age_min = serializers.IntegerField(min_value=0, max_value=130, required=False, allow_null=True)
    age_max = serializers.IntegerField(min_value=0, max_value=130, required=False, allow_null=True)
    age_estimated_on = serializers.DateField(required=False, allow_null=True)
    height_min_cm = serializers.IntegerField(min_value=30, max_value=272, required=False, allow_null=True)
    height_max_cm = serializers.IntegerField(min_value=30, max_value=272, required=False, allow_null=True)
    build = serializers.ChoiceField(choices=Build.choices, required=False, allow_blank=True)
    complexion = serializers.ChoiceField(choices=Complexion.choices, required=False, allow_blank=True)
    occupation = serializers.CharField(max_length=100, required=False, allow_blank=True)
    nationality = serializers.CharField(max_length=60, required=False, allow_blank=True)
    is_proclaimed_offender = serializers.BooleanField(required=False)
    proclamation_reference = serializers.CharField(max_length=100, required=False, allow_blank=True)
    proclamation_court = serializers.CharField(max_length=200, required=False, allow_blank=True)
    proclamation_date = serializers.DateField(required=False, allow_null=True)
    is_history_sheeter = serializers.BooleanField(required=False)
    history_sheet_reference = serializers.CharField(max_length=100, required=False, allow_blank=True)
    history_sheet_date = serializers.DateField(required=False, allow_null=True)
    addresses = AddressInputSerializer(many=True, required=False)
    phones = serializers.ListField(child=serializers.CharField(max_length=20), required=False)
    documents = DocumentInputSerializer(many=True, required=False)
    marks = MarkInputSerializer(many=True, required=False)

    def service_data(self) -> dict:
        data = {k: v for k, v in self.validated_data.items() if k in PERSON_FIELDS}
        for key in ("aliases", "addresses", "phones", "documents", "marks"):
            if key in self.validated_data:
                data[key] = [dict(x) if isinstance(x, dict) else x for x in self.validated_data[key]]
        return data


class SearchParamsSerializer(serializers.Serializer):
    """Query parameters of ``GET /api/v1/persons/search``."""

    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    relative = serializers.CharField(required=False, allow_blank=True, max_length=200)
    age = serializers.CharField(required=False, allow_blank=True, max_length=20, help_text="30 or 30-35")
    sex = serializers.ChoiceField(choices=[c for c in Sex.choices if c[0] != "U"], required=False, allow_blank=True)
    place = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text="unit code or place text")
    role = serializers.ChoiceField(choices=PersonRoleKind.choices, required=False, allow_blank=True)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)
    offset = serializers.IntegerField(required=False, min_value=0, max_value=1000, default=0)

    def validate_age(self, value):
        from django.core.exceptions import ValidationError

        try:
            return parse_age(value)
        except ValidationError as exc:
            raise serializers.ValidationError(exc.message_dict["age"]) from exc

    def validate(self, attrs):
        if not (attrs.get("name") or "").strip() and not (attrs.get("relative") or "").strip():
            raise serializers.ValidationError({"name": ["Give a name or a relative's name."]})
        return attrs


class ComparisonSerializer(serializers.Serializer):
    field = serializers.CharField()
    score = serializers.FloatField()
    evidence = serializers.FloatField()
    detail = serializers.CharField()


class ExplanationSerializer(serializers.Serializer):
    text = serializers.CharField()
    score = serializers.FloatField()
    decision = serializers.CharField()
    comparisons = ComparisonSerializer(many=True)


class SearchHitSerializer(serializers.Serializer):
    """One search result. ``restricted``: outside the caller's jurisdiction, so ``person`` holds
    only ``global_id, name, sex, age, unit, is_proclaimed_offender, is_history_sheeter``."""

    score = serializers.FloatField(source="result.score")
    decision = serializers.CharField(source="result.decision")
    restricted = serializers.BooleanField()
    sources = serializers.ListField(child=serializers.CharField())
    explanation = serializers.SerializerMethodField()
    person = serializers.SerializerMethodField()

    @extend_schema_field(ExplanationSerializer)
    def get_explanation(self, hit) -> dict:
        return hit.explanation()

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_person(self, hit) -> dict:
        p = hit.person
        if hit.restricted:
            age = [p.age_min, p.age_max] if p.age_min is not None else None
            return {"global_id": str(p.global_id), "name": p.name, "sex": p.sex, "age": age,
                    "unit": {"code": p.unit.code, "name": p.unit.name},
                    "is_proclaimed_offender": p.is_proclaimed_offender, "is_history_sheeter": p.is_history_sheeter}
        return PersonListSerializer(p).data


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()
    candidates = serializers.IntegerField()
    results = SearchHitSerializer(many=True)


class PhotoUploadSerializer(serializers.Serializer):
    image = serializers.FileField()
    caption = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    taken_on = serializers.DateField(required=False, allow_null=True)


class MergeRequestSerializer(serializers.Serializer):
    merged = serializers.UUIDField(help_text="global id of the person merged into this one")
    reason = serializers.CharField(max_length=2000)


class PersonReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class MergeRecordSerializer(serializers.ModelSerializer):
    survivor = serializers.UUIDField(source="survivor.global_id")
    merged = serializers.UUIDField(source="merged.global_id")
    merged_by = serializers.CharField(source="merged_by.username")

    class Meta:
        model = MergeRecord
        fields = ["id", "survivor", "merged", "merged_by", "merged_at", "reason", "undone_at", "undo_reason"]


class DuplicateSerializer(serializers.ModelSerializer):
    person_a = PersonListSerializer()
    person_b = PersonListSerializer()

    class Meta:
        model = DuplicateCandidate
        fields = ["id", "person_a", "person_b", "score", "explanation", "status", "proposed_at", "decided_at", "reason"]
