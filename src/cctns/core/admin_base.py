"""Shared admin base classes for the apps' ``admin.py``.

:class:`PoliceRecordAdmin` is the base for every :class:`~cctns.core.models.PoliceRecord`
subclass: records are never deleted (DESIGN.md §4), so the admin offers neither the delete
button nor the "delete selected" action, and the exchange fields (global id, origin, version)
are shown read-only. Non-superusers see only records within their jurisdiction.
"""

from django.contrib import admin


class NoDeleteAdminMixin:
    """Remove deletion from an admin: no delete permission, no "delete selected" action."""

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class PoliceRecordAdmin(NoDeleteAdminMixin, admin.ModelAdmin):
    """Admin for police records: read-only exchange fields, no deletion, jurisdiction-scoped.

    Subclasses add their own ``list_display``/``search_fields``; ``readonly_fields`` given by a
    subclass are kept and the exchange fields appended.
    """

    exchange_fields = ("global_id", "origin_state", "origin_unit", "version", "created_at",
                       "updated_at", "created_by")
    list_select_related = True

    def get_readonly_fields(self, request, obj=None):
        own = tuple(super().get_readonly_fields(request, obj))
        return own + tuple(f for f in self.exchange_fields if f not in own)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.for_user(request.user, "view")

    def save_model(self, request, obj, form, change) -> None:
        """Record who created the record; the model bumps the version and writes the outbox."""
        if not change and getattr(obj, "created_by_id", None) is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
