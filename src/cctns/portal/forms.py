"""Forms of the citizen portal (every field labelled; errors shown beside the field)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cctns.core.constants import UnitKind
from cctns.core.models import Unit
from cctns.registration.constants import Relation, Sex
from cctns.registration.forms import MultipleFileField

from .models import LostCategory, PermissionKind, VerificationKind, VerificationResult
from .services.common import normalise_mobile
from .services.efir import enabled_offences


class MobileField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Mobile number"))
        kwargs.setdefault("max_length", 16)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}))
        kwargs.setdefault("help_text", _("10 digits, without +91 or 0."))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        try:
            return normalise_mobile(value)
        except forms.ValidationError:
            raise forms.ValidationError(_("Enter a 10-digit mobile number."), code="mobile") from None


class LoginForm(forms.Form):
    mobile = MobileField()


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Code received by SMS"), max_length=8,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


class ProfileForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail (optional)"), required=False)


class StationChoiceMixin(forms.Form):
    """District, place and police station: the station list narrows to the district chosen, and
    "Suggest stations" (a submit button, so it works without JavaScript) orders it by the place."""

    district = forms.ModelChoiceField(label=_("District"), queryset=Unit.objects.none(), required=False,
                                      empty_label=_("— any district —"))
    place = forms.CharField(label=_("Place (town, village or locality)"), max_length=200, required=False)
    police_station = forms.ModelChoiceField(label=_("Police station"), queryset=Unit.objects.none(),
                                            empty_label=_("— choose —"))

    def __init__(self, *args, stations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True).order_by("name")
        self.fields["police_station"].queryset = Unit.objects.filter(kind=UnitKind.POLICE_STATION, is_active=True)
        if stations is not None:
            self.fields["police_station"].choices = [("", _("— choose —"))] + [(s.pk, s.name) for s in stations]


class ComplaintForm(StationChoiceMixin):
    complainant_name = forms.CharField(label=_("Your name"), max_length=200)
    complainant_relative_name = forms.CharField(label=_("Father's / husband's name"), max_length=200, required=False)
    complainant_relation = forms.ChoiceField(label=_("Relation"), choices=[("", "—"), *Relation.choices], required=False)
    complainant_sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    complainant_age = forms.IntegerField(label=_("Age (years)"), min_value=0, max_value=130, required=False)
    complainant_address = forms.CharField(label=_("Your address"), widget=forms.Textarea(attrs={"rows": 3}))
    complainant_email = forms.EmailField(label=_("E-mail (optional)"), required=False)
    subject = forms.CharField(label=_("Subject"), max_length=300, required=False)
    narrative = forms.CharField(label=_("Your complaint"), widget=forms.Textarea(attrs={"rows": 8}),
                                help_text=_("Write what happened, in any language."))
    occurrence_date = forms.DateField(label=_("Date of the incident"), required=False,
                                      widget=forms.DateInput(attrs={"type": "date"}))
    place_address = forms.CharField(label=_("Place of the incident"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    attachments = MultipleFileField(label=_("Attachments (optional)"),
                                    help_text=_("PDF, JPEG or PNG files, each up to the size limit shown."))

    FILING = ["complainant_name", "complainant_relative_name", "complainant_relation", "complainant_sex",
              "complainant_age", "complainant_address", "complainant_email", "subject", "narrative",
              "occurrence_date", "place_address"]

    def filing_data(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in self.FILING}


class EFIRForm(StationChoiceMixin):
    offence = forms.ChoiceField(label=_("What was stolen"))
    accused_unknown = forms.BooleanField(label=_("I do not know who committed the theft"), required=False)
    informant_name = forms.CharField(label=_("Your name"), max_length=200)
    informant_relative_name = forms.CharField(label=_("Father's / husband's name"), max_length=200, required=False)
    informant_age = forms.IntegerField(label=_("Age (years)"), min_value=0, max_value=130, required=False)
    informant_sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    informant_address = forms.CharField(label=_("Your address"), widget=forms.Textarea(attrs={"rows": 3}))
    occurrence_from = forms.DateTimeField(label=_("When it happened (from)"),
                                          widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    occurrence_to = forms.DateTimeField(label=_("When it happened (to)"), required=False,
                                        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    place_address = forms.CharField(label=_("Where it happened"), widget=forms.Textarea(attrs={"rows": 2}))
    property_description = forms.CharField(label=_("Description of what was stolen"), widget=forms.Textarea(attrs={"rows": 3}))
    property_value = forms.DecimalField(label=_("Approximate value (₹)"), min_value=0, max_digits=12, decimal_places=2, required=False)
    vehicle_registration = forms.CharField(label=_("Vehicle registration number"), max_length=20, required=False)
    vehicle_chassis = forms.CharField(label=_("Chassis number"), max_length=30, required=False)
    vehicle_engine = forms.CharField(label=_("Engine number"), max_length=30, required=False)
    narrative = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 6}))

    FILING = ["offence", "informant_name", "informant_relative_name", "informant_age", "informant_sex",
              "informant_address", "occurrence_from", "occurrence_to", "place_address", "property_description",
              "property_value", "vehicle_registration", "vehicle_chassis", "vehicle_engine", "narrative"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offence"].choices = [(o.code, o.label) for o in enabled_offences()]
        for name in ("occurrence_from", "occurrence_to"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]

    def filing_data(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in self.FILING}


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Acknowledgement or FIR number"), max_length=30)
    mobile = MobileField(label=_("Registered mobile number"))


class FIRSearchForm(forms.Form):
    district = forms.ModelChoiceField(label=_("District"), queryset=Unit.objects.none(), required=False,
                                      empty_label=_("— any district —"))
    police_station = forms.ModelChoiceField(label=_("Police station"), queryset=Unit.objects.none(), required=False,
                                            empty_label=_("— any —"))
    number = forms.CharField(label=_("FIR number"), max_length=20, required=False, help_text=_("For example 0042/2026."))
    registered_from = forms.DateField(label=_("Registered from"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    registered_to = forms.DateField(label=_("Registered to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True).order_by("name")
        self.fields["police_station"].queryset = Unit.objects.filter(kind=UnitKind.POLICE_STATION, is_active=True).order_by("name")


class SignEFIRForm(forms.Form):
    confirm = forms.BooleanField(label=_("The informant has read the e-FIR and signed it before me"))
    delay_reason = forms.CharField(label=_("Reasons for delay in reporting (if any)"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class VerificationForm(StationChoiceMixin):
    kind = forms.ChoiceField(label=_("Kind of verification"), choices=VerificationKind.choices)
    subject_name = forms.CharField(label=_("Name of the person to be verified"), max_length=200)
    subject_relative_name = forms.CharField(label=_("Father's / husband's name"), max_length=200, required=False)
    subject_age = forms.IntegerField(label=_("Age (years)"), min_value=0, max_value=130, required=False)
    subject_sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    subject_address = forms.CharField(label=_("Address of the person to be verified"), widget=forms.Textarea(attrs={"rows": 3}),
                                      help_text=_("The police station of this address does the verification."))
    subject_mobile = forms.CharField(label=_("Mobile of the person to be verified"), max_length=16, required=False,
                                     widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    consent_file = forms.FileField(label=_("Signed consent of the person (PDF, JPEG or PNG)"), required=False)
    consent_code = forms.CharField(label=_("Or: consent code received by the person on their mobile"), max_length=8,
                                   required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    fee_receipt_reference = forms.CharField(label=_("Fee receipt reference (if a fee applies)"), max_length=60, required=False)

    FILING = ["kind", "subject_name", "subject_relative_name", "subject_age", "subject_sex", "subject_address",
              "subject_mobile", "purpose", "fee_receipt_reference"]

    def filing_data(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in self.FILING}


class PermissionForm(StationChoiceMixin):
    kind = forms.ChoiceField(label=_("Permission for"), choices=PermissionKind.choices)
    organiser_name = forms.CharField(label=_("Organiser's name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation (if any)"), max_length=200, required=False)
    starts_at = forms.DateTimeField(label=_("From"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                                    input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    ends_at = forms.DateTimeField(label=_("To"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
                                  input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    venue = forms.CharField(label=_("Venue"), widget=forms.Textarea(attrs={"rows": 2}))
    route = forms.CharField(label=_("Route (procession)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    expected_attendance = forms.IntegerField(label=_("Expected number of people"), min_value=1, required=False)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))

    FILING = ["kind", "organiser_name", "organisation", "starts_at", "ends_at", "venue", "route",
              "expected_attendance", "description"]

    def filing_data(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in self.FILING}


class LostArticleForm(StationChoiceMixin):
    category = forms.ChoiceField(label=_("What was lost"), choices=LostCategory.choices)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    identifier = forms.CharField(label=_("Number on it (document number, IMEI …)"), max_length=60, required=False)
    lost_on = forms.DateField(label=_("Lost on"), widget=forms.DateInput(attrs={"type": "date"}))
    lost_place = forms.CharField(label=_("Where it was lost"), widget=forms.Textarea(attrs={"rows": 2}))
    reporter_name = forms.CharField(label=_("Your name"), max_length=200)
    reporter_address = forms.CharField(label=_("Your address"), widget=forms.Textarea(attrs={"rows": 2}))

    FILING = ["category", "description", "identifier", "lost_on", "lost_place", "reporter_name", "reporter_address"]

    def filing_data(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in self.FILING}


class CompleteVerificationForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=VerificationResult.choices, widget=forms.RadioSelect)
    remarks = forms.CharField(label=_("Remarks of the enquiry"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DecidePermissionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=[("grant", _("Grant")), ("refuse", _("Refuse"))],
                                 widget=forms.RadioSelect)
    conditions = forms.CharField(label=_("Conditions"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    reason = forms.CharField(label=_("Reasons (required to refuse)"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class NearestForm(forms.Form):
    district = forms.ModelChoiceField(label=_("District"), queryset=Unit.objects.none(), required=False,
                                      empty_label=_("— any district —"))
    place = forms.CharField(label=_("Place (town, village or locality)"), max_length=200, required=False)
    latitude = forms.DecimalField(label=_("Latitude"), min_value=-90, max_value=90, required=False, decimal_places=6)
    longitude = forms.DecimalField(label=_("Longitude"), min_value=-180, max_value=180, required=False, decimal_places=6)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True).order_by("name")


class VehicleNOCForm(StationChoiceMixin):
    registration_number = forms.CharField(label=_("Vehicle registration number"), max_length=20, required=False)
    chassis_number = forms.CharField(label=_("Chassis number"), max_length=30, required=False)
    engine_number = forms.CharField(label=_("Engine number"), max_length=30, required=False)
    purpose = forms.CharField(label=_("Purpose"), max_length=200, help_text=_("For example: sale, transfer of ownership, loan."))

    FILING = ["registration_number", "chassis_number", "engine_number", "purpose"]

    def filing_data(self) -> dict:
        return {k: self.cleaned_data.get(k) for k in self.FILING}


class VehicleSearchForm(forms.Form):
    which = forms.ChoiceField(label=_("Show"), choices=[("stolen", _("Stolen or lost vehicles")),
                                                        ("recovered", _("Recovered or unclaimed vehicles"))])
    registration_number = forms.CharField(label=_("Vehicle registration number"), max_length=20, required=False)
    district = forms.ModelChoiceField(label=_("District"), queryset=Unit.objects.none(), required=False,
                                      empty_label=_("— any district —"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True).order_by("name")


class OffenderSearchForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100, required=False)
    district = forms.ModelChoiceField(label=_("District"), queryset=Unit.objects.none(), required=False,
                                      empty_label=_("— any district —"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = Unit.objects.filter(kind=UnitKind.DISTRICT, is_active=True).order_by("name")
