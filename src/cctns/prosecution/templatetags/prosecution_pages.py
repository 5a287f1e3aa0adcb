"""Template tags of the court pages: the court section of the FIR page."""

import rules
from django import template

from cctns.prosecution.models import CourtCase

register = template.Library()


@register.simple_tag(takes_context=True)
def court_cases_of(context, fir) -> dict:
    """``{"cases": the FIR's court cases the user may read, "can_add": may record one}`` (the
    FIR page's court section; an FIR without a number has none)."""
    user = context["request"].user
    if not getattr(fir, "is_issued", False):
        return {"cases": [], "can_add": False}
    cases = list(CourtCase.objects.for_user(user).filter(fir=fir).order_by("created_at"))
    return {"cases": cases, "can_add": rules.has_perm("prosecution.record_court", user, fir)}
