import django_filters

from .constants import UnitKind
from .models import Unit


class UnitFilterSet(django_filters.FilterSet):
    """Filters for the unit list page and ``/api/v1/units/`` (one filterset for both)."""

    q = django_filters.CharFilter(method="search", label="Search")
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices)
    parent = django_filters.CharFilter(field_name="parent__code", label="Parent code")
    within = django_filters.CharFilter(method="filter_within", label="Within unit (code)")

    class Meta:
        model = Unit
        fields = ["q", "kind", "parent", "within"]

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(code__iexact=value)

    def filter_within(self, queryset, name, value):
        root = Unit.objects.filter(code=value).first()
        if root is None:
            return queryset.none()
        return queryset.filter(path__startswith=root.path)
