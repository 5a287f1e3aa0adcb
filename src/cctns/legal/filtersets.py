import django_filters
from django.db.models import Q

from .models import Section


class SectionFilterSet(django_filters.FilterSet):
    """Filters for the section list page and ``/api/v1/sections/``."""

    act = django_filters.CharFilter(field_name="act__code", lookup_expr="iexact")
    q = django_filters.CharFilter(method="search", label="Number or title")
    is_offence = django_filters.BooleanFilter()
    sensitive = django_filters.BooleanFilter()

    class Meta:
        model = Section
        fields = ["act", "q", "is_offence", "sensitive"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(number__iexact=value) | Q(title__icontains=value))
