"""Registration pages: complaints, FIRs (IIF-1), NCRs, the General Diary, the FIR copy PDF, and the
documentation page of the validation rules.

Views are thin: they read a form, call a service (:mod:`cctns.registration.services`) and route
its coded errors back onto the form (:func:`cctns.registration.forms.route_errors`). Records are
read through ``for_user`` (a record outside the user's jurisdiction is a 404); what a user may
*do* is decided by the ``rules`` permissions the services check (a refusal is a 403). What a user
may *see* of a protected victim or informant is decided by :mod:`cctns.registration.display`.

URLs (under ``/registration/``):

| URL | page |
|---|---|
| ``complaints/``, ``complaints/new/``, ``complaints/<id>/`` | station inbox, receive, detail with related earlier complaints |
| ``complaints/<id>/enquiry/`` ``…/enquiry/note/`` ``…/enquiry/extend/`` ``…/close/`` ``…/communicated/`` | SHO's decisions (POST) |
| ``firs/``, ``firs/new/``, ``firs/<id>/`` | FIR list, IIF-1 form, FIR detail |
| ``firs/<id>/approve/`` ``return/`` ``assign-io/`` ``mark-sensitive/`` ``transfer/`` ``accept/`` | actions (POST) |
| ``firs/<id>/correct/``, ``firs/<id>/resubmit/`` | correction with reason (SHO), resubmission after return |
| ``firs/<id>/copy/<en|hi>/`` | FIR copy as PDF |
| ``ncrs/``, ``ncrs/new/``, ``ncrs/<id>/``, ``ncrs/fortnightly/`` | NCR register and the Magistrate's fortnightly list |
| ``gd/`` | General Diary by date, with the form to add an entry |
| ``rules/`` | the validation rules (generated from the registry) |
"""

import datetime

import rules
from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from django_filters.views import FilterView
from django_tables2.views import SingleTableMixin

from cctns.core.constants import STATION_ROLES
from cctns.core.models import Unit, User
from cctns.core.validation import rules_for
from cctns.core.views_base import ScopedDetailView, ScopedQuerysetMixin
from cctns.legal.filtersets import SectionFilterSet
from cctns.legal.models import Section

from . import services
from .constants import ISSUED_STATUSES, ComplaintStatus, EnquiryBasis, FIRStatus, TransferStatus
from .display import PROTECTED, SECTION_PREFETCH, fir_display, protected_fir_ids, section_rows
from .documents import fir_copy_filename, issue_fir_copy
from .filtersets import ComplaintFilterSet, FIRFilterSet, GDEntryFilterSet, NCRFilterSet
from .forms import (
    FIR_FORM_SECTIONS,
    FIR_FORMSETS,
    AssignIOForm,
    CloseComplaintForm,
    CommunicatedForm,
    ComplaintForm,
    CorrectionReasonForm,
    DateInput,
    FIRFormBundle,
    GDEntryForm,
    NCRForm,
    NoteForm,
    ReasonForm,
    RemarksForm,
    StartEnquiryForm,
    TransferForm,
    add_formset_row,
    fir_changes,
    fir_children_initial,
    route_errors,
    service_errors,
)
from .models import FIR, NCR, Complaint, FIRVictim, GDEntry, Transfer
from .tables import ComplaintTable, FIRTable, GDEntryTable, NCRTable
from .validation import section_base_number


def _has(user, perm: str, obj=None) -> bool:
    """``rules.has_perm`` (no superuser shortcut: an administrator does not register FIRs)."""
    return rules.has_perm(f"registration.{perm}", user, obj)


def _user_station(user, perm: str):
    """The station ``user`` works at, if they hold ``perm`` there; else ``PermissionDenied``."""
    try:
        station = services.station_for(user)
    except ValidationError:
        raise PermissionDenied(_("You are not posted at a police station.")) from None
    if not _has(user, perm, station):
        raise PermissionDenied(_("You are not allowed to do this."))
    return station


class ValidationRulesView(LoginRequiredMixin, TemplateView):
    """``/registration/rules/``: every coded validation rule, generated from the registry: code,
    level, record part, the rule, its message in English and Hindi, and its legal source."""

    template_name = "registration/rules.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        groups = {}
        for rule in rules_for():
            groups.setdefault(rule.record, []).append(rule)
        ctx["groups"] = [(record, groups[record]) for record in ("fir", "ncr", "complaint") if record in groups]
        ctx["groups"] += [(record, rows) for record, rows in groups.items() if record not in ("fir", "ncr", "complaint")]
        return ctx


class FilterFormMixin:
    """Makes the shared filterset's form fit a page: date pickers, the page's labels
    (``filter_labels``: the API's filtersets need none), and the police station chosen from those
    in the user's jurisdiction (left out when there is only the user's own). The filters
    themselves are the API's."""

    filter_labels: dict = {}

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        fields = filterset.form.fields
        for name, field in fields.items():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
            if name in self.filter_labels:
                field.label = self.filter_labels[name]
            if isinstance(field.widget, forms.SelectMultiple):
                field.widget.attrs.setdefault("size", 4)
        if "police_station" in fields:
            stations = list(Unit.objects.for_user(self.request.user).police_stations().order_by("name")
                            .values_list("code", "name", "name_hi")[:301])
            if len(stations) <= 1 and not filterset.data.get("police_station"):
                del fields["police_station"]
            elif len(stations) <= 300:
                hindi = (translation.get_language() or "").startswith("hi")
                fields["police_station"].widget = forms.Select(
                    choices=[("", "—"), *((code, (name_hi if hindi and name_hi else name)) for code, name, name_hi in stations)])
        return filterset


