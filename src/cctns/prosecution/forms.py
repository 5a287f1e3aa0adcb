"""Forms of the court pages. Each reads what one service takes; the service checks the rules and
its errors are put back on the form's fields (``cctns.registration.forms.route_errors``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cctns.legal.models import Section

from .constants import ProcessStatus
from .models import (
    Appeal,
    BailOrder,
    CourtCase,
    CourtOrder,
    Disposal,
    Hearing,
    RemandOrder,
    Summons,
    Warrant,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class CourtModelForm(forms.ModelForm):
    """A model form whose instance is never saved by the form (the service saves) and whose
    date fields use the browser's date picker."""

    def __init__(self, *args, court_case: CourtCase | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.court_case = court_case
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput()
        if court_case is not None and "accused" in self.fields:
            self.fields["accused"].queryset = court_case.accused.order_by("order")
            self.fields["accused"].label_from_instance = lambda a: a.code

    def validate_unique(self):  # the service checks what must be unique
        pass

    def _post_clean(self):  # model-level validation is the service's
        pass


class CourtCaseForm(CourtModelForm):
    class Meta:
        model = CourtCase
        fields = ["court_name", "court_establishment", "cnr_number", "case_number", "cognizance_on", "public_prosecutor",
                  "accused", "remarks"]
        widgets = {"accused": forms.CheckboxSelectMultiple, "remarks": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, fir=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accused"].queryset = fir.accused.filter(known=True).order_by("order") if fir else self.fields["accused"].queryset
        # by code only, as everywhere in the court pages: a child accused's name is protected (JJ Act s.74)
        self.fields["accused"].label_from_instance = lambda a: a.code
        self.fields["accused"].required = False
        self.fields["accused"].help_text = _("Leave empty to take every known accused of the FIR.")


class CognizanceForm(forms.Form):
    cognizance_on = forms.DateField(label=_("Date of cognizance"), widget=DateInput())
    public_prosecutor = forms.CharField(label=_("Public prosecutor"), max_length=200, required=False)


class ScheduleHearingForm(CourtModelForm):
    class Meta:
        model = Hearing
        fields = ["date", "purpose", "purpose_text"]


class RecordHearingForm(CourtModelForm):
    class Meta:
        model = Hearing
        fields = ["outcome", "proceedings", "next_date", "next_purpose"]
        widgets = {"proceedings": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [c for c in self.fields["outcome"].choices if c[0] != "scheduled"]


class BailOrderForm(CourtModelForm):
    class Meta:
        model = BailOrder
        fields = ["accused", "order_date", "decision", "bond_amount", "sureties", "terms"]
        widgets = {"terms": forms.Textarea(attrs={"rows": 2})}


class RemandOrderForm(CourtModelForm):
    class Meta:
        model = RemandOrder
        fields = ["accused", "order_date", "kind", "from_date", "to_date", "terms"]
        widgets = {"terms": forms.Textarea(attrs={"rows": 2})}


class CourtOrderForm(CourtModelForm):
    class Meta:
        model = CourtOrder
        fields = ["order_date", "kind", "terms", "comply_by"]
        widgets = {"terms": forms.Textarea(attrs={"rows": 2})}


class WarrantForm(CourtModelForm):
    class Meta:
        model = Warrant
        fields = ["kind", "accused", "person_name", "person_address", "issued_on", "returnable_on", "remarks"]
        widgets = {"person_address": forms.Textarea(attrs={"rows": 2}), "remarks": forms.Textarea(attrs={"rows": 2})}


class SummonsForm(CourtModelForm):
    class Meta:
        model = Summons
        fields = ["person_role", "accused", "person_name", "person_address", "issued_on", "appear_on", "remarks"]
        widgets = {"person_address": forms.Textarea(attrs={"rows": 2}), "remarks": forms.Textarea(attrs={"rows": 2})}


class ProcessReturnForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=[c for c in ProcessStatus.choices if c[0] != ProcessStatus.PENDING])
    executed_on = forms.DateField(label=_("Executed on"), required=False, widget=DateInput())
    returned_on = forms.DateField(label=_("Returned to court on"), required=False, widget=DateInput())
    remarks = forms.CharField(label=_("Remarks"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DisposalForm(CourtModelForm):
    convicted_sections = forms.ModelMultipleChoiceField(
        label=_("Sections convicted under"), queryset=Section.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Disposal
        fields = ["accused", "verdict", "decided_on", "convicted_sections", "sentence_kind", "sentence_years",
                  "sentence_months", "sentence_days", "fine_amount", "age_category", "remarks"]
        widgets = {"remarks": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["age_category"].required = False
        self.fields["age_category"].help_text = _("Left as is, a juvenile is recognised from the age on the date of the offence.")
        if self.court_case is not None:
            self.fields["convicted_sections"].queryset = Section.objects.filter(
                fir_sections__fir=self.court_case.fir).select_related("act").order_by("fir_sections__order")
            self.fields["convicted_sections"].label_from_instance = lambda s: f"{s.act.code} {s.number}"
        for name in ("sentence_kind", "sentence_years", "sentence_months", "sentence_days"):
            self.fields[name].required = False


class AppealForm(CourtModelForm):
    class Meta:
        model = Appeal
        fields = ["accused", "appellant", "appellate_court", "appeal_number", "filed_on"]


class AppealResultForm(CourtModelForm):
    class Meta:
        model = Appeal
        fields = ["result", "result_on", "result_remarks"]
        widgets = {"result_remarks": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["result"].choices = [c for c in self.fields["result"].choices if c[0] != "pending"]
        self.fields["result_on"].required = True


class DisposalCorrectionForm(DisposalForm):
    """The SHO's correction of a recorded disposal: every value again, and the reason."""

    reason = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 2}))

    class Meta(DisposalForm.Meta):
        fields = [f for f in DisposalForm.Meta.fields if f != "accused"]
