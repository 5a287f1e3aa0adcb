from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from ..filtersets import UnitFilterSet
from ..models import Unit
from .base import ScopedReadOnlyViewSet
from .serializers import MeSerializer, UnitSerializer


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
