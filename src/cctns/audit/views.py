"""Audit pages: a record's audit trail (supervisors over its jurisdiction, administrators) and a
user's own access history (administrators). Read-only lists; nothing here writes."""

from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import ListView, TemplateView

from cctns.core.models import User

from . import services
from .models import AuditEntry
from .registry import audited_models


class AuditIndexView(LoginRequiredMixin, TemplateView):
    """``/audit/``: administrators look up a user's history by username (``?username=``)."""

    template_name = "audit/index.html"

    def get(self, request, *args, **kwargs):
        if not services.can_view_user_history(request.user):
            raise PermissionDenied
        username = (request.GET.get("username") or "").strip()
        if username and User.objects.filter(username=username).exists():
            return redirect("audit:user_history", username=username)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["username"] = (self.request.GET.get("username") or "").strip()
        ctx["not_found"] = bool(ctx["username"])
        return ctx


class RecordTrailView(LoginRequiredMixin, ListView):
    """``/audit/record/<app_label>.<model>/<pk>/``: every entry about one audited record, oldest
    first, with the fields before and after. 404 for a record the user may not see (the same
    answer as a record that does not exist)."""

    template_name = "audit/record_trail.html"
    paginate_by = 100

    def get_queryset(self):
        label = self.kwargs["model"]
        try:
            model = apps.get_model(label)
        except (LookupError, ValueError) as exc:
            raise Http404 from exc
        if model not in audited_models():
            raise Http404
        manager = model._base_manager
        self.record = get_object_or_404(manager, pk=self.kwargs["pk"]) if str(self.kwargs["pk"]).isdigit() else None
        if self.record is None or not services.can_view_record_trail(self.request.user, self.record):
            raise Http404
        ct = ContentType.objects.get_for_model(model)
        return (AuditEntry.objects.filter(content_type=ct, object_pk=str(self.record.pk))
                .select_related("content_type").order_by("timestamp", "id"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["record"] = self.record
        ctx["model_name"] = self.record._meta.verbose_name
        ctx["show_values"] = services.can_see_trail_values(self.request.user, self.record)
        # a record's text may be a person's name: shown only with the values
        ctx["record_name"] = str(self.record) if ctx["show_values"] else f"#{self.record.pk}"
        return ctx


class UserHistoryView(LoginRequiredMixin, ListView):
    """``/audit/user/<username>/``: what one user did and read (administrators only), newest first.
    Shows which records and fields, not their values (values stay on the records' own trails)."""

    template_name = "audit/user_history.html"
    paginate_by = 100

    def get_queryset(self):
        if not services.can_view_user_history(self.request.user):
            raise PermissionDenied
        self.subject = get_object_or_404(User, username=self.kwargs["username"])
        return (AuditEntry.objects.filter(actor=self.subject)
                .select_related("content_type").order_by("-timestamp", "-id"))

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["subject"] = self.subject
        return ctx
