"""Admin for administrators: units of the hierarchy and user accounts (ranks, roles, postings).

Only staff accounts enter ``/admin/``. Units and users are not deleted from here: a closed
unit or a retired officer is marked inactive, so records that point to them keep their
history (DESIGN.md §4). Locked-out accounts are unlocked under "Axes → Access attempts".
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .admin_base import NoDeleteAdminMixin
from .models import OutboxEvent, Unit, User

admin.site.site_header = _("CCTNS administration")
admin.site.site_title = _("CCTNS administration")
admin.site.index_title = _("Units, users and reference data")


@admin.register(Unit)
class UnitAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """Units: find by code or name, filter by kind; the parent is chosen by search."""

    list_display = ("code", "name", "name_hi", "kind", "parent", "lgd_code", "personnel_count", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("code", "name", "name_hi", "lgd_code")
    autocomplete_fields = ("parent",)
    readonly_fields = ("path", "depth")
    list_select_related = ("parent",)
    list_per_page = 100
    fieldsets = (
        (None, {"fields": ("code", "name", "name_hi", "kind", "parent", "is_active")}),
        (_("Location and contact"), {"fields": ("lgd_code", "address", "phone", "latitude", "longitude")}),
        (_("Provenance"), {"fields": ("source", "path", "depth")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_personnel=Count("personnel"))

    @admin.display(description=_("personnel"), ordering="_personnel")
    def personnel_count(self, obj) -> int:
        return obj._personnel


class PoliceUserCreationForm(AdminUserCreationForm):
    """New account: username, password (validated), name, rank, role and posting."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "rank", "role", "unit", "belt_number")


class PoliceUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(NoDeleteAdminMixin, DjangoUserAdmin):
    """User accounts with rank, role and posting; deactivate rather than delete."""

    form = PoliceUserChangeForm
    add_form = PoliceUserCreationForm

    list_display = ("username", "first_name", "last_name", "rank", "role", "unit", "belt_number",
                    "is_active", "is_staff", "last_login")
    list_filter = ("role", "rank", "is_active", "is_staff", "unit__kind")
    search_fields = ("username", "first_name", "last_name", "name_hi", "belt_number",
                     "email", "unit__code", "unit__name")
    autocomplete_fields = ("unit",)
    list_select_related = ("unit",)
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "name_hi", "email", "phone")}),
        (_("Rank, role and posting"), {"fields": ("rank", "role", "unit", "belt_number")}),
        (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        (_("Rank, role and posting"), {"classes": ("wide",), "fields": ("first_name", "last_name", "rank", "role", "unit", "belt_number")}),
    )
    readonly_fields = ("last_login", "date_joined")


@admin.register(OutboxEvent)
class OutboxEventAdmin(admin.ModelAdmin):
    """The change outbox, read-only: what the exchange feed and indexing will consume."""

    list_display = ("id", "record_type", "record_id", "version", "created_at")
    list_filter = ("record_type",)
    search_fields = ("record_id",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
