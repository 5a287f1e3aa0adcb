from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import alerts
from ..filtersets import UnitFilterSet
from ..models import Unit
from .base import ScopedReadOnlyViewSet
from .serializers import AlertSerializer, MeSerializer, UnitSerializer


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