class RecordListView(FilterFormMixin, ScopedQuerysetMixin, SingleTableMixin, FilterView):
    """A list page: the model's rows within the user's jurisdiction, filtered by the app's
    filterset (the same one the API uses) and shown in a django-tables2 table, 25 a page."""

    table_pagination = {"per_page": 25}
    template_name = "registration/record_list.html"
    heading = ""
    create_url_name = ""
    create_perm = ""
    create_label = ""

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["heading"] = self.heading
        user = self.request.user
        if self.create_url_name and _has(user, self.create_perm, getattr(user, "unit", None)):
            ctx["create_url"] = reverse(self.create_url_name)
            ctx["create_label"] = self.create_label
        ctx["quick_links"] = self.quick_links()
        return ctx

    def quick_links(self) -> list[tuple[str, str]]:
        return []


# --------------------------------------------------------------------------------------------
# Complaints
# --------------------------------------------------------------------------------------------

class ComplaintListView(RecordListView):
    """``/registration/complaints/``: the station's inbox of complaints and petitions."""

    model = Complaint
    filterset_class = ComplaintFilterSet
    table_class = ComplaintTable
    heading = gettext_lazy("Complaints")
    filter_labels = {"received_after": gettext_lazy("Received from"), "received_before": gettext_lazy("Received to"),
                     "status": gettext_lazy("Status"), "channel": gettext_lazy("Received by"), "police_station": gettext_lazy("Police station"),
                     "phone": gettext_lazy("Phone"), "q": gettext_lazy("Words (complaint, name, subject or number)")}
    create_url_name = "registration:complaint_create"
    create_perm = "receive_complaint"
    create_label = gettext_lazy("Receive a complaint")

    def quick_links(self):
        base = reverse("registration:complaint_list")
        return [(_("Not yet acted on"), f"{base}?status=received"), (_("Under enquiry"), f"{base}?status=under_enquiry")]

    def get_queryset(self):
        return super().get_queryset().select_related("police_station").order_by("-received_at", "-id")


class ComplaintCreateView(LoginRequiredMixin, View):
    """``/registration/complaints/new/``: receive a complaint (``services.receive_complaint``)."""

    template_name = "registration/complaint_form.html"

    def get(self, request):
        _user_station(request.user, "receive_complaint")
        form = ComplaintForm(initial={"received_at": timezone.localtime().replace(second=0, microsecond=0)})
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        station = _user_station(request.user, "receive_complaint")
        form = ComplaintForm(request.POST, request.FILES)
        if form.is_valid():
            data, sections, attachments = form.service_data()
            try:
                complaint = services.receive_complaint(station, request.user, data, attachments=attachments, sections=sections)
            except ValidationError as exc:
                route_errors(form, service_errors(exc))
            else:
                messages.success(request, _("Complaint %(number)s received.") % {"number": complaint.number})
                return redirect("registration:complaint_detail", complaint.pk)
        return render(request, self.template_name, {"form": form}, status=400)


class ComplaintDetailView(ScopedDetailView):
    """``/registration/complaints/<id>/``: the complaint, earlier complaints by the same person or
    about the same incident (``services.find_related_complaints``), the enquiry, and the actions
    the user may take: enquiry, notes, extension, FIR, NCR, closure with reasons."""

    model = Complaint
    template_name = "registration/complaint_detail.html"
    forms: dict = {}

    def get_queryset(self):
        return super().get_queryset().select_related("police_station", "outcome_by").prefetch_related(
            "attachments", "sections__act", "firs", "ncrs")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        c, user = self.object, self.request.user
        enquiry = getattr(c, "enquiry", None) if hasattr(c, "enquiry") else None
        decide = _has(user, "decide_complaint", c)
        open_ = not c.outcome
        can = {
            "enquiry": decide and c.status == ComplaintStatus.RECEIVED,
            "note": enquiry is not None and enquiry.concluded_at is None and (decide or enquiry.officer_id == user.pk),
            "extend": decide and enquiry is not None and enquiry.concluded_at is None and not enquiry.extended
                      and enquiry.basis == EnquiryBasis.LALITA_KUMARI,
            "close": decide and open_,
            "fir": open_ and _has(user, "register_fir", c),
            "ncr": open_ and _has(user, "register_ncr", c),
            "communicated": bool(c.outcome) and not c.communicated_at and _has(user, "receive_complaint", c),
        }
        forms = {
            "enquiry": StartEnquiryForm(station=c.police_station),
            "note": NoteForm(), "extend": ReasonForm(), "close": CloseComplaintForm(), "communicated": CommunicatedForm(),
        }
        forms.update(self.forms)
        ctx.update(
            complaint=c, enquiry=enquiry, can=can, forms=forms,
            related=services.find_related_complaints(c, user=user),
            notes=list(enquiry.notes.select_related("author")) if enquiry else [],
            gd_entries=_gd_for(c, user),
        )
        return ctx


