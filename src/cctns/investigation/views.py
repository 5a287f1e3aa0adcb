"""Pages of the investigation app: the case page (status, moves, transfer, deadlines), the Case
Diary, the crime details (IIF-2), the final report (IIF-5), the timeline, PDFs and files.

Thin views: every FIR is read through ``FIR.objects.for_user`` (another jurisdiction's case is
a 404) and every change goes through a service, which checks the role; a refused or invalid
form is shown again with its errors and the input kept.
"""

import rules
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from cctns.registration.models import FIR

from . import lifecycle
from .constants import ReportStatus
from .forms import (
    CaseDiaryForm,
    CommunicationForm,
    CrimeDetailsForm,
    FinalReportForm,
    RemarksForm,
    TransferForm,
    TransitionForm,
)
from .models import CaseFile, FinalReport
from .services import case_diary as cd
from .services import crime_details as iif2
from .services import final_report as fr
from .services.deadlines import deadlines_for
from .timeline import case_timeline


def add_errors(form, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: per field where the form has it, else
    as a form-wide error."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            name = field.split(".")[0]
            for e in errors:
                for message in e.messages:
                    if name in form.fields:
                        form.add_error(name, message if name == field else f"{field}: {message}")
                    else:
                        form.add_error(None, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def case_firs(user):
    """The FIRs whose case pages ``user`` may open: those in their jurisdiction, and the cases
    they investigate (an investigation transferred to them from another station)."""
    return FIR.objects.for_user(user, "view") | FIR.objects.filter(io=user)


class CaseMixin(LoginRequiredMixin):
    """Loads ``self.fir`` from the URL's ``pk`` within the user's jurisdiction (404 otherwise);
    reading a sensitive case is audited."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        qs = case_firs(request.user).select_related("police_station", "io")
        self.fir = get_object_or_404(qs, pk=kwargs["pk"])
        if not self.fir.is_issued:
            raise Http404
        from cctns.audit.services import log_access_if_sensitive

        log_access_if_sensitive(request.user, self.fir)
        return super().dispatch(request, *args, **kwargs)

    def can(self, perm: str) -> bool:
        return rules.has_perm(f"investigation.{perm}", self.request.user, self.fir)


class CaseView(CaseMixin, View):
    """``/investigation/<fir>/``: the case's status and its moves, transfer of investigation,
    deadlines, the informant communications and links to every form."""

    template_name = "investigation/case.html"

    def context(self, **forms):
        fir, user = self.fir, self.request.user
        allowed = lifecycle.allowed_transitions(fir, user)
        # Filing goes through the final report's approval, not a bare move.
        allowed = [s for s in allowed if s != "final_report_filed"]
        ctx = {
            "fir": fir, "allowed": allowed, "deadlines": deadlines_for(fir),
            "events": fir.case_events.select_related("by", "to_io").order_by("at", "id"),
            "communications": fir.informant_communications.select_related("communicated_by"),
            "can_read_diary": cd.can_read_case_diary(user, fir),
            "can_transfer": self.can("transfer_investigation") and fir.status in ("registered", "under_investigation"),
            "can_inform": self.can("inform_informant"),
            "crime_details": iif2.current_crime_details(fir),
            "reports": fir.final_reports.order_by("-prepared_at"),
        }
        ctx["transition_form"] = forms.get("transition_form") or TransitionForm(allowed=allowed)
        ctx["transfer_form"] = forms.get("transfer_form") or (TransferForm(user=user) if ctx["can_transfer"] else None)
        ctx["communication_form"] = forms.get("communication_form") or CommunicationForm()
        return ctx

    def get(self, request, pk):
        return render(request, self.template_name, self.context())

    def post(self, request, pk):
        action = request.POST.get("action")
        fir, user = self.fir, request.user
        if action == "transition":
            form = TransitionForm(request.POST, allowed=lifecycle.allowed_transitions(fir, user))
            key = "transition_form"
            if form.is_valid():
                try:
                    lifecycle.transition(fir, form.cleaned_data["to_status"], by=user, reason=form.cleaned_data["reason"],
                                         outcome=form.cleaned_data["outcome"] or None)
                    messages.success(request, _("The case was moved."))
                    return redirect("investigation:case", pk=fir.pk)
                except ValidationError as exc:
                    add_errors(form, exc)
        elif action == "transfer":
            form, key = TransferForm(request.POST, user=user), "transfer_form"
            if form.is_valid():
                try:
                    lifecycle.transfer_investigation(fir, by=user, to_io=form.cleaned_data["to_io"], reason=form.cleaned_data["reason"])
                    messages.success(request, _("The investigation was transferred."))
                    return redirect("investigation:case", pk=fir.pk)
                except ValidationError as exc:
                    add_errors(form, exc)
        elif action == "communicate":
            form, key = CommunicationForm(request.POST), "communication_form"
            if form.is_valid():
                try:
                    fr.record_informant_communication(fir, user, form.cleaned_data["kind"], form.cleaned_data["mode"],
                                                      note=form.cleaned_data["note"])
                    messages.success(request, _("The communication was recorded."))
                    return redirect("investigation:case", pk=fir.pk)
                except ValidationError as exc:
                    add_errors(form, exc)
        else:
            raise Http404
        return render(request, self.template_name, self.context(**{key: form}), status=400)


class CaseDiaryView(CaseMixin, View):
    """``/investigation/<fir>/case-diary/``: the diary's pages (only to the case's officers and
    supervisors: anyone else gets 403) and, for the IO or the SHO, the form for the next page."""

    template_name = "investigation/case_diary.html"

    def render_page(self, form, status=200):
        if not cd.can_read_case_diary(self.request.user, self.fir):
            raise PermissionDenied(_("The Case Diary is shown only to the case's officers and supervisors."))
        can_write = cd.can_write_case_diary(self.request.user, self.fir) and self.fir.status in cd.WRITABLE_STATUSES
        return render(self.request, self.template_name, {
            "fir": self.fir, "entries": cd.case_diary_for(self.fir, self.request.user), "form": form if can_write else None,
        }, status=status)

    def get(self, request, pk):
        return self.render_page(CaseDiaryForm())

    def post(self, request, pk):
        if not cd.can_read_case_diary(request.user, self.fir):
            raise PermissionDenied
        form = CaseDiaryForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                entry = cd.write_case_diary_entry(self.fir, request.user, form.service_data(), files=form.cleaned_data["files"])
                messages.success(request, _("Page %(serial)s written.") % {"serial": entry.serial})
                return redirect("investigation:case_diary", pk=self.fir.pk)
            except ValidationError as exc:
                add_errors(form, exc)
        return self.render_page(form, status=400)


def _case_officer(user, fir) -> bool:
    from cctns.registration.services.fir import is_case_officer

    return is_case_officer(user, fir)


class CrimeDetailsView(CaseMixin, View):
    """``/investigation/<fir>/crime-details/``: the IIF-2 form in force, its earlier revisions and
    files, and the form to record / revise it (the IO or the SHO)."""

    template_name = "investigation/crime_details.html"

    def render_page(self, form, status=200):
        current = iif2.current_crime_details(self.fir)
        can_write = self.can("record_crime_details") and self.fir.status in iif2.OPEN_STATUSES
        return render(self.request, self.template_name, {
            "fir": self.fir, "current": current, "revisions": self.fir.crime_details.select_related("recorded_by"),
            "files": CaseFile.objects.filter(fir=self.fir, crime_details__isnull=False),
            "show_files": _case_officer(self.request.user, self.fir),
            "form": form if can_write else None,
        }, status=status)

    def get(self, request, pk):
        current = iif2.current_crime_details(self.fir)
        initial = {}
        if current is not None:
            initial = {k: getattr(current, k) for k in ("crime_features", "mo_codes", "mo_description", "motive",
                                                        "motive_description", "place_type", "scene_description",
                                                        "physical_evidence", "forensic_expert_visited")}
            initial["panch_witnesses"] = "\n".join("; ".join(w.get(k, "") for k in iif2.PANCH_FIELDS) for w in current.panch_witnesses)
        return self.render_page(CrimeDetailsForm(initial=initial))

    def post(self, request, pk):
        form = CrimeDetailsForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                iif2.record_crime_details(self.fir, request.user, form.service_data(), files=form.cleaned_data["files"],
                                          photo_kind=form.cleaned_data["file_kind"], reason=form.cleaned_data["reason"])
                messages.success(request, _("The crime details were recorded."))
                return redirect("investigation:crime_details", pk=self.fir.pk)
            except ValidationError as exc:
                add_errors(form, exc)
        return self.render_page(form, status=400)


class FinalReportView(CaseMixin, View):
    """``/investigation/<fir>/final-report/``: the case's final reports; the IO prepares, corrects
    and submits; the SHO / DSP approves (files) or returns."""

    template_name = "investigation/final_report.html"

    def open_report(self):
        return self.fir.final_reports.filter(status__in=fr.OPEN).first()

    def render_page(self, form=None, decision_form=None, status=200):
        open_report = self.open_report()
        can_prepare = self.can("prepare_final_report") and self.fir.status == "under_investigation" and (
            open_report is None or open_report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED))
        accused = list(self.fir.accused.all())
        if form is None and can_prepare:
            initial = {}
            if open_report is not None:
                initial = {k: getattr(open_report, k) for k in ("kind", "closure_class", "reasons", "medical_report",
                                                                 "electronic_evidence_custody")}
                initial["sections"] = ", ".join(s["label"] for s in open_report.sections)
                initial["witnesses"] = "\n".join(f"{w['name']}; {w.get('relative_name', '')}; {w.get('address', '')}" for w in open_report.witnesses)
                initial["documents"] = "\n".join(d["description"] for d in open_report.documents)
                initial["property_items"] = "\n".join(f"{p['description']}; {p.get('where_kept', '')}" for p in open_report.property_items)
                for a in open_report.accused.all():
                    initial[f"accused_{a.code}_sent_up"] = a.sent_up
                    initial[f"accused_{a.code}_custody"] = a.custody_status
            form = FinalReportForm(initial=initial, accused=accused)
        return render(self.request, self.template_name, {
            "fir": self.fir, "reports": self.fir.final_reports.select_related("prepared_by", "decided_by").prefetch_related("accused"),
            "open_report": open_report, "form": form if can_prepare else None,
            "can_decide": self.can("approve_final_report") and open_report is not None and open_report.status == ReportStatus.SUBMITTED,
            "decision_form": decision_form or RemarksForm(),
        }, status=status)

    def get(self, request, pk):
        return self.render_page()

    def post(self, request, pk):
        action = request.POST.get("action")
        user, report = request.user, self.open_report()
        if action == "save":
            form = FinalReportForm(request.POST, accused=list(self.fir.accused.all()))
            if form.is_valid():
                try:
                    if report is None:
                        fr.prepare_final_report(self.fir, user, form.service_data())
                    else:
                        fr.update_final_report(report, user, form.service_data())
                    messages.success(request, _("The report was saved as a draft."))
                    return redirect("investigation:final_report", pk=self.fir.pk)
                except ValidationError as exc:
                    add_errors(form, exc)
            return self.render_page(form=form, status=400)
        if report is None:
            raise Http404
        form = RemarksForm(request.POST)
        form.is_valid()
        try:
            if action == "submit":
                fr.submit_final_report(report, user)
                messages.success(request, _("The report was submitted for approval."))
            elif action == "approve":
                mode = form.cleaned_data.get("communicated_mode")
                fr.approve_final_report(report, user, form.cleaned_data.get("remarks", ""),
                                        communicate={"mode": mode} if mode else None)
                messages.success(request, _("The report was approved and filed."))
            elif action == "return":
                fr.return_final_report(report, user, form.cleaned_data.get("remarks", ""))
                messages.success(request, _("The report was returned for correction."))
            else:
                raise Http404
        except ValidationError as exc:
            add_errors(form, exc)
            return self.render_page(decision_form=form, status=400)
        return redirect("investigation:final_report", pk=self.fir.pk)


class TimelineView(CaseMixin, View):
    """``/investigation/<fir>/timeline/``: every event of the case in order, with who did it."""

    def get(self, request, pk):
        return render(request, "investigation/timeline.html", {"fir": self.fir, "items": case_timeline(self.fir, request.user)})


class CaseFileView(CaseMixin, View):
    """``/investigation/<fir>/files/<id>/``: download a file of the case. Statements of the Case
    Diary only to its readers; IIF-2 photos only to the case's officers."""

    def get(self, request, pk, file_id):
        f = get_object_or_404(CaseFile, pk=file_id, fir=self.fir)
        allowed = cd.can_read_case_diary(request.user, self.fir) if f.diary_entry_id else _case_officer(request.user, self.fir)
        if not allowed:
            raise PermissionDenied
        return FileResponse(f.file.open("rb"), as_attachment=True, filename=f.original_name,
                            content_type=f.content_type or "application/octet-stream")


class DocumentView(CaseMixin, View):
    """``/investigation/<fir>/crime-details/pdf/<lang>/`` and ``…/final-report/<id>/pdf/<lang>/``:
    IIF-2 and IIF-5 in English or Hindi (only to the case's officers)."""

    def get(self, request, pk, language, report_id=None):
        from . import documents

        if language not in ("en", "hi"):
            raise Http404
        if not _case_officer(request.user, self.fir):
            raise PermissionDenied
        if report_id is None:
            record = iif2.current_crime_details(self.fir)
            if record is None:
                raise Http404
            _issue, pdf = documents.issue_crime_details(record, request.user, language)
        else:
            record = get_object_or_404(FinalReport, pk=report_id, fir=self.fir)
            _issue, pdf = documents.issue_final_report(record, request.user, language)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{documents.filename(record, language)}"'
        return response

