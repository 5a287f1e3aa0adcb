"""Coded validation rules of registration: FIR (``FIR-…``), NCR (``NCR-…``), complaints (``CMP-…``).

One registry (:mod:`cctns.core.validation`) used by the services, the API serializers, the web
forms and bulk import alike; ``cctns validation_rules`` and ``/registration/rules/`` list it.

The rules read a plain ``dict`` of the record's data (see :func:`validate_fir` for the keys), never
a request or a form, so every entry path is checked the same way. Classification (cognizable,
bailable) comes from reference data (``legal.Section``), never from the user (DESIGN.md §4).
"""

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cctns.core.numbering import local_date
from cctns.core.validation import WARNING, RuleViolation, rule, run
from cctns.legal.models import ActKind, Section
from cctns.legal.services import corresponding_sections, penal_code_for

PENAL_CODES = {"BNS", "IPC"}
SPECIAL_OR_LOCAL = {ActKind.SPECIAL, ActKind.LOCAL}


@dataclass(frozen=True)
class UnresolvedSection:
    """A section reference that matched nothing in the reference law (``"BNS 999"``)."""

    ref: str


def delay_hours() -> float:
    """``CCTNS_FIR_DELAY_HOURS`` (default 24): information later than this after the occurrence
    needs a recorded reason for the delay."""
    return float(getattr(settings, "CCTNS_FIR_DELAY_HOURS", 24))


def effective_cognizable(section: Section) -> bool | None:
    """Whether ``section`` is cognizable per reference data: ``True``, ``False`` or ``None`` (unknown).

    The section's own classification wins. For an offence under a special or local law with no
    classification but a known maximum punishment, the default of the BNSS First Schedule, Part II
    applies: punishable with imprisonment of 3 years or more (or life, or death) → cognizable;
    less than 3 years or fine only → non-cognizable.
    """
    if section.cognizable is not None:
        return section.cognizable
    if section.act.kind in SPECIAL_OR_LOCAL and section.max_punishment_years is not None:
        return section.max_punishment_years >= 3
    return None


def section_base_number(number: str) -> str:
    """``"64(2)"`` → ``"64"``, ``"376AB"`` → ``"376AB"``: the section without its sub-section."""
    return re.split(r"[\s(]", number.strip(), maxsplit=1)[0].upper()


def _sections(data) -> list:
    return list(data.get("sections") or [])


def _resolved(data) -> list[tuple[int, Section]]:
    return [(i, s) for i, s in enumerate(_sections(data)) if isinstance(s, Section)]


def _dt(value) -> datetime.datetime | None:
    return value if isinstance(value, datetime.datetime) else None


def _now(data) -> datetime.datetime:
    return data.get("now") or timezone.now()


