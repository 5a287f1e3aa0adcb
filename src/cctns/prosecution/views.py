"""Court pages (under ``/court/``): the court cases of the user's jurisdiction, a case's page with
its hearings calendar, orders, process, disposals (IIF-6) and appeals (IIF-7) and the forms to
record each, the station's calendar of upcoming hearings, and the IIF-6 / IIF-7 PDFs.

Views are thin: records are read through ``for_user`` (outside the jurisdiction: 404); each form
calls one service (:mod:`cctns.prosecution.services`), which checks the permission (403) and the
rules; a refused form is shown again on the case page with its input and the error next to the
field (400).

| URL | page |
|---|---|
| ``/court/`` | court cases (filter by status, search by number) |
| ``/court/calendar/`` | upcoming hearings of a station (``?station=<code>&days=<n>``) |
| ``/court/firs/<fir id>/new/`` | register the FIR's case in a court |
| ``/court/<id>/`` | the case page |
| ``/court/<id>/<action>/`` | POST: cognizance, hearing, bail, remand, order, warrant, summons, disposal, appeal |
| ``/court/hearings/<id>/record/``, ``/court/process/<warrant|summons>/<id>/return/``, ``/court/appeals/<id>/result/`` | POST: record a hearing, a process's return, an appeal's result |
| ``/court/<id>/iif6/<en|hi>/``, ``/court/<id>/iif7/<en|hi>/`` | the IIF-6 and IIF-7 PDFs |
"""

import datetime

import rules
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from cctns.core.constants import UnitKind
from cctns.core.models import Unit
from cctns.core.views_base import ScopedDetailView, ScopedListView
from cctns.investigation import lifecycle
from cctns.registration.constants import FIRStatus
from cctns.registration.forms import route_errors, service_errors
from cctns.registration.models import FIR

from . import forms as f
from . import services
from .constants import AppealResult, CourtCaseStatus, HearingOutcome, ProcessStatus
from .documents import DOCUMENTS, document_filename, issue_court_document
from .models import Appeal, CourtCase, Disposal, Hearing, Summons, Warrant
from .services import status as status_service
from .services.common import today

CASE_RELATED = ("fir__police_station", "fir__io", "created_by")


class CourtCaseListView(ScopedListView):
    """``/court/``: court cases of the user's jurisdiction, newest first, with the next date."""

    model = CourtCase
    template_name = "prosecution/case_list.html"
    context_object_name = "cases"

    def get_queryset(self):
        qs = super().get_queryset().select_related(*CASE_RELATED)
        status = self.request.GET.get("status")
        if status in CourtCaseStatus.values:
            qs = qs.filter(status=status)
        q = (self.request.GET.get("q") or "").strip()
        if q:
            qs = qs.filter(Q(case_number__icontains=q) | Q(cnr_number__iexact=q) | Q(fir__number__icontains=q)
                           | Q(court_name__icontains=q))
        return qs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        cases = list(ctx["cases"])
        upcoming = {}
        for h in (Hearing.objects.filter(court_case__in=cases, outcome=HearingOutcome.SCHEDULED, superseded_at__isnull=True)
                  .order_by("-date")):
            upcoming[h.court_case_id] = h
        ctx.update(rows=[(c, upcoming.get(c.pk)) for c in cases], statuses=CourtCaseStatus.choices,
                   status=self.request.GET.get("status", ""), q=self.request.GET.get("q", ""))
        return ctx


