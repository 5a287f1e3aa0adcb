from rest_framework import serializers

from ..models import Act, ClauseClassification, Correspondence, Section


class ActSerializer(serializers.ModelSerializer):
    """An act (BNS, IPC, NDPS …) with its period in force."""

    section_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Act
        fields = [
            "code", "short_name", "name", "name_hi", "year", "act_number", "kind",
            "in_force_from", "in_force_to", "section_count", "source",
        ]


class CorrespondingSectionSerializer(serializers.Serializer):
    """A section of the other code (IPC for a BNS section, BNS for an IPC one)."""

    act = serializers.CharField()
    number = serializers.CharField()
    label = serializers.CharField()
    title = serializers.CharField()


class ClauseClassificationSerializer(serializers.ModelSerializer):
    """Classification of one clause (``318(4)``) where a section's clauses differ; ``null`` = unknown."""

    class Meta:
        model = ClauseClassification
        fields = [
            "clause", "cognizable", "bailable", "triable_by", "max_punishment_years", "source", "verified", "note",
        ]


class SectionSerializer(serializers.ModelSerializer):
    """A section with its classification (``null`` = unknown), the classification of clauses
    that differ (``clauses``), its crime head and its IPC↔BNS counterparts."""

    act = serializers.CharField(source="act.code")
    crime_head = serializers.CharField(source="crime_head.code", default=None, read_only=True)
    clauses = ClauseClassificationSerializer(source="clause_classifications", many=True, read_only=True)
    corresponding = serializers.SerializerMethodField()

    class Meta:
        model = Section
        fields = [
            "id", "act", "number", "title", "title_hi", "chapter", "chapter_title", "is_offence",
            "repealed", "cognizable", "bailable", "triable_by", "max_punishment_years",
            "classification_source", "classification_verified", "clauses", "sensitive", "sensitive_reason",
            "crime_head", "corresponding",
        ]

    def get_corresponding(self, obj) -> list[dict]:
        from ..services import corresponding_sections

        return CorrespondingSectionSerializer(corresponding_sections(obj), many=True).data


class CorrespondenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Correspondence
        fields = ["ipc_label", "bns_label", "relation", "note"]