def _fmt(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


# --------------------------------------------------------------------------------------------
# Generic checks, shared by FIR and NCR rules
# --------------------------------------------------------------------------------------------

def _check_unresolved(data):
    for i, s in enumerate(_sections(data)):
        if isinstance(s, UnresolvedSection):
            yield {"index": i, "ref": s.ref}


def _check_law_by_date(data, date_key: str):
    occurred = _dt(data.get(date_key))
    if occurred is None:
        return
    day = local_date(occurred)
    code = penal_code_for(day)
    for i, s in _resolved(data):
        if s.act.code in PENAL_CODES and s.act.code != code:
            suggested = corresponding_sections(s)
            yield {
                "index": i, "section": str(s), "code": code, "date": day.strftime("%d-%m-%Y"),
                "suggestion": ", ".join(f"{x['act']} {x['label']}" for x in suggested) or "—",
                "extra": {"expected_code": code, "suggested": suggested},
            }


def _check_duplicates(data):
    seen = set()
    for i, s in _resolved(data):
        if s.pk in seen:
            yield {"index": i, "section": str(s)}
        seen.add(s.pk)


# --------------------------------------------------------------------------------------------
# FIR (IIF-1)
# --------------------------------------------------------------------------------------------

@rule("FIR-001", record="fir", field="sections",
      message=_("Give at least one act and section."),
      message_hi="कम से कम एक अधिनियम और धारा दें।",
      source="BNSS s.173(1); IIF-1 (acts and sections)")
def fir_sections_required(data):
    """At least one act and section."""
    if not _sections(data):
        yield {}


@rule("FIR-002", record="fir", field="sections",
      message=_("%(ref)s is not a section of the reference law."),
      message_hi="%(ref)s संदर्भ विधि की कोई धारा नहीं है।",
      source="DESIGN.md §4: classification comes from reference data")
def fir_section_known(data):
    """Every section exists in the reference law (acts and sections tables)."""
    yield from _check_unresolved(data)


@rule("FIR-003", record="fir", field="sections",
      message=_("%(section)s cannot be used for an offence of %(date)s: the %(code)s applies. Corresponding section: %(suggestion)s."),
      message_hi="%(section)s का प्रयोग %(date)s के अपराध के लिए नहीं हो सकता: %(code)s लागू है। संगत धारा: %(suggestion)s।",
      source="BNS s.1(2) and S.O. 850(E) of 23-02-2024 (BNS from 1 July 2024); BNSS s.531 (earlier offences under IPC)")
def fir_law_by_date(data):
    """The penal code follows the date of offence (IST): BNS from 1 July 2024, IPC before; special and local laws with either."""
    yield from _check_law_by_date(data, "occurrence_from")


@rule("FIR-004", record="fir", field="sections",
      message=_("%(section)s is listed more than once."),
      message_hi="%(section)s एक से अधिक बार दी गई है।",
      source="IIF-1 (acts and sections)")
def fir_sections_once(data):
    """Each section is listed once."""
    yield from _check_duplicates(data)


@rule("FIR-005", record="fir", field="occurrence_to",
      message=_("The occurrence cannot end (%(to)s) before it began (%(from)s)."),
      message_hi="घटना का अंत (%(to)s) उसके आरंभ (%(from)s) से पहले नहीं हो सकता।",
      source="IIF-1 (occurrence from–to)")
def fir_occurrence_order(data):
    """Occurrence from ≤ occurrence to."""
    start, end = _dt(data.get("occurrence_from")), _dt(data.get("occurrence_to"))
    if start and end and end < start:
        yield {"from": _fmt(start), "to": _fmt(end)}


@rule("FIR-006", record="fir", field="sections",
      message=_("Every section given is non-cognizable: register a non-cognizable report (NCR) instead of an FIR."),
      message_hi="दी गई सभी धाराएँ असंज्ञेय हैं: एफ़आईआर के स्थान पर असंज्ञेय रिपोर्ट (एनसीआर) दर्ज करें।",
      source="BNSS s.173(1) (FIR for cognizable offences), s.174(1) (non-cognizable: NCR); s.174(4) (one cognizable offence makes the case cognizable)")
def fir_not_all_non_cognizable(data):
    """At least one section is cognizable (or of unknown classification, confirmed by the officer); else the form offers an NCR."""
    resolved = _resolved(data)
    if resolved and all(effective_cognizable(s) is False for _, s in resolved):
        yield {"extra": {"alternative": "ncr", "sections": [s.pk for _, s in resolved]}}


@rule("FIR-007", record="fir", field="cognizability_confirmed",
      message=_("Reference data does not say whether %(sections)s is cognizable: confirm that the offence is cognizable (your confirmation is recorded)."),
      message_hi="संदर्भ डेटा में यह नहीं है कि %(sections)s संज्ञेय है या नहीं: पुष्टि करें कि अपराध संज्ञेय है (आपकी पुष्टि दर्ज की जाएगी)।",
      source="DOMAIN.md \"Offence classification\"; BNSS First Schedule")
def fir_unknown_cognizability_confirmed(data):
    """A section whose cognizability is unknown needs the registering officer's recorded confirmation."""
    unknown = [s for _, s in _resolved(data) if effective_cognizable(s) is None]
    if unknown and not data.get("cognizability_confirmed_by"):
        yield {"sections": ", ".join(str(s) for s in unknown), "extra": {"sections": [s.pk for s in unknown]}}


@rule("FIR-008", record="fir", field="registered_at",
      message=_("The time of registration (%(at)s) is in the future."),
      message_hi="दर्ज करने का समय (%(at)s) भविष्य में है।",
      source="IIF-1 (date and time of FIR)")
def fir_registration_not_future(data):
    """Registration is not in the future."""
    at = _dt(data.get("registered_at"))
    if at and at > _now(data) + datetime.timedelta(minutes=1):
        yield {"at": _fmt(at)}


@rule("FIR-009", record="fir", field="information_received_at",
      message=_("Information cannot have been received (%(received)s) before the occurrence it reports (%(from)s)."),
      message_hi="सूचना (%(received)s) उस घटना (%(from)s) से पहले प्राप्त नहीं हो सकती जिसकी वह सूचना है।",
      source="IIF-1 (occurrence; information received at PS)")
def fir_information_after_occurrence(data):
    """Occurrence ≤ information received at the police station (start and, when given, end of the occurrence)."""
    received = _dt(data.get("information_received_at"))
    start, end = _dt(data.get("occurrence_from")), _dt(data.get("occurrence_to"))
    latest = max((t for t in (start, end) if t), default=None)
    if received and latest and received < latest:
        yield {"received": _fmt(received), "from": _fmt(latest)}


@rule("FIR-010", record="fir", field="registered_at",
      message=_("The FIR cannot be registered (%(at)s) before the information was received (%(received)s)."),
      message_hi="एफ़आईआर (%(at)s) सूचना प्राप्त होने (%(received)s) से पहले दर्ज नहीं हो सकती।",
      source="BNSS s.173(1)")
def fir_registration_after_information(data):
    """Information received ≤ registration."""
    received, at = _dt(data.get("information_received_at")), _dt(data.get("registered_at"))
    if received and at and at < received:
        yield {"at": _fmt(at), "received": _fmt(received)}


@rule("FIR-011", record="fir", field="delay_reason",
      message=_("The information came %(hours)s hours after the occurrence: record the reasons for the delay."),
      message_hi="सूचना घटना के %(hours)s घंटे बाद आई: विलंब के कारण दर्ज करें।",
      source="IIF-1 (reasons for delay in reporting); CCTNS_FIR_DELAY_HOURS")
def fir_delay_reason(data):
    """A reason for delay is required when information came more than CCTNS_FIR_DELAY_HOURS (default 24) after the occurrence."""
    received = _dt(data.get("information_received_at"))
    occurred = _dt(data.get("occurrence_to")) or _dt(data.get("occurrence_from"))
    if received and occurred and _blank(data.get("delay_reason")):
        hours = (received - occurred).total_seconds() / 3600
        if hours > delay_hours():
            yield {"hours": int(hours)}


@rule("FIR-012", record="fir", field="informant_name",
      message=_("Give the informant's name (or mark the FIR suo motu when a police officer is the informant)."),
      message_hi="सूचनादाता का नाम दें (या, यदि पुलिस अधिकारी ही सूचनादाता है, तो एफ़आईआर को स्वतः संज्ञान चिह्नित करें)।",
      source="BNSS s.173(1) (information signed by the person giving it); IIF-1 (complainant / informant)")
def fir_informant_name(data):
    """The informant's name is required unless the FIR is suo motu (an officer is the informant)."""
    if not data.get("suo_motu") and _blank(data.get("informant_name")):
        yield {}


@rule("FIR-013", record="fir", field="accused",
      message=_("Accused code %(code)s is used twice."),
      message_hi="अभियुक्त कोड %(code)s दो बार प्रयुक्त है।",
      source="IIF-3 (accused code A1–A9, then B1…)")
def fir_accused_codes_unique(data):
    """Accused codes (A1, A2 …) are unique within the FIR."""
    seen = set()
    for i, a in enumerate(data.get("accused") or []):
        code = (a.get("code") or "").strip().upper()
        if code and code in seen:
            yield {"index": i, "subfield": "code", "code": code}
        seen.add(code)


@rule("FIR-014", record="fir", field="properties",
      message=_("The value of property %(n)s cannot be negative."),
      message_hi="संपत्ति %(n)s का मूल्य ऋणात्मक नहीं हो सकता।",
      source="IIF-1 (property stolen / involved, with value)")
def fir_property_values(data):
    """Property values (₹) are zero or more."""
    for i, p in enumerate(data.get("properties") or []):
        value = _decimal(p.get("value"))
        if value is not None and value < 0:
            yield {"index": i, "subfield": "value", "n": i + 1}


@rule("FIR-015", record="fir", field="latitude",
      message=_("Coordinates must be a latitude between -90 and 90 and a longitude between -180 and 180, given together."),
      message_hi="निर्देशांक में अक्षांश -90 से 90 और देशांतर -180 से 180 के बीच हों, और दोनों साथ दिए जाएँ।",
      source="IIF-1 (place of occurrence); WGS 84")
def fir_coordinates(data):
    """Latitude in [-90, 90] and longitude in [-180, 180], both or neither."""
    lat, lon = _decimal(data.get("latitude")), _decimal(data.get("longitude"))
    if (lat is None) != (lon is None):
        yield {}
    elif lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        yield {}


#: Offences whose information, when given by the woman victim, a woman officer records.
WOMAN_OFFICER_SECTIONS = {
    "BNS": {str(n) for n in [*range(64, 72), *range(74, 80), 124]},
    "IPC": {"326A", "326B", "354", "354A", "354B", "354C", "354D", "376", "376A", "376AB", "376B",
            "376C", "376D", "376DA", "376DB", "376E", "509"},
}


@rule("FIR-016", record="fir", field="recorded_by_woman_officer", level=WARNING,
      message=_("Information on %(sections)s given by a woman is to be recorded by a woman police officer or any woman officer."),
      message_hi="%(sections)s के संबंध में किसी महिला द्वारा दी गई सूचना महिला पुलिस अधिकारी या किसी महिला अधिकारी द्वारा दर्ज की जानी चाहिए।",
      source="BNSS s.173(1) first proviso (BNS 64–71, 74–79, 124); CrPC s.154(1) proviso for IPC offences")
def fir_woman_officer(data):
    """Warning: BNS 64–71, 74–79, 124 (IPC equivalents before 1 July 2024) with a woman victim or informant should be recorded by a woman officer."""
    if data.get("recorded_by_woman_officer"):
        return
    hits = [s for _, s in _resolved(data)
            if section_base_number(s.number) in WOMAN_OFFICER_SECTIONS.get(s.act.code, set())]
    woman = data.get("informant_sex") == "F" or any(v.get("sex") == "F" for v in data.get("victims") or [])
    if hits and woman:
        yield {"sections": ", ".join(str(s) for s in hits)}


@rule("FIR-017", record="fir", field="narrative",
      message=_("Write the first information (the contents of the information as given)."),
      message_hi="प्रथम सूचना (दी गई सूचना की विषय-वस्तु) लिखें।",
      source="BNSS s.173(1) (information reduced to writing); IIF-1 (first information contents)")
def fir_narrative_required(data):
    """The first information contents are required."""
    if _blank(data.get("narrative")):
        yield {}


@rule("FIR-018", record="fir", field="occurrence_from",
      message=_("Give the date and time when the occurrence began."),
      message_hi="घटना आरंभ होने की तिथि और समय दें।",
      source="IIF-1 (occurrence date/time from)")
def fir_occurrence_required(data):
    """The start of the occurrence is required (it decides the applicable law)."""
    if _dt(data.get("occurrence_from")) is None:
        yield {}


@rule("FIR-019", record="fir", field="information_received_at",
      message=_("Give the date and time when the information was received at the police station."),
      message_hi="पुलिस थाने पर सूचना प्राप्त होने की तिथि और समय दें।",
      source="IIF-1 (information received at PS)")
def fir_information_time_required(data):
    """The time information was received at the police station is required."""
    if _dt(data.get("information_received_at")) is None:
        yield {}


def _person_age_findings(person: Mapping[str, Any], day: datetime.date | None, prefix: str = ""):
    age = person.get(f"{prefix}age")
    try:
        bad_age = age is not None and age != "" and not (0 <= int(age) <= 120)
    except (TypeError, ValueError):
        bad_age = True
    if bad_age:
        yield f"{prefix}age"
    dob = person.get(f"{prefix}date_of_birth")
    if isinstance(dob, datetime.date) and day and dob > day:
        yield f"{prefix}date_of_birth"


def _occurrence_day(data) -> datetime.date | None:
    start = _dt(data.get("occurrence_from"))
    return local_date(start) if start else timezone.localdate()


@rule("FIR-020", record="fir", field="victims",
      message=_("Victim %(n)s: the age must be between 0 and 120 and the date of birth not after the occurrence."),
      message_hi="पीड़ित %(n)s: आयु 0 से 120 के बीच हो और जन्म-तिथि घटना के बाद की न हो।",
      source="IIF-1 (victim particulars)")
def fir_victim_ages(data):
    """Victims' ages are 0–120 and dates of birth not after the occurrence."""
    day = _occurrence_day(data)
    for i, v in enumerate(data.get("victims") or []):
        for sub in _person_age_findings(v, day):
            yield {"index": i, "subfield": sub, "n": i + 1}


@rule("FIR-021", record="fir", field="accused",
      message=_("Accused %(n)s: the age must be between 0 and 120 and the date of birth not after the occurrence."),
      message_hi="अभियुक्त %(n)s: आयु 0 से 120 के बीच हो और जन्म-तिथि घटना के बाद की न हो।",
      source="IIF-1 (accused particulars)")
def fir_accused_ages(data):
    """Accused persons' ages are 0–120 and dates of birth not after the occurrence."""
    day = _occurrence_day(data)
    for i, a in enumerate(data.get("accused") or []):
        for sub in _person_age_findings(a, day):
            yield {"index": i, "subfield": sub, "n": i + 1}


@rule("FIR-022", record="fir", field="informant_age",
      message=_("The informant's age must be between 0 and 120 and the date of birth not in the future."),
      message_hi="सूचनादाता की आयु 0 से 120 के बीच हो और जन्म-तिथि भविष्य की न हो।",
      source="IIF-1 (informant: date of birth / age)")
def fir_informant_age(data):
    """The informant's age is 0–120 and date of birth not in the future."""
    if any(_person_age_findings(data, local_date(_now(data)), prefix="informant_")):
        yield {}


@rule("FIR-023", record="fir", field="accused",
      message=_("Accused %(n)s is marked as known: give the name (or mark the accused unknown and describe them)."),
      message_hi="अभियुक्त %(n)s ज्ञात चिह्नित है: नाम दें (या अभियुक्त को अज्ञात चिह्नित कर उसका विवरण दें)।",
      source="IIF-1 (accused known / unknown with particulars)")
def fir_known_accused_named(data):
    """A known accused has a name; an unknown one may be described instead."""
    for i, a in enumerate(data.get("accused") or []):
        if a.get("known", True) and _blank(a.get("name")):
            yield {"index": i, "subfield": "name", "n": i + 1}


@rule("FIR-024", record="fir", field="distance_km",
      message=_("The distance from the police station cannot be negative."),
      message_hi="पुलिस थाने से दूरी ऋणात्मक नहीं हो सकती।",
      source="IIF-1 (place: distance and direction from PS)")
def fir_distance(data):
    """Distance from the police station (km) is zero or more."""
    distance = _decimal(data.get("distance_km"))
    if distance is not None and distance < 0:
        yield {}


def validate_fir(data: Mapping[str, Any]) -> list[RuleViolation]:
    """Run every FIR rule over ``data``; returns errors and warnings (``RuleViolation.level``).

    ``data`` keys (absent = not given): ``kind``; ``occurrence_from``, ``occurrence_to``,
    ``information_received_at``, ``registered_at`` (aware datetimes); ``sections`` (a list of
    ``legal.Section`` or :class:`UnresolvedSection`, in the order given);
    ``cognizability_confirmed_by`` (the confirming user, or any true value); ``suo_motu``;
    ``informant_*`` fields; ``victims``, ``accused``, ``properties`` (lists of dicts of the child
    fields); ``latitude``, ``longitude``, ``distance_km``; ``delay_reason``; ``narrative``;
    ``recorded_by_woman_officer``; ``now`` (the current time, for tests and imports).
    """
    return run("fir", data)


# --------------------------------------------------------------------------------------------
# NCR
# --------------------------------------------------------------------------------------------

@rule("NCR-001", record="ncr", field="informant_name",
      message=_("Give the informant's name."),
      message_hi="सूचनादाता का नाम दें।",
      source="BNSS s.174(1) (substance of the information entered in a book)")
def ncr_informant_name(data):
    """The informant's name is required."""
    if _blank(data.get("informant_name")):
        yield {}


@rule("NCR-002", record="ncr", field="narrative",
      message=_("Write the substance of the information."),
      message_hi="सूचना का सार लिखें।",
      source="BNSS s.174(1)")
def ncr_narrative(data):
    """The substance of the information is required."""
    if _blank(data.get("narrative")):
        yield {}


@rule("NCR-003", record="ncr", field="sections",
      message=_("%(section)s is cognizable: register an FIR, not an NCR."),
      message_hi="%(section)s संज्ञेय है: एनसीआर नहीं, एफ़आईआर दर्ज करें।",
      source="BNSS s.173(1), s.174(4); Lalita Kumari v. Govt. of U.P. (2014): registration of an FIR is mandatory for a cognizable offence")
def ncr_no_cognizable_section(data):
    """No section of an NCR is cognizable (a cognizable offence must be registered as an FIR)."""
    for i, s in _resolved(data):
        if effective_cognizable(s) is True:
            yield {"index": i, "section": str(s), "extra": {"alternative": "fir"}}


@rule("NCR-004", record="ncr", field="sections",
      message=_("%(section)s cannot be used for an offence of %(date)s: the %(code)s applies. Corresponding section: %(suggestion)s."),
      message_hi="%(section)s का प्रयोग %(date)s के अपराध के लिए नहीं हो सकता: %(code)s लागू है। संगत धारा: %(suggestion)s।",
      source="BNS s.1(2); BNSS s.531")
def ncr_law_by_date(data):
    """The penal code follows the date of offence: BNS from 1 July 2024, IPC before."""
    yield from _check_law_by_date(data, "occurrence_at")


@rule("NCR-005", record="ncr", field="sections",
      message=_("%(ref)s is not a section of the reference law."),
      message_hi="%(ref)s संदर्भ विधि की कोई धारा नहीं है।",
      source="DESIGN.md §4: classification comes from reference data")
def ncr_section_known(data):
    """Every section exists in the reference law."""
    yield from _check_unresolved(data)


@rule("NCR-006", record="ncr", field="occurrence_at",
      message=_("The occurrence (%(at)s) cannot be after the registration or in the future."),
      message_hi="घटना (%(at)s) पंजीकरण के बाद या भविष्य में नहीं हो सकती।",
      source="BNSS s.174(1)")
def ncr_occurrence_time(data):
    """The occurrence is not after registration, nor in the future."""
    at = _dt(data.get("occurrence_at"))
    limit = _dt(data.get("registered_at")) or _now(data)
    if at and at > limit + datetime.timedelta(minutes=1):
        yield {"at": _fmt(at)}


def validate_ncr(data: Mapping[str, Any]) -> list[RuleViolation]:
    """Run every NCR rule. Keys: ``informant_name``, ``narrative``, ``sections`` (as for FIRs),
    ``occurrence_at``, ``registered_at``, ``now``."""
    return run("ncr", data)


# --------------------------------------------------------------------------------------------
# Complaints
# --------------------------------------------------------------------------------------------

#: Content types accepted for complaint attachments (sniffed from the file's first bytes).
ATTACHMENT_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def attachment_max_bytes() -> int:
    """``CCTNS_ATTACHMENT_MAX_BYTES`` (default 10 MiB)."""
    return int(getattr(settings, "CCTNS_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


@rule("CMP-001", record="complaint", field="complainant_name",
      message=_("Give the complainant's name."),
      message_hi="शिकायतकर्ता का नाम दें।",
      source="DOMAIN.md (complaints: complainant particulars)")
def complaint_name(data):
    """The complainant's name is required."""
    if _blank(data.get("complainant_name")):
        yield {}


@rule("CMP-002", record="complaint", field="narrative",
      message=_("Write the complaint."),
      message_hi="शिकायत लिखें।",
      source="DOMAIN.md (complaints: narrative in any script)")
def complaint_narrative(data):
    """The complaint's text is required."""
    if _blank(data.get("narrative")):
        yield {}


@rule("CMP-003", record="complaint", field="attachments",
      message=_("%(name)s is not an accepted file: attach PDF, JPEG or PNG files."),
      message_hi="%(name)s स्वीकार्य फ़ाइल नहीं है: PDF, JPEG या PNG फ़ाइलें संलग्न करें।",
      source="DESIGN.md §6 (bad input refused with a clear error)")
def complaint_attachment_type(data):
    """Attachments are PDF, JPEG or PNG, judged by their contents."""
    for i, a in enumerate(data.get("attachments") or []):
        if a.get("content_type") not in ATTACHMENT_TYPES:
            yield {"index": i, "name": a.get("name") or "?"}


@rule("CMP-004", record="complaint", field="attachments",
      message=_("%(name)s is larger than %(limit)s MB."),
      message_hi="%(name)s %(limit)s MB से बड़ी है।",
      source="CCTNS_ATTACHMENT_MAX_BYTES")
def complaint_attachment_size(data):
    """Each attachment is at most CCTNS_ATTACHMENT_MAX_BYTES (default 10 MiB) and not empty."""
    limit = attachment_max_bytes()
    for i, a in enumerate(data.get("attachments") or []):
        size = a.get("size") or 0
        if size > limit or size == 0:
            yield {"index": i, "name": a.get("name") or "?", "limit": round(limit / 1024 / 1024, 1)}


@rule("CMP-005", record="complaint", field="received_at",
      message=_("The time of receipt (%(at)s) is in the future."),
      message_hi="प्राप्ति का समय (%(at)s) भविष्य में है।",
      source="DOMAIN.md (complaints: registration number and date)")
def complaint_received_not_future(data):
    """The complaint was not received in the future."""
    at = _dt(data.get("received_at"))
    if at and at > _now(data) + datetime.timedelta(minutes=1):
        yield {"at": _fmt(at)}


@rule("CMP-006", record="complaint", field="complainant_phone", level=WARNING,
      message=_("No address, phone or e-mail: the outcome cannot be communicated to the complainant."),
      message_hi="कोई पता, फ़ोन या ई-मेल नहीं: परिणाम शिकायतकर्ता को सूचित नहीं किया जा सकेगा।",
      source="Lalita Kumari v. Govt. of U.P. (2014): reasons for closure supplied to the informant")
def complaint_contact(data):
    """Warning: without an address, phone or e-mail the outcome cannot be communicated."""
    if all(_blank(data.get(k)) for k in ("complainant_address", "complainant_phone", "complainant_email")):
        yield {}


def validate_complaint(data: Mapping[str, Any]) -> list[RuleViolation]:
    """Run every complaint rule. Keys: ``complainant_*``, ``narrative``, ``received_at``,
    ``attachments`` (``[{"name", "size", "content_type"}]``), ``now``."""
    return run("complaint", data)
