"""API base classes that apply the jurisdiction gate to every viewset."""

from rest_framework import permissions, viewsets


class SensitiveReadAuditMixin:
    """Leave an audit entry when a safe (GET/HEAD) request fetches a sensitive record, or one whose
    protected values the caller is shown unmasked (:func:`cctns.core.protection.audit_read`), through
    ``get_object()`` (retrieve and read-only detail actions such as ``versions``); writes are
    audited by the audit log's model capture."""

    def get_object(self):
        obj = super().get_object()
        if self.request.method in permissions.SAFE_METHODS:
            from cctns.core.protection import audit_read

            audit_read(self.request.user, obj)
        return obj


class ScopedReadOnlyViewSet(SensitiveReadAuditMixin, viewsets.ReadOnlyModelViewSet):
    """Read-only viewset whose queryset is always ``for_user(request.user)``."""

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user, "view")


class ScopedModelViewSet(SensitiveReadAuditMixin, viewsets.ModelViewSet):
    """Read/write viewset; reads and writes are limited to the user's jurisdiction."""

    http_method_names = ["get", "post", "patch", "head", "options"]  # never DELETE police records

    def get_queryset(self):
        action = "view" if self.request.method in ("GET", "HEAD", "OPTIONS") else "change"
        return super().get_queryset().for_user(self.request.user, action)
