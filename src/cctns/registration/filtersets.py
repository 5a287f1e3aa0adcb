"""Filters for registration records: one filterset per record type, shared by the list pages, the
API and exports (STYLE.md: one filterset serves the UI and REST)."""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from cctns.core.models import Unit

from .constants import Channel, ComplaintStatus, FIRKind, FIRStatus, GDKind
from .models import FIR, NCR, Complaint, FIRSection, GDEntry
from .services.common import parse_section_ref
from .services.fir import identity_visible_q
from .validation import section_base_number


def _within(queryset, field: str, code: str):
    """Rows whose ``field`` unit is the unit with ``code`` or lies under it (none if no such unit)."""
    unit = Unit.objects.filter(code=code.strip()).first()
    if unit is None:
        return queryset.none()
    return queryset.filter(**{f"{field}__path__startswith": unit.path})


def _words(value: str) -> list[str]:
    return [w for w in (value or "").split() if w][:10]


class FIRFilterSet(django_filters.FilterSet):
    """FIR filters for the FIR list page and ``GET /api/v1/firs/``.

    ``registered_after``/``registered_before`` and ``occurred_after``/``occurred_before`` are IST
    dates (inclusive); ``act`` an act code (``BNS``); ``section`` a section id or ``"BNS 303(2)"``;
    ``police_station`` a unit code (the station, or every station under a district/sub-division
    code); ``io`` a user id or username; ``q`` words that must all appear in the first information
    (any script). Narrative search never matches sensitive FIRs whose particulars the user may not
    see (BNS s.72), so a search cannot reveal them.
    """

    registered_after = django_filters.DateFilter(field_name="registered_at", lookup_expr="date__gte", label=_("Registered from"))
    registered_before = django_filters.DateFilter(field_name="registered_at", lookup_expr="date__lte", label=_("Registered to"))
    occurred_after = django_filters.DateFilter(field_name="occurrence_from", lookup_expr="date__gte", label=_("Occurred from"))
    occurred_before = django_filters.DateFilter(field_name="occurrence_from", lookup_expr="date__lte", label=_("Occurred to"))
    status = django_filters.MultipleChoiceFilter(choices=FIRStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=FIRKind.choices, label=_("Kind"))
    act = django_filters.CharFilter(method="filter_act", label=_("Act"))
    section = django_filters.CharFilter(method="filter_section", label=_("Section"))
    police_station = django_filters.CharFilter(method="filter_station", label=_("Police station or unit (code)"))
    io = django_filters.CharFilter(method="filter_io", label=_("Investigating officer"))
    number = django_filters.CharFilter(method="filter_number", label=_("FIR number or national key"))
    is_sensitive = django_filters.BooleanFilter(label=_("Sensitive"))
    q = django_filters.CharFilter(method="filter_text", label=_("Words in the first information"))

    class Meta:
        model = FIR
        fields = ["registered_after", "registered_before", "occurred_after", "occurred_before", "status", "kind",
                  "act", "section", "police_station", "io", "number", "is_sensitive", "q"]

    def filter_act(self, queryset, name, value):
        rows = FIRSection.objects.filter(fir=OuterRef("pk"), section__act__code__iexact=value.strip())
        return queryset.filter(Exists(rows))

    def filter_section(self, queryset, name, value):
        sid, act, number = parse_section_ref(value)
        if sid is not None:
            rows = FIRSection.objects.filter(fir=OuterRef("pk"), section_id=sid)
        elif act and number:
            rows = FIRSection.objects.filter(fir=OuterRef("pk"), section__act__code__iexact=act).filter(
                Q(section__number__iexact=number) | Q(section__number__iexact=section_base_number(number)))
            if "(" in number:
                rows = rows.filter(label__iexact=number)
        else:
            return queryset.none()
        return queryset.filter(Exists(rows))

    def filter_station(self, queryset, name, value):
        return _within(queryset, "police_station", value)

    def filter_io(self, queryset, name, value):
        value = value.strip()
        if value.isdigit():
            return queryset.filter(io_id=int(value))
        return queryset.filter(io__username=value)

    def filter_number(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(number=value) | Q(national_key=value))

    def filter_text(self, queryset, name, value):
        words = _words(value)
        if not words:
            return queryset
        q = Q()
        for w in words:
            q &= Q(narrative__icontains=w)
        user = getattr(self.request, "user", None)
        return queryset.filter(q).filter(identity_visible_q(user))


