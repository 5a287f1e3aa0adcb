"""The investigation API under ``/api/v1/investigation/``: cases (status, moves, transfer,
timeline, informant communications), Case Diary entries, crime details (IIF-2), final reports
(IIF-5). Every queryset is ``for_user`` (another jurisdiction's case is a 404); writes call the
services, which check the roles exactly as for the pages; errors are ``{field: [{code, message}]}``.
"""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cctns.core.api.base import SensitiveReadAuditMixin
from cctns.registration.api.views import CodedErrorsMixin, _user
from cctns.registration.models import FIR

from .. import lifecycle
from ..models import CaseDiaryEntry, CrimeDetails, FinalReport
from ..services import case_diary as cd
from ..services import crime_details as iif2
from ..services import final_report as fr
from ..timeline import case_timeline
from ..views import case_firs
from . import serializers as s


def _fir(request, pk) -> FIR:
    """The FIR ``pk`` within the caller's jurisdiction (404 otherwise)."""
    return get_object_or_404(case_firs(request.user).select_related("police_station", "io"), pk=pk, serial__isnull=False)


def _files(request) -> list:
    return request.FILES.getlist("files") if hasattr(request, "FILES") else []


def _plain(data) -> dict:
    """A QueryDict or dict as a plain dict (lists kept for list fields)."""
    if hasattr(data, "getlist"):
        out = {}
        for key in data:
            if key == "files":
                continue  # read from request.FILES
            values = data.getlist(key)
            out[key] = values if key in ("mo_codes", "sections") else values[-1]
        return out
    return dict(data)


@extend_schema(tags=["investigation"])
class CaseViewSet(CodedErrorsMixin, SensitiveReadAuditMixin, viewsets.ReadOnlyModelViewSet):
    """``/api/v1/investigation/cases/``: issued FIRs as cases. ``POST …/{id}/transition/``,
    ``…/transfer/``, ``…/informant-communications/``; ``GET …/{id}/timeline/``."""

    serializer_class = s.CaseSerializer

    def get_queryset(self):
        return case_firs(self.request.user).filter(serial__isnull=False).select_related(
            "police_station", "io").order_by("-registered_at", "-id")

    def _case(self, fir, code=status.HTTP_200_OK):
        fir = self.get_queryset().get(pk=fir.pk)
        return Response(s.CaseSerializer(fir, context=self.get_serializer_context()).data, status=code)

    @extend_schema(request=s.TransitionSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request, pk=None):
        """Move the case (the lifecycle's rules: role, jurisdiction, reason, outcome on disposal)."""
        fir = self.get_object()
        data = self.validated(s.TransitionSerializer)
        lifecycle.transition(fir, data["to_status"], by=request.user, reason=data["reason"],
                             outcome=data.get("outcome") or None, at=data.get("at"))
        return self._case(fir)

    @extend_schema(request=s.TransferSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None):
        """Transfer the investigation to another officer (SHO within the station; DSP and above across stations)."""
        fir = self.get_object()
        data = self.validated(s.TransferSerializer)
        to_io = _user(request, data["to_io"], "to_io")
        lifecycle.transfer_investigation(fir, by=request.user, to_io=to_io, reason=data["reason"])
        return self._case(fir)

    @extend_schema(responses=s.TimelineItemSerializer(many=True))
    @action(detail=True, methods=["get"])
    def timeline(self, request, pk=None):
        """Every event of the case in order, as the caller may see it."""
        fir = self.get_object()
        return Response(s.TimelineItemSerializer(case_timeline(fir, request.user), many=True).data)

    @extend_schema(request=s.CommunicationWriteSerializer, responses={201: s.CommunicationSerializer})
    @action(detail=True, methods=["post"], url_path="informant-communications")
    def informant_communications(self, request, pk=None):
        """Record what the informant was told (BNSS s.193(3)) and how."""
        fir = self.get_object()
        data = self.validated(s.CommunicationWriteSerializer)
        row = fr.record_informant_communication(fir, request.user, data["kind"], data["mode"], note=data.get("note", ""),
                                                at=data.get("at"))
        return Response(s.CommunicationSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["investigation"])
