"""Pages of the citizen portal (``/citizen/``): thin views over :mod:`cctns.portal.services`.

Citizen pages read the citizen from the portal session (:mod:`cctns.portal.auth`) and look
every application up *with* ``citizen=request.citizen``, so another citizen's number gives 404.
Public pages (status, FIR search) are rate-limited per address and show only what the
services allow. Police pages (``/citizen/police/…``) need a signed-in police user and are
scoped by jurisdiction (``for_user``).
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_ratelimit.decorators import ratelimit

from cctns.core.constants import UnitKind
from cctns.core.models import Unit
from cctns.registration.documents import fir_copy_filename, issue_fir_copy
from cctns.registration.forms import route_errors, service_errors
from cctns.registration.models import FIR
from cctns.registration.validation import attachment_max_bytes

from . import forms
from .auth import citizen_required, current_citizen, login_citizen, logout_citizen
from .documents import document_available, issue_acknowledgement, issue_certificate
from .models import (
    EFIR,
    Citizen,
    ComplaintFiling,
    EFIRStatus,
    LostArticleReport,
    PermissionRequest,
    VehicleNOC,
    VerificationRequest,
)
from .services import efir as efir_services
from .services import otp
from .services import publication as pub
from .services import requests as requests_services
from .services.complaints import file_complaint
from .services.stations import nearest_stations, suggest_stations
from .services.status import applications_of, report_for, track

PENDING_KEY = "cctns_portal_pending_mobile"


def _otp_ip_rate(group, request):
    return getattr(settings, "CCTNS_PORTAL_OTP_IP_RATE", "10/h")


def _public_rate(group, request):
    return getattr(settings, "CCTNS_PORTAL_PUBLIC_RATE", "30/m")


def _language(request) -> str:
    lang = translation.get_language() or "en"
    return "hi" if lang.startswith("hi") else "en"


def _pdf(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def home(request):
    return render(request, "portal/home.html", {"citizen": current_citizen(request)})


# --- sign-in -----------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=_otp_ip_rate, method="POST", block=True)
def login(request):
    """Step 1: the mobile number; a code is sent by SMS (rate limits: :mod:`services.otp`)."""
    form = forms.LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        mobile = form.cleaned_data["mobile"]
        try:
            otp.request_code(mobile, client_ip=request.META.get("REMOTE_ADDR"), language=_language(request))
        except ValidationError as exc:
            route_errors(form, service_errors(exc))
        else:
            request.session[PENDING_KEY] = mobile
            nxt = request.GET.get("next", "")
            return redirect(reverse("portal:verify_code") + (f"?next={nxt}" if nxt else ""))
    return render(request, "portal/login.html", {"form": form})


@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=_otp_ip_rate, method="POST", block=True)
def verify_code(request):
    """Step 2: the code; on success the citizen is signed in (an account is made on first use)."""
    mobile = request.session.get(PENDING_KEY)
    if not mobile:
        return redirect("portal:login")
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ok = otp.check_code(mobile, form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc.error_dict["mobile"][0])
        else:
            if ok:
                citizen, _created = Citizen.objects.get_or_create(mobile=mobile, defaults={"language": _language(request)})
                if not citizen.is_active:
                    form.add_error("code", _("This account is deactivated."))
                else:
                    request.session.pop(PENDING_KEY, None)
                    login_citizen(request, citizen)
                    nxt = request.GET.get("next", "")
                    if nxt and url_has_allowed_host_and_scheme(nxt, {request.get_host()}) and nxt.startswith("/citizen/"):
                        return redirect(nxt)
                    return redirect("portal:my")
            else:
                form.add_error("code", _("The code is wrong or has expired. Check the SMS or ask for a new code."))
    return render(request, "portal/verify_code.html", {"form": form, "masked": f"{mobile[:2]}******{mobile[-2:]}"})


@require_POST
def logout(request):
    logout_citizen(request)
    return redirect("portal:home")


@citizen_required
def profile(request):
    citizen = request.citizen
    form = forms.ProfileForm(request.POST or None, initial={"name": citizen.name, "email": citizen.email})
    if request.method == "POST" and form.is_valid():
        citizen.name, citizen.email = form.cleaned_data["name"], form.cleaned_data["email"]
        citizen.language = _language(request)
        citizen.save(update_fields=["name", "email", "language"])
        return redirect("portal:my")
    return render(request, "portal/profile.html", {"form": form, "citizen": citizen})


@citizen_required
def my_applications(request):
    reports = [report_for(app) for app in applications_of(request.citizen)]
    return render(request, "portal/my.html", {"reports": reports, "citizen": request.citizen})


# --- complaints and e-FIR ----------------------------------------------------------------------

def _station_form(form_class, request, **kwargs):
    """Bind ``form_class``; when a district is chosen the stations narrow to it, ordered by the
    place typed (the "Suggest stations" button re-shows the form with that order)."""
    data = request.POST if request.method == "POST" else None
    district = None
    place = ""
    if data is not None:
        place = data.get("place", "")
        try:
            district = Unit.objects.filter(kind=UnitKind.DISTRICT, pk=int(data.get("district") or 0)).first()
        except ValueError:
            district = None
    stations = suggest_stations(district, place, limit=500) if (district or place) else None
    files = request.FILES if request.method == "POST" else None
    form = form_class(data, files, stations=stations, **kwargs) if files is not None else form_class(data, stations=stations, **kwargs)
    if stations and data is not None and "suggest" in data:
        form.suggested = stations[:3]
    return form


@citizen_required
@require_http_methods(["GET", "POST"])
def complaint_new(request):
    form = _station_form(forms.ComplaintForm, request)
    if request.method == "POST" and "suggest" not in request.POST and form.is_valid():
        try:
            filing = file_complaint(request.citizen, form.cleaned_data["police_station"], form.filing_data(),
                                    attachments=form.cleaned_data.get("attachments") or [], language=_language(request))
        except ValidationError as exc:
            route_errors(form, service_errors(exc))
        else:
            return redirect("portal:application", reference=filing.reference)
    return render(request, "portal/complaint_form.html", {
        "form": form, "max_mb": round(attachment_max_bytes() / 1024 / 1024, 1)})


@citizen_required
@require_http_methods(["GET", "POST"])
def efir_new(request):
    form = _station_form(forms.EFIRForm, request)
    if request.method == "POST" and "suggest" not in request.POST and form.is_valid():
        try:
            efir = efir_services.submit_efir(request.citizen, form.cleaned_data["police_station"], form.filing_data(),
                                             accused_unknown=form.cleaned_data["accused_unknown"], language=_language(request))
        except ValidationError as exc:
            route_errors(form, service_errors(exc))
        else:
            return redirect("portal:application", reference=efir.reference)
    return render(request, "portal/efir_form.html", {"form": form, "offences": efir_services.enabled_offences(),
                                                     "sign_days": efir_services.SIGN_DAYS})


def _own_application(request, reference: str):
    """The signed-in citizen's application ``reference``; 404 for anyone else's (IDOR)."""
    from .services.status import _TRACKED

    for model, prefix in _TRACKED:
        if reference.startswith(prefix + "-"):
            app = model.objects.select_related("police_station").filter(reference=reference, citizen=request.citizen).first()
            if app is not None:
                return app
    raise Http404


@citizen_required
def application(request, reference):
    app = _own_application(request, reference)
    return render(request, "portal/application.html", {
        "report": report_for(app), "app": app, "has_ack": isinstance(app, ComplaintFiling | EFIR),
        "has_document": not isinstance(app, ComplaintFiling | EFIR) and document_available(app)})


@citizen_required
def acknowledgement_pdf(request, reference):
    app = _own_application(request, reference)
    if not isinstance(app, ComplaintFiling | EFIR):
        raise Http404
    language = _language(request)
    _issue, pdf = issue_acknowledgement(app, language)
    return _pdf(pdf, f"{app.reference}-{language}.pdf")


@citizen_required
def informant_fir_copy(request, reference):
    """The informant's free copy of the FIR (BNSS s.173(2)) of their own e-FIR or complaint."""
    app = _own_application(request, reference)
    report = report_for(app)
    if report.fir is None:
        raise Http404
    language = _language(request)
    _issue, pdf = issue_fir_copy(report.fir, None, language)
    return _pdf(pdf, fir_copy_filename(report.fir, language))