class HearingCalendarView(LoginRequiredMixin, View):
    """``/court/calendar/``: the case calendar of a station: every scheduled hearing of its pending
    cases from today for ``days`` days (default 30), by date."""

    def get(self, request):
        stations = Unit.objects.for_user(request.user).police_stations().order_by("name")
        code = request.GET.get("station") or ""
        station = stations.filter(code=code).first() if code else None
        if station is None and request.user.unit_id and request.user.unit.kind in (UnitKind.POLICE_STATION, UnitKind.OUTPOST):
            unit = request.user.unit
            station = unit if unit.kind == UnitKind.POLICE_STATION else unit.parent
        try:
            days = max(1, min(int(request.GET.get("days", 30)), 366))
        except ValueError:
            days = 30
        qs = Hearing.objects.for_user(request.user)
        if station is not None:
            qs = qs.filter(court_case__fir__police_station=station)
        start = today()
        rows = list(services.hearings_calendar(qs, start=start, days=days))
        by_day: dict[datetime.date, list] = {}
        for h in rows:
            by_day.setdefault(h.date, []).append(h)
        return render(request, "prosecution/calendar.html", {
            "station": station, "stations": stations[:500], "days": days, "start": start,
            "by_day": sorted(by_day.items()),
        })


class CourtCaseCreateView(LoginRequiredMixin, View):
    """``/court/firs/<fir id>/new/``: register the FIR's case in a court."""

    def get_fir(self, request, fir_pk):
        return get_object_or_404(FIR.objects.for_user(request.user, "change").select_related("police_station"), pk=fir_pk)

    def get(self, request, fir_pk):
        fir = self.get_fir(request, fir_pk)
        return render(request, "prosecution/case_form.html", {"fir": fir, "form": f.CourtCaseForm(fir=fir)})

    def post(self, request, fir_pk):
        fir = self.get_fir(request, fir_pk)
        form = f.CourtCaseForm(request.POST, fir=fir)
        if form.is_valid():
            cd = form.cleaned_data
            try:
                case = services.register_court_case(
                    fir, request.user, court_name=cd["court_name"], case_number=cd["case_number"],
                    cnr_number=cd.get("cnr_number", ""), court_establishment=cd.get("court_establishment", ""),
                    cognizance_on=cd.get("cognizance_on"), public_prosecutor=cd.get("public_prosecutor", ""),
                    accused=list(cd["accused"]) or None, remarks=cd.get("remarks", ""),
                )
            except ValidationError as exc:
                route_errors(form, service_errors(exc))
            else:
                messages.success(request, _("Court case %(number)s recorded.") % {"number": case.case_number})
                return redirect("prosecution:case_detail", case.pk)
        return render(request, "prosecution/case_form.html", {"fir": fir, "form": form}, status=400)


def accused_rows(user, case: CourtCase) -> list[dict]:
    """Each accused facing trial with their current disposal, appeals, and whether ``user`` may
    see the name (JJ Act s.74)."""
    disposals = {d.accused_id: d for d in case.disposals.filter(superseded_at__isnull=True).prefetch_related("convicted_sections__act")}
    appeals: dict[int, list] = {}
    for a in case.appeals.filter(superseded_at__isnull=True):
        appeals.setdefault(a.accused_id, []).append(a)
    return [{"accused": a, "visible": services.can_see_accused(user, case, a), "disposal": disposals.get(a.pk),
             "appeals": appeals.get(a.pk, [])} for a in case.accused.order_by("order")]


