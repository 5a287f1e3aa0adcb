"""A read-only admin list of audit entries: metadata only (no object names or values, which may
carry protected identities). django-auditlog's own admin, which shows them, is unregistered."""

from django.contrib import admin

from .models import AuditEntry


class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["timestamp", "kind", "actor_username", "actor_unit", "content_type", "object_pk", "remote_addr", "cid"]
    list_filter = ["kind"]
    search_fields = ["actor_username", "object_pk", "cid"]
    fields = list_display + ["reason", "user_agent"]
    readonly_fields = fields
    date_hierarchy = "timestamp"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


if admin.site.is_registered(AuditEntry):
    admin.site.unregister(AuditEntry)
admin.site.register(AuditEntry, AuditEntryAdmin)