# --- public ------------------------------------------------------------------------------------

@ratelimit(key="ip", rate=_public_rate, method=["GET", "POST"], block=True)
@require_http_methods(["GET", "POST"])
def status(request):
    """Status by acknowledgement or FIR number plus the registered mobile (no sign-in)."""
    form = forms.TrackForm(request.POST or None)
    report = None
    searched = False
    if request.method == "POST" and form.is_valid():
        searched = True
        report = track(form.cleaned_data["number"], form.cleaned_data["mobile"])
    return render(request, "portal/status.html", {"form": form, "report": report, "searched": searched})


@ratelimit(key="ip", rate=_public_rate, method="GET", block=True)
def fir_search(request):
    """Published FIRs (:func:`services.publication.published_firs`): no sign-in, no person named."""
    form = forms.FIRSearchForm(request.GET or None)
    results = None
    if request.GET and form.is_valid():
        qs = pub.published_firs().select_related("police_station")
        cd = form.cleaned_data
        if cd.get("district"):
            qs = qs.filter(police_station__path__startswith=cd["district"].path)
        if cd.get("police_station"):
            qs = qs.filter(police_station=cd["police_station"])
        if cd.get("number"):
            qs = qs.filter(number=cd["number"].strip())
        if cd.get("registered_from"):
            qs = qs.filter(registered_at__date__gte=cd["registered_from"])
        if cd.get("registered_to"):
            qs = qs.filter(registered_at__date__lte=cd["registered_to"])
        results = list(qs.prefetch_related("sections__section__act").order_by("-registered_at")[:50])
    return render(request, "portal/fir_search.html", {"form": form, "results": results})


