"""Registration API viewsets: ``/api/v1/firs/``, ``/ncrs/``, ``/gd/``, ``/complaints/``.

Every queryset goes through ``for_user`` (another station's record is a 404, never a 403 that
would confirm it exists). Writes call the services. Errors are ``{path: [{"code", "message"}]}``
with the validation registry's codes (``FIR-003``) or Django REST framework's (``required``,
``invalid``); a rule's machine-readable help (the corresponding section, the NCR offer) is in
``"extra"``.
"""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Prefetch
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ErrorDetail, NotFound
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from cctns.core.api.base import ScopedModelViewSet
from cctns.core.models import User
from cctns.core.validation import RuleValidationError

from .. import services
from ..filtersets import ComplaintFilterSet, FIRFilterSet, GDEntryFilterSet, NCRFilterSet
from ..models import FIR, NCR, Complaint, FIRVictim, GDEntry
from ..services.common import request_hash
from . import serializers as s

IDEMPOTENCY_HEADER = "Idempotency-Key"


def coded_errors(detail) -> dict[str, list[dict]]:
    """Flatten DRF error detail to ``{"victims.0.age": [{"code", "message"}]}``."""
    out: dict[str, list[dict]] = {}

    def add(path, item):
        out.setdefault(path or "non_field_errors", []).append(
            {"code": getattr(item, "code", None) or "invalid", "message": str(item)})

    def walk(node, path):
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else str(key))
        elif isinstance(node, list):
            if all(isinstance(x, str | ErrorDetail) for x in node):
                for x in node:
                    add(path, x)
            else:
                for i, x in enumerate(node):
                    walk(x, f"{path}.{i}" if path else str(i))
        else:
            add(path, node)

    walk(detail, "")
    return out


def violation_errors(violations) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for v in violations:
        item = {"code": v.code, "message": v.message}
        if v.extra:
            item["extra"] = dict(v.extra)
        out.setdefault(v.path, []).append(item)
    return out


def django_errors(exc: DjangoValidationError) -> dict[str, list[dict]]:
    if isinstance(exc, RuleValidationError):
        return violation_errors(exc.violations)
    out: dict[str, list[dict]] = {}
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for e in errors:
                for message in e.messages:
                    out.setdefault(field, []).append({"code": e.code or "invalid", "message": message})
    else:
        for e in exc.error_list:
            for message in e.messages:
                out.setdefault("non_field_errors", []).append({"code": e.code or "invalid", "message": message})
    return out


class CodedErrorsMixin:
    """Answer validation errors (DRF's and the services' Django ``ValidationError``) as
    ``{path: [{"code", "message"}]}`` with status 400."""

    def handle_exception(self, exc):
        if isinstance(exc, RuleValidationError | DjangoValidationError):
            return Response(django_errors(exc), status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, DRFValidationError):
            return Response(coded_errors(exc.detail), status=status.HTTP_400_BAD_REQUEST)
        return super().handle_exception(exc)

    def invalid(self, serializer) -> Response:
        errors = coded_errors(serializer.errors)
        for v in getattr(serializer, "rule_violations", []):  # add the rules' machine-readable help
            if v.extra:
                for item in errors.get(v.path, []):
                    if item["code"] == v.code and item["message"] == v.message:
                        item["extra"] = dict(v.extra)
        return Response(errors, status=status.HTTP_400_BAD_REQUEST)

    def validated(self, serializer_class, **kwargs):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context(), **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data


def _user(request, value: str, field: str, *, scoped: bool = True):
    """A user by id or username (else a 400 on ``field``): within the caller's jurisdiction, or
    any active user when ``scoped`` is false (a superior officer; the service checks rank and
    jurisdiction)."""
    value = (value or "").strip()
    qs = User.objects.for_user(request.user) if scoped else User.objects.filter(is_active=True)
    found = qs.filter(pk=int(value)).first() if value.isdigit() else qs.filter(username=value).first()
    if found is None:
        raise DRFValidationError({field: [ErrorDetail("No such officer in your jurisdiction.", code="does_not_exist")]})
    return found


#: Which jurisdiction scope each FIR action reads through: "view" includes Zero FIRs transferred to
#: or from the caller's stations (the receiving station must see an FIR to accept it).
FIR_ACTION_SCOPE = {"list": "view", "retrieve": "view", "accept": "view", "versions": "view", "gd_entries": "view"}


