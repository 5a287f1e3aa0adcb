"""Core pages: health check, role landing page, units."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .filtersets import UnitFilterSet
from .models import Unit
from .services import landing_summary
from .views_base import ScopedDetailView, ScopedListView


@never_cache
@require_GET
def healthz(request):
    """``GET /healthz``: 200 ``{"status": "ok", "database": "ok"}`` when the database answers, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "vendor": connection.vendor})


@login_required
def home(request):
    """The landing page for the user's role: their posting, jurisdiction and what they can do."""
    return render(request, "core/home.html", landing_summary(request.user))


class UnitListView(ScopedListView):
    """Units in the user's jurisdiction, filterable by kind, parent and name."""

    model = Unit
    template_name = "core/unit_list.html"

    def get_queryset(self):
        qs = super().get_queryset().select_related("parent")
        self.filterset = UnitFilterSet(self.request.GET, queryset=qs)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["filter"] = self.filterset
        return ctx


class UnitDetailView(ScopedDetailView):
    """A unit with its ancestors, children and personnel count."""

    model = Unit
    slug_field = "code"
    slug_url_kwarg = "code"
    template_name = "core/unit_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["ancestors"] = self.object.ancestors()
        ctx["children"] = self.object.children.all()[:500]
        ctx["personnel_count"] = self.object.personnel.count()
        return ctx
