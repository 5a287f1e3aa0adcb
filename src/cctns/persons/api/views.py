"""Person API: ``/api/v1/persons/`` (list, create, detail by global id, search, merge),
``/api/v1/person-duplicates/`` (list, reject, merge) and ``/api/v1/person-merges/`` (list, undo).

Every queryset goes through ``Person.objects.for_user`` (jurisdiction and sensitivity): a person
the caller may not see is a 404. Errors are 400 with per-field messages, 403 for a role that
may not act.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from cctns.core.api.base import ScopedReadOnlyViewSet

from .. import services
from ..models import DuplicateCandidate, MergeRecord, Person
from . import serializers as s


def _call(fn, *args, **kwargs):
    """Run a service, turning its errors into DRF's (400 per field, 403)."""
    try:
        return fn(*args, **kwargs)
    except DjangoPermissionDenied as exc:
        raise PermissionDenied(str(exc) or None) from exc
    except DjangoValidationError as exc:
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        raise ValidationError(detail) from exc


class PersonViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    """Persons the caller may see. ``GET /api/v1/persons/`` lists the active (not merged) ones of
    the caller's jurisdiction; ``GET /api/v1/persons/{global_id}/`` one (merged ones too, with
    ``merged_into``); ``POST`` records one at the caller's station (duplicates are proposed)."""

    queryset = Person.objects.select_related("unit", "merged_into").prefetch_related(
        "names__moved_from", "addresses__district", "addresses__police_station", "phones", "documents", "marks",
        "photos", "roles__fir__police_station")
    serializer_class = s.PersonSerializer
    lookup_field = "global_id"
    lookup_value_regex = "[0-9a-fA-F-]{36}"
    filterset_class = None

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list":
            qs = qs.active().order_by("-id")
        return qs

    def get_serializer_class(self):
        if self.action == "list":
            return s.PersonListSerializer
        if self.action == "create":
            return s.PersonCreateSerializer
        return s.PersonSerializer

    @extend_schema(request=s.PersonCreateSerializer, responses={201: s.PersonSerializer})
    def create(self, request, *args, **kwargs):
        serializer = s.PersonCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        person = _call(services.create_person, request.user, serializer.service_data())
        person = self.queryset.get(pk=person.pk)
        return Response(s.PersonSerializer(person, context={"request": request}).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[s.SearchParamsSerializer], responses=s.SearchResponseSerializer)
    @action(detail=False, methods=["get"])
    def search(self, request):
        """``GET /api/v1/persons/search?name=&relative=&age=&sex=&place=&role=&limit=&offset=``:
        ranked, explained results (``{count, limit, offset, candidates, results: [{score,
        decision, restricted, sources, explanation, person}]}``). Scoped by jurisdiction and
        sensitivity; supervisors and analysts also get restricted results from elsewhere."""
        params = s.SearchParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        d = params.validated_data
        query = services.SearchQuery(name=d.get("name", ""), relative=d.get("relative", ""), age=d.get("age"),
                                     sex=d.get("sex", ""), place=d.get("place", ""), role=d.get("role", ""))
        results = services.search_persons(request.user, query)
        page = results.hits[d["offset"]:d["offset"] + d["limit"]]
        return Response({
            "count": len(results.hits), "limit": d["limit"], "offset": d["offset"], "candidates": results.candidates,
            "results": s.SearchHitSerializer(page, many=True).data,
        })

    @extend_schema(request=s.MergeRequestSerializer, responses={201: s.MergeRecordSerializer})
    @action(detail=True, methods=["post"])
    def merge(self, request, global_id=None):
        """Merge the person ``merged`` into this one (never deletes; undo through
        ``/api/v1/person-merges/{id}/undo/``)."""
        survivor = self.get_object()
        body = s.MergeRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        merged = Person.objects.for_user(request.user, "change").filter(global_id=body.validated_data["merged"]).first()
        if merged is None:
            raise ValidationError({"merged": ["No such person in your jurisdiction."]})
        record = _call(services.merge_persons, survivor, merged, request.user, body.validated_data["reason"])
        return Response(s.MergeRecordSerializer(record).data, status=status.HTTP_201_CREATED)


    @extend_schema(request={"multipart/form-data": s.PhotoUploadSerializer}, responses={201: s.PersonSerializer})
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def photos(self, request, global_id=None):
        """Upload a photograph (multipart ``image``, optional ``caption``, ``taken_on``):
        JPEG, PNG or WebP, checked by decoding it."""
        person = self.get_object()
        body = s.PhotoUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        d = body.validated_data
        _call(services.add_photo, person, request.user, d["image"], d.get("caption", ""), d.get("taken_on"))
        person = self.get_queryset().get(pk=person.pk)
        return Response(s.PersonSerializer(person, context={"request": request}).data, status=status.HTTP_201_CREATED)


class DuplicateViewSet(viewsets.ReadOnlyModelViewSet):
    """Proposed duplicate pairs both of whose persons the caller may see, best first."""

    serializer_class = s.DuplicateSerializer
    queryset = DuplicateCandidate.objects.none()

    def get_queryset(self):
        return services.duplicates_for(self.request.user).order_by("-score", "id")

    @extend_schema(request=s.PersonReasonSerializer, responses=s.DuplicateSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """The two are different persons: the pair is never proposed again."""
        pair = self.get_object()
        body = s.PersonReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        pair = _call(services.reject_duplicate, pair, request.user, body.validated_data["reason"])
        return Response(s.DuplicateSerializer(pair).data)


class MergeViewSet(viewsets.ReadOnlyModelViewSet):
    """Merges whose survivor the caller may see; ``POST …/{id}/undo/`` restores the merged person."""

    serializer_class = s.MergeRecordSerializer
    queryset = MergeRecord.objects.none()

    def get_queryset(self):
        visible = Person.objects.for_user(self.request.user).values("pk")
        return MergeRecord.objects.filter(survivor__in=visible).select_related("survivor", "merged", "merged_by")

    @extend_schema(request=s.PersonReasonSerializer, responses=s.MergeRecordSerializer)
    @action(detail=True, methods=["post"])
    def undo(self, request, pk=None):
        record = self.get_object()
        body = s.PersonReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        record = _call(services.unmerge, record, request.user, body.validated_data["reason"])
        return Response(s.MergeRecordSerializer(record).data)
