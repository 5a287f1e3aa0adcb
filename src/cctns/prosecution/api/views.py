"""Court API viewsets under ``/api/v1/``: ``court-cases``, ``hearings``, ``bail-orders``,
``remand-orders``, ``orders``, ``warrants``, ``summons``, ``disposals``, ``appeals``.

The same rules as the pages: every queryset goes through ``for_user`` (another station's record is
a 404; a court case named in a write must be in the caller's jurisdiction, else 400
``does_not_exist``), every write calls one service (permission 403; rules 400 as
``{field: [{"code", "message"}]}``). Court systems (ICJS) use the same endpoints with an account
of the ICJS group (:mod:`cctns.prosecution.rules`): look a case up by ``?cnr=``, post hearings
(``POST hearings/`` and ``hearings/{id}/record/``), orders, process and disposals.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from cctns.core.api.base import ScopedReadOnlyViewSet
from cctns.registration.api.views import CodedErrorsMixin
from cctns.registration.models import FIR

from .. import services
from ..models import (
    Appeal,
    BailOrder,
    CourtCase,
    CourtOrder,
    Disposal,
    Hearing,
    RemandOrder,
    Summons,
    Warrant,
)
from ..services import status as status_service
from . import serializers as s


class CourtViewSet(CodedErrorsMixin, mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Read (scoped) and create through :meth:`perform_service`; ``?court_case=<id>`` filters."""

    write_serializer_class = None
    select = ("court_case__fir__police_station",)

    def get_queryset(self):
        qs = super().get_queryset().select_related(*self.select)
        case = self.request.query_params.get("court_case")
        if case and case.isdigit() and hasattr(qs.model, "court_case_id"):
            qs = qs.filter(court_case_id=int(case))
        return qs

    def court_case(self, pk: int) -> CourtCase:
        case = CourtCase.objects.for_user(self.request.user, "change").select_related("fir__police_station").filter(pk=pk).first()
        if case is None:
            raise DRFValidationError({"court_case": [ErrorDetail("No such court case in your jurisdiction.", code="does_not_exist")]})
        return case

    def reply(self, obj, code=status.HTTP_201_CREATED):
        obj = type(obj).objects.get(pk=obj.pk)
        return Response(self.get_serializer_class()(obj, context=self.get_serializer_context()).data, status=code)

    def create(self, request, *args, **kwargs):
        data = dict(self.validated(self.write_serializer_class))
        case = self.court_case(data.pop("court_case"))
        return self.reply(self.perform_service(case, data))


@extend_schema(tags=["court"], parameters=[OpenApiParameter("cnr", str, description="CNR number"),
                                            OpenApiParameter("fir", int, description="FIR id")])
class CourtCaseViewSet(CourtViewSet):
    """Court cases: list (``?cnr=``, ``?fir=``, ``?status=``), read, create; ``cognizance`` and
    ``status`` (make the case-status move the court records call for) actions."""

    queryset = CourtCase.objects.all()
    serializer_class = s.CourtCaseSerializer
    select = ("fir__police_station",)

    def get_queryset(self):
        qs = super().get_queryset().prefetch_related("accused")
        p = self.request.query_params
        if p.get("cnr"):
            qs = qs.filter(cnr_number=p["cnr"].strip().upper())
        if p.get("fir", "").isdigit():
            qs = qs.filter(fir_id=int(p["fir"]))
        if p.get("status"):
            qs = qs.filter(status=p["status"])
        return qs

    @extend_schema(request=s.CourtCaseWriteSerializer, responses={201: s.CourtCaseSerializer})
    def create(self, request, *args, **kwargs):
        data = dict(self.validated(s.CourtCaseWriteSerializer))
        fir = FIR.objects.for_user(request.user, "change").filter(pk=data.pop("fir")).first()
        if fir is None:
            raise DRFValidationError({"fir": [ErrorDetail("No such FIR in your jurisdiction.", code="does_not_exist")]})
        if "accused" in data:
            data["accused"] = list(data["accused"]) or None
        return self.reply(services.register_court_case(fir, request.user, **data))

    @extend_schema(request=s.CognizanceSerializer, responses={200: s.CourtCaseSerializer})
    @action(detail=True, methods=["post"])
    def cognizance(self, request, pk=None):
        case = self.court_case(int(pk))
        data = self.validated(s.CognizanceSerializer)
        return self.reply(services.record_cognizance(case, request.user, **data), status.HTTP_200_OK)

    @extend_schema(request=None, responses={200: s.CourtCaseSerializer})
    @action(detail=True, methods=["post"], url_path="status")
    def confirm_status(self, request, pk=None):
        case = self.court_case(int(pk))
        status_service.sync(case, request.user)
        return self.reply(case, status.HTTP_200_OK)