class NCRFilterSet(django_filters.FilterSet):
    """NCR filters (list page and ``GET /api/v1/ncrs/``): dates of registration (IST), station, words."""

    registered_after = django_filters.DateFilter(field_name="registered_at", lookup_expr="date__gte")
    registered_before = django_filters.DateFilter(field_name="registered_at", lookup_expr="date__lte")
    police_station = django_filters.CharFilter(method="filter_station")
    q = django_filters.CharFilter(method="filter_text")

    class Meta:
        model = NCR
        fields = ["registered_after", "registered_before", "police_station", "q"]

    def filter_station(self, queryset, name, value):
        return _within(queryset, "police_station", value)

    def filter_text(self, queryset, name, value):
        q = Q()
        for w in _words(value):
            q &= Q(narrative__icontains=w) | Q(informant_name__icontains=w) | Q(number=w)
        return queryset.filter(q)


class GDEntryFilterSet(django_filters.FilterSet):
    """General Diary search by date (``date``, or ``date_after``/``date_before``), kind, station, words."""

    date = django_filters.DateFilter(field_name="entry_date")
    date_after = django_filters.DateFilter(field_name="entry_date", lookup_expr="gte")
    date_before = django_filters.DateFilter(field_name="entry_date", lookup_expr="lte")
    kind = django_filters.MultipleChoiceFilter(choices=GDKind.choices)
    police_station = django_filters.CharFilter(method="filter_station")
    q = django_filters.CharFilter(method="filter_text")

    class Meta:
        model = GDEntry
        fields = ["date", "date_after", "date_before", "kind", "police_station", "q"]

    def filter_station(self, queryset, name, value):
        return _within(queryset, "police_station", value)

    def filter_text(self, queryset, name, value):
        q = Q()
        for w in _words(value):
            q &= Q(text__icontains=w)
        return queryset.filter(q)


class ComplaintFilterSet(django_filters.FilterSet):
    """Complaint filters: dates of receipt (IST), status, channel, station, phone, words."""

    received_after = django_filters.DateFilter(field_name="received_at", lookup_expr="date__gte")
    received_before = django_filters.DateFilter(field_name="received_at", lookup_expr="date__lte")
    status = django_filters.MultipleChoiceFilter(choices=ComplaintStatus.choices)
    channel = django_filters.ChoiceFilter(choices=Channel.choices)
    police_station = django_filters.CharFilter(method="filter_station")
    phone = django_filters.CharFilter(method="filter_phone")
    q = django_filters.CharFilter(method="filter_text")

    class Meta:
        model = Complaint
        fields = ["received_after", "received_before", "status", "channel", "police_station", "phone", "q"]

    def filter_station(self, queryset, name, value):
        return _within(queryset, "police_station", value)

    def filter_phone(self, queryset, name, value):
        from .services.complaints import phone_digits

        digits = phone_digits(value)
        return queryset.filter(complainant_phone_digits=digits) if digits else queryset.none()

    def filter_text(self, queryset, name, value):
        q = Q()
        for w in _words(value):
            q &= Q(narrative__icontains=w) | Q(complainant_name__icontains=w) | Q(subject__icontains=w) | Q(number=w)
        return queryset.filter(q)


__all__ = ["ComplaintFilterSet", "FIRFilterSet", "GDEntryFilterSet", "NCRFilterSet"]
