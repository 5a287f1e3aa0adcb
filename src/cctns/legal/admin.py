"""Admin for reference law: acts, sections with their classification, IPC↔BNS rows, crime heads.

Classification (cognizable, bailable, court) is reference data with a source and a verified
flag (DOMAIN.md "Offence classification"); the section list filters on both, so an
administrator can find what is still unknown or unverified.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Act, ClauseClassification, Correspondence, CrimeHead, Section


class SectionInline(admin.TabularInline):
    model = Section
    fields = ("number", "title", "is_offence", "cognizable", "bailable", "classification_verified", "sensitive")
    show_change_link = True
    extra = 0
    max_num = 0  # sections are added on their own page; the inline is for overview
    can_delete = False
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Act)
class ActAdmin(admin.ModelAdmin):
    list_display = ("code", "short_name", "year", "kind", "in_force_from", "in_force_to", "section_count")
    list_filter = ("kind",)
    search_fields = ("code", "short_name", "name", "name_hi")
    ordering = ("kind", "code")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_sections=Count("sections"))

    @admin.display(description=_("sections"), ordering="_sections")
    def section_count(self, obj) -> int:
        return obj._sections


class ClassificationKnownFilter(admin.SimpleListFilter):
    """Sections whose cognizable/bailable classification is still unknown (``NULL``)."""

    title = _("classification")
    parameter_name = "classification"

    def lookups(self, request, model_admin):
        return [("unknown", _("unknown")), ("unverified", _("known, not verified")),
                ("verified", _("verified"))]

    def queryset(self, request, queryset):
        if self.value() == "unknown":
            return queryset.filter(is_offence=True, cognizable__isnull=True)
        if self.value() == "unverified":
            return queryset.filter(cognizable__isnull=False, classification_verified=False)
        if self.value() == "verified":
            return queryset.filter(classification_verified=True)
        return queryset


class ClauseClassificationInline(admin.TabularInline):
    """Classification of the clauses of a section that differ (BNS 318(2) / 318(4))."""

    model = ClauseClassification
    fields = ("clause", "cognizable", "bailable", "triable_by", "max_punishment_years", "source", "verified", "note")
    extra = 0


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "title", "is_offence", "cognizable", "bailable", "triable_by",
                    "classification_verified", "sensitive", "crime_head")
    list_filter = ("act", ClassificationKnownFilter, "is_offence", "cognizable", "bailable",
                   "triable_by", "sensitive", "repealed")
    search_fields = ("number", "title", "title_hi", "act__code", "act__short_name")
    list_select_related = ("act", "crime_head")
    autocomplete_fields = ("act", "crime_head")
    list_per_page = 100
    inlines = (ClauseClassificationInline,)
    fieldsets = (
        (None, {"fields": ("act", "number", "title", "title_hi", "chapter", "chapter_title",
                           "is_offence", "repealed")}),
        (_("Classification"), {"fields": ("cognizable", "bailable", "triable_by", "max_punishment_years",
                                          "classification_source", "classification_verified")}),
        (_("Sensitivity and statistics"), {"fields": ("sensitive", "sensitive_reason", "crime_head")}),
    )


@admin.register(Correspondence)
class CorrespondenceAdmin(admin.ModelAdmin):
    list_display = ("source_row", "ipc_label", "bns_label", "relation", "note")
    list_filter = ("relation",)
    search_fields = ("ipc_label", "bns_label", "note")
    autocomplete_fields = ("ipc_section", "bns_section")
    list_select_related = ("ipc_section__act", "bns_section__act")


@admin.register(CrimeHead)
class CrimeHeadAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "name_hi", "parent", "seriousness")
    list_filter = (("parent", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("code", "name", "name_hi")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)
