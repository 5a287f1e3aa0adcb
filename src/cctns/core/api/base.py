"""API base classes that apply the jurisdiction gate to every viewset."""

from rest_framework import viewsets


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only viewset whose queryset is always ``for_user(request.user)``."""

    def get_queryset(self):
        return super().get_queryset().for_user(self.request.user, "view")


class ScopedModelViewSet(viewsets.ModelViewSet):
    """Read/write viewset; reads and writes are limited to the user's jurisdiction."""

    http_method_names = ["get", "post", "patch", "head", "options"]  # never DELETE police records

    def get_queryset(self):
        action = "view" if self.request.method in ("GET", "HEAD", "OPTIONS") else "change"
        return super().get_queryset().for_user(self.request.user, action)
