import re

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Section


class SectionFilterSet(django_filters.FilterSet):
    """Filters for the section list page and ``/api/v1/sections/``."""

    act = django_filters.CharFilter(field_name="act__code", lookup_expr="iexact")
    q = django_filters.CharFilter(method="search", label=_("Number or title"))
    is_offence = django_filters.BooleanFilter()
    sensitive = django_filters.BooleanFilter()

    class Meta:
        model = Section
        fields = ["act", "q", "is_offence", "sensitive"]

    def search(self, queryset, name, value):
        """Match the section number (a sub-section label such as ``303(2)`` finds section 303) or
        words of the title."""
        value = value.strip()
        number = re.match(r"\d+[A-Za-z]*", value)
        by_number = Q(number__iexact=number.group(0)) if number and value[number.end():].startswith("(") else Q()
        return queryset.filter(by_number | Q(number__iexact=value) | Q(title__icontains=value))
