"""Registration pages. The FIR, NCR, GD and complaint pages are built on the services and the
filtersets; this module starts with the documentation page of the validation rules."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView

from cctns.core.validation import rules_for


class ValidationRulesView(LoginRequiredMixin, TemplateView):
    """``/registration/rules/``: every coded validation rule, generated from the registry: code,
    level, record part, the rule, its message in English and Hindi, and its legal source."""

    template_name = "registration/rules.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        groups = {}
        for rule in rules_for():
            groups.setdefault(rule.record, []).append(rule)
        ctx["groups"] = [(record, groups[record]) for record in ("fir", "ncr", "complaint") if record in groups]
        ctx["groups"] += [(record, rows) for record, rows in groups.items() if record not in ("fir", "ncr", "complaint")]
        return ctx