@ratelimit(key="ip", rate=_public_rate, method="GET", block=True)
def public_fir_copy(request, key):
    """A copy of a published FIR, with the QR code; 404 for anything not published."""
    fir = pub.published_firs().filter(national_key=key).first()
    if fir is None:
        raise Http404
    language = _language(request)
    _issue, pdf = issue_fir_copy(fir, None, language)
    return _pdf(pdf, fir_copy_filename(fir, language))


# --- police side -------------------------------------------------------------------------------

@login_required
def police_efirs(request):
    """e-FIRs of the officer's jurisdiction, those awaiting signature first."""
    qs = EFIR.objects.for_user(request.user).select_related("police_station", "fir").order_by("status", "sign_by")
    return render(request, "portal/police_efirs.html", {"efirs": qs[:200]})


@login_required
@require_http_methods(["GET", "POST"])
def police_efir(request, pk):
    efir = get_object_or_404(EFIR.objects.for_user(request.user).select_related("police_station", "citizen", "fir"), pk=pk)
    form = forms.SignEFIRForm(request.POST or None)
    if request.method == "POST" and efir.status == EFIRStatus.SUBMITTED and form.is_valid():
        try:
            fir = efir_services.sign_efir(efir, request.user, delay_reason=form.cleaned_data["delay_reason"])
        except PermissionDenied:
            raise
        except ValidationError as exc:
            route_errors(form, service_errors(exc))
        else:
            return redirect("registration:fir_detail", pk=fir.pk)
    offence = efir_services.OFFENCES.get(efir.offence)
    return render(request, "portal/police_efir.html", {"efir": efir, "form": form, "offence": offence})