@extend_schema(tags=["registration"])
class FIRViewSet(CodedErrorsMixin, ScopedModelViewSet):
    """First Information Reports (IIF-1).

    - ``GET /api/v1/firs/``: FIRs in the caller's jurisdiction (plus Zero FIRs transferred to or
      from it); filters in ``FIRFilterSet``.
    - ``POST /api/v1/firs/``: register (nested victims, accused, sections, property); send an
      ``Idempotency-Key`` header to make retries safe (a replay answers 200 with the same FIR).
    - ``POST …/{id}/approve/``, ``return/``, ``resubmit/``, ``correct/``, ``assign-io/``,
      ``mark-sensitive/``, ``transfer/``, ``accept/``; ``GET …/{id}/versions/``, ``gd-entries/``.
    """

    http_method_names = ["get", "post", "head", "options"]
    filterset_class = FIRFilterSet

    def get_queryset(self):
        scope = FIR_ACTION_SCOPE.get(self.action, "change" if self.request.method not in ("GET", "HEAD", "OPTIONS") else "view")
        qs = FIR.objects.for_user(self.request.user, scope).select_related(
            "police_station", "io", "transferred_from__police_station", "transferred_to__police_station",
        ).prefetch_related(
            "sections__section__act", Prefetch("victims", queryset=FIRVictim.objects.order_by("order")),
            "transfers_out__to_station",
        )
        if self.action != "list":
            qs = qs.select_related("cognizability_confirmed_by", "sensitive_set_by").prefetch_related(
                "accused", "properties", "approvals__decided_by",
                "transfers_out__from_station", "transfers_out__to_station", "transfers_out__sent_by",
                "transfers_out__accepted_by", "transfers_out__from_fir__police_station",
                "transfers_out__to_fir__police_station",
            )
        return qs.order_by(F("registered_at").desc(nulls_first=True), "-id")

    def get_serializer_class(self):
        if self.action == "create":
            return s.FIRWriteSerializer
        if self.action == "list":
            return s.FIRListSerializer
        return s.FIRSerializer

    def _detail(self, fir, code=status.HTTP_200_OK, *, reread=True, **headers):
        """The FIR in full; read again through the caller's jurisdiction (with its children)
        unless ``reread`` is false: a just-registered FIR comes back from the service with its
        children already on it (``register_fir``)."""
        replayed = getattr(fir, "replayed", False)
        if reread:
            fir = self.get_queryset_for_read().filter(pk=fir.pk).first() or fir
        fir.replayed = replayed
        return Response(s.FIRSerializer(fir, context=self.get_serializer_context()).data, status=code, headers=headers)

    def get_queryset_for_read(self):
        action, self.action = self.action, "retrieve"
        try:
            return self.get_queryset()
        finally:
            self.action = action

    @extend_schema(request=s.FIRWriteSerializer, responses={201: s.FIRSerializer, 200: s.FIRSerializer},
                   parameters=[OpenApiParameter(IDEMPOTENCY_HEADER, str, OpenApiParameter.HEADER, required=False)])
    def create(self, request, *args, **kwargs):
        """Register an FIR. 201 with the FIR (``status`` *registered*, or *pending_approval* when the
        SHO must approve); 200 when an ``Idempotency-Key`` replays an earlier request; 400 with coded
        errors; 403 if the caller may not register at the station."""
        key = (request.headers.get(IDEMPOTENCY_HEADER) or "").strip()
        if len(key) > 100:
            raise DRFValidationError({"idempotency_key": [ErrorDetail("At most 100 characters.", code="max_length")]})
        digest = request_hash(request.data) if key else None
        serializer = s.FIRWriteSerializer(
            data=request.data, context={**self.get_serializer_context(), "rules_checked_by_service": True})
        if not serializer.is_valid():
            return self.invalid(serializer)
        attrs = serializer.validated_data
        fir = services.register_fir(
            attrs.get("police_station"), request.user, serializer.service_data(attrs),
            idempotency_key=key or None, complaint=attrs.get("complaint"), request_digest=digest,
        )
        if getattr(fir, "replayed", False):  # the service found the key's FIR
            return self._detail(fir, status.HTTP_200_OK, **{"Idempotent-Replayed": "true"})
        return self._detail(fir, status.HTTP_201_CREATED, reread=False)

    @extend_schema(request=s.RemarksSerializer, responses=s.FIRSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """The station's SHO approves a pending FIR: it takes its number and issues."""
        fir = self.get_object()
        data = self.validated(s.RemarksSerializer)
        return self._detail(services.approve_fir(fir, request.user, data["remarks"]))

    @extend_schema(request=s.ReturnSerializer, responses=s.FIRSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        """The station's SHO returns a pending FIR for correction, with remarks."""
        fir = self.get_object()
        data = self.validated(s.ReturnSerializer)
        return self._detail(services.return_fir(fir, request.user, data["remarks"]))

    def _changes(self, changes: dict) -> dict:
        serializer = s.FIRWriteSerializer(data=changes, partial=True, context=self.get_serializer_context())
        if not serializer.is_valid():
            raise DRFValidationError({"changes": serializer.errors})
        return serializer.service_data({k: v for k, v in serializer.validated_data.items() if k in changes})

    @extend_schema(request=s.ResubmitSerializer, responses=s.FIRSerializer)
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        """Resubmit a returned FIR for approval, with corrections."""
        fir = self.get_object()
        data = self.validated(s.ResubmitSerializer)
        changes = self._changes(data["changes"]) if data["changes"] else None
        return self._detail(services.resubmit_fir(fir, request.user, changes, data["remarks"]))

    @extend_schema(request=s.CorrectionSerializer, responses=s.FIRSerializer)
    @action(detail=True, methods=["post"])
    def correct(self, request, pk=None):
        """The station's SHO corrects an FIR; the previous version is kept with who, when and why."""
        fir = self.get_object()
        data = self.validated(s.CorrectionSerializer)
        return self._detail(services.correct_fir(fir, request.user, self._changes(data["changes"]), data["reason"]))

    @extend_schema(request=s.AssignIOSerializer, responses=s.FIRSerializer)
    @action(detail=True, methods=["post"], url_path="assign-io")
    def assign_io(self, request, pk=None):
        """The station's SHO assigns the investigating officer."""
        fir = self.get_object()
        data = self.validated(s.AssignIOSerializer)
        return self._detail(services.assign_io(fir, request.user, _user(request, data["io"], "io")))

    @extend_schema(request=s.ReasonSerializer, responses=s.FIRSerializer)
    @action(detail=True, methods=["post"], url_path="mark-sensitive")
    def mark_sensitive(self, request, pk=None):
        """The SHO (or a DSP or above over the station) marks the FIR sensitive, with a reason."""
        fir = self.get_object()
        data = self.validated(s.ReasonSerializer)
        return self._detail(services.mark_sensitive(fir, request.user, data["reason"]))

    @extend_schema(request=s.TransferRequestSerializer, responses=s.TransferSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request, pk=None):
        """Transfer the FIR as a Zero FIR to the police station with jurisdiction (BNSS s.173(1))."""
        fir = self.get_object()
        data = self.validated(s.TransferRequestSerializer)
        transfer = services.transfer_zero_fir(fir, request.user, data["to_station"], data["reason"])
        return Response(s.TransferSerializer(transfer).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.RemarksSerializer, responses={201: s.FIRSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """The receiving station registers a transferred Zero FIR under its own number; answers
        with the new FIR."""
        fir = self.get_object()
        data = self.validated(s.RemarksSerializer)
        new = services.accept_transfer(fir, request.user, remarks=data["remarks"])
        return self._detail(new, status.HTTP_201_CREATED)

    @extend_schema(responses=s.FIRVersionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def versions(self, request, pk=None):
        """Past versions of the FIR (snapshots only for the case's own officers)."""
        fir = self.get_object()
        rows = fir.versions.select_related("changed_by", "fir__police_station", "fir__transferred_from__police_station",
                                           "fir__transferred_to__police_station")
        return Response(s.FIRVersionSerializer(rows, many=True, context=self.get_serializer_context()).data)

    @extend_schema(responses=s.GDEntrySerializer(many=True))
    @action(detail=True, methods=["get"], url_path="gd-entries")
    def gd_entries(self, request, pk=None):
        """General Diary entries about this FIR that the caller may see."""
        fir = self.get_object()
        rows = services.gd_entries_for(fir).filter(pk__in=GDEntry.objects.for_user(request.user).values("pk"))
        rows = rows.select_related("police_station", "author", "content_type")
        return Response(s.GDEntrySerializer(rows, many=True).data)


@extend_schema(tags=["registration"])
class NCRViewSet(CodedErrorsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Non-cognizable reports. ``GET/POST /api/v1/ncrs/``; ``GET /api/v1/ncrs/fortnightly/?date=&police_station=``
    gives the fortnight's list for the Magistrate (BNSS s.174(1))."""

    filterset_class = NCRFilterSet

    def get_queryset(self):
        return (NCR.objects.for_user(self.request.user).select_related("police_station")
                .prefetch_related("sections__act").order_by("-registered_at", "-id"))

    def get_serializer_class(self):
        return s.NCRWriteSerializer if self.action == "create" else s.NCRSerializer

    @extend_schema(request=s.NCRWriteSerializer, responses={201: s.NCRSerializer})
    def create(self, request, *args, **kwargs):
        """Register an NCR; 400 with coded errors (``NCR-003``: a cognizable section needs an FIR)."""
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            return self.invalid(serializer)
        attrs = dict(serializer.validated_data)
        station, complaint = attrs.pop("police_station", None), attrs.pop("complaint", None)
        ncr = services.register_ncr(station, request.user, attrs, complaint=complaint)
        return Response(s.NCRSerializer(self.get_queryset().get(pk=ncr.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("date", str, required=True), OpenApiParameter("police_station", str)],
                   responses=s.NCRSerializer(many=True))
    @action(detail=False, methods=["get"])
    def fortnightly(self, request):
        """NCRs of the fortnight containing ``date`` at ``police_station`` (default: the caller's)."""
        import datetime

        from cctns.core.models import Unit

        try:
            day = datetime.date.fromisoformat(request.query_params.get("date", ""))
        except ValueError:
            raise DRFValidationError({"date": [ErrorDetail("Give a date as YYYY-MM-DD.", code="invalid")]}) from None
        code = request.query_params.get("police_station")
        station = Unit.objects.for_user(request.user).filter(code=code).first() if code else None
        if code and station is None:
            raise NotFound()
        if station is None:
            station = services.station_for(request.user)
        rows = services.ncr_fortnightly_list(station, day).filter(pk__in=self.get_queryset().values("pk"))
        start, end = services.fortnight_bounds(day)
        return Response({"police_station": station.code, "from": start, "to": end,
                         "results": s.NCRSerializer(rows, many=True).data})


@extend_schema(tags=["registration"])
class GDEntryViewSet(CodedErrorsMixin, mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The General Diary: ``GET /api/v1/gd/?date=2026-03-05&police_station=…`` (search by date) and
    ``POST`` an entry (general, information received, departure, arrival). Entries are never
    edited or deleted."""

    serializer_class = s.GDEntrySerializer
    filterset_class = GDEntryFilterSet

    def get_queryset(self):
        return (GDEntry.objects.for_user(self.request.user).select_related("police_station", "author", "content_type")
                .order_by("-entry_date", "-number"))

    def create(self, request, *args, **kwargs):
        """Add an entry at the caller's station (or ``police_station``); 201 with the entry."""
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            return self.invalid(serializer)
        attrs = serializer.validated_data
        station = services.station_for(request.user, attrs.get("police_station"))
        entry = services.add_gd_entry(station, request.user, attrs["kind"], attrs["text"])
        return Response(s.GDEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


@extend_schema(tags=["registration"])
class ComplaintViewSet(CodedErrorsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Complaints and petitions. ``GET/POST /api/v1/complaints/`` (multipart for attachments);
    ``GET …/{id}/related/``; ``POST …/{id}/attachments/``, ``enquiry/``, ``enquiry-note/``,
    ``extend-enquiry/``, ``close/``, ``communicated/``. An FIR or NCR on a complaint is registered
    with ``POST /api/v1/firs/`` or ``/ncrs/`` giving ``"complaint": id``."""

    filterset_class = ComplaintFilterSet
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        return (Complaint.objects.for_user(self.request.user).select_related("police_station")
                .prefetch_related("attachments", "sections__act", "firs", "ncrs", "enquiry__notes__author",
                                  "enquiry__officer", "enquiry__permitted_by")
                .order_by("-received_at", "-id"))

    def get_serializer_class(self):
        return s.ComplaintWriteSerializer if self.action == "create" else s.ComplaintSerializer

    def _detail(self, complaint, code=status.HTTP_200_OK):
        return Response(s.ComplaintSerializer(self.get_queryset().get(pk=complaint.pk)).data, status=code)

    @extend_schema(request=s.ComplaintWriteSerializer, responses={201: s.ComplaintSerializer})
    def create(self, request, *args, **kwargs):
        """Receive a complaint; 400 with coded errors (``CMP-…``)."""
        serializer = self.get_serializer(data=request.data)
        if not serializer.is_valid():
            return self.invalid(serializer)
        attrs = dict(serializer.validated_data)
        station = attrs.pop("police_station", None)
        attachments = attrs.pop("attachments", [])
        sections = attrs.pop("sections", [])
        complaint = services.receive_complaint(station, request.user, attrs, attachments=attachments, sections=sections)
        return self._detail(complaint, status.HTTP_201_CREATED)

    @extend_schema(responses=s.RelatedComplaintSerializer(many=True))
    @action(detail=True, methods=["get"])
    def related(self, request, pk=None):
        """Complaints by the same person or about the same incident, with the reasons they match."""
        rows = services.find_related_complaints(self.get_object(), user=request.user)
        return Response(s.RelatedComplaintSerializer(rows, many=True).data)

    @extend_schema(request={"multipart/form-data": s.AttachmentUploadSerializer}, responses={201: s.AttachmentSerializer})
    @action(detail=True, methods=["post"])
    def attachments(self, request, pk=None):
        """Attach a file (PDF, JPEG or PNG)."""
        complaint = self.get_object()
        data = self.validated(s.AttachmentUploadSerializer)
        att = services.add_complaint_attachment(complaint, request.user, data["file"])
        return Response(s.AttachmentSerializer(att).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.StartEnquirySerializer, responses=s.ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def enquiry(self, request, pk=None):
        """The SHO sends the complaint to a preliminary enquiry (limits per BNSS s.173(3) and Lalita Kumari)."""
        complaint = self.get_object()
        data = self.validated(s.StartEnquirySerializer)
        permitted = _user(request, data["permitted_by"], "permitted_by", scoped=False) if data.get("permitted_by") else None
        services.start_preliminary_enquiry(complaint, request.user, _user(request, data["officer"], "officer"),
                                           data["reason"], permitted_by=permitted)
        return self._detail(complaint)

    @extend_schema(request=s.NoteSerializer, responses=s.ComplaintSerializer)
    @action(detail=True, methods=["post"], url_path="enquiry-note")
    def enquiry_note(self, request, pk=None):
        complaint = self.get_object()
        data = self.validated(s.NoteSerializer)
        enquiry = getattr(complaint, "enquiry", None) if hasattr(complaint, "enquiry") else None
        if enquiry is None:
            raise DRFValidationError({"enquiry": [ErrorDetail("No preliminary enquiry.", code="no_enquiry")]})
        services.add_enquiry_note(enquiry, request.user, data["text"])
        return self._detail(complaint)

    @extend_schema(request=s.ReasonSerializer, responses=s.ComplaintSerializer)
    @action(detail=True, methods=["post"], url_path="extend-enquiry")
    def extend_enquiry(self, request, pk=None):
        complaint = self.get_object()
        data = self.validated(s.ReasonSerializer)
        enquiry = getattr(complaint, "enquiry", None) if hasattr(complaint, "enquiry") else None
        if enquiry is None:
            raise DRFValidationError({"enquiry": [ErrorDetail("No preliminary enquiry.", code="no_enquiry")]})
        services.extend_enquiry(enquiry, request.user, data["reason"])
        return self._detail(complaint)

    @extend_schema(request=s.CloseSerializer, responses=s.ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """The SHO closes the complaint with reasons (communicated to the complainant)."""
        complaint = self.get_object()
        data = self.validated(s.CloseSerializer)
        complaint = services.close_complaint(complaint, request.user, data["reason"],
                                             communicated_how=data["communicated_how"])
        return self._detail(complaint)

    @extend_schema(request=s.CommunicatedSerializer, responses=s.ComplaintSerializer)
    @action(detail=True, methods=["post"])
    def communicated(self, request, pk=None):
        """Record how the outcome was communicated to the complainant."""
        complaint = self.get_object()
        data = self.validated(s.CommunicatedSerializer)
        return self._detail(services.record_communication(complaint, request.user, data["how"]))


__all__ = ["ComplaintViewSet", "FIRViewSet", "GDEntryViewSet", "NCRViewSet"]
