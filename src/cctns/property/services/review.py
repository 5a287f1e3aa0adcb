"""Review of match candidates: confirm or reject, with a remark (DESIGN.md §5).

A confirmation sets the reported (stolen or lost) item to ``recovered`` through a state row that
names the candidate, and closes the alerts of the pair; a rejection is kept, so the pair is never
proposed again (:func:`cctns.property.services.matching.match_item` skips decided pairs). Both
leave an audit entry (``status``) with the remark.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.audit.constants import Kind
from cctns.audit.services import record_event
from cctns.core.alerts import close_alerts

from ..constants import REPORTED_STATES, CandidateStatus, PropertyState
from ..models import MatchCandidate
from .records import change_state, require


def _decide(candidate: MatchCandidate, status: str, *, by, remark: str) -> MatchCandidate:
    require(by, "property.review_candidate", candidate)
    if not (remark or "").strip():
        raise ValidationError({"remark": _("Write a remark: what was checked, and why it is or is not the same item.")})
    if candidate.status != CandidateStatus.PROPOSED:
        raise ValidationError({"status": _("This candidate has already been decided.")})
    candidate.status = status
    candidate.decided_by = by
    candidate.decided_at = timezone.now()
    candidate.remark = remark.strip()
    candidate.save()
    record_event(Kind.STATUS, candidate, user=by, reason=candidate.remark,
                 data={"status": status, "found": candidate.found_id, "reported": candidate.reported_id,
                       "score": candidate.score})
    close_alerts(prefix=f"property-match:{candidate.pk}:", by=by, reason=status)
    return candidate


def confirm(candidate: MatchCandidate, *, by, remark: str) -> MatchCandidate:
    """Confirm that the found item is the reported one: the candidate becomes ``confirmed`` and
    the reported item ``recovered`` (a state row naming the candidate, by ``by``, with the
    remark). Raises ``PermissionDenied`` (not an officer of either station) or
    ``ValidationError`` (no remark; already decided)."""
    with transaction.atomic():
        candidate = MatchCandidate.objects.select_for_update().get(pk=candidate.pk)
        _decide(candidate, CandidateStatus.CONFIRMED, by=by, remark=remark)
        reported = candidate.reported.specific
        if reported.state in REPORTED_STATES:
            change_state(reported, PropertyState.RECOVERED, by=by, candidate=candidate, check_permission=False,
                         reason=_("Match confirmed with %(item)s at %(station)s: %(remark)s") % {
                             "item": candidate.found.specific.label(),
                             "station": candidate.found.police_station.name, "remark": candidate.remark},
                         seizure_reference=candidate.found.seizure_reference)
    return candidate


def reject(candidate: MatchCandidate, *, by, remark: str) -> MatchCandidate:
    """Reject the candidate (kept, never proposed again). Raises like :func:`confirm`."""
    with transaction.atomic():
        candidate = MatchCandidate.objects.select_for_update().get(pk=candidate.pk)
        return _decide(candidate, CandidateStatus.REJECTED, by=by, remark=remark)