@login_required
@require_http_methods(["GET", "POST"])
def police_fir_publication(request, pk):
    """Publication state of an FIR; an officer of DSP rank or above withholds or releases it."""
    fir = get_object_or_404(FIR.objects.for_user(request.user).select_related("police_station"), pk=pk)
    form = forms.ReasonForm(request.POST or None)
    allowed = pub.can_withhold(request.user, fir)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied
        if form.is_valid():
            action = pub.lift_withholding if pub.current_withholding(fir) else pub.withhold_fir
            try:
                action(fir, request.user, form.cleaned_data["reason"])
            except ValidationError as exc:
                route_errors(form, service_errors(exc))
            else:
                return redirect("portal:police_fir_publication", pk=fir.pk)
    return render(request, "portal/police_publication.html", {
        "fir": fir, "form": form, "allowed": allowed, "state": pub.publication_status(fir),
        "withholding": pub.current_withholding(fir), "history": fir.withholdings.select_related("decided_by"),
        "Publication": pub.Publication,
    })



# --- verification, permissions, lost articles ----------------------------------------------------

@citizen_required
@require_http_methods(["GET", "POST"])
def verification_new(request):
    """A verification request. "Send consent code" (a submit button) texts the person verified a
    code; the request is then filed with that code, or with an uploaded signed consent."""
    form = _station_form(forms.VerificationForm, request)
    sent = False
    if request.method == "POST" and "send_consent" in request.POST:
        mobile = request.POST.get("subject_mobile", "")
        try:
            requests_services.request_consent_code(request.citizen, mobile, language=_language(request))
            sent = True
        except ValidationError as exc:
            form.is_valid()
            form.errors.pop("consent_file", None)
            for message in exc.message_dict.get("mobile", []):
                form.add_error("subject_mobile", message)
    elif request.method == "POST" and "suggest" not in request.POST and form.is_valid():
        try:
            req = requests_services.submit_verification(
                request.citizen, form.cleaned_data["police_station"], form.filing_data(),
                consent_file=form.cleaned_data.get("consent_file"), consent_code=form.cleaned_data.get("consent_code", ""),
                language=_language(request))
        except ValidationError as exc:
            route_errors(form, service_errors(exc))
        else:
            return redirect("portal:application", reference=req.reference)
    return render(request, "portal/verification_form.html", {
        "form": form, "sent": sent, "sla_days": requests_services.sla_days()})


def _simple_new(request, form_class, submit, template):
    form = _station_form(form_class, request)
    if request.method == "POST" and "suggest" not in request.POST and form.is_valid():
        try:
            app = submit(request.citizen, form.cleaned_data["police_station"], form.filing_data(), language=_language(request))
        except ValidationError as exc:
            route_errors(form, service_errors(exc))
        else:
            return redirect("portal:application", reference=app.reference)
    return render(request, template, {"form": form})


@citizen_required
@require_http_methods(["GET", "POST"])
def permission_new(request):
    return _simple_new(request, forms.PermissionForm, requests_services.submit_permission, "portal/permission_form.html")


@citizen_required
@require_http_methods(["GET", "POST"])
def lost_new(request):
    return _simple_new(request, forms.LostArticleForm, requests_services.report_lost_article, "portal/lost_form.html")


@citizen_required
def certificate_pdf(request, reference):
    """The certificate / permission letter / lost-article receipt of the citizen's own application."""
    app = _own_application(request, reference)
    if not document_available(app):
        raise Http404
    language = _language(request)
    _issue, pdf = issue_certificate(app, language)
    return _pdf(pdf, f"{app.reference}-{language}.pdf")


@ratelimit(key="ip", rate=_public_rate, method="GET", block=True)
def nearest_station(request):
    """Locate the police station: by coordinates (reference data with coordinates), else the
    district's stations ordered by the place typed."""
    form = forms.NearestForm(request.GET or None)
    by_distance, stations = None, None
    if request.GET and form.is_valid():
        cd = form.cleaned_data
        if cd.get("latitude") is not None and cd.get("longitude") is not None:
            by_distance = nearest_stations(cd["latitude"], cd["longitude"])
        if not by_distance:
            stations = suggest_stations(cd.get("district"), cd.get("place") or "", limit=10)
    return render(request, "portal/nearest.html", {"form": form, "by_distance": by_distance, "stations": stations})


# --- police side: requests ------------------------------------------------------------------------

