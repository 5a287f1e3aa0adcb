"""Forms of the person pages: search, a new person, merge/reject/undo reasons.

The forms type-check what was typed and hand a plain ``dict`` to the services; the services
decide what is valid and their per-field errors come back onto the fields (:func:`route_errors`).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .constants import Build, Complexion, IDType, MarkLocation, MarkType, PersonRoleKind, Sex
from .services import PERSON_FIELDS, SearchQuery, parse_age


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _blank(choices):
    return [("", "—"), *choices]


class PersonSearchForm(forms.Form):
    """``name``/``relative`` in any script; ``age`` ``30`` or ``30-35``; ``sex``; ``place`` (unit
    code or place text); ``role``."""

    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    relative = forms.CharField(label=_("Father's / husband's name"), required=False, max_length=200)
    age = forms.CharField(label=_("Age or range"), required=False, max_length=20,
                          help_text=_("30, or 30-35"))
    sex = forms.ChoiceField(label=_("Sex"), required=False, choices=_blank([c for c in Sex.choices if c[0] != "U"]))
    place = forms.CharField(label=_("Place"), required=False, max_length=200,
                            help_text=_("A unit code (28-A-1) or a village / locality"))
    role = forms.ChoiceField(label=_("Role in a case"), required=False, choices=_blank(PersonRoleKind.choices))

    def clean_age(self):
        try:
            return parse_age(self.cleaned_data.get("age", ""))
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["age"]) from exc

    def clean(self):
        data = super().clean()
        if not (data.get("name") or "").strip() and not (data.get("relative") or "").strip():
            raise ValidationError(_("Give a name or a father's / husband's name."))
        return data

    def query(self) -> SearchQuery:
        d = self.cleaned_data
        return SearchQuery(name=d.get("name") or "", relative=d.get("relative") or "", age=d.get("age"),
                           sex=d.get("sex") or "", place=d.get("place") or "", role=d.get("role") or "")


class PersonForm(forms.Form):
    """A new person: particulars, one address, phone, identity document and identifying mark
    (more are added from the person's page later), aliases one per line."""

    name = forms.CharField(label=_("Name (any script)"), max_length=200)
    aliases = forms.CharField(label=_("Aliases, one per line"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    father_name = forms.CharField(label=_("Father's name"), required=False, max_length=200)
    mother_name = forms.CharField(label=_("Mother's name"), required=False, max_length=200)
    husband_name = forms.CharField(label=_("Husband's name"), required=False, max_length=200)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, initial=Sex.UNKNOWN)
    date_of_birth = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput)
    age_min = forms.IntegerField(label=_("Age from (years)"), required=False, min_value=0, max_value=130)
    age_max = forms.IntegerField(label=_("Age to (years)"), required=False, min_value=0, max_value=130)
    height_min_cm = forms.IntegerField(label=_("Height from (cm)"), required=False, min_value=30, max_value=272)
    height_max_cm = forms.IntegerField(label=_("Height to (cm)"), required=False, min_value=30, max_value=272)
    build = forms.ChoiceField(label=_("Build"), required=False, choices=_blank(Build.choices))
    complexion = forms.ChoiceField(label=_("Complexion"), required=False, choices=_blank(Complexion.choices))
    occupation = forms.CharField(label=_("Occupation"), required=False, max_length=100)
    nationality = forms.CharField(label=_("Nationality"), required=False, max_length=60, initial="Indian")
    address = forms.CharField(label=_("Address"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20)
    doc_type = forms.ChoiceField(label=_("Identity document"), required=False, choices=_blank(IDType.choices))
    doc_number = forms.CharField(label=_("Document number"), required=False, max_length=40,
                                 help_text=_("Stored masked and hashed; never kept in clear."))
    mark_type = forms.ChoiceField(label=_("Identifying mark"), required=False, choices=_blank(MarkType.choices))
    mark_location = forms.ChoiceField(label=_("Where on the body"), required=False, choices=_blank(MarkLocation.choices))
    mark_description = forms.CharField(label=_("Mark description"), required=False, max_length=300)
    is_proclaimed_offender = forms.BooleanField(label=_("Proclaimed offender"), required=False)
    proclamation_reference = forms.CharField(label=_("Proclamation order reference"), required=False, max_length=100)
    proclamation_court = forms.CharField(label=_("Court"), required=False, max_length=200)
    proclamation_date = forms.DateField(label=_("Proclamation order date"), required=False, widget=DateInput)
    is_history_sheeter = forms.BooleanField(label=_("History-sheeter"), required=False)
    history_sheet_reference = forms.CharField(label=_("History sheet number"), required=False, max_length=100)
    history_sheet_date = forms.DateField(label=_("History sheet opened on"), required=False, widget=DateInput)

    def service_data(self) -> dict:
        """The ``data`` dict :func:`cctns.persons.services.create_person` takes."""
        d = self.cleaned_data
        data = {k: d[k] for k in PERSON_FIELDS if k in d and d[k] not in (None, "")}
        data["is_proclaimed_offender"] = bool(d.get("is_proclaimed_offender"))
        data["is_history_sheeter"] = bool(d.get("is_history_sheeter"))
        aliases = [a.strip() for a in (d.get("aliases") or "").splitlines() if a.strip()]
        if aliases:
            data["aliases"] = aliases
        if d.get("address"):
            data["addresses"] = [{"kind": "present", "text": d["address"]}]
        if d.get("phone"):
            data["phones"] = [d["phone"]]
        if d.get("doc_type") or d.get("doc_number"):
            data["documents"] = [{"doc_type": d.get("doc_type") or "", "number": d.get("doc_number") or ""}]
        if d.get("mark_type") or d.get("mark_location") or d.get("mark_description"):
            data["marks"] = [{"mark_type": d.get("mark_type") or "", "location": d.get("mark_location") or "",
                              "description": d.get("mark_description") or ""}]
        return data


#: Where a service error on a nested path lands on :class:`PersonForm`.
NESTED_FIELDS = {
    "documents.0.doc_type": "doc_type", "documents.0.number": "doc_number",
    "marks.0.mark_type": "mark_type", "marks.0.location": "mark_location", "marks.0.description": "mark_description",
    "phones.0": "phone", "aliases.0": "aliases",
}


def route_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` onto the form's fields (unknown paths: non-field)."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for path, messages in exc.message_dict.items():
        target = NESTED_FIELDS.get(path, path)
        if target.startswith("aliases."):
            target = "aliases"
        for message in messages:
            form.add_error(target if target in form.fields else None, message)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class MergeForm(ReasonForm):
    survivor = forms.ChoiceField(label=_("Keep as the surviving record"), choices=[("a", "A"), ("b", "B")])