def _gd_for(record, user, *, protect: bool = False) -> list:
    """GD entries about ``record`` that ``user`` may see; with ``protect`` (a sensitive FIR seen
    from outside the case) their text is replaced by "[protected]"."""
    entries = list(services.gd_entries_for(record).filter(pk__in=GDEntry.objects.for_user(user).values("pk"))
                   .select_related("author", "police_station"))
    if protect:
        for entry in entries:
            entry.text = str(PROTECTED)
    return entries


class ComplaintActionView(LoginRequiredMixin, View):
    """A POST action on a complaint: the form is checked, the service called; on an error the
    complaint page is shown again with the form, its input and the error (400)."""

    http_method_names = ["post"]
    form_name = ""
    form_class = None

    def get_form(self, complaint):
        return self.form_class(self.request.POST)

    def post(self, request, pk):
        complaint = get_object_or_404(Complaint.objects.for_user(request.user, "change"), pk=pk)
        form = self.get_form(complaint)
        if form.is_valid():
            try:
                text = self.act(complaint, form.cleaned_data)
            except ValidationError as exc:
                route_errors(form, service_errors(exc))
            else:
                messages.success(request, text)
                return redirect("registration:complaint_detail", complaint.pk)
        view = ComplaintDetailView(request=request, kwargs={"pk": pk}, forms={self.form_name: form})
        view.object = get_object_or_404(view.get_queryset(), pk=pk)
        return render(request, view.template_name, view.get_context_data(object=view.object), status=400)


class ComplaintEnquiryView(ComplaintActionView):
    form_name = "enquiry"

    def get_form(self, complaint):
        return StartEnquiryForm(self.request.POST, station=complaint.police_station)

    def act(self, complaint, cd):
        if cd.get("officer") is None:
            raise ValidationError({"officer": _("Choose the enquiry officer.")})
        enquiry = services.start_preliminary_enquiry(complaint, self.request.user, cd["officer"], cd.get("reason", ""),
                                                     permitted_by=cd.get("permitted_by"))
        return _("Preliminary enquiry started; to be completed by %(date)s.") % {"date": enquiry.deadline.strftime("%d-%m-%Y")}


class ComplaintNoteView(ComplaintActionView):
    form_name, form_class = "note", NoteForm

    def act(self, complaint, cd):
        enquiry = getattr(complaint, "enquiry", None) if hasattr(complaint, "enquiry") else None
        if enquiry is None:
            raise ValidationError({"text": _("This complaint has no preliminary enquiry.")})
        services.add_enquiry_note(enquiry, self.request.user, cd.get("text", ""))
        return _("Note added.")


class ComplaintExtendView(ComplaintActionView):
    form_name, form_class = "extend", ReasonForm

    def act(self, complaint, cd):
        enquiry = getattr(complaint, "enquiry", None) if hasattr(complaint, "enquiry") else None
        if enquiry is None:
            raise ValidationError({"reason": _("This complaint has no preliminary enquiry.")})
        enquiry = services.extend_enquiry(enquiry, self.request.user, cd.get("reason", ""))
        return _("Enquiry extended to %(date)s.") % {"date": enquiry.deadline.strftime("%d-%m-%Y")}


class ComplaintCloseView(ComplaintActionView):
    form_name, form_class = "close", CloseComplaintForm

    def act(self, complaint, cd):
        services.close_complaint(complaint, self.request.user, cd.get("reason", ""), communicated_how=cd.get("communicated_how", ""))
        return _("Complaint closed with reasons.")


class ComplaintCommunicatedView(ComplaintActionView):
    form_name, form_class = "communicated", CommunicatedForm

    def act(self, complaint, cd):
        services.record_communication(complaint, self.request.user, cd.get("how", ""))
        return _("Communication to the complainant recorded.")


class ComplaintAttachmentView(LoginRequiredMixin, View):
    """``/registration/complaints/<id>/attachments/<n>/``: download an attachment (same
    jurisdiction as the complaint)."""

    def get(self, request, pk, att):
        complaint = get_object_or_404(Complaint.objects.for_user(request.user), pk=pk)
        attachment = get_object_or_404(complaint.attachments, pk=att)
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.content_type or "application/octet-stream")


# --------------------------------------------------------------------------------------------
# FIRs
# --------------------------------------------------------------------------------------------

def fir_list_queryset(user):
    """FIRs ``user`` may see, with what the FIR table and masking read (no query per row)."""
    return (FIR.objects.for_user(user).select_related(
        "police_station", "io", "transferred_from__police_station", "transferred_to__police_station")
        .prefetch_related("sections__section__act", "transfers_out__to_station"))


class FIRListView(RecordListView):
    """``/registration/firs/``: FIRs in the jurisdiction (and Zero FIRs transferred to or from it),
    filtered by date range, section, act, status, station, IO and words of the narrative
    (``FIRFilterSet``; narrative search never finds a sensitive FIR the user may not read)."""

    model = FIR
    filterset_class = FIRFilterSet
    table_class = FIRTable
    heading = gettext_lazy("FIRs")
    filter_labels = {"police_station": gettext_lazy("Police station")}
    create_url_name = "registration:fir_create"
    create_perm = "register_fir"
    create_label = gettext_lazy("Register FIR")

    def quick_links(self):
        base = reverse("registration:fir_list")
        return [(_("Pending approval"), f"{base}?status=pending_approval"), (_("Returned for correction"), f"{base}?status=returned"),
                (_("Sensitive"), f"{base}?is_sensitive=true")]

    def get_queryset(self):
        return fir_list_queryset(self.request.user)

    def get_filterset(self, filterset_class):
        """As the API's filterset, but the IO is chosen from the officers in the user's
        jurisdiction (when there are not too many to list)."""
        filterset = super().get_filterset(filterset_class)
        user, fields = self.request.user, filterset.form.fields
        officers = list(User.objects.for_user(user).filter(is_active=True, role__in=STATION_ROLES)
                        .order_by("last_name", "first_name")[:301])
        if 0 < len(officers) <= 300:
            fields["io"].widget = forms.Select(choices=[("", "—"), *((str(o.pk), f"{o.get_full_name() or o.username} ({o.get_rank_display()})")
                                                                     for o in officers)])
        return filterset


