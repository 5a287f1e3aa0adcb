"""Property API: ``/api/v1/vehicles/``, ``/firearms/``, ``/phones/``, ``/other-property/``,
``/property-candidates/``, and the checks ``GET /api/v1/vehicles/check`` and
``GET /api/v1/phones/check``.

Lists and details are scoped by ``for_user`` (another station's item is a 404); writes call the
services (:mod:`cctns.property.services`) with the same permissions as the pages. Errors are DRF's
``{field: [message]}`` shape.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied as DRFPermissionDenied
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from cctns.core.api.base import SensitiveReadAuditMixin

from .. import services
from ..models import Firearm, MatchCandidate, MobilePhone, OtherProperty, Vehicle
from . import serializers as s


def drf_error(exc: DjangoValidationError) -> ValidationError:
    if hasattr(exc, "error_dict"):
        return ValidationError(exc.message_dict)
    return ValidationError({"non_field_errors": exc.messages})


def call(fn, *args, **kwargs):
    """Run a service, turning Django's errors into DRF's."""
    try:
        return fn(*args, **kwargs)
    except DjangoValidationError as exc:
        raise drf_error(exc) from None
    except PermissionDenied as exc:
        raise DRFPermissionDenied(str(exc)) from None


class ItemViewSet(SensitiveReadAuditMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Items of one kind: list, retrieve, create (at the caller's station; ``POST``), and
    ``POST …/<id>/state/`` to move the state with a reason. Never updated in place, never deleted."""

    model = Vehicle

    def get_queryset(self):
        return (self.model.objects.for_user(self.request.user).select_related("police_station")
                .prefetch_related("state_changes").order_by("-created_at", "-pk"))

    def perform_create(self, serializer):
        item = self.model(**serializer.validated_data)
        serializer.instance = call(services.register_item, item, by=self.request.user)

    @extend_schema(request=s.StateChangeWriteSerializer)
    @action(detail=True, methods=["post"])
    def state(self, request, pk=None):
        """Move the item to ``to_state`` with a ``reason`` (and the seizure memo's reference)."""
        item = self.get_object()
        body = s.StateChangeWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        call(services.change_state, item, body.validated_data["to_state"], by=request.user,
             reason=body.validated_data["reason"], seizure_reference=body.validated_data["seizure_reference"])
        item.refresh_from_db()
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data)


class VehicleViewSet(ItemViewSet):
    model = Vehicle
    serializer_class = s.VehicleSerializer


class FirearmViewSet(ItemViewSet):
    model = Firearm
    serializer_class = s.FirearmSerializer


class MobilePhoneViewSet(ItemViewSet):
    model = MobilePhone
    serializer_class = s.MobilePhoneSerializer


class OtherPropertyViewSet(ItemViewSet):
    model = OtherProperty
    serializer_class = s.OtherPropertySerializer


class CandidateViewSet(viewsets.ReadOnlyModelViewSet):
    """Match candidates involving the caller's jurisdiction (``?status=proposed|confirmed|rejected``);
    ``POST …/<id>/confirm/`` and ``…/reject/`` with a ``remark``."""

    serializer_class = s.CandidateSerializer

    def get_queryset(self):
        qs = (MatchCandidate.objects.for_user(self.request.user)
              .select_related("found__police_station", "reported__police_station"))
        if self.request.query_params.get("status"):
            qs = qs.filter(status=self.request.query_params["status"])
        return qs

    def _decide(self, request, fn):
        candidate = self.get_object()
        body = s.ReviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        call(fn, candidate, by=request.user, remark=body.validated_data["remark"])
        return Response(self.get_serializer(self.get_queryset().get(pk=candidate.pk)).data)

    @extend_schema(request=s.ReviewSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm: the reported item becomes ``recovered``."""
        return self._decide(request, services.confirm)

    @extend_schema(request=s.ReviewSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject: the pair is never proposed again."""
        return self._decide(request, services.reject)


class IsPolice(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        import rules

        return rules.has_perm("property.check", request.user)


def _hit(h, item, extra: dict) -> dict:
    return {"item": s.ItemBriefSerializer(item).data, "station": h.station.code, "station_name": h.station.name,
            "station_phone": h.station.phone, "score": round(h.score, 4), "explanation": s.explained(h.explanation),
            **extra}


class VehicleCheckView(APIView):
    """``GET /api/v1/vehicles/check?registration_number=&chassis_number=&engine_number=``: the
    beat officer's check — any combination; hits (stolen or lost vehicles of every station) with
    their stations, scores and per-field explanations, in one round trip."""

    permission_classes = [permissions.IsAuthenticated, IsPolice]

    @extend_schema(parameters=[s.VehicleCheckQuerySerializer], responses=s.HitSerializer(many=True))
    def get(self, request):
        q = s.VehicleCheckQuerySerializer(data=request.query_params)
        q.is_valid(raise_exception=True)
        if not any(q.validated_data.values()):
            raise ValidationError({"non_field_errors": ["Give a registration, chassis or engine number."]})
        hits = services.check_vehicle(**q.validated_data)
        return Response([_hit(h, h.vehicle, {"registration_number": h.vehicle.registration_number}) for h in hits])


class PhoneCheckView(APIView):
    """``GET /api/v1/phones/check?imei=``: stolen or lost phones sharing the IMEI (or its first 14
    digits), with their stations and scores."""

    permission_classes = [permissions.IsAuthenticated, IsPolice]

    @extend_schema(parameters=[OpenApiParameter("imei", str, required=True)], responses=s.HitSerializer(many=True))
    def get(self, request):
        q = s.PhoneCheckQuerySerializer(data=request.query_params)
        q.is_valid(raise_exception=True)
        hits = call(services.check_phone, imei=q.validated_data["imei"])
        return Response([_hit(h, h.phone, {"imei": h.phone.imei}) for h in hits], status=status.HTTP_200_OK)