@login_required
def police_requests(request):
    """Verification and permission requests and lost-article reports of the jurisdiction."""
    return render(request, "portal/police_requests.html", {
        "verifications": VerificationRequest.objects.for_user(request.user).select_related("police_station").order_by("status", "due_by")[:200],
        "permissions": PermissionRequest.objects.for_user(request.user).select_related("police_station").order_by("status", "starts_at")[:200],
        "lost": LostArticleReport.objects.for_user(request.user).select_related("police_station")[:200],
        "nocs": VehicleNOC.objects.for_user(request.user).select_related("police_station")[:200],
    })


@login_required
@require_http_methods(["GET", "POST"])
def police_verification(request, pk):
    req = get_object_or_404(VerificationRequest.objects.for_user(request.user).select_related("police_station", "citizen"), pk=pk)
    form = forms.CompleteVerificationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            requests_services.complete_verification(req, request.user, form.cleaned_data["result"], form.cleaned_data["remarks"])
        except ValidationError as exc:
            route_errors(form, service_errors(exc))
        else:
            return redirect("portal:police_verification", pk=req.pk)
    records = req.records_checked if req.status != "submitted" else requests_services.check_records(req, request.user)
    return render(request, "portal/police_verification.html", {"req": req, "form": form, "records": records})


@login_required
@require_http_methods(["GET", "POST"])
def police_permission(request, pk):
    req = get_object_or_404(PermissionRequest.objects.for_user(request.user).select_related("police_station", "citizen"), pk=pk)
    form = forms.DecidePermissionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            requests_services.decide_permission(req, request.user, granted=form.cleaned_data["decision"] == "grant",
                                                conditions=form.cleaned_data["conditions"], reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            route_errors(form, service_errors(exc))
        else:
            return redirect("portal:police_permission", pk=req.pk)
    return render(request, "portal/police_permission.html", {"req": req, "form": form})


@citizen_required
@require_http_methods(["GET", "POST"])
def noc_new(request):
    return _simple_new(request, forms.VehicleNOCForm, requests_services.apply_vehicle_noc, "portal/noc_form.html")


@ratelimit(key="ip", rate=_public_rate, method="GET", block=True)
def vehicle_search(request):
    """Stolen or lost, and recovered or unclaimed, vehicles (the property register's public
    projections: no owner, chassis, engine number or FIR)."""
    from cctns.property.services import public_recovered_vehicles, public_stolen_vehicles

    form = forms.VehicleSearchForm(request.GET or None)
    rows = None
    if request.GET and form.is_valid():
        cd = form.cleaned_data
        source = public_stolen_vehicles if cd["which"] == "stolen" else public_recovered_vehicles
        rows = list(source(registration_number=cd.get("registration_number") or "", station=cd.get("district"))[:100])
    return render(request, "portal/vehicle_search.html", {"form": form, "rows": rows})


@ratelimit(key="ip", rate=_public_rate, method="GET", block=True)
def proclaimed_offenders(request):
    """Proclaimed offenders (:func:`services.public.public_proclaimed_offenders`): no sign-in."""
    from .services.public import public_proclaimed_offenders

    form = forms.OffenderSearchForm(request.GET or None)
    rows = None
    if request.GET and form.is_valid():
        rows = public_proclaimed_offenders(name=form.cleaned_data.get("name") or "", district=form.cleaned_data.get("district"))
    return render(request, "portal/offenders.html", {"form": form, "rows": rows})


def forms_page(request):
    return render(request, "portal/forms.html")


BLANK_FORMS = {"consent": "portal/print/consent_form.html"}


def blank_form(request, name):
    """A blank form as PDF in the language in use (no QR: it is not an issued document)."""
    from cctns.documents.pdf import render_pdf

    from .models import VerificationKind

    template = BLANK_FORMS.get(name)
    if template is None:
        raise Http404
    language = _language(request)
    pdf = render_pdf(template, {"kinds": [k for k in VerificationKind], "letterhead": {"police": ""},
                                "document": {}}, language=language)
    return _pdf(pdf, f"{name}-{language}.pdf")
