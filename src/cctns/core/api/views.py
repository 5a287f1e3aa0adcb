from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import alerts, approvals
from ..filtersets import UnitFilterSet
from ..models import Approval, Unit
from .base import ScopedReadOnlyViewSet
from .serializers import (
    AlertSerializer,
    ApprovalSerializer,
    DecisionSerializer,
    MeSerializer,
    UnitSerializer,
)


class UnitViewSet(ScopedReadOnlyViewSet):
    """Units within the caller's jurisdiction. ``GET /api/v1/units/?kind=ps&within=<code>``."""

    queryset = Unit.objects.select_related("parent")
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet
    lookup_field = "code"
    lookup_value_regex = "[^/]+"


class MeView(APIView):
    """The caller's own profile: rank, role and posting."""

    token_scope = ""  # any valid API token may read its own user's profile

    @extend_schema(responses=MeSerializer)
    def get(self, request, *args, **kwargs):
        return Response(MeSerializer(request.user).data)


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter(
    "scope", str, enum=["mine", "jurisdiction"],
    description="mine (default): the caller's inbox; jurisdiction: every open alert of the units the caller supervises",
)]))
class AlertViewSet(viewsets.ReadOnlyModelViewSet):
    """``GET /api/v1/alerts/``: the caller's open alerts, soonest due first;
    ``POST /api/v1/alerts/<id>/seen/`` marks one as seen (404 if not in the caller's inbox)."""

    serializer_class = AlertSerializer

    def get_queryset(self):
        if self.action == "list" and self.request.query_params.get("scope") == "jurisdiction":
            return alerts.open_alerts_within(self.request.user)
        return alerts.inbox_for(self.request.user)

    @extend_schema(request=None, responses=AlertSerializer)
    @action(detail=True, methods=["post"])
    def seen(self, request, pk=None):
        alert = alerts.acknowledge(self.get_object(), request.user)
        return Response(AlertSerializer(alert, context={"request": request}).data)


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter(
    "scope", str, enum=["to_decide", "jurisdiction"],
    description="to_decide (default): pending requests the caller may decide; jurisdiction: every request of the caller's units",
)]))
class ApprovalViewSet(ScopedReadOnlyViewSet):
    """``GET /api/v1/approvals/``: requests awaiting the caller's decision (``?scope=jurisdiction``:
    all requests in the caller's jurisdiction); ``POST …/{id}/approve/`` applies the action,
    ``POST …/{id}/return/`` with ``remarks`` returns it (cctns.core.approvals). 403 when the caller
    may not decide, 400 when already decided or remarks are missing."""

    queryset = Approval.objects.select_related("unit", "content_type", "requested_by", "decided_by")
    serializer_class = ApprovalSerializer

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list" and self.request.query_params.get("scope") != "jurisdiction":
            return qs.filter(pk__in=approvals.pending_for(self.request.user).values("pk"))
        return qs

    def _decide(self, request, approve: bool):
        from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
        from rest_framework.exceptions import PermissionDenied

        body = DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            approval = approvals.decide(self.get_object(), request.user, approve=approve,
                                        remarks=body.validated_data["remarks"])
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        return Response(ApprovalSerializer(approval, context={"request": request}).data)

    @extend_schema(request=DecisionSerializer, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(request, True)

    @extend_schema(request=DecisionSerializer, responses=ApprovalSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def return_(self, request, pk=None):
        return self._decide(request, False)
