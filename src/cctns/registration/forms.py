"""Forms of the registration pages: complaints, the FIR (IIF-1) with its repeated parts, the SHO's
actions, NCRs and the General Diary.

The forms only read and type-check what the officer typed. What is *required* and what is *valid*
is decided by the services and the coded validation registry (``validation.py``), never here: so
every field is optional at the form level, the form hands a plain ``dict`` to the service, and
the service's errors come back through :func:`route_errors` onto the field they concern, with
their code (``FIR-011``) and message in the user's language. Nothing entered is lost: a form
with errors is shown again bound to what was posted.

The forms never save a model; ``ModelForm`` is used only for the labels, choices and widgets of
the model fields (``save()`` is refused).
"""

import re
import uuid
from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.forms import formset_factory
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cctns.core.constants import STATION_ROLES, Rank, Role, UnitKind
from cctns.core.models import Unit, User
from cctns.core.validation import RuleValidationError

from .constants import MANUAL_GD_KINDS, FIRKind, GDKind
from .models import FIR, NCR, PARTICULAR_FIELDS, Complaint, FIRAccused, FIRProperty, FIRVictim
from .services.complaints import COMPLAINT_FIELDS
from .services.fir import PROPERTY_FIELDS, VICTIM_FIELDS, io_min_rank
from .services.ncr import NCR_FIELDS

CODE_RE = re.compile(r"^[A-Z]{2,5}-\d{3}$")


# --------------------------------------------------------------------------------------------
# Widgets and base classes
# --------------------------------------------------------------------------------------------

class DateTimeLocalInput(forms.DateTimeInput):
    """``<input type="datetime-local">`` (the browser's date-time picker; ISO value)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class DateInput(forms.DateInput):
    """``<input type="date">`` (ISO value)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _formfield(model_field: models.Field, **kwargs):
    """Form fields for model fields, with the browser's date pickers and short text areas."""
    if isinstance(model_field, models.DateTimeField):
        kwargs["widget"] = DateTimeLocalInput
    elif isinstance(model_field, models.DateField):
        kwargs["widget"] = DateInput
    elif isinstance(model_field, models.TextField):
        kwargs["widget"] = forms.Textarea(attrs={"rows": 3})
    return model_field.formfield(**kwargs)


