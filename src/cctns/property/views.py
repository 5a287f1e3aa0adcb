"""Property pages under ``/property/``.

| URL | page |
|---|---|
| ``items/`` | items of the jurisdiction, filtered by kind and state |
| ``items/new/<kind>/`` | register a vehicle, firearm, phone or other property |
| ``items/<id>/`` | detail with state history, candidates, the state change form |
| ``items/<id>/state/`` | change the state (POST) |
| ``candidates/`` ``candidates/<id>/`` | candidates to review; side by side with the review form |
| ``check/`` | the vehicle and phone check |

Views are thin: forms in, services (:mod:`cctns.property.services`) do the work; reads go
through ``for_user`` (another station's item is a 404).
"""

import rules
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from cctns.core.views_base import ScopedDetailView, ScopedListView
from cctns.registration.models import FIR

from . import services
from .constants import CandidateStatus, ItemKind, PropertyState
from .forms import FORMS, CheckForm, ReviewForm, StateChangeForm
from .models import MatchCandidate, PropertyItem
from .services import scoring


def _route(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class ItemListView(ScopedListView):
    """``/property/items/``: items of the user's jurisdiction (``?kind=`` ``?state=``)."""

    model = PropertyItem
    template_name = "property/item_list.html"
    context_object_name = "items"

    def get_queryset(self):
        qs = super().get_queryset().select_related("police_station", "vehicle", "firearm", "mobilephone",
                                                    "otherproperty")
        if self.request.GET.get("kind") in ItemKind.values:
            qs = qs.filter(kind=self.request.GET["kind"])
        if self.request.GET.get("state") in PropertyState.values:
            qs = qs.filter(state=self.request.GET["state"])
        return qs.order_by("-created_at", "-pk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(kinds=ItemKind.choices, states=PropertyState.choices,
                   open_candidates=MatchCandidate.objects.for_user(self.request.user)
                   .filter(status=CandidateStatus.PROPOSED).count(),
                   can_register=rules.has_perm("property.register_item", self.request.user, self.request.user.unit))
        return ctx


class ItemCreateView(LoginRequiredMixin, View):
    """``/property/items/new/<kind>/``: register an item at the user's station."""

    template_name = "property/item_form.html"

    def _form(self, kind, request, data=None):
        if kind not in FORMS:
            raise Http404
        return FORMS[kind](data, firs=FIR.objects.for_user(request.user, "change"))

    def get(self, request, kind):
        return render(request, self.template_name, {"form": self._form(kind, request), "kind": ItemKind(kind)})

    def post(self, request, kind):
        form = self._form(kind, request, request.POST)
        if form.is_valid():
            try:
                item = services.register_item(form.instance, by=request.user)
            except ValidationError as exc:
                _route(form, exc)
            else:
                messages.success(request, _("Saved. Candidates found: %(n)s.") % {
                    "n": item.candidates_as_found.count() + item.candidates_as_reported.count()})
                return redirect(item.get_absolute_url())
        return render(request, self.template_name, {"form": form, "kind": ItemKind(kind)}, status=400)


def candidates_for(user, item):
    return (MatchCandidate.objects.for_user(user).filter(Q(found=item) | Q(reported=item))
            .select_related("found__police_station", "reported__police_station"))


class ItemDetailView(ScopedDetailView):
    """``/property/items/<id>/``: the item, its state history and its candidates."""

    model = PropertyItem
    template_name = "property/item_detail.html"
    context_object_name = "item"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        item = self.object
        ctx.update(specific=item.specific, history=item.state_changes.select_related("by"),
                   candidates=candidates_for(self.request.user, item),
                   state_form=kwargs.get("state_form") or StateChangeForm(),
                   can_change=rules.has_perm("property.change_state", self.request.user, item))
        return ctx


class ItemStateView(LoginRequiredMixin, View):
    """``/property/items/<id>/state/`` (POST): move the item's state with a reason."""

    def post(self, request, pk):
        item = get_object_or_404(PropertyItem.objects.for_user(request.user, "change"), pk=pk)
        form = StateChangeForm(request.POST)
        if form.is_valid():
            try:
                services.change_state(item.specific, form.cleaned_data["to_state"], by=request.user,
                                      reason=form.cleaned_data["reason"],
                                      seizure_reference=form.cleaned_data["seizure_reference"])
            except ValidationError as exc:
                _route(form, exc)
            else:
                return redirect(item.get_absolute_url())
        view = ItemDetailView()
        view.setup(request, pk=pk)
        view.object = item
        return render(request, view.template_name, view.get_context_data(state_form=form), status=400)


class CandidateListView(ScopedListView):
    """``/property/candidates/``: candidates involving the user's jurisdiction (``?status=``)."""

    model = MatchCandidate
    template_name = "property/candidate_list.html"
    context_object_name = "candidates"

    def get_queryset(self):
        status = self.request.GET.get("status") or CandidateStatus.PROPOSED
        return (super().get_queryset().filter(status=status)
                .select_related("found__police_station", "reported__police_station"))


class CandidateDetailView(ScopedDetailView):
    """``/property/candidates/<id>/``: found and reported items side by side, each field's
    agreement, and the review form."""

    model = MatchCandidate
    template_name = "property/candidate_detail.html"
    context_object_name = "candidate"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        c = self.object
        ctx.update(found=c.found.specific, reported=c.reported.specific,
                   fields=[(e, scoring.describe(e)) for e in c.explanation],
                   form=kwargs.get("form") or ReviewForm(),
                   can_review=c.status == CandidateStatus.PROPOSED
                   and rules.has_perm("property.review_candidate", self.request.user, c))
        return ctx

    def post(self, request, pk):
        self.object = candidate = self.get_object()
        form = ReviewForm(request.POST)
        if form.is_valid():
            action = services.confirm if form.cleaned_data["decision"] == "confirm" else services.reject
            try:
                action(candidate, by=request.user, remark=form.cleaned_data["remark"])
            except PermissionDenied:
                raise
            except ValidationError as exc:
                _route(form, exc)
            else:
                return redirect("property:candidate_detail", pk=candidate.pk)
        return render(request, self.template_name, self.get_context_data(form=form), status=400)


class CheckView(LoginRequiredMixin, View):
    """``/property/check/``: the beat officer's check of a vehicle or phone, by any of its numbers."""

    template_name = "property/check.html"

    def get(self, request):
        if not rules.has_perm("property.check", request.user):
            raise PermissionDenied
        form = CheckForm(request.GET or None)
        vehicle_hits = phone_hits = None
        if form.is_bound and form.is_valid():
            d = form.cleaned_data
            if any(d.get(k) for k in ("registration_number", "chassis_number", "engine_number")):
                vehicle_hits = services.check_vehicle(registration_number=d["registration_number"],
                                                      chassis_number=d["chassis_number"],
                                                      engine_number=d["engine_number"])
            if d.get("imei"):
                try:
                    phone_hits = services.check_phone(imei=d["imei"])
                except ValidationError as exc:
                    _route(form, exc)
        return render(request, self.template_name, {"form": form, "vehicle_hits": vehicle_hits,
                                                    "phone_hits": phone_hits},
                      status=400 if form.is_bound and form.errors else 200)
