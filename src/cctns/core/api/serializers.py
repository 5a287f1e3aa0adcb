from rest_framework import serializers

from ..models import Unit, User


class UnitSerializer(serializers.ModelSerializer):
    """A unit of the police hierarchy."""

    parent_code = serializers.CharField(source="parent.code", read_only=True, default=None)

    class Meta:
        model = Unit
        fields = [
            "id", "code", "name", "name_hi", "kind", "parent", "parent_code", "depth",
            "lgd_code", "latitude", "longitude", "is_active",
        ]


class MeSerializer(serializers.ModelSerializer):
    """The signed-in user: rank, role and posting."""

    unit = UnitSerializer(read_only=True)

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "rank", "role", "belt_number", "unit"]
