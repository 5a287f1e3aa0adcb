"""The portal's police-side API (``/api/v1/efirs/``, ``verification-requests``,
``permission-requests``, ``vehicle-nocs``, ``lost-articles``): read scoped by jurisdiction
(``for_user``), and the same actions as the pages, through the same services (sign an e-FIR,
complete a verification, decide a permission)."""

from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from cctns.core.api.base import ScopedReadOnlyViewSet
from cctns.registration.api.serializers import FIRSerializer
from cctns.registration.api.views import CodedErrorsMixin

from ..models import EFIR, LostArticleReport, PermissionRequest, VehicleNOC, VerificationRequest
from ..services import efir as efir_services
from ..services import requests as request_services
from . import serializers as s


class EFIRViewSet(CodedErrorsMixin, ScopedReadOnlyViewSet):
    """e-FIRs of the caller's jurisdiction; ``POST …/sign/`` records the informant's signature
    at the station and registers the FIR (BNSS s.173(1)(ii): within 3 days)."""

    queryset = EFIR.objects.select_related("citizen", "police_station")
    serializer_class = s.EFIRSerializer
    filterset_fields = ["status", "police_station"]

    @extend_schema(request=s.SignSerializer, responses={201: FIRSerializer})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        efir = self.get_object()
        data = self.validated(s.SignSerializer)
        fir = efir_services.sign_efir(efir, request.user, delay_reason=data["delay_reason"])
        return Response(FIRSerializer(fir, context=self.get_serializer_context()).data, status=status.HTTP_201_CREATED)


class VerificationViewSet(CodedErrorsMixin, ScopedReadOnlyViewSet):
    """Police verification requests; ``POST …/complete/`` with the result of the enquiry."""

    queryset = VerificationRequest.objects.select_related("citizen", "police_station")
    serializer_class = s.VerificationSerializer
    filterset_fields = ["status", "kind", "police_station"]

    @extend_schema(request=s.CompleteSerializer, responses=s.VerificationSerializer)
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        req = self.get_object()
        data = self.validated(s.CompleteSerializer)
        req = request_services.complete_verification(req, request.user, data["result"], data["remarks"])
        return Response(self.get_serializer(req).data)


class PermissionViewSet(CodedErrorsMixin, ScopedReadOnlyViewSet):
    """Permission requests; ``POST …/decide/`` (the SHO: granted with conditions, or refused with reasons)."""

    queryset = PermissionRequest.objects.select_related("citizen", "police_station")
    serializer_class = s.PermissionSerializer
    filterset_fields = ["status", "kind", "police_station"]

    @extend_schema(request=s.DecideSerializer, responses=s.PermissionSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        req = self.get_object()
        data = self.validated(s.DecideSerializer)
        req = request_services.decide_permission(req, request.user, granted=data["granted"],
                                                 conditions=data["conditions"], reason=data["reason"])
        return Response(self.get_serializer(req).data)


class VehicleNOCViewSet(ScopedReadOnlyViewSet):
    """Vehicle NOC applications and their results."""

    queryset = VehicleNOC.objects.select_related("citizen", "police_station")
    serializer_class = s.VehicleNOCSerializer
    filterset_fields = ["status", "police_station"]


class LostArticleViewSet(ScopedReadOnlyViewSet):
    """Lost-article reports of the caller's stations."""

    queryset = LostArticleReport.objects.select_related("citizen", "police_station")
    serializer_class = s.LostArticleSerializer
    filterset_fields = ["category", "police_station"]