class ReadOnlyModelForm(forms.ModelForm):
    """A ``ModelForm`` used for its fields only: every field optional (the validation registry
    decides what is required), and ``save()`` refused (the services write records)."""

    class Meta:
        formfield_callback = staticmethod(_formfield)  # subclasses write ``class Meta(ReadOnlyModelForm.Meta)``

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.fields.values():
            f.required = False

    def save(self, commit=True):  # pragma: no cover - guard
        raise NotImplementedError("Registration forms do not save; call the services.")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one ``<input type="file" multiple>``; cleans to a list (type and size are
    checked by the complaint rules CMP-003/CMP-004 from the files' contents)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


_SPLIT = re.compile(r"[,;\n]+")


def split_section_refs(text: str) -> list[str]:
    """``"BNS 115(2), BNS 352"`` → ``["BNS 115(2)", "BNS 352"]`` (commas, semicolons or lines)."""
    return [part.strip() for part in _SPLIT.split(text or "") if part.strip()][:20]


class SectionsTextField(forms.CharField):
    """Acts and sections typed as text, several separated by commas: ``BNS 303(2), BNS 316``.
    Resolved against reference law by the service (unknown sections: FIR-002, NCR-005)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 600)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={
            "placeholder": "BNS 115(2), BNS 352", "autocomplete": "off", "spellcheck": "false"}))
        super().__init__(**kwargs)


# --------------------------------------------------------------------------------------------
# Routing the services' errors onto forms
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ServiceError:
    """One error raised by a service: the record part (``field``), the child row (``index``)
    and its field (``subfield``), the rule ``code`` (``FIR-003``; ``None`` for plain errors),
    the message in the active language, and the rule's machine-readable help (``extra``)."""

    field: str | None
    index: int | None
    subfield: str | None
    code: str | None
    message: str
    extra: dict


def service_errors(exc: ValidationError) -> list[ServiceError]:
    """Flatten a service's ``ValidationError`` (coded :class:`RuleValidationError` or a plain
    ``{field: message}`` error) to :class:`ServiceError` rows."""
    if isinstance(exc, RuleValidationError):
        return [ServiceError(v.field, v.index, v.subfield, v.code, v.message, dict(v.extra))
                for v in exc.violations]
    out = []
    if hasattr(exc, "error_dict"):
        for key, errors in exc.error_dict.items():
            parts = key.split(".")
            index = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            sub = parts[2] if len(parts) > 2 else None
            for e in errors:
                for message in e.messages:
                    out.append(ServiceError(parts[0], index, sub, e.code, message, {}))
    else:
        for e in exc.error_list:
            for message in e.messages:
                out.append(ServiceError(None, None, None, e.code, message, {}))
    return out


def _add(form: forms.BaseForm, field: str | None, err: ServiceError) -> None:
    target = field if field in form.fields else None
    form.add_error(target, ValidationError(err.message, code=err.code))


def route_errors(form: forms.BaseForm, errors: list[ServiceError], *, field_map: dict | None = None) -> None:
    """Put each error on ``form``'s field of the same name (``field_map`` renames: service field →
    form field); errors for fields the form does not have go to the form's non-field errors."""
    field_map = field_map or {}
    for err in errors:
        _add(form, field_map.get(err.field, err.field), err)


# --------------------------------------------------------------------------------------------
# Complaints
# --------------------------------------------------------------------------------------------

class ComplaintForm(ReadOnlyModelForm):
    """Receive a complaint or petition (``services.receive_complaint``): complainant particulars,
    the complaint in any script, the incident, offences it appears to disclose, attachments."""

    sections = SectionsTextField(
        label=_("Offences disclosed (if any)"),
        help_text=_("Acts and sections, separated by commas, e.g. BNS 303(2). They decide whether a preliminary enquiry is allowed."),
    )
    attachments = MultipleFileField(label=_("Attachments"), help_text=_("PDF, JPEG or PNG files."))

    class Meta(ReadOnlyModelForm.Meta):
        model = Complaint
        fields = COMPLAINT_FIELDS
        widgets = {"narrative": forms.Textarea(attrs={"rows": 6})}

    def service_data(self) -> tuple[dict, list[str], list]:
        """``(data, sections, attachments)`` for ``receive_complaint``."""
        data = {k: self.cleaned_data.get(k) for k in COMPLAINT_FIELDS}
        data = {k: v for k, v in data.items() if v not in (None, "")}
        return data, split_section_refs(self.cleaned_data.get("sections")), self.cleaned_data.get("attachments") or []


def station_officers(station: Unit):
    """Active officers posted at ``station`` or an outpost under it (enquiry officers, IOs)."""
    return (User.objects.filter(is_active=True, role__in=STATION_ROLES)
            .filter(models.Q(unit=station) | models.Q(unit__parent=station, unit__kind=UnitKind.OUTPOST))
            .order_by("-rank", "last_name", "username"))


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user.get_full_name() or user.username} ({user.get_rank_display()})"