def _complaint_for(user, pk):
    if pk in (None, ""):
        return None
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(Complaint.objects.for_user(user, "change").prefetch_related("sections__act"), pk=pk)


def complaint_fir_initial(complaint) -> tuple[dict, dict]:
    """Initial FIR form values from a complaint: informant, narrative, place, information time,
    sections."""
    initial = {
        "complaint": complaint.pk,
        "informant_name": complaint.complainant_name,
        "informant_relative_name": complaint.complainant_relative_name,
        "informant_relation": complaint.complainant_relation,
        "informant_sex": complaint.complainant_sex,
        "informant_age": complaint.complainant_age,
        "informant_address": complaint.complainant_address,
        "informant_phone": complaint.complainant_phone,
        "place_address": complaint.place_address,
        "narrative": complaint.narrative,
        "information_received_at": timezone.localtime(complaint.received_at).replace(second=0, microsecond=0),
    }
    children = {"sections": [{"ref": f"{s.act.code} {s.number}"} for s in complaint.sections.all()]}
    return initial, children


class FIRFormPage(LoginRequiredMixin, View):
    """Shared handling of the IIF-1 form: "add a row" without JavaScript, type checks, and the
    registry's errors routed to the fields even when some fields did not parse."""

    template_name = "registration/fir_form.html"

    def render_form(self, bundle, status=200, **extra):
        ctx = {"bundle": bundle, "form": bundle.form, "form_sections": FIR_FORM_SECTIONS,
               "formsets": [(prefix, legend, bundle.formsets[prefix]) for prefix, (_cls, legend) in FIR_FORMSETS.items()],
               **extra}
        return render(self.request, self.template_name, ctx, status=status)

    def added_row(self, **kwargs):
        """A bundle with one more row, when an "add a row" button was pressed (else ``None``)."""
        for prefix in FIR_FORMSETS:
            if f"add_{prefix}" in self.request.POST:
                bundle = FIRFormBundle(add_formset_row(self.request.POST, prefix), **kwargs)
                bundle.silence()
                return bundle
        return None

    def checked(self, bundle):
        """``(data, ok)``: the service input, and whether every field parsed. When some did not,
        the registry still checks the rest so all errors show at once."""
        ok = bundle.is_valid()
        data = bundle.service_data()
        if not ok:
            try:
                services.check_fir_data(data, self.request.user)
            except ValidationError as exc:
                bundle.apply(exc, partial=True)
        return data, ok


class FIRCreateView(FIRFormPage):
    """``/registration/firs/new/`` (``?complaint=<id>`` to register on a complaint): the IIF-1
    form. Submitting it twice makes one FIR: the form carries an idempotency token made when it
    was shown (``register_fir(idempotency_key=…)``)."""

    def get(self, request):
        _user_station(request.user, "register_fir")
        complaint = _complaint_for(request.user, request.GET.get("complaint"))
        initial, children = complaint_fir_initial(complaint) if complaint else ({}, {})
        return self.render_form(FIRFormBundle(initial=initial, children=children), complaint=complaint)

    def render_form(self, bundle, status=200, **extra):
        station = services.station_for(self.request.user)
        extra["perms_approve"] = not services.requires_approval() or _has(self.request.user, "approve_fir", station)
        return super().render_form(bundle, status, **extra)

    def post(self, request):
        station = _user_station(request.user, "register_fir")
        complaint = _complaint_for(request.user, request.POST.get("complaint"))
        bundle = self.added_row()
        if bundle is not None:
            return self.render_form(bundle, complaint=complaint)
        bundle = FIRFormBundle(request.POST)
        data, ok = self.checked(bundle)
        if ok:
            try:
                fir = services.register_fir(station, request.user, data, complaint=complaint,
                                            idempotency_key=bundle.form.cleaned_data.get("idempotency_key") or None)
            except ValidationError as exc:
                bundle.apply(exc)
            else:
                if getattr(fir, "replayed", False):
                    messages.info(request, _("This form had already been submitted; here is the FIR it made."))
                elif fir.is_issued:
                    messages.success(request, _("FIR %(number)s registered.") % {"number": fir.number})
                else:
                    messages.success(request, _("FIR submitted to the SHO for approval; it takes its number when approved."))
                return redirect("registration:fir_detail", fir.pk)
        return self.render_form(bundle, status=400, complaint=complaint)


