"""Read-only admin listing of issued documents (revocation goes through services.revoke_document)."""

from django.contrib import admin

from .models import DocumentIssue


@admin.register(DocumentIssue)
class DocumentIssueAdmin(admin.ModelAdmin):
    list_display = ("token_id", "kind", "record_global_id", "record_version", "language", "issued_at", "revoked")
    list_filter = ("kind", "language", "revoked")
    search_fields = ("token_id", "record_global_id")
    readonly_fields = [f.name for f in DocumentIssue._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
