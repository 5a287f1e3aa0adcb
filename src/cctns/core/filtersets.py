import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import UnitKind
from .models import Unit


class UnitFilterForm(forms.Form):
    """Validates the unit filters: an unknown ``within`` code is a field error (HTTP 400 in the
    API, a message on the page) rather than a silently empty list."""

    def clean_within(self):
        code = (self.cleaned_data.get("within") or "").strip()
        if code and not Unit.objects.filter(code=code).exists():
            raise forms.ValidationError(_("No unit has the code %(code)s."), params={"code": code}, code="unknown_unit")
        return code


class UnitFilterSet(django_filters.FilterSet):
    """Filters for the unit list page and ``/api/v1/units/`` (one filterset for both)."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices, label=_("Kind"))
    parent = django_filters.CharFilter(field_name="parent__code", label=_("Parent code"))
    within = django_filters.CharFilter(method="filter_within", label=_("Within unit (code)"))

    class Meta:
        model = Unit
        fields = ["q", "kind", "parent", "within"]
        form = UnitFilterForm

    def search(self, queryset, name, value):
        return queryset.filter(name__icontains=value) | queryset.filter(code__iexact=value)

    def filter_within(self, queryset, name, value):
        root = Unit.objects.filter(code=value).first()
        if root is None:
            return queryset.none()
        return queryset.filter(path__startswith=root.path)