class CaseDiaryViewSet(CodedErrorsMixin, SensitiveReadAuditMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """``/api/v1/investigation/case-diary/``: pages of the Case Diaries the caller may read (the
    case's IO, the station's SHO, supervisors over it; ``?fir=<id>``); ``POST`` (JSON or multipart
    with ``files``) writes the next page (the IO or the SHO only)."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    serializer_class = s.CaseDiaryEntrySerializer

    def get_queryset(self):
        user = self.request.user
        # readable_firs_q is itself the jurisdiction gate of the diary (IO, station SHO, supervisors over it)
        qs = CaseDiaryEntry.objects.filter(cd.readable_firs_q(user, "fir__")).select_related(
            "author", "fir").prefetch_related("files").order_by("fir_id", "serial")
        fir = self.request.query_params.get("fir")
        if fir and fir.isdigit():
            qs = qs.filter(fir_id=int(fir))
        return qs

    @extend_schema(request=s.CaseDiaryWriteSerializer, responses={201: s.CaseDiaryEntrySerializer})
    def create(self, request, *args, **kwargs):
        data = self.validated(s.CaseDiaryWriteSerializer)
        fir = _fir(request, data.pop("fir"))
        data.pop("files", None)
        entry = cd.write_case_diary_entry(fir, request.user, data, files=_files(request))
        return Response(s.CaseDiaryEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["investigation"])
class CrimeDetailsViewSet(CodedErrorsMixin, SensitiveReadAuditMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """``/api/v1/investigation/crime-details/``: IIF-2 revisions in the caller's jurisdiction
    (``?fir=<id>``, newest revision first); ``POST`` records a revision (the IO or the SHO)."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]
    serializer_class = s.CrimeDetailsSerializer

    def get_queryset(self):
        qs = CrimeDetails.objects.for_user(self.request.user).select_related("recorded_by").prefetch_related("files")
        fir = self.request.query_params.get("fir")
        if fir and fir.isdigit():
            qs = qs.filter(fir_id=int(fir))
        return qs.order_by("fir_id", "-revision")

    @extend_schema(request=s.CrimeDetailsWriteSerializer, responses={201: s.CrimeDetailsSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.CrimeDetailsWriteSerializer(data=_plain(request.data) if hasattr(request.data, "getlist") else request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        fir = _fir(request, data.pop("fir"))
        reason, kind = data.pop("reason", ""), data.pop("file_kind", "photo")
        data.pop("files", None)
        if "panch_witnesses" in data:
            data["panch_witnesses"] = [dict(w) for w in data["panch_witnesses"]]
        row = iif2.record_crime_details(fir, request.user, data, files=_files(request), photo_kind=kind, reason=reason)
        return Response(s.CrimeDetailsSerializer(row).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["investigation"])
class FinalReportViewSet(CodedErrorsMixin, SensitiveReadAuditMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """``/api/v1/investigation/final-reports/``: IIF-5 reports in the caller's jurisdiction
    (``?fir=<id>``). ``POST`` prepares a draft; ``POST …/{id}/correct/``, ``submit/``,
    ``approve/`` (files it and moves the case), ``return/``."""

    serializer_class = s.FinalReportSerializer

    def get_queryset(self):
        qs = FinalReport.objects.for_user(self.request.user).select_related("prepared_by", "decided_by", "fir").prefetch_related("accused")
        fir = self.request.query_params.get("fir")
        if fir and fir.isdigit():
            qs = qs.filter(fir_id=int(fir))
        return qs.order_by("-prepared_at", "-id")

    def _data(self):
        data = dict(self.validated(s.FinalReportWriteSerializer))
        return data.pop("fir", None), data

    def _out(self, report, code=status.HTTP_200_OK):
        report = self.get_queryset().get(pk=report.pk)
        return Response(s.FinalReportSerializer(report).data, status=code)

    @extend_schema(request=s.FinalReportWriteSerializer, responses={201: s.FinalReportSerializer})
    def create(self, request, *args, **kwargs):
        fir_id, data = self._data()
        if fir_id is None:
            raise PermissionDenied("Name the FIR.")
        report = fr.prepare_final_report(_fir(request, fir_id), request.user, data)
        return self._out(report, status.HTTP_201_CREATED)

    @extend_schema(request=s.FinalReportWriteSerializer, responses=s.FinalReportSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        report = self.get_object()
        _fir_id, data = self._data()
        return self._out(fr.update_final_report(report, request.user, data))

    @extend_schema(request=None, responses=s.FinalReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._out(fr.submit_final_report(self.get_object(), request.user))

    @extend_schema(request=s.DecisionSerializer, responses=s.FinalReportSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        report = self.get_object()
        data = self.validated(s.DecisionSerializer)
        mode = data.get("communicated_mode")
        return self._out(fr.approve_final_report(report, request.user, data["remarks"],
                                                 communicate={"mode": mode} if mode else None))

    @extend_schema(request=s.DecisionSerializer, responses=s.FinalReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        report = self.get_object()
        data = self.validated(s.DecisionSerializer)
        return self._out(fr.return_final_report(report, request.user, data["remarks"]))