class FIRDetailView(ScopedDetailView):
    """``/registration/firs/<id>/``: every part of the FIR (masked where the user may not see a
    victim or the informant), its GD entries, versions, Zero FIR trail and approvals, and the
    actions the user's role allows: approve / return, assign IO, mark sensitive, transfer,
    accept a transfer, correct, resubmit, and the FIR copy in English and Hindi."""

    model = FIR
    template_name = "registration/fir_detail.html"
    forms: dict = {}

    def get_queryset(self):
        return super().get_queryset().select_related(
            "police_station", "io", "created_by", "complaint", "cognizability_confirmed_by", "sensitive_set_by",
            "transferred_from__police_station", "transferred_to__police_station",
        ).prefetch_related(
            *SECTION_PREFETCH, Prefetch("victims", queryset=FIRVictim.objects.order_by("order")), "accused", "properties",
            "approvals__decided_by", "transfers_out__to_station", "transfers_out__from_station",
            "transfers_out__sent_by", "transfers_out__accepted_by", "transfers_out__to_fir",
        )

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        fir, user = self.object, self.request.user
        transfers = list(fir.transfers_out.all())
        incoming = None
        if fir.transferred_from_id:
            incoming = (Transfer.objects.filter(to_fir=fir)
                        .select_related("from_station", "to_station", "from_fir", "sent_by", "accepted_by").first())
        pending = next((t for t in transfers if t.status == TransferStatus.PENDING), None)
        pending_status = fir.status == FIRStatus.PENDING_APPROVAL
        can = {
            "approve": pending_status and _has(user, "approve_fir", fir),
            "return": pending_status and _has(user, "return_fir", fir),
            "assign_io": fir.is_issued and fir.status != FIRStatus.TRANSFERRED and _has(user, "assign_io", fir),
            "mark_sensitive": not fir.sensitive_set_by_id and _has(user, "mark_sensitive", fir),
            "transfer": fir.status == FIRStatus.REGISTERED and _has(user, "transfer_fir", fir),
            "accept": pending is not None and _has(user, "accept_transfer", pending.to_station),
            "correct": fir.is_issued and _has(user, "correct_fir", fir),
            "resubmit": fir.status == FIRStatus.RETURNED and _has(user, "resubmit_fir", fir),
            "print": fir.status in ISSUED_STATUSES and fir.is_issued,
        }
        forms = {"approve": RemarksForm(prefix="approve"), "return": RemarksForm(prefix="return"),
                 "assign_io": AssignIOForm(station=fir.police_station), "mark_sensitive": ReasonForm(prefix="sensitive"),
                 "transfer": TransferForm(), "accept": RemarksForm(prefix="accept")}
        forms.update(self.forms)
        display = fir_display(user, fir)
        ctx.update(
            fir=fir, display=display, sections=section_rows(fir), can=can, forms=forms,
            transfers=transfers, incoming=incoming, pending_transfer=pending,
            approvals=list(fir.approvals.all()),
            versions=list(fir.versions.select_related("changed_by").order_by("-version")),
            gd_entries=_gd_for(fir, user, protect=fir.is_sensitive and not display.officer),
            properties=list(fir.properties.all()), accused=list(fir.accused.all()),
            any_action=any(v for k, v in can.items() if k != "print"),
        )
        return ctx


class FIRActionView(LoginRequiredMixin, View):
    """A POST action on an FIR. The FIR is looked up within the user's jurisdiction (404 outside
    it); the service checks the permission (403) and the rules; on an error the FIR page is shown
    again with the form, its input and the coded error next to the field (400)."""

    http_method_names = ["post"]
    scope = "change"
    form_name = ""

    def get_form(self, fir):
        return RemarksForm(self.request.POST, prefix=self.form_name)

    def post(self, request, pk):
        fir = get_object_or_404(FIR.objects.for_user(request.user, self.scope), pk=pk)
        form = self.get_form(fir)
        if form.is_valid():
            try:
                target, text = self.act(fir, form.cleaned_data)
            except ValidationError as exc:
                route_errors(form, service_errors(exc), field_map=self.field_map)
            else:
                messages.success(request, text)
                return redirect("registration:fir_detail", target.pk)
        view = FIRDetailView(request=request, kwargs={"pk": pk}, forms={self.form_name: form})
        view.object = get_object_or_404(view.get_queryset(), pk=pk)
        return render(request, view.template_name, view.get_context_data(object=view.object), status=400)

    field_map: dict = {}


class FIRApproveView(FIRActionView):
    form_name = "approve"

    def act(self, fir, cd):
        fir = services.approve_fir(fir, self.request.user, cd.get("remarks", ""))
        return fir, _("FIR approved and registered as %(number)s.") % {"number": fir.number}


class FIRReturnView(FIRActionView):
    form_name = "return"

    def act(self, fir, cd):
        services.return_fir(fir, self.request.user, cd.get("remarks", ""))
        return fir, _("FIR returned for correction.")


class FIRAssignIOView(FIRActionView):
    form_name = "assign_io"

    def get_form(self, fir):
        return AssignIOForm(self.request.POST, station=fir.police_station)

    def act(self, fir, cd):
        fir = services.assign_io(fir, self.request.user, cd["io"])
        return fir, _("Investigating officer assigned.")


class FIRMarkSensitiveView(FIRActionView):
    form_name = "mark_sensitive"
    field_map = {"reason": "reason"}

    def get_form(self, fir):
        return ReasonForm(self.request.POST, prefix="sensitive")

    def act(self, fir, cd):
        services.mark_sensitive(fir, self.request.user, cd.get("reason", ""))
        return fir, _("FIR marked sensitive; the reason is recorded.")


