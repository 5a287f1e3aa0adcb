"""Django forms of the investigation pages. Each form's ``service_data()`` gives the input of
the service that does the work; the services check the rules (the same for the API)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cctns.core.models import User

from .constants import (
    ClosureClass,
    CommunicationKind,
    CommunicationMode,
    CustodyStatus,
    DisposalOutcome,
    ReportKind,
)
from .models import FileKind
from .vocabulary import Motive, PlaceType, mo_choices

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (the services check their type and size)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Move the case to"))
    outcome = forms.ChoiceField(label=_("Outcome (on disposal)"), choices=[("", "—"), *DisposalOutcome.choices], required=False)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        from cctns.registration.constants import FIRStatus

        self.fields["to_status"].choices = [(s, FIRStatus(s).label) for s in allowed]


class TransferForm(forms.Form):
    to_io = forms.ModelChoiceField(label=_("New investigating officer"), queryset=User.objects.none())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        from cctns.core.constants import STATION_ROLES

        self.fields["to_io"].queryset = User.objects.for_user(user).filter(is_active=True, role__in=STATION_ROLES).order_by("username")


class CaseDiaryForm(forms.Form):
    entry_date = forms.DateField(label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    information_reached_at = forms.DateTimeField(label=_("Time the information reached you"), required=False, widget=DT)
    began_at = forms.DateTimeField(label=_("Investigation began at"), required=False, widget=DT)
    closed_at = forms.DateTimeField(label=_("Investigation closed at"), required=False, widget=DT)
    places_visited = forms.CharField(label=_("Places visited"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    steps_taken = forms.CharField(label=_("Steps taken and circumstances ascertained"), widget=forms.Textarea(attrs={"rows": 5}))
    statements = forms.CharField(label=_("Statements recorded (BNSS s.180)"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    files = MultipleFileField(label=_("Statement files (PDF, JPEG, PNG)"))

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "files"}


class CrimeDetailsForm(forms.Form):
    crime_features = forms.CharField(label=_("Type of crime and its features"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    mo_codes = forms.MultipleChoiceField(label=_("Modus operandi"), required=False, widget=forms.CheckboxSelectMultiple)
    mo_description = forms.CharField(label=_("Modus operandi (description)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    motive = forms.ChoiceField(label=_("Motive"), choices=Motive.choices, initial=Motive.UNKNOWN)
    motive_description = forms.CharField(label=_("Motive (description)"), required=False)
    place_type = forms.ChoiceField(label=_("Type of place of occurrence"), choices=[("", "—"), *PlaceType.choices], required=False)
    scene_description = forms.CharField(label=_("Description of the scene"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    physical_evidence = forms.CharField(label=_("Physical evidence found"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    forensic_expert_visited = forms.BooleanField(label=_("A forensic expert visited the scene (BNSS s.176(3))"), required=False)
    panch_witnesses = forms.CharField(
        label=_("Panch witnesses"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line: name; father's / husband's name; age; address; phone."))
    files = MultipleFileField(label=_("Photographs / sketch (PDF, JPEG, PNG)"))
    file_kind = forms.ChoiceField(label=_("The files are"), choices=[(FileKind.PHOTO, FileKind.PHOTO.label),
                                                                      (FileKind.SKETCH, FileKind.SKETCH.label)], initial=FileKind.PHOTO)
    reason = forms.CharField(label=_("Reason for the revision"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mo_codes"].choices = mo_choices()

    def service_data(self) -> dict:
        data = {k: self.cleaned_data[k] for k in ("crime_features", "mo_codes", "mo_description", "motive", "motive_description",
                                                  "place_type", "scene_description", "physical_evidence", "forensic_expert_visited")}
        rows = []
        for line in (self.cleaned_data.get("panch_witnesses") or "").splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")] + [""] * 5
            rows.append(dict(zip(["name", "relative_name", "age", "address", "phone"], parts[:5], strict=True)))
        data["panch_witnesses"] = rows
        return data


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class FinalReportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of report"), choices=ReportKind.choices)
    closure_class = forms.ChoiceField(label=_("Class of closure"), choices=[("", "—"), *ClosureClass.choices], required=False)
    reasons = forms.CharField(label=_("Reasons / brief facts"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    sections = forms.CharField(label=_("Sections charged"), required=False, help_text=_("Comma-separated, e.g. BNS 303(2), BNS 3(5)"))
    witnesses = forms.CharField(label=_("Witnesses"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("One per line: name; father's / husband's name; address."))
    documents = forms.CharField(label=_("Documents relied on"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                help_text=_("One per line."))
    property_items = forms.CharField(label=_("Property"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                     help_text=_("One per line: description; where kept."))
    medical_report = forms.CharField(label=_("Medical report (sexual offences)"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    electronic_evidence_custody = forms.CharField(label=_("Chain of custody of electronic evidence"), required=False,
                                                  widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, accused=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.accused_codes = [a.code for a in accused]
        for a in accused:
            self.fields[f"accused_{a.code}_sent_up"] = forms.BooleanField(
                label=_("%(code)s sent up for trial") % {"code": a.code}, required=False, initial=True)
            self.fields[f"accused_{a.code}_custody"] = forms.ChoiceField(
                label=_("%(code)s: custody status") % {"code": a.code}, choices=[("", "—"), *CustodyStatus.choices], required=False)

    def service_data(self) -> dict:
        cd = self.cleaned_data
        data = {k: cd[k] for k in ("kind", "closure_class", "reasons", "medical_report", "electronic_evidence_custody")}
        data["sections"] = [s.strip() for s in (cd.get("sections") or "").split(",") if s.strip()]
        data["witnesses"] = []
        for line in _lines(cd.get("witnesses")):
            parts = [p.strip() for p in line.split(";")] + ["", ""]
            data["witnesses"].append({"name": parts[0], "relative_name": parts[1], "address": parts[2]})
        data["documents"] = [{"description": line} for line in _lines(cd.get("documents"))]
        data["property_items"] = []
        for line in _lines(cd.get("property_items")):
            parts = [p.strip() for p in line.split(";")] + [""]
            data["property_items"].append({"description": parts[0], "where_kept": parts[1]})
        data["accused"] = []
        if data["kind"] == ReportKind.CHARGESHEET:
            for code in self.accused_codes:
                sent = bool(cd.get(f"accused_{code}_sent_up"))
                custody = cd.get(f"accused_{code}_custody") or ""
                data["accused"].append({"code": code, "sent_up": sent, "custody_status": custody})
        return data


class RemarksForm(forms.Form):
    remarks = forms.CharField(label=_("Remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    communicated_mode = forms.ChoiceField(label=_("Informant told now, by"), choices=[("", "—"), *CommunicationMode.choices],
                                          required=False)


class CommunicationForm(forms.Form):
    kind = forms.ChoiceField(label=_("What was communicated"), choices=CommunicationKind.choices)
    mode = forms.ChoiceField(label=_("How"), choices=CommunicationMode.choices)
    note = forms.CharField(label=_("Note"), required=False)