class CourtCaseDetailView(ScopedDetailView):
    """``/court/<id>/``: the case, its hearings (calendar), orders, process, disposals and appeals,
    and the forms the user may use."""

    model = CourtCase
    template_name = "prosecution/case_detail.html"
    context_object_name = "case"
    forms: dict = {}

    def get_queryset(self):
        return super().get_queryset().select_related(*CASE_RELATED)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        case, user = self.object, self.request.user
        can_record = rules.has_perm("prosecution.record_court", user, case)
        pending = case.status == CourtCaseStatus.PENDING
        forms = {
            "cognizance": f.CognizanceForm(prefix="cognizance"),
            "hearing": f.ScheduleHearingForm(prefix="hearing", court_case=case),
            "record": f.RecordHearingForm(prefix="record", court_case=case),
            "bail": f.BailOrderForm(prefix="bail", court_case=case),
            "remand": f.RemandOrderForm(prefix="remand", court_case=case),
            "order": f.CourtOrderForm(prefix="order", court_case=case),
            "warrant": f.WarrantForm(prefix="warrant", court_case=case),
            "summons": f.SummonsForm(prefix="summons", court_case=case),
            "process_return": f.ProcessReturnForm(prefix="return"),
            "disposal": f.DisposalForm(prefix="disposal", court_case=case),
            "appeal": f.AppealForm(prefix="appeal", court_case=case),
            "appeal_result": f.AppealResultForm(prefix="result", court_case=case),
        }
        forms.update(self.forms)
        hearings = list(case.hearings.select_related("recorded_by").order_by("date", "id"))
        rows = accused_rows(user, case)
        if rules.has_perm("prosecution.correct_court", user, case):
            for r in rows:
                d = r["disposal"]
                if d is not None:
                    bound = self.forms.get("correct_disposal")
                    r["correct_form"] = bound if bound is not None and bound.prefix == f"correct-{d.pk}" else (
                        f.DisposalCorrectionForm(prefix=f"correct-{d.pk}", court_case=case, instance=d,
                                                 initial={"convicted_sections": list(d.convicted_sections.all())}))
        wanted = status_service.wanted_status(case.fir)
        ctx.update(
            status_to_confirm=FIRStatus(wanted).label if wanted and lifecycle.may(user, case.fir, wanted) else None,
            fir=case.fir, forms=forms, can_record=can_record, pending=pending,
            hearings=hearings, next_hearing=services.next_hearing(case),
            record_hearing=next((h for h in hearings if h.is_current and not h.is_held and h.date <= today()), None),
            bail_orders=list(case.bail_orders.select_related("accused")),
            remand_orders=list(case.remand_orders.select_related("accused")),
            orders=list(case.orders.all()),
            warrants=list(case.warrants.select_related("accused")), summonses=list(case.summonses.select_related("accused")),
            accused_rows=rows, undisposed=[r for r in rows if r["disposal"] is None],
            disposed=[r for r in rows if r["disposal"] is not None],
            pending_appeals=[a for r in rows for a in r["appeals"] if a.result == AppealResult.PENDING],
            documents=DOCUMENTS, any_disposal=any(r["disposal"] for r in rows),
            any_appeal=any(r["appeals"] for r in rows),
        )
        return ctx


class CaseActionView(LoginRequiredMixin, View):
    """A POST form on a court case: look the case up in the user's jurisdiction (404), validate
    the form, call the service; on an error show the case page again with the form (400)."""

    http_method_names = ["post"]
    form_class = None
    form_name = ""
    prefix = None

    def get_target(self, request, pk):
        return get_object_or_404(CourtCase.objects.for_user(request.user, "change").select_related(*CASE_RELATED), pk=pk)

    def case_of(self, target) -> CourtCase:
        return target

    def make_form(self, case):
        kwargs = {"prefix": self.prefix or self.form_name, "data": self.request.POST}
        if issubclass(self.form_class, f.CourtModelForm):
            kwargs["court_case"] = case
        return self.form_class(**kwargs)

    def post(self, request, pk):
        target = self.get_target(request, pk)
        case = self.case_of(target)
        form = self.make_form(case)
        if form.is_valid():
            try:
                text = self.act(target, case, form.cleaned_data)
            except ValidationError as exc:
                route_errors(form, service_errors(exc))
            else:
                messages.success(request, text)
                return redirect("prosecution:case_detail", case.pk)
        view = CourtCaseDetailView(request=request, kwargs={"pk": case.pk}, forms={self.form_name: form})
        view.object = get_object_or_404(view.get_queryset(), pk=case.pk)
        return render(request, view.template_name, view.get_context_data(object=view.object), status=400)


class CognizanceView(CaseActionView):
    form_class, form_name = f.CognizanceForm, "cognizance"

    def act(self, target, case, cd):
        services.record_cognizance(case, self.request.user, cognizance_on=cd["cognizance_on"],
                                   public_prosecutor=cd.get("public_prosecutor") or None)
        return _("Cognizance recorded.")


class ScheduleHearingView(CaseActionView):
    form_class, form_name = f.ScheduleHearingForm, "hearing"

    def act(self, target, case, cd):
        h = services.schedule_hearing(case, self.request.user, date=cd["date"], purpose=cd["purpose"],
                                      purpose_text=cd.get("purpose_text", ""))
        return _("Hearing listed on %(date)s.") % {"date": h.date.strftime("%d-%m-%Y")}


