import copy

from rest_framework import serializers

from ..models import Alert, Approval, Unit, User


class ModelSerializer(serializers.ModelSerializer):
    """Django REST framework's ``ModelSerializer`` that builds its fields from the model once per
    class instead of once per instance.

    DRF introspects the model (field kwargs, labels, validators) every time a serializer is
    instantiated; for a nested serializer with ``many=True`` that is once per response, and for
    the FIR's full representation it was a third of the time of a registration (``bench/
    fir_registration.py``). The fields built the first time are kept on the class and each
    instance gets a deep copy, exactly as DRF already does for declared fields. A subclass whose
    fields depend on the instance or its context must change them in ``__init__`` (as
    ``FIRWriteSerializer`` scopes its ``complaint`` queryset), not in ``get_fields``.
    """

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return copy.deepcopy(built)


class UnitSerializer(ModelSerializer):
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


class AlertSerializer(serializers.ModelSerializer):
    """An alert of the caller's inbox; ``message`` is in the request's language, ``urgency`` is
    ``overdue`` / ``soon`` / ``later`` (cctns.core.alerts)."""

    label = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()
    urgency = serializers.SerializerMethodField()
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    officer = serializers.CharField(source="user.username", read_only=True, default=None)

    class Meta:
        model = Alert
        fields = [
            "id", "key", "kind", "label", "message", "urgency", "unit_code", "officer", "record_type",
            "record_id", "url", "due_at", "state", "raised_at", "acknowledged_at", "closed_at",
        ]
        read_only_fields = fields

    def get_label(self, obj) -> str:
        from cctns.core.alerts import kind_of

        kind = kind_of(obj)
        return str(kind.label) if kind else obj.kind

    def get_message(self, obj) -> str:
        from cctns.core.alerts import message

        return message(obj)

    def get_urgency(self, obj) -> str:
        from cctns.core.alerts import urgency

        return urgency(obj)


class ApprovalSerializer(serializers.ModelSerializer):
    """A request for an action needing a superior's sign-off (cctns.core.approvals)."""

    unit_code = serializers.CharField(source="unit.code", read_only=True)
    record_type = serializers.CharField(source="content_type.model", read_only=True)
    requested_by = serializers.CharField(source="requested_by.username", read_only=True)
    decided_by = serializers.CharField(source="decided_by.username", read_only=True, default=None)
    label = serializers.SerializerMethodField()

    class Meta:
        model = Approval
        fields = ["id", "action", "label", "status", "unit_code", "record_type", "object_pk", "record_label",
                  "params", "reason", "approver_rank", "requested_by", "requested_at", "decided_by",
                  "decided_at", "remarks"]
        read_only_fields = fields

    def get_label(self, obj) -> str:
        from cctns.core.approvals import _ACTIONS

        action = _ACTIONS.get(obj.action)
        return str(action.label) if action else obj.action


class DecisionSerializer(serializers.Serializer):
    remarks = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