class StartEnquiryForm(forms.Form):
    """Send a complaint to a preliminary enquiry (Lalita Kumari; BNSS s.173(3))."""

    officer = OfficerChoiceField(queryset=User.objects.none(), label=_("Enquiry officer"), required=False)
    reason = forms.CharField(label=_("Why an enquiry is needed"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    permitted_by = OfficerChoiceField(
        queryset=User.objects.none(), label=_("Permitted by (DSP or above)"), required=False,
        help_text=_("Needed for an offence punishable with three to seven years (BNSS s.173(3))."),
    )

    def __init__(self, *args, station: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = station_officers(station)
        ancestors = [int(x) for x in station.path.strip("/").split("/") if x.isdigit()]
        self.fields["permitted_by"].queryset = User.objects.filter(
            is_active=True, role=Role.SUPERVISOR, rank__gte=Rank.DSP, unit_id__in=ancestors,
        ).order_by("rank", "last_name")


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)


class CloseComplaintForm(forms.Form):
    """Close a complaint with reasons, communicated to the complainant (Lalita Kumari, 2014)."""

    reason = forms.CharField(label=_("Reasons for closing"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)
    communicated_how = forms.CharField(
        label=_("Reasons communicated to the complainant how (if already done)"), required=False, max_length=100,
    )


class CommunicatedForm(forms.Form):
    how = forms.CharField(label=_("How the complainant was told"), required=False, max_length=100)


# --------------------------------------------------------------------------------------------
# FIR (IIF-1)
# --------------------------------------------------------------------------------------------

#: The FIR's own fields on the registration form, in form order (sections of the page in
#: :data:`FIR_FORM_SECTIONS`).
FIR_FORM_SECTIONS = [
    (_("Occurrence"), ["kind", "occurrence_from", "occurrence_to", "information_received_at", "gd_reference"]),
    (_("Place of occurrence"), ["place_address", "beat", "distance_km", "direction_from_ps", "latitude", "longitude"]),
    (_("Informant"), [
        "suo_motu", "informant_name", "informant_relative_name", "informant_relation", "informant_sex",
        "informant_date_of_birth", "informant_age", "informant_nationality", "informant_occupation",
        "informant_id_type", "informant_id_number", "informant_address", "informant_phone",
        "informant_confidential", "recorded_by_woman_officer",
    ]),
    (_("Accused not known by name"), ["unknown_accused_count", "unknown_accused_description"]),
    (_("First information"), ["delay_reason", "narrative", "action_taken", "inquest_report_number"]),
]
FIR_FORM_FIELDS = [f for _title, names in FIR_FORM_SECTIONS for f in names if f != "informant_id_number"]


class FIRForm(ReadOnlyModelForm):
    """The FIR's own IIF-1 fields (the repeated parts are formsets, see :class:`FIRFormBundle`),
    plus the idempotency token, the officer's confirmation of cognizability and the complaint."""

    informant_id_number = forms.CharField(
        label=_("Identity document number"), max_length=40, required=False,
        help_text=_("Stored masked: only the last four characters are kept."),
    )
    cognizability_confirmed = forms.BooleanField(
        label=_("I confirm that the offence is cognizable"), required=False,
        help_text=_("Reference data does not classify a section given; your confirmation is recorded with your name and the time."),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=100)
    complaint = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta(ReadOnlyModelForm.Meta):
        model = FIR
        fields = FIR_FORM_FIELDS
        widgets = {
            "narrative": forms.Textarea(attrs={"rows": 10}),
            "delay_reason": forms.Textarea(attrs={"rows": 2}),
            "action_taken": forms.Textarea(attrs={"rows": 2}),
            "unknown_accused_description": forms.Textarea(attrs={"rows": 2}),
            "place_address": forms.Textarea(attrs={"rows": 2}),
            "informant_address": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(FIRKind.REGULAR, FIRKind.REGULAR.label), (FIRKind.ZERO, FIRKind.ZERO.label)]
        self.fields["narrative"].widget.attrs.update({"lang": "", "dir": "auto"})
        if not self.is_bound and not self.initial.get("idempotency_key"):
            self.initial["idempotency_key"] = new_form_token()

    def service_data(self) -> dict:
        """The FIR's own fields in the input shape of ``register_fir`` (fields that failed to
        parse are left out, so the registry can still check the rest)."""
        cd = getattr(self, "cleaned_data", {})
        data = _drop_blank_defaults(FIR, {k: cd[k] for k in FIR_FORM_FIELDS if k in cd})
        if "informant_id_number" in cd:
            data["informant_id_number"] = cd["informant_id_number"]
        data["cognizability_confirmed"] = bool(cd.get("cognizability_confirmed"))
        if data.get("unknown_accused_count") is None and "unknown_accused_count" in data:
            data["unknown_accused_count"] = 0
        return data


def _drop_blank_defaults(model, data: dict) -> dict:
    """``data`` without the blank values of fields that have a model default (a select sent
    empty), so the service applies the default (sex "not known", nationality "Indian" …)."""
    out = {}
    for key, value in data.items():
        if value in (None, ""):
            try:
                field = model._meta.get_field(key)
            except FieldDoesNotExist:  # a form-only key
                field = None
            if field is not None and field.has_default() and field.default not in (None, ""):
                continue
        out[key] = value
    return out


def new_form_token() -> str:
    """A fresh idempotency token for a rendered FIR form (a double submission replays it)."""
    return uuid.uuid4().hex


class SectionRefForm(forms.Form):
    """One act and section, typed as ``BNS 303(2)`` (suggestions come from ``/api/v1/sections``
    through htmx; the text is parsed by the service without JavaScript)."""

    ref = forms.CharField(
        label=_("Act and section"), max_length=60, required=False,
        widget=forms.TextInput(attrs={"placeholder": "BNS 303(2)", "autocomplete": "off", "spellcheck": "false",
                                      "class": "section-ref"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ref"].widget.attrs.update(suggest_attrs("registration:section_suggest", "#section-options"))


def suggest_attrs(url_name: str, datalist: str) -> dict:
    """htmx attributes that fill ``datalist`` with suggestions as the officer types (the input
    stays a plain text input without JavaScript)."""
    return {"list": datalist.lstrip("#"), "hx-get": reverse(url_name), "hx-trigger": "input changed delay:300ms",
            "hx-target": datalist, "hx-swap": "innerHTML", "hx-sync": "this:replace"}


class VictimForm(ReadOnlyModelForm):
    class Meta(ReadOnlyModelForm.Meta):
        model = FIRVictim
        fields = VICTIM_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 2})}


def _known(value) -> bool:
    return value in (True, 1, "1", "True", "true", "on")


ACCUSED_FORM_FIELDS = ["known", *PARTICULAR_FIELDS, "alias", "description", "code"]


class AccusedForm(ReadOnlyModelForm):
    """An accused, known by name or not (the service gives the codes A1, A2 …)."""

    known = forms.TypedChoiceField(
        label=_("Known by name?"), choices=[("1", _("Known")), ("0", _("Not known"))],
        coerce=_known, initial="1", empty_value=True,
    )

    class Meta(ReadOnlyModelForm.Meta):
        model = FIRAccused
        fields = ACCUSED_FORM_FIELDS
        widgets = {"address": forms.Textarea(attrs={"rows": 2}), "description": forms.Textarea(attrs={"rows": 2}),
                   "code": forms.HiddenInput}


class PropertyForm(ReadOnlyModelForm):
    class Meta(ReadOnlyModelForm.Meta):
        model = FIRProperty
        fields = PROPERTY_FIELDS


SectionFormSet = formset_factory(SectionRefForm, extra=3, max_num=50, can_delete=False)
VictimFormSet = formset_factory(VictimForm, extra=1, max_num=50, can_delete=True)
AccusedFormSet = formset_factory(AccusedForm, extra=1, max_num=50, can_delete=True)
PropertyFormSet = formset_factory(PropertyForm, extra=1, max_num=50, can_delete=True)

#: The repeated parts of the FIR form: prefix (the service's key) → (formset class, legend).
FIR_FORMSETS = {
    "sections": (SectionFormSet, _("Acts and sections")),
    "victims": (VictimFormSet, _("Victims")),
    "accused": (AccusedFormSet, _("Accused")),
    "properties": (PropertyFormSet, _("Property stolen or involved")),
}


def _blank_row(form) -> bool:
    return not form.has_changed()


class FIRFormBundle:
    """The whole IIF-1 form: :class:`FIRForm` and the formsets of sections, victims, accused and
    property, checked and routed together.

    ``is_valid()`` checks types; :meth:`service_data` gives ``register_fir``'s input;
    :meth:`apply` routes a service's errors (``"victims.1.age"`` → the age field of the second
    victim row shown) and notes the registry's offers (FIR-006: register an NCR instead;
    FIR-007: confirm cognizability).
    """

    models = {"victims": FIRVictim, "accused": FIRAccused, "properties": FIRProperty}

    def __init__(self, data=None, *, initial: dict | None = None, children: dict | None = None):
        initial = initial or {}
        children = children or {}
        self.form = FIRForm(data, initial=initial)
        self.formsets = {}
        for prefix, (cls, _legend) in FIR_FORMSETS.items():
            rows = children.get(prefix)
            kwargs = {"prefix": prefix}
            if rows:
                kwargs["initial"] = rows
            fs = cls(data, **kwargs)
            if data is None and rows:
                fs.extra = 1 if prefix != "sections" else 2
            self.formsets[prefix] = fs
        self.index_map: dict[str, list[int]] = {}
        self.ncr_offer = False
        self.confirm_needed = False
        self.quiet = False

    @property
    def sections(self):
        return self.formsets["sections"]

    def is_valid(self) -> bool:
        ok = self.form.is_valid()
        for fs in self.formsets.values():
            ok = fs.is_valid() and ok
        return ok

    def _rows(self, prefix: str) -> list[tuple[int, dict]]:
        fs = self.formsets[prefix]
        out = []
        for i, form in enumerate(fs.forms):
            if not hasattr(form, "cleaned_data"):
                continue
            if fs.can_delete and form.cleaned_data.get("DELETE"):
                continue
            if i >= fs.initial_form_count() and _blank_row(form):
                continue
            if i < fs.initial_form_count() and not any(v not in (None, "", False) for k, v in form.cleaned_data.items() if k != "DELETE"):
                continue
            out.append((i, form.cleaned_data))
        return out

    def service_data(self) -> dict:
        """``register_fir``'s input from what parsed (rows left blank are skipped)."""
        data = self.form.service_data()
        self.index_map = {}
        refs, idx = [], []
        for i, cd in self._rows("sections"):
            if cd.get("ref"):
                refs.append(cd["ref"].strip())
                idx.append(i)
        data["sections"] = refs
        self.index_map["sections"] = idx
        for prefix, fields in (("victims", VICTIM_FIELDS), ("accused", ACCUSED_FORM_FIELDS), ("properties", PROPERTY_FIELDS)):
            rows, idx = [], []
            for i, cd in self._rows(prefix):
                row = _drop_blank_defaults(self.models[prefix], {k: cd.get(k) for k in fields if k in cd})
                if prefix == "accused":
                    row["known"] = _known(row.get("known", True))
                rows.append(row)
                idx.append(i)
            data[prefix] = rows
            self.index_map[prefix] = idx
        return data

    def apply(self, exc: ValidationError, *, partial: bool = False) -> None:
        """Route a service's errors onto the form and rows (see the class docstring).

        With ``partial`` (some fields failed to parse), an error is not added to a field that
        already shows one (a date that did not parse is not also "missing")."""
        for err in service_errors(exc):
            if err.code == "FIR-006" or err.extra.get("alternative") == "ncr":
                self.ncr_offer = True
            if err.code == "FIR-007":
                self.confirm_needed = True
            fs = self.formsets.get(err.field or "")
            if fs is None:
                target, form = err.field, self.form
            else:
                rows = self.index_map.get(err.field, [])
                if err.index is None or err.index >= len(rows):
                    fs.non_form_errors().append(ValidationError(err.message, code=err.code))
                    continue
                form = fs.forms[rows[err.index]]
                target = err.subfield or ("ref" if err.field == "sections" else None)
            if partial and target in form.fields and form.errors.get(target):
                continue
            _add(form, target, err)

    def silence(self) -> None:
        """Show the bound forms without their type errors (after "add a row", nothing was checked)."""
        self.quiet = True
        for form in [self.form, *(f for fs in self.formsets.values() for f in fs.forms)]:
            form._errors = forms.utils.ErrorDict()
            form.cleaned_data = {}
        for fs in self.formsets.values():
            fs._errors = []
            fs._non_form_errors = fs.error_class(error_class="nonform", renderer=fs.renderer)

    def error_summary(self) -> list[dict]:
        """Every error of the form and its rows, in page order, for the summary at the top of
        the page: ``[{"label", "code", "message", "anchor"}]`` (``anchor`` is the field's id)."""
        out = []

        def add(form, name, label):
            for e in form.errors.as_data().get(name, []):
                for message in e.messages:
                    anchor = form[name].auto_id if name in form.fields else ""
                    out.append({"label": label, "code": e.code if isinstance(e.code, str) and CODE_RE.match(e.code) else "",
                                "message": message, "anchor": anchor})

        for name in [*self.form.fields, "__all__"]:
            if name != "__all__" and self.form.fields[name].widget.is_hidden:
                continue
            if name in self.form.fields:
                add(self.form, name, self.form[name].label)
        for prefix, (_cls, legend) in FIR_FORMSETS.items():
            fs = self.formsets[prefix]
            for e in fs.non_form_errors().as_data():
                for message in e.messages:
                    out.append({"label": legend, "code": e.code if isinstance(e.code, str) and CODE_RE.match(e.code) else "",
                                "message": message, "anchor": f"fs-{prefix}"})
            for i, form in enumerate(fs.forms):
                for name in form.fields:
                    add(form, name, f"{legend} {i + 1}: {form[name].label}" if prefix != "sections" else legend)
        return out

    @property
    def has_errors(self) -> bool:
        if self.form.errors:
            return True
        return any(fs.total_error_count() for fs in self.formsets.values())

    def show_confirmation(self) -> bool:
        """Whether to show the cognizability checkbox: the registry asked for it (FIR-007) or the
        officer already ticked it."""
        if self.confirm_needed:
            return True
        if self.form.is_bound:
            return bool(self.form.data.get("cognizability_confirmed"))
        return bool(self.form.initial.get("cognizability_confirmed"))


def add_formset_row(post, prefix: str):
    """A copy of ``post`` with one more (blank) row in formset ``prefix`` (the no-JavaScript
    "add a row" button)."""
    data = post.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0"))
    except ValueError:
        total = 0
    data[key] = str(min(total + 1, 50))
    return data


def fir_children_initial(data: dict) -> dict:
    """Initial rows of the formsets from an FIR's data (``services.fir_input_data``)."""
    sections = [{"ref": f"{s.act.code} {label or s.number}"} for s, label in data.get("sections") or []]
    accused = []
    for a in data.get("accused") or []:
        row = dict(a)
        row["known"] = "1" if a.get("known", True) else "0"
        accused.append(row)
    return {"sections": sections, "victims": list(data.get("victims") or []), "accused": accused,
            "properties": list(data.get("properties") or [])}


def _norm(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return value


def _norm_rows(rows, *, accused: bool = False) -> list[dict]:
    out = []
    for row in rows or []:
        row = {k: _norm(v) for k, v in row.items() if k not in ("DELETE", "id", "order")}
        if accused:
            row["known"] = _known(row.get("known", True))
        out.append(row)
    return out


def _section_key(ref) -> str:
    return str(ref).upper().replace(" ", "")


def fir_changes(before: dict, after: dict) -> dict:
    """The part of ``after`` (the form's ``register_fir``-shaped data) that differs from
    ``before`` (``services.fir_input_data``): what a correction or resubmission changes. Child
    lists are compared whole and sent whole when they differ."""
    changes = {}
    for key, value in after.items():
        if key == "cognizability_confirmed":
            if value:
                changes[key] = True
        elif key == "sections":
            old = [_section_key(f"{s.act.code} {label or s.number}") for s, label in before.get("sections") or []]
            if old != [_section_key(r) for r in value]:
                changes[key] = value
        elif key in ("victims", "accused", "properties"):
            keys = set().union(*(r.keys() for r in value)) if value else set()
            old = [{k: v for k, v in r.items() if k in keys} for r in _norm_rows(before.get(key), accused=key == "accused")]
            if old != _norm_rows(value, accused=key == "accused"):
                changes[key] = value
        elif _norm(before.get(key)) != _norm(value):
            changes[key] = value
    return changes


class CorrectionReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}),
                             required=False, max_length=2000)


# --------------------------------------------------------------------------------------------
# The SHO's and the station's actions on an FIR
# --------------------------------------------------------------------------------------------

class RemarksForm(forms.Form):
    remarks = forms.CharField(label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000)


class AssignIOForm(forms.Form):
    io = OfficerChoiceField(queryset=User.objects.none(), label=_("Investigating officer"), required=False,
                            empty_label=_("Choose an officer"))

    def __init__(self, *args, station: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["io"].queryset = station_officers(station).filter(rank__gte=io_min_rank())

    def clean_io(self):
        io = self.cleaned_data.get("io")
        if io is None:
            raise ValidationError(_("Choose the investigating officer."), code="required")
        return io


class TransferForm(forms.Form):
    """Zero FIR: send the FIR to the police station with jurisdiction (BNSS s.173(1))."""

    to_station = forms.CharField(
        label=_("Police station with jurisdiction"), max_length=200, required=False,
        help_text=_("The station's code or its name."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    reason = forms.CharField(label=_("Reason for the transfer"), widget=forms.Textarea(attrs={"rows": 2}),
                             required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_station"].widget.attrs.update(suggest_attrs("registration:station_suggest", "#station-options"))

    def clean_to_station(self):
        """The police station named by code or exact name; ``None`` when blank (the service
        then says which station to choose)."""
        text = (self.cleaned_data.get("to_station") or "").strip()
        if not text:
            return None
        stations = Unit.objects.police_stations()
        found = stations.filter(code=text).first()
        if found is None:
            matches = list(stations.filter(models.Q(name__iexact=text) | models.Q(name_hi=text))[:2])
            if len(matches) == 1:
                found = matches[0]
        if found is None:
            raise ValidationError(_("No police station with this code or name."), code="does_not_exist")
        return found


# --------------------------------------------------------------------------------------------
# NCR and General Diary
# --------------------------------------------------------------------------------------------

class NCRForm(ReadOnlyModelForm):
    """Register a non-cognizable report (BNSS s.174(1))."""

    sections = SectionsTextField(label=_("Acts and sections"), help_text=_("Separated by commas, e.g. BNS 115(2), BNS 352."))
    complaint = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta(ReadOnlyModelForm.Meta):
        model = NCR
        fields = NCR_FIELDS
        widgets = {"narrative": forms.Textarea(attrs={"rows": 6})}

    def service_data(self) -> dict:
        cd = self.cleaned_data
        data = {k: cd.get(k) for k in NCR_FIELDS if cd.get(k) not in (None, "")}
        data["sections"] = split_section_refs(cd.get("sections"))
        return data


class GDEntryForm(forms.Form):
    """An entry an officer writes in the General Diary by hand (the other kinds are written by
    the services). Entries are never edited."""

    kind = forms.ChoiceField(label=_("Kind of entry"), choices=[], required=False)
    text = forms.CharField(label=_("Entry"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, GDKind(k).label) for k in GDKind.values if k in MANUAL_GD_KINDS]
        self.fields["kind"].initial = GDKind.GENERAL
