from django.db.models import Count
from rest_framework import viewsets

from ..filtersets import SectionFilterSet
from ..models import Act, Section
from .serializers import ActSerializer, SectionSerializer


class ActViewSet(viewsets.ReadOnlyModelViewSet):
    """Acts (reference data, the same for every jurisdiction). ``GET /api/v1/acts/BNS/``."""

    queryset = Act.objects.annotate(section_count=Count("sections"))
    serializer_class = ActSerializer
    lookup_field = "code"
    pagination_class = None


class SectionViewSet(viewsets.ReadOnlyModelViewSet):
    """Sections with classification and IPC↔BNS correspondence.

    ``GET /api/v1/sections/?act=BNS&q=theft``. Reference data: the same for every user.
    """

    queryset = Section.objects.select_related("act", "crime_head").prefetch_related(
        "bns_correspondences__bns_section", "ipc_correspondences__ipc_section", "clause_classifications",
    )
    serializer_class = SectionSerializer
    filterset_class = SectionFilterSet