class FIRTransferView(FIRActionView):
    form_name = "transfer"

    def get_form(self, fir):
        return TransferForm(self.request.POST)

    def act(self, fir, cd):
        transfer = services.transfer_zero_fir(fir, self.request.user, cd.get("to_station"), cd.get("reason", ""))
        return fir, _("Zero FIR transferred to %(station)s.") % {"station": transfer.to_station}


class FIRAcceptView(FIRActionView):
    """The receiving station registers a transferred Zero FIR under its own number."""

    form_name = "accept"
    scope = "view"

    def act(self, fir, cd):
        new = services.accept_transfer(fir, self.request.user, remarks=cd.get("remarks", ""))
        if new.is_issued:
            return new, _("Zero FIR registered here as %(number)s.") % {"number": new.number}
        return new, _("Zero FIR received; it takes this station's number when the SHO approves it.")


class FIREditPage(FIRFormPage):
    """The IIF-1 form over an existing FIR: a correction by the SHO (a new version with who,
    when and why) or a resubmission after the SHO returned it."""

    perm = ""
    status_ok: set = set()

    def get_fir(self, request, pk):
        fir = get_object_or_404(FIR.objects.for_user(request.user, "change").select_related("police_station"), pk=pk)
        if not _has(request.user, self.perm, fir):
            raise PermissionDenied(_("You are not allowed to do this."))
        if self.status_ok and fir.status not in self.status_ok:
            raise Http404
        return fir

    def initial_bundle(self, fir):
        data = services.fir_input_data(fir)
        initial = {k: v for k, v in data.items() if k not in ("sections", "victims", "accused", "properties")}
        initial["idempotency_key"] = "-"
        return FIRFormBundle(initial=initial, children=fir_children_initial(data))

    def get(self, request, pk):
        fir = self.get_fir(request, pk)
        return self.render_form(self.initial_bundle(fir), fir=fir, reason_form=CorrectionReasonForm(), mode=self.mode)

    def post(self, request, pk):
        fir = self.get_fir(request, pk)
        reason_form = CorrectionReasonForm(request.POST)
        bundle = self.added_row()
        if bundle is not None:
            return self.render_form(bundle, fir=fir, reason_form=reason_form, mode=self.mode)
        bundle = FIRFormBundle(request.POST)
        data, ok = self.checked(bundle)
        if ok and reason_form.is_valid():
            changes = fir_changes(services.fir_input_data(fir), data)
            try:
                fir, text = self.act(fir, changes, reason_form.cleaned_data.get("reason", ""))
            except ValidationError as exc:
                errors = service_errors(exc)
                route_errors(reason_form, [e for e in errors if e.field in ("reason", "remarks")], field_map={"remarks": "reason"})
                other = [e for e in errors if e.field not in ("reason", "remarks")]
                if other:
                    bundle.apply(_as_error(other))
            else:
                messages.success(request, text)
                return redirect("registration:fir_detail", fir.pk)
        return self.render_form(bundle, status=400, fir=fir, reason_form=reason_form, mode=self.mode)


def _as_error(errors) -> ValidationError:
    """Service errors back into a ``ValidationError`` for :meth:`FIRFormBundle.apply`."""
    by_key = {}
    for e in errors:
        key = ".".join(str(p) for p in (e.field or "__all__", e.index, e.subfield) if p is not None)
        by_key.setdefault(key, []).append(ValidationError(e.message, code=e.code))
    return ValidationError(by_key)


class FIRCorrectView(FIREditPage):
    """``/registration/firs/<id>/correct/``: the station's SHO corrects an issued FIR with a reason
    (``services.correct_fir``); the previous version is kept."""

    perm = "correct_fir"
    status_ok = set(ISSUED_STATUSES)
    mode = "correct"

    def act(self, fir, changes, reason):
        fir = services.correct_fir(fir, self.request.user, changes, reason)
        return fir, _("FIR corrected; the previous version is kept.")


class FIRResubmitView(FIREditPage):
    """``/registration/firs/<id>/resubmit/``: correct a returned FIR and send it to the SHO again."""

    perm = "resubmit_fir"
    status_ok = {FIRStatus.RETURNED}
    mode = "resubmit"

    def act(self, fir, changes, reason):
        fir = services.resubmit_fir(fir, self.request.user, changes or None, reason)
        return fir, _("FIR resubmitted for approval.")


class FIRCopyView(LoginRequiredMixin, View):
    """``/registration/firs/<id>/copy/<en|hi>/``: the FIR copy (IIF-1) as PDF, with a QR code that
    opens its verification page; what the user may not see is printed as "[protected]"."""

    def get(self, request, pk, language):
        if language not in ("en", "hi"):
            raise Http404
        fir = get_object_or_404(
            FIR.objects.for_user(request.user).select_related("police_station", "io", "created_by")
            .prefetch_related(*SECTION_PREFETCH, Prefetch("victims", queryset=FIRVictim.objects.order_by("order")),
                              "accused", "properties", "approvals__decided_by", "transfers_out__to_station"),
            pk=pk)
        if not fir.is_issued:
            raise Http404
        _issue, pdf = issue_fir_copy(fir, request.user, language)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{fir_copy_filename(fir, language)}"'
        response["Cache-Control"] = "no-store"
        return response


# --------------------------------------------------------------------------------------------
# NCRs
# --------------------------------------------------------------------------------------------