class RecordHearingView(CaseActionView):
    form_class, form_name = f.RecordHearingForm, "record"

    def get_target(self, request, pk):
        return get_object_or_404(Hearing.objects.for_user(request.user, "change").select_related("court_case"), pk=pk)

    def case_of(self, target):
        return target.court_case

    def act(self, target, case, cd):
        services.record_hearing(target, self.request.user, outcome=cd["outcome"], proceedings=cd.get("proceedings", ""),
                                next_date=cd.get("next_date"), next_purpose=cd.get("next_purpose", ""))
        return _("Hearing recorded.")


class BailOrderView(CaseActionView):
    form_class, form_name = f.BailOrderForm, "bail"

    def act(self, target, case, cd):
        services.record_bail_order(case, self.request.user, accused=cd["accused"], order_date=cd["order_date"],
                                   decision=cd["decision"], bond_amount=cd.get("bond_amount"), sureties=cd.get("sureties"),
                                   terms=cd.get("terms", ""))
        return _("Bail order recorded.")


class RemandOrderView(CaseActionView):
    form_class, form_name = f.RemandOrderForm, "remand"

    def act(self, target, case, cd):
        services.record_remand_order(case, self.request.user, accused=cd["accused"], order_date=cd["order_date"],
                                     kind=cd["kind"], from_date=cd["from_date"], to_date=cd["to_date"], terms=cd.get("terms", ""))
        return _("Remand order recorded.")


class CourtOrderView(CaseActionView):
    form_class, form_name = f.CourtOrderForm, "order"

    def act(self, target, case, cd):
        services.record_court_order(case, self.request.user, order_date=cd["order_date"], kind=cd["kind"], terms=cd["terms"],
                                    comply_by=cd.get("comply_by"))
        return _("Order recorded.")


class WarrantView(CaseActionView):
    form_class, form_name = f.WarrantForm, "warrant"

    def act(self, target, case, cd):
        services.issue_warrant(case, self.request.user, kind=cd["kind"], person_name=cd["person_name"], accused=cd.get("accused"),
                               person_address=cd.get("person_address", ""), issued_on=cd["issued_on"],
                               returnable_on=cd.get("returnable_on"), remarks=cd.get("remarks", ""))
        return _("Warrant recorded.")


class SummonsView(CaseActionView):
    form_class, form_name = f.SummonsForm, "summons"

    def act(self, target, case, cd):
        services.issue_summons(case, self.request.user, person_role=cd["person_role"], person_name=cd["person_name"],
                               accused=cd.get("accused"), person_address=cd.get("person_address", ""),
                               issued_on=cd["issued_on"], appear_on=cd.get("appear_on"), remarks=cd.get("remarks", ""))
        return _("Summons recorded.")


class ProcessReturnView(CaseActionView):
    form_class, form_name, prefix = f.ProcessReturnForm, "process_return", "return"

    def post(self, request, kind, pk):
        self.model = {"warrant": Warrant, "summons": Summons}.get(kind)
        if self.model is None:
            raise Http404
        return super().post(request, pk)

    def get_target(self, request, pk):
        return get_object_or_404(self.model.objects.for_user(request.user, "change").select_related("court_case"),
                                 pk=pk, status=ProcessStatus.PENDING)

    def case_of(self, target):
        return target.court_case

    def act(self, target, case, cd):
        services.record_process_return(target, self.request.user, status=cd["status"], executed_on=cd.get("executed_on"),
                                       returned_on=cd.get("returned_on"), remarks=cd.get("remarks", ""))
        return _("Return recorded.")