@extend_schema(tags=["court"], parameters=[OpenApiParameter("court_case", int), OpenApiParameter("upcoming", bool)])
class HearingViewSet(CourtViewSet):
    """Hearings: list (``?court_case=``; ``?upcoming=1`` for scheduled dates from today), read,
    schedule (create); ``record`` what happened on the date."""

    queryset = Hearing.objects.all()
    serializer_class = s.HearingSerializer
    write_serializer_class = s.HearingWriteSerializer

    def get_queryset(self):
        qs = super().get_queryset()
        if self.request.query_params.get("upcoming") in ("1", "true"):
            qs = services.hearings_calendar(qs, start=services.court.today(), days=366)
        return qs

    @extend_schema(request=s.HearingWriteSerializer, responses={201: s.HearingSerializer})
    def create(self, request, *args, **kwargs):
        return super().create(request, *args, **kwargs)

    def perform_service(self, case, data):
        return services.schedule_hearing(case, self.request.user, **data)

    @extend_schema(request=s.HearingRecordSerializer, responses={200: s.HearingSerializer})
    @action(detail=True, methods=["post"])
    def record(self, request, pk=None):
        hearing = Hearing.objects.for_user(request.user, "change").filter(pk=pk).first()
        if hearing is None:
            return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
        data = self.validated(s.HearingRecordSerializer)
        held, _next = services.record_hearing(hearing, request.user, **data)
        return self.reply(held, status.HTTP_200_OK)

    @extend_schema(request=s.HearingCorrectionSerializer, responses={201: s.HearingSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        """Correct a hearing (the station's SHO): a new row; the old one is kept, superseded."""
        hearing = Hearing.objects.for_user(request.user, "change").filter(pk=pk).first()
        if hearing is None:
            return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
        data = dict(self.validated(s.HearingCorrectionSerializer))
        return self.reply(services.correct_hearing(hearing, request.user, reason=data.pop("reason"), **data))


def _simple(model, read, write, service, doc):
    """A viewset over ``model`` whose create calls ``service(case, user, **data)``."""

    @extend_schema(tags=["court"], parameters=[OpenApiParameter("court_case", int)])
    class ViewSet(CourtViewSet):
        queryset = model.objects.all()
        serializer_class = read
        write_serializer_class = write

        @extend_schema(request=write, responses={201: read})
        def create(self, request, *args, **kwargs):
            return super().create(request, *args, **kwargs)

        def perform_service(self, case, data):
            return service(case, self.request.user, **data)

    ViewSet.__name__ = ViewSet.__qualname__ = f"{model.__name__}ViewSet"
    ViewSet.__doc__ = doc
    return ViewSet


BailOrderViewSet = _simple(BailOrder, s.BailOrderSerializer, s.BailOrderWriteSerializer, services.record_bail_order,
                           "Bail orders of one accused (granted, rejected, cancelled).")
RemandOrderViewSet = _simple(RemandOrder, s.RemandOrderSerializer, s.RemandOrderWriteSerializer,
                             services.record_remand_order, "Remand of one accused to police or judicial custody.")
CourtOrderViewSet = _simple(CourtOrder, s.CourtOrderSerializer, s.CourtOrderWriteSerializer, services.record_court_order,
                            "Other orders of the court (release of property, further investigation …).")


class ProcessMixin:
    @extend_schema(request=s.ProcessReturnSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        process = self.queryset.model.objects.for_user(request.user, "change").filter(pk=pk).first()
        if process is None:
            return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
        data = self.validated(s.ProcessReturnSerializer)
        return self.reply(services.record_process_return(process, request.user, **data), status.HTTP_200_OK)


class WarrantViewSet(ProcessMixin, _simple(Warrant, s.WarrantSerializer, s.WarrantWriteSerializer, services.issue_warrant, "")):
    """Warrants to execute; ``return`` records execution or return."""


class SummonsViewSet(ProcessMixin, _simple(Summons, s.SummonsSerializer, s.SummonsWriteSerializer, services.issue_summons, "")):
    """Summonses to serve; ``return`` records service or return."""


class DisposalViewSet(_simple(Disposal, s.DisposalSerializer, s.DisposalWriteSerializer, services.record_disposal, "")):
    """IIF-6 disposal of one accused; when every accused is disposed the case is disposed."""

    def get_queryset(self):
        return super().get_queryset().select_related("accused").prefetch_related("convicted_sections__act")

    def perform_service(self, case, data):
        data["convicted_sections"] = list(data.get("convicted_sections") or [])
        return services.record_disposal(case, self.request.user, **data)

    @extend_schema(request=s.DisposalCorrectionSerializer, responses={201: s.DisposalSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        """Correct a disposal (the station's SHO): a new row; the old one is kept, superseded."""
        disposal = Disposal.objects.for_user(request.user, "change").filter(pk=pk).first()
        if disposal is None:
            return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
        data = dict(self.validated(s.DisposalCorrectionSerializer))
        return self.reply(services.correct_disposal(disposal, request.user, reason=data.pop("reason"), **data))


class AppealViewSet(_simple(Appeal, s.AppealSerializer, s.AppealWriteSerializer, services.record_appeal, "")):
    """IIF-7 appeals per accused; ``result`` records the outcome."""

    @extend_schema(request=s.AppealResultSerializer, responses={200: s.AppealSerializer})
    @action(detail=True, methods=["post"])
    def result(self, request, pk=None):
        appeal = Appeal.objects.for_user(request.user, "change").filter(pk=pk).first()
        if appeal is None:
            return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
        data = self.validated(s.AppealResultSerializer)
        return self.reply(services.record_appeal_result(appeal, request.user, **data), status.HTTP_200_OK)

    @extend_schema(request=s.AppealCorrectionSerializer, responses={201: s.AppealSerializer})
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        """Correct a recorded result (the station's SHO): a new row; the old one is kept, superseded."""
        appeal = Appeal.objects.for_user(request.user, "change").filter(pk=pk).first()
        if appeal is None:
            return Response({"detail": "Not found."}, status=status.HTTP_404_NOT_FOUND)
        data = dict(self.validated(s.AppealCorrectionSerializer))
        return self.reply(services.correct_appeal_result(appeal, request.user, **data))
