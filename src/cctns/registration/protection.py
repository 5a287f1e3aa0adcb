"""Which fields of registration records are protected identities (:mod:`cctns.core.protection`).

| policy | fields | protected when | basis |
|---|---|---|---|
| ``registration.victim`` | a victim's name, relative's name, nationality, occupation, address, phone (date of birth, age) | the FIR is sensitive, or the victim is a child | BNS s.72; POCSO s.23; JJ Act s.74 |
| ``registration.child_accused`` | a child accused's name, alias, relative's name, occupation, address, phone (date of birth) | the accused was under 18 on the day of the occurrence | JJ Act s.74 |
| ``registration.informant`` | the informant's particulars and identity number (date of birth, age) | the FIR is sensitive, or the informant asked for confidentiality | BNS s.72; Nipun Saxena v. UoI (2018) |
| ``registration.first_information`` | the first information (narrative) and the reason it was marked sensitive | the FIR is sensitive | BNS s.72; POCSO s.23 |

Who may see them: the case's own officers (:func:`~cctns.registration.services.is_case_officer`:
its IO, the officers of its stations, the supervisors over those stations). Imported from
``RegistrationConfig.ready``.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from cctns.core import protection

from .models import FIR, FIRAccused, FIRVictim
from .services.fir import is_case_officer, is_child

PERSON_TEXT = ["name", "relative_name", "nationality", "occupation", "address", "phone"]


def _ist(*args) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args), datetime.timezone(datetime.timedelta(hours=5, minutes=30)))


def _fir_data(value: str, **overrides) -> dict:
    data = {
        "occurrence_from": _ist(2025, 7, 10, 22, 0), "occurrence_to": _ist(2025, 7, 10, 23, 30),
        "information_received_at": _ist(2025, 7, 11, 9, 15),
        "place_address": "Near the bus stand, Main Road", "beat": "Beat 3", "distance_km": Decimal("1.5"),
        "direction_from_ps": "NE", "informant_name": f"{value} Informant", "informant_sex": "F", "informant_age": 40,
        "informant_phone": "9876543210", "informant_address": f"{value} House",
        "sections": [{"act": "BNS", "number": "303(2)"}],
        "victims": [{"name": f"{value} Victim", "sex": "F", "age": 30}],
        "accused": [{"known": False, "description": "A man in a red shirt"}],
        "narrative": "Information given about the occurrence at the bus stand.",
        "action_taken": "Case registered and taken up for investigation.",
    }
    data.update(overrides)
    return data


def sample_sensitive_fir(value: str, user) -> FIR:
    """A registered sensitive FIR (BNS 64) at ``user``'s station whose victim, informant and
    first information carry ``value`` (the leak test; needs the BNS 64 reference section)."""
    from .services import register_fir

    data = _fir_data(value, sections=[{"act": "BNS", "number": "64"}], recorded_by_woman_officer=True,
                     narrative=f"Information given by {value} about the occurrence.",
                     victims=[{"name": f"{value} Victim", "relative_name": f"{value} Relative", "sex": "F",
                               "age": 24, "address": f"{value} Lane"}])
    return register_fir(None, user, data, now=_ist(2025, 7, 11, 10, 0))


def sample_child_fir(value: str, user) -> FIR:
    """A theft FIR (not sensitive) with a child victim and a child accused named ``value``, and a
    confidential informant named ``value`` (the leak test)."""
    from .services import register_fir

    data = _fir_data(
        value, informant_confidential=True,
        victims=[{"name": f"{value} Childvictim", "sex": "M", "age": 12, "address": f"{value} Colony"}],
        accused=[{"known": True, "name": f"{value} Childaccused", "alias": f"{value} Alias", "sex": "M", "age": 15,
                  "address": f"{value} Street"}],
    )
    return register_fir(None, user, data, now=_ist(2025, 7, 11, 10, 0))


def _victim_protected(victim: FIRVictim) -> bool:
    fir = victim.fir
    return fir.is_sensitive or is_child(victim, fir)


protection.register(
    FIRVictim, PERSON_TEXT, null_fields=["date_of_birth", "age"], when=_victim_protected,
    may_see=lambda user, v: is_case_officer(user, v.fir), basis="BNS s.72; POCSO s.23; JJ Act s.74",
    parent="fir", name="registration.victim",
    sample=lambda value, user: sample_sensitive_fir(value, user).victims.get(),
)
protection.register(
    FIRAccused, ["name", "alias", "relative_name", "nationality", "occupation", "address", "phone"],
    null_fields=["date_of_birth"], when=lambda a: is_child(a, a.fir),
    may_see=lambda user, a: is_case_officer(user, a.fir), basis="JJ Act s.74",
    parent="fir", name="registration.child_accused",
    sample=lambda value, user: sample_child_fir(value, user).accused.get(),
)
protection.register(
    FIR, [f"informant_{f}" for f in PERSON_TEXT] + ["informant_id_number"],
    null_fields=["informant_date_of_birth", "informant_age"],
    when=lambda fir: fir.is_sensitive or fir.informant_confidential,
    may_see=is_case_officer, basis="BNS s.72; Nipun Saxena v. UoI (2018)", name="registration.informant",
    sample=sample_child_fir,
)
protection.register(
    FIR, ["narrative", "sensitive_reason"], when=lambda fir: fir.is_sensitive, may_see=is_case_officer,
    basis="BNS s.72; POCSO s.23", name="registration.first_information", sample=sample_sensitive_fir,
)
