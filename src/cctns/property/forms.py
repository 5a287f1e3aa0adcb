"""Forms of the property pages: one per item kind, the state change, the review and the check."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import FOUND_STATES, REPORTED_STATES, ItemKind, PropertyState
from .models import Firearm, MobilePhone, OtherProperty, Vehicle

COMMON = ["state", "occurred_on", "place", "fir", "seizure_reference", "owner_name", "owner_mobile", "remarks"]
INITIAL_STATES = [(s.value, s.label) for s in PropertyState if s in REPORTED_STATES | FOUND_STATES]


class ItemForm(forms.ModelForm):
    """Base of the item forms: the state is one a new item can start in, the FIR one the user may
    see (``fir`` queryset set by the view)."""

    state = forms.ChoiceField(label=_("state"), choices=INITIAL_STATES)

    def __init__(self, *args, firs=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "fir" in self.fields:
            self.fields["fir"].queryset = firs if firs is not None else self.fields["fir"].queryset.none()
            self.fields["fir"].required = False
        if "occurred_on" in self.fields:
            self.fields["occurred_on"].widget = forms.DateInput(attrs={"type": "date"})


class VehicleForm(ItemForm):
    class Meta:
        model = Vehicle
        fields = ["registration_number", "chassis_number", "engine_number", "make", "model", "colour",
                  "vehicle_type", "year", *COMMON]


class FirearmForm(ItemForm):
    class Meta:
        model = Firearm
        fields = ["firearm_type", "make", "bore", "serial_number", "butt_number", "licence_number", *COMMON]


class MobilePhoneForm(ItemForm):
    class Meta:
        model = MobilePhone
        fields = ["imei", "imei_2", "make", "model", "colour", *COMMON]


class OtherPropertyForm(ItemForm):
    class Meta:
        model = OtherProperty
        fields = ["category", "description", "value", *COMMON]


FORMS = {ItemKind.VEHICLE: VehicleForm, ItemKind.FIREARM: FirearmForm, ItemKind.PHONE: MobilePhoneForm,
         ItemKind.OTHER: OtherPropertyForm}


class StateChangeForm(forms.Form):
    to_state = forms.ChoiceField(label=_("new state"), choices=PropertyState.choices)
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 2}))
    seizure_reference = forms.CharField(label=_("seizure memo reference"), required=False, max_length=80)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("decision"), choices=[("confirm", _("Same item: confirm")),
                                                               ("reject", _("Not the same item: reject"))])
    remark = forms.CharField(label=_("remark"), widget=forms.Textarea(attrs={"rows": 3}))


class CheckForm(forms.Form):
    """The beat officer's check: any combination of the four numbers."""

    registration_number = forms.CharField(label=_("registration number"), required=False, max_length=20)
    chassis_number = forms.CharField(label=_("chassis number / VIN"), required=False, max_length=30)
    engine_number = forms.CharField(label=_("engine number"), required=False, max_length=30)
    imei = forms.CharField(label=_("IMEI"), required=False, max_length=20)

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("registration_number", "chassis_number", "engine_number", "imei")):
            raise forms.ValidationError(_("Give at least one number to check."))
        return data
