"""Core pages: health check, role landing page, units."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.db.utils import DatabaseError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

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


@login_required
def inbox(request):
    """``GET /inbox/``: the signed-in officer's open alerts (their own and their unit's), soonest
    due first; ``?scope=jurisdiction`` shows every open alert of the units they supervise."""
    from django.core.paginator import Paginator

    from . import alerts

    scope = request.GET.get("scope", "mine")
    qs = alerts.open_alerts_within(request.user) if scope == "jurisdiction" else alerts.inbox_for(request.user)
    page = Paginator(qs.order_by("due_at", "-raised_at"), 50).get_page(request.GET.get("page"))
    rows = [
        {"alert": a, "message": alerts.message(a), "kind": alerts.kind_of(a), "urgency": alerts.urgency(a)}
        for a in page.object_list
    ]
    return render(request, "core/inbox.html", {"rows": rows, "page_obj": page, "scope": scope,
                                               "is_paginated": page.paginator.num_pages > 1,
                                               "paginator": page.paginator})


@login_required
@require_POST
def inbox_acknowledge(request, pk: int):
    """``POST /inbox/<id>/seen/``: mark an alert of the user's inbox as seen; 404 for another's."""
    from . import alerts

    alert = alerts.inbox_for(request.user).filter(pk=pk).first()
    if alert is None:
        raise Http404
    alerts.acknowledge(alert, request.user)
    return redirect("inbox:list")