class DisposalView(CaseActionView):
    form_class, form_name = f.DisposalForm, "disposal"

    def act(self, target, case, cd):
        d = services.record_disposal(
            case, self.request.user, accused=cd["accused"], verdict=cd["verdict"], decided_on=cd["decided_on"],
            convicted_sections=list(cd.get("convicted_sections") or []), sentence_kind=cd.get("sentence_kind") or "none",
            sentence_years=cd.get("sentence_years") or 0, sentence_months=cd.get("sentence_months") or 0,
            sentence_days=cd.get("sentence_days") or 0, fine_amount=cd.get("fine_amount"),
            age_category=cd.get("age_category") or None, remarks=cd.get("remarks", ""))
        return _("Disposal of %(code)s recorded.") % {"code": d.accused.code}


class DisposalCorrectionView(CaseActionView):
    """``POST /court/disposals/<id>/correct/``: the SHO corrects a disposal (a new row)."""

    form_class, form_name = f.DisposalCorrectionForm, "correct_disposal"

    def get_target(self, request, pk):
        return get_object_or_404(Disposal.objects.for_user(request.user, "change").select_related("court_case"),
                                 pk=pk, superseded_at__isnull=True)

    def case_of(self, target):
        return target.court_case

    def make_form(self, case):
        return self.form_class(data=self.request.POST, prefix=f"correct-{self.kwargs['pk']}", court_case=case)

    def act(self, target, case, cd):
        values = {k: cd.get(k) for k in ("verdict", "decided_on", "sentence_kind", "fine_amount", "remarks")}
        values.update({k: cd.get(k) or 0 for k in ("sentence_years", "sentence_months", "sentence_days")})
        values["sentence_kind"] = values["sentence_kind"] or "none"
        if cd.get("age_category"):
            values["age_category"] = cd["age_category"]
        d = services.correct_disposal(target, self.request.user, reason=cd["reason"],
                                      convicted_sections=list(cd.get("convicted_sections") or []), **values)
        return _("Disposal of %(code)s corrected.") % {"code": d.accused.code}


class AppealView(CaseActionView):
    form_class, form_name = f.AppealForm, "appeal"

    def act(self, target, case, cd):
        services.record_appeal(case, self.request.user, accused=cd["accused"], appellant=cd["appellant"],
                               appellate_court=cd["appellate_court"], appeal_number=cd["appeal_number"], filed_on=cd["filed_on"])
        return _("Appeal recorded.")


class AppealResultView(CaseActionView):
    form_class, form_name, prefix = f.AppealResultForm, "appeal_result", "result"

    def get_target(self, request, pk):
        return get_object_or_404(Appeal.objects.for_user(request.user, "change").select_related("court_case"), pk=pk)

    def case_of(self, target):
        return target.court_case

    def act(self, target, case, cd):
        services.record_appeal_result(target, self.request.user, result=cd["result"], result_on=cd["result_on"],
                                      result_remarks=cd.get("result_remarks", ""))
        return _("Result of the appeal recorded.")


class ConfirmStatusView(LoginRequiredMixin, View):
    """``POST /court/<id>/status/``: make the case-status move the court records call for (after an
    ICJS account recorded them; :func:`cctns.prosecution.services.status.sync`)."""

    def post(self, request, pk):
        case = get_object_or_404(CourtCase.objects.for_user(request.user, "change").select_related(*CASE_RELATED), pk=pk)
        try:
            moved = status_service.sync(case, request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            if moved:
                messages.success(request, _("Case status: %(status)s.") % {"status": FIRStatus(moved).label})
            else:
                messages.error(request, _("You may not make this change of status."))
        return redirect("prosecution:case_detail", case.pk)


class CourtDocumentView(LoginRequiredMixin, View):
    """``/court/<id>/<iif6|iif7>/<en|hi>/``: the IIF-6 court disposal or IIF-7 result of appeal as
    PDF with its verification QR code."""

    def get(self, request, pk, form, language):
        if language not in ("en", "hi") or form not in DOCUMENTS:
            raise Http404
        case = get_object_or_404(CourtCase.objects.for_user(request.user).select_related(*CASE_RELATED), pk=pk)
        try:
            _issue, pdf = issue_court_document(form, case, request.user, language)
        except ValueError as exc:
            raise Http404 from exc
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{document_filename(form, case, language)}"'
        response["Cache-Control"] = "no-store"
        return response
