"""Base views that apply the jurisdiction gate, so a new view cannot forget it (STYLE.md, NetBox).

A list or detail view names its ``model`` (or ``queryset``); the base calls
``for_user(request.user)`` on it. Objects outside the user's jurisdiction are a 404, never a 403
that would confirm they exist.
"""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView


class ScopedQuerysetMixin(LoginRequiredMixin):
    """Restrict ``get_queryset()`` to the requesting user's jurisdiction."""

    scope_action = "view"

    def get_queryset(self):
        qs = super().get_queryset()
        return qs.for_user(self.request.user, self.scope_action)


class ScopedListView(ScopedQuerysetMixin, ListView):
    paginate_by = 50


class ScopedDetailView(ScopedQuerysetMixin, DetailView):
    """A detail page in the user's jurisdiction. Reading a sensitive record (a sensitive FIR, a
    protected person), or being shown a protected value unmasked, leaves an audit entry
    (:func:`cctns.core.protection.audit_read`)."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        from cctns.core.protection import audit_read

        audit_read(self.request.user, obj)
        return obj
