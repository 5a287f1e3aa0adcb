"""Person pages: search, list, detail, new person, possible duplicates, merge, reject, undo.

Thin: the services decide; every queryset goes through ``Person.objects.for_user`` (jurisdiction
and sensitivity), so a person outside the user's view is a 404.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from cctns.core.views_base import ScopedDetailView, ScopedListView

from . import services
from .forms import MergeForm, PersonForm, PersonSearchForm, ReasonForm, route_errors
from .models import DuplicateCandidate, MergeRecord, Person

SEARCH_PAGE_SIZE = 20


class PersonSearchView(LoginRequiredMixin, TemplateView):
    """``/persons/search``: by name in any script or spelling, relative's name, age, sex, place,
    role; ranked and explained; results outside the user's jurisdiction show minimal fields."""

    template_name = "persons/search.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        form = PersonSearchForm(self.request.GET or None)
        ctx["form"] = form
        if self.request.GET and form.is_valid():
            results = services.search_persons(self.request.user, form.query())
            page = Paginator(results.hits, SEARCH_PAGE_SIZE).get_page(self.request.GET.get("page"))
            ctx.update(results=results, page_obj=page, hits=page.object_list,
                       is_paginated=page.paginator.num_pages > 1, paginator=page.paginator)
        return ctx


class PersonListView(ScopedListView):
    """``/persons/``: persons recorded in the user's jurisdiction (merged records left out)."""

    model = Person
    template_name = "persons/person_list.html"

    def get_queryset(self):
        return super().get_queryset().active().select_related("unit").order_by("-id")


class PersonDetailView(ScopedDetailView):
    """``/persons/<global id>/``: the person, names and aliases, description, marks, addresses,
    phones, masked documents, photographs, roles in cases, merged records, duplicates, merges."""

    model = Person
    template_name = "persons/person_detail.html"
    slug_field = "global_id"
    slug_url_kwarg = "global_id"

    def get_queryset(self):
        return super().get_queryset().select_related("unit", "merged_into")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        person = self.object
        group = services.persons_of(person)
        ctx["names"] = person.names.select_related("moved_from")
        ctx["group"] = group
        ctx["addresses"] = [a for p in group for a in p.addresses.select_related("district", "police_station")]
        ctx["phones"] = [x for p in group for x in p.phones.all()]
        ctx["documents"] = [x for p in group for x in p.documents.all()]
        ctx["marks"] = [x for p in group for x in p.marks.all()]
        ctx["photos"] = [x for p in group for x in p.photos.all()]
        ctx["roles"] = person.roles.select_related("fir__police_station")
        ctx["merges"] = MergeRecord.objects.filter(survivor=person).select_related("merged", "merged_by")
        pairs = services.duplicates_for(self.request.user).filter(
            person_a=person) | services.duplicates_for(self.request.user).filter(person_b=person)
        ctx["duplicates"] = pairs.order_by("-score")[:20]
        ctx["reason_form"] = ReasonForm()
        return ctx


class PersonCreateView(LoginRequiredMixin, View):
    """``/persons/new``: record a person at the user's station; duplicates are proposed."""

    template_name = "persons/person_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PersonForm()})

    def post(self, request):
        form = PersonForm(request.POST)
        if form.is_valid():
            try:
                person = services.create_person(request.user, form.service_data())
            except PermissionDenied:
                form.add_error(None, _("Only station officers record persons, at their own station."))
            except ValidationError as exc:
                route_errors(form, exc)
            else:
                messages.success(request, _("Person recorded."))
                return redirect("persons:detail", global_id=person.global_id)
        return render(request, self.template_name, {"form": form}, status=400)


class DuplicateListView(LoginRequiredMixin, TemplateView):
    """``/persons/duplicates/``: proposed pairs both of whose persons the user may see."""

    template_name = "persons/duplicate_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        qs = services.duplicates_for(self.request.user).order_by("-score", "id")
        ctx["page_obj"] = Paginator(qs, 50).get_page(self.request.GET.get("page"))
        ctx["merge_form"] = MergeForm()
        ctx["reason_form"] = ReasonForm()
        return ctx


def _visible_pair(request, pk) -> DuplicateCandidate:
    return get_object_or_404(services.duplicates_for(request.user), pk=pk)


class DuplicateRejectView(LoginRequiredMixin, View):
    """POST ``/persons/duplicates/<id>/reject``: the two are different persons."""

    def post(self, request, pk):
        pair = _visible_pair(request, pk)
        form = ReasonForm(request.POST)
        try:
            services.reject_duplicate(pair, request.user, form.data.get("reason", ""))
            messages.success(request, _("Marked as different persons; this pair will not be proposed again."))
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, _message(exc))
        return redirect(request.POST.get("next") or "persons:duplicates")


class DuplicateMergeView(LoginRequiredMixin, View):
    """POST ``/persons/duplicates/<id>/merge``: merge the pair, keeping A or B as the survivor."""

    def post(self, request, pk):
        pair = _visible_pair(request, pk)
        form = MergeForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the reason for the merge."))
            return redirect("persons:duplicates")
        survivor, merged = (pair.person_a, pair.person_b) if form.cleaned_data["survivor"] == "a" else (pair.person_b, pair.person_a)
        try:
            services.merge_persons(survivor, merged, request.user, form.cleaned_data["reason"])
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, _message(exc))
            return redirect("persons:duplicates")
        messages.success(request, _("Merged. The merge can be undone from the surviving record."))
        return redirect("persons:detail", global_id=survivor.global_id)


class MergeUndoView(LoginRequiredMixin, View):
    """POST ``/persons/merges/<id>/undo``: restore the merged person as it was."""

    def post(self, request, pk):
        visible = Person.objects.for_user(request.user).values("pk")
        record = get_object_or_404(MergeRecord.objects.filter(survivor__in=visible), pk=pk)
        form = ReasonForm(request.POST)
        try:
            services.unmerge(record, request.user, form.data.get("reason", ""))
            messages.success(request, _("The merge was undone."))
        except (PermissionDenied, ValidationError) as exc:
            messages.error(request, _message(exc))
        return redirect("persons:detail", global_id=record.survivor.global_id)


def _message(exc) -> str:
    if isinstance(exc, PermissionDenied):
        return _("You are not allowed to do this.")
    return " ".join(exc.messages)

