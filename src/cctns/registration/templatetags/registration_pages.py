"""Template filters of the registration pages: ``{% load registration_pages %}``.

- ``field|coded_errors`` → ``[{"code", "message"}]``: a field's errors with the validation
  registry's code (``FIR-011``) when the error came from a rule, else ``code`` is ``""``;
- ``form|form_errors`` → the form's non-field errors and its hidden fields' errors, coded;
- ``formset|formset_errors`` → a formset's own errors (e.g. FIR-001 "give a section"), coded;
- ``value|when`` → ``05-03-2026 14:05`` in IST (``"—"`` for nothing);
- ``value|classification`` → "yes" / "no" / "not known" for a nullable classification.
"""

import re

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

register = template.Library()

RULE_CODE = re.compile(r"^[A-Z]{2,5}-\d{3}$")


def _coded(errors) -> list[dict]:
    out = []
    for e in errors:
        code = e.code if isinstance(e.code, str) and RULE_CODE.match(e.code) else ""
        for message in e.messages:
            out.append({"code": code, "message": message})
    return out


@register.filter
def coded_errors(bound_field) -> list[dict]:
    """The errors of a bound field as ``[{"code", "message"}]`` (no validation is triggered
    beyond what ``form.errors`` does)."""
    form = bound_field.form
    return _coded(form.errors.as_data().get(bound_field.name, []))


@register.filter
def form_errors(form) -> list[dict]:
    """The form's non-field errors and the errors of its hidden fields, coded."""
    data = form.errors.as_data()
    errors = list(data.get("__all__", []))
    for field in form.hidden_fields():
        errors.extend(data.get(field.name, []))
    return _coded(errors)


@register.filter
def formset_errors(formset) -> list[dict]:
    """A formset's own (non-form) errors, coded."""
    return _coded(formset.non_form_errors().as_data())


@register.filter
def when(value) -> str:
    """An aware datetime as ``dd-mm-YYYY HH:MM`` in IST; a date as ``dd-mm-YYYY``; ``"—"`` for none."""
    if not value:
        return "—"
    if hasattr(value, "hour"):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    return value.strftime("%d-%m-%Y")


@register.filter
def classification(value) -> str:
    """``True`` → "Yes", ``False`` → "No", ``None`` → "Not known" (reference data silent)."""
    if value is None:
        return _("Not known")
    return _("Yes") if value else _("No")
