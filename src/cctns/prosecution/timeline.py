"""The court's events on the case timeline (issue 5 item 9): registered in the investigation
app's timeline registry from :meth:`ProsecutionConfig.ready`.

Court events carry a date, not a time: they are placed at the court's sitting time
(:func:`~cctns.prosecution.services.alerts.court_moment`). Accused are named by their codes only
(JJ Act s.74), and only court cases the reading user may see (``for_user``) contribute.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import CourtCase
from .services.alerts import court_moment


def court_events(fir, user):
    """Timeline items of the FIR's court cases: registered, cognizance, hearings held, orders,
    warrants and summons (issued, executed), disposals (IIF-6) and appeals (IIF-7)."""
    from cctns.investigation.timeline import TimelineItem

    cases = (CourtCase.objects.for_user(user).filter(fir=fir).select_related("created_by")
             .prefetch_related("hearings__recorded_by", "bail_orders__accused", "remand_orders__accused", "orders",
                               "warrants", "summonses", "disposals__accused", "disposals__created_by",
                               "appeals__accused", "appeals__created_by"))
    for case in cases:
        url = reverse("prosecution:case_detail", args=[case.pk])
        name = {"case": case.case_number, "court": case.court_name}
        yield TimelineItem(case.created_at, "court_case", _("Court case %(case)s in %(court)s recorded") % name,
                           by=case.created_by, url=url)
        if case.cognizance_on:
            yield TimelineItem(court_moment(case.cognizance_on), "court_cognizance",
                               _("Cognizance taken in %(case)s") % name, url=url)
        for h in case.hearings.all():
            if h.is_held and h.is_current:
                yield TimelineItem(court_moment(h.date), "court_hearing",
                                   _("Hearing in %(case)s: %(purpose)s, %(outcome)s") % {
                                       **name, "purpose": h.get_purpose_display(), "outcome": h.get_outcome_display()},
                                   by=h.recorded_by, url=url)
        for o in case.bail_orders.all():
            yield TimelineItem(court_moment(o.order_date), "court_bail",
                               _("Bail of %(code)s: %(decision)s") % {"code": o.accused.code, "decision": o.get_decision_display()},
                               url=url)
        for o in case.remand_orders.all():
            yield TimelineItem(court_moment(o.order_date), "court_remand",
                               _("%(kind)s of %(code)s remanded") % {"code": o.accused.code, "kind": o.get_kind_display()},
                               url=url)
        for o in case.orders.all():
            yield TimelineItem(court_moment(o.order_date), "court_order", _("Court order: %(kind)s") % {
                "kind": o.get_kind_display()}, url=url)
        for p in [*case.warrants.all(), *case.summonses.all()]:
            label = p.get_kind_display() if hasattr(p, "kind") else _("Summons")
            yield TimelineItem(court_moment(p.issued_on), "court_process", _("%(process)s issued") % {"process": label}, url=url)
            if p.executed_on:
                yield TimelineItem(court_moment(p.executed_on), "court_process",
                                   _("%(process)s executed") % {"process": label}, url=url)
        for d in case.disposals.all():
            if d.is_current:
                yield TimelineItem(court_moment(d.decided_on), "court_disposal", _("Disposal of %(code)s: %(verdict)s") % {
                    "code": d.accused.code, "verdict": d.get_verdict_display()}, by=d.created_by, url=url)
        for a in case.appeals.all():
            if not a.is_current:
                continue
            yield TimelineItem(court_moment(a.filed_on), "court_appeal", _("Appeal %(number)s of %(code)s filed in %(court)s") % {
                "number": a.appeal_number, "code": a.accused.code, "court": a.appellate_court}, by=a.created_by, url=url)
            if a.result_on:
                yield TimelineItem(court_moment(a.result_on), "court_appeal", _("Appeal %(number)s: %(result)s") % {
                    "number": a.appeal_number, "result": a.get_result_display()}, url=url)