class NCRListView(RecordListView):
    """``/registration/ncrs/``: the NCR register of the jurisdiction."""

    model = NCR
    filterset_class = NCRFilterSet
    table_class = NCRTable
    heading = gettext_lazy("Non-cognizable reports")
    filter_labels = {"registered_after": gettext_lazy("Registered from"), "registered_before": gettext_lazy("Registered to"),
                     "police_station": gettext_lazy("Police station"), "q": gettext_lazy("Words (substance, informant or number)")}
    create_url_name = "registration:ncr_create"
    create_perm = "register_ncr"
    create_label = gettext_lazy("Register NCR")

    def quick_links(self):
        return [(_("Fortnightly list for the Magistrate"), reverse("registration:ncr_fortnightly"))]

    def get_queryset(self):
        return super().get_queryset().select_related("police_station").prefetch_related("sections__act").order_by("-registered_at", "-id")


def ncr_initial_from_fir_post(post) -> dict:
    """The NCR form's initial values from a posted IIF-1 form (the FIR-006 offer: every section is
    non-cognizable, so the officer registers an NCR with what was already typed)."""
    bundle = FIRFormBundle(post)
    bundle.is_valid()
    data = bundle.service_data()
    accused = [a.get("name") or a.get("description") or "" for a in data.get("accused") or []]
    initial = {
        "informant_name": data.get("informant_name") or "",
        "informant_relative_name": data.get("informant_relative_name") or "",
        "informant_address": data.get("informant_address") or "",
        "informant_phone": data.get("informant_phone") or "",
        "place_address": data.get("place_address") or "",
        "occurrence_at": data.get("occurrence_from"),
        "narrative": data.get("narrative") or "",
        "opposite_party": "\n".join(a for a in accused if a),
        "sections": ", ".join(data.get("sections") or []),
        "complaint": post.get("complaint") or None,
    }
    return {k: v for k, v in initial.items() if v not in (None, "")}


class NCRCreateView(LoginRequiredMixin, View):
    """``/registration/ncrs/new/`` (``?complaint=<id>``, or posted from the FIR form's NCR offer):
    register a non-cognizable report (``services.register_ncr``)."""

    template_name = "registration/ncr_form.html"

    def get(self, request):
        _user_station(request.user, "register_ncr")
        complaint = _complaint_for(request.user, request.GET.get("complaint"))
        initial = {}
        if complaint is not None:
            initial = {"complaint": complaint.pk, "informant_name": complaint.complainant_name,
                       "informant_relative_name": complaint.complainant_relative_name,
                       "informant_address": complaint.complainant_address, "informant_phone": complaint.complainant_phone,
                       "place_address": complaint.place_address, "narrative": complaint.narrative,
                       "sections": ", ".join(str(s) for s in complaint.sections.all())}
        return render(request, self.template_name, {"form": NCRForm(initial=initial), "complaint": complaint})

    def post(self, request):
        station = _user_station(request.user, "register_ncr")
        if request.POST.get("from_fir"):
            initial = ncr_initial_from_fir_post(request.POST)
            complaint = _complaint_for(request.user, initial.get("complaint"))
            return render(request, self.template_name, {"form": NCRForm(initial=initial), "complaint": complaint, "from_fir": True})
        form = NCRForm(request.POST)
        complaint = _complaint_for(request.user, request.POST.get("complaint"))
        if form.is_valid():
            try:
                ncr = services.register_ncr(station, request.user, form.service_data(), complaint=complaint)
            except ValidationError as exc:
                route_errors(form, service_errors(exc))
            else:
                messages.success(request, _("NCR %(number)s registered.") % {"number": ncr.number})
                return redirect("registration:ncr_detail", ncr.pk)
        return render(request, self.template_name, {"form": form, "complaint": complaint}, status=400)


class NCRDetailView(ScopedDetailView):
    """``/registration/ncrs/<id>/``."""

    model = NCR
    template_name = "registration/ncr_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("police_station", "complaint", "created_by").prefetch_related("sections__act")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["ncr"] = self.object
        ctx["gd_entries"] = _gd_for(self.object, self.request.user)
        return ctx


