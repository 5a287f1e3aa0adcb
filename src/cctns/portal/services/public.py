"""Public searches whose source lives outside the portal and needs a public projection here.

:func:`public_proclaimed_offenders`: persons a court has proclaimed (recorded in the
person index with ``is_proclaimed_offender`` and the proclamation's court, number and date).
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from cctns.core.models import Unit
from cctns.persons.models import Person, PersonRole
from cctns.persons.services import protected_roles_q

#: What the public sees of a proclaimed offender: the proclamation itself, never an address,
#: phone, identity document or case particulars.
PUBLIC_FIELDS = ("global_id", "name", "father_name", "husband_name", "sex", "age_min", "age_max",
                 "proclamation_reference", "proclamation_court", "proclamation_date", "unit__name", "unit__name_hi")


def public_proclaimed_offenders(*, name: str = "", district: Unit | None = None, limit: int = 100) -> list[dict]:
    """Proclaimed offenders, newest proclamation first, as dicts of :data:`PUBLIC_FIELDS`.

    Never listed: a person merged into another record; anyone who is a protected party of a
    case (a victim of a sensitive FIR or a child, a confidential informant: BNS s.72, POCSO
    s.23); anyone recorded as a minor in any role, born less than 18 years ago, or whose
    estimated age tops out under 18 (JJ Act s.74: no child's identity is disclosed).
    ``name`` matches any part of the name (as written or in canonical Latin)."""
    today = timezone.localdate()
    adult_born_before = today.replace(year=today.year - 18) if not (today.month == 2 and today.day == 29) \
        else today - datetime.timedelta(days=365 * 18 + 4)
    protected = PersonRole.objects.filter(person=OuterRef("pk")).filter(protected_roles_q() | Q(minor=True))
    qs = (Person.objects.filter(is_proclaimed_offender=True, merged_into__isnull=True)
          .exclude(Exists(protected))
          .exclude(date_of_birth__gt=adult_born_before)
          .exclude(age_max__lt=18))
    if name.strip():
        text = name.strip()
        qs = qs.filter(Q(name__icontains=text) | Q(name_latin__icontains=text))
    if district is not None:
        qs = qs.filter(unit__path__startswith=district.path)
    return list(qs.order_by("-proclamation_date", "-pk").values(*PUBLIC_FIELDS)[:limit])