def _parse_day(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat((value or "").strip())
    except ValueError:
        return None


class NCRFortnightlyView(LoginRequiredMixin, View):
    """``/registration/ncrs/fortnightly/?date=&police_station=``: the NCRs of the fortnight (1st–15th,
    16th–end of month) that the station sends to the Magistrate (BNSS s.174(1)); POST records
    that the list was sent (GD entry)."""

    template_name = "registration/ncr_fortnightly.html"

    def station(self, request):
        code = request.GET.get("police_station") or request.POST.get("police_station")
        if code:
            station = Unit.objects.for_user(request.user).police_stations().filter(code=code).first()
            if station is None:
                raise Http404
            return station
        try:
            return services.station_for(request.user)
        except ValidationError:
            return None

    def get(self, request):
        day = _parse_day(request.GET.get("date")) or timezone.localdate()
        return self.show(request, self.station(request), day)

    def show(self, request, station, day, status=200):
        ctx = {"day": day, "station": station, "rows": [], "stations": None}
        if station is not None:
            start, end = services.fortnight_bounds(day)
            rows = services.ncr_fortnightly_list(station, day).filter(pk__in=NCR.objects.for_user(request.user).values("pk"))
            ctx.update(start=start, end=end, rows=list(rows), can_send=_has(request.user, "register_ncr", station),
                       previous=start - datetime.timedelta(days=1), next=end + datetime.timedelta(days=1))
        else:
            ctx["stations"] = Unit.objects.for_user(request.user).police_stations().order_by("name")[:300]
        return render(request, self.template_name, ctx, status=status)

    def post(self, request):
        station = self.station(request)
        day = _parse_day(request.POST.get("date"))
        if station is None or day is None:
            raise Http404
        count = services.mark_ncr_list_sent(station, request.user, day)
        messages.success(request, _("%(count)s NCRs recorded as sent to the Magistrate.") % {"count": count})
        url = reverse("registration:ncr_fortnightly") + f"?date={day.isoformat()}&police_station={station.code}"
        return redirect(url)


# --------------------------------------------------------------------------------------------
# General Diary
# --------------------------------------------------------------------------------------------

class GDView(FilterFormMixin, ScopedQuerysetMixin, SingleTableMixin, FilterView):
    """``/registration/gd/``: the General Diary, searchable by date (today by default), kind,
    station and words; officers of the station add entries here (departure, arrival, information
    received, general). Entries are never edited: the page has no edit link, the model refuses."""

    model = GDEntry
    filterset_class = GDEntryFilterSet
    table_class = GDEntryTable
    table_pagination = {"per_page": 50}
    template_name = "registration/gd.html"
    filter_labels = {"date": gettext_lazy("Date"), "date_after": gettext_lazy("From"), "date_before": gettext_lazy("To"),
                     "kind": gettext_lazy("Kind"), "police_station": gettext_lazy("Police station"), "q": gettext_lazy("Words in the entry")}
    entry_form = None

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        data = kwargs.get("data") or QueryDict()
        if not any(data.get(k) for k in ("date", "date_after", "date_before", "q", "kind")):
            data = data.copy()
            data["date"] = timezone.localdate().isoformat()
        kwargs["data"] = data
        return kwargs

    def get_table_kwargs(self):
        fir_ids = self.object_list.filter(content_type__model="fir", content_type__app_label="registration").values("object_id")
        return {"protected_firs": protected_fir_ids(self.request.user, fir_ids)}

    def get_queryset(self):
        return super().get_queryset().select_related("police_station", "author", "content_type").order_by(
            "-entry_date", "police_station__name", "-number")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        station = getattr(user, "unit", None)
        try:
            station = services.station_for(user)
        except ValidationError:
            station = None
        ctx["can_add"] = station is not None and _has(user, "add_gd_entry", station)
        ctx["entry_form"] = self.entry_form or GDEntryForm()
        ctx["station"] = station
        day = _parse_day(self.filterset.data.get("date"))
        if day is not None:
            ctx["day"], ctx["previous"], ctx["next"] = day, day - datetime.timedelta(days=1), day + datetime.timedelta(days=1)
        return ctx

    def post(self, request, *args, **kwargs):
        station = _user_station(request.user, "add_gd_entry")
        form = GDEntryForm(request.POST)
        if form.is_valid():
            try:
                entry = services.add_gd_entry(station, request.user, form.cleaned_data.get("kind") or "", form.cleaned_data.get("text", ""))
            except ValidationError as exc:
                route_errors(form, service_errors(exc))
            else:
                messages.success(request, _("Entry %(reference)s added to the General Diary.") % {"reference": entry.reference})
                return redirect(reverse("registration:gd") + f"?date={entry.entry_date.isoformat()}")
        self.entry_form = form
        response = self.get(request, *args, **kwargs)
        response.status_code = 400
        return response


# --------------------------------------------------------------------------------------------
# Suggestions for the section and station inputs (htmx; the inputs work as plain text without it)
# --------------------------------------------------------------------------------------------

def _query_text(request) -> str:
    for key, value in request.GET.items():
        if (key == "q" or key.endswith("-ref") or key == "to_station") and value.strip():
            return value.strip()[:60]
    return ""


class SectionSuggestView(LoginRequiredMixin, View):
    """``/registration/sections/suggest/?q=BNS 30``: ``<option>`` elements for the section input's
    datalist: offence sections whose number starts with what was typed (``BNS 30`` → BNS 303,
    BNS 304 …), or, for words, those the filterset of ``/api/v1/sections/`` finds by title."""

    def get(self, request):
        text = _query_text(request)
        rows = []
        if text:
            _sid, act, number = services.parse_section_ref(text)
            qs = Section.objects.select_related("act").filter(is_offence=True)
            if act and number:
                rows = qs.filter(act__code__iexact=act, number__istartswith=section_base_number(number))
            elif text[:1].isdigit():
                rows = qs.filter(number__istartswith=section_base_number(text))
            else:
                rows = SectionFilterSet({"q": text}, queryset=qs).qs
            rows = list(rows.order_by("act__code", "sort_key")[:15])
        return render(request, "registration/includes/section_options.html", {"sections": rows})


class StationSuggestView(LoginRequiredMixin, View):
    """``/registration/stations/suggest/?to_station=…``: police stations by code or name (Zero FIR)."""

    def get(self, request):
        text = _query_text(request)
        rows = []
        if len(text) >= 2:
            rows = list(Unit.objects.police_stations().filter(Q(code__istartswith=text) | Q(name__icontains=text)
                                                              | Q(name_hi__icontains=text)).order_by("name")[:15])
        return render(request, "registration/includes/station_options.html", {"stations": rows})

