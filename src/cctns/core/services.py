"""Services of the organisation: unit codes, jurisdiction summaries."""

import datetime

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .constants import UNIT_LEVEL, Role, UnitKind
from .models import Unit, User


def unit_code(*parts: str | int) -> str:
    """A unit code from its ancestors' local codes: ``unit_code(28, 502, 11)`` → ``"28-502-11"``."""
    return "-".join(str(p) for p in parts)


# How the codes of the penal and procedure laws read in running text (Devanagari in Hindi).
LAW_CODE_LABELS = {
    "BNS": pgettext_lazy("law code", "BNS"),
    "IPC": pgettext_lazy("law code", "IPC"),
    "BNSS": pgettext_lazy("law code", "BNSS"),
    "CrPC": pgettext_lazy("law code", "CrPC"),
}
SUBUNIT_LIMIT = 100  # rows of the "units in your jurisdiction" table on the landing page


def landing_summary(user: User, today: datetime.date | None = None) -> dict:
    """What the role landing page shows first, all within ``user``'s jurisdiction.

    Returns a dict:

    - ``posting``, ``jurisdiction`` (``Unit`` or ``None``), ``district`` (the posting's district);
    - ``is_station_user``: writer, IO or SHO (their page is about their station);
    - ``counts``: ``{"stations", "districts", "personnel"}`` within the jurisdiction;
    - ``role_tasks``: what the role does in CCTNS (translated labels);
    - ``law_today``: ``{"date", "penal_code", "procedure_code", "penal_label", "procedure_label",
      "act"}``: the code that books an
      offence committed today (BNS from 1 July 2024; BNS s.1(2), S.O. 850(E)) and its ``Act``
      row when reference data is loaded;
    - ``station_staff``: officers posted at a station user's station, senior first;
    - ``subunits``: for everyone else, ``[{"unit", "stations", "personnel"}]`` for each unit
      directly under the jurisdiction (at most ``SUBUNIT_LIMIT``), counted in two queries;
    - ``accounts`` (administrators): ``{"active", "without_posting", "inactive", "locked"}``;
    - ``reference`` (administrators and analysts): ``{"acts", "sections", "offences",
      "unknown_classification", "unverified_classification", "correspondences"}``.
    """
    from cctns.legal.models import Act
    from cctns.legal.services import penal_code_for, procedure_code_for

    today = today or timezone.localdate()
    root = user.jurisdiction_root()
    units = Unit.objects.for_user(user)
    personnel = User.objects.for_user(user).filter(is_active=True)
    counts = {
        "stations": units.filter(kind=UnitKind.POLICE_STATION).count(),
        "districts": units.filter(kind=UnitKind.DISTRICT).count(),
        "personnel": personnel.count(),
    }
    tasks = {
        Role.STATION_WRITER: [_("Receive complaints"), _("Register FIRs and NCRs"), _("Keep the General Diary")],
        Role.IO: [_("Case Diary"), _("Arrests and seizures"), _("Final reports")],
        Role.SHO: [_("Approve FIRs"), _("Assign investigating officers"), _("Watch deadlines")],
        Role.SUPERVISOR: [_("Pendency across the jurisdiction"), _("IO workload"), _("Crime trends")],
        Role.SCRB_ANALYST: [_("State statistics"), _("State-wide search")],
        Role.NCRB_ANALYST: [_("National statistics"), _("Cross-state matching")],
        Role.ADMIN: [_("Users and postings"), _("Reference data"), _("Administration")],
    }.get(user.role, [])
    penal_code = penal_code_for(today)
    procedure_code = "BNSS" if procedure_code_for(today) == "BNSS" else "CrPC"
    summary = {
        "posting": user.unit,
        "jurisdiction": root,
        "district": user.unit.ancestor_of_kind(UnitKind.DISTRICT) if user.unit_id else None,
        "is_station_user": user.is_station_user,
        "counts": counts,
        "role_tasks": tasks,
        "law_today": {
            "date": today,
            "penal_code": penal_code,
            "procedure_code": procedure_code,
            "penal_label": LAW_CODE_LABELS[penal_code],
            "procedure_label": LAW_CODE_LABELS[procedure_code],
            "act": Act.objects.filter(code=penal_code).first(),
        },
        "station_staff": [],
        "subunits": [],
    }
    if user.is_station_user and user.unit_id:
        summary["station_staff"] = list(
            personnel.filter(unit=user.unit).order_by("-rank", "last_name", "username")[:50]
        )
    elif root is not None:
        summary["subunits"] = subunit_counts(root)
    if user.role == Role.ADMIN or user.is_superuser:
        summary["accounts"] = account_counts()
    if user.role in {Role.ADMIN, Role.SCRB_ANALYST, Role.NCRB_ANALYST} or user.is_superuser:
        summary["reference"] = reference_counts()
    return summary


def subunit_counts(root: Unit) -> list[dict]:
    """Each unit directly under ``root`` with the police stations and active personnel in its
    subtree: ``[{"unit": Unit, "stations": int, "personnel": int}]``, territorial units first."""
    children = sorted(
        root.children.filter(is_active=True).order_by("name")[:SUBUNIT_LIMIT],
        key=lambda u: (u.kind == UnitKind.OFFICE, UNIT_LEVEL.get(u.kind, 99), u.name),
    )  # territorial units first, top level first; attached offices last
    if not children:
        return []
    station_counts = Unit.objects.filter(
        path__startswith=root.path, kind=UnitKind.POLICE_STATION
    ).aggregate(**{f"u{c.pk}": Count("pk", filter=Q(path__startswith=c.path)) for c in children})
    staff_counts = User.objects.filter(
        is_active=True, unit__path__startswith=root.path
    ).aggregate(**{f"u{c.pk}": Count("pk", filter=Q(unit__path__startswith=c.path)) for c in children})
    return [
        {"unit": c, "stations": station_counts[f"u{c.pk}"], "personnel": staff_counts[f"u{c.pk}"]}
        for c in children
    ]


def account_counts() -> dict:
    """Accounts an administrator watches: ``{"active", "without_posting", "inactive", "locked"}``.

    ``locked`` counts username/address pairs django-axes has locked (failures at the limit).
    """
    from axes.models import AccessAttempt

    return {
        "active": User.objects.filter(is_active=True).count(),
        "without_posting": User.objects.filter(is_active=True, unit__isnull=True).count(),
        "inactive": User.objects.filter(is_active=False).count(),
        "locked": AccessAttempt.objects.filter(
            failures_since_start__gte=settings.AXES_FAILURE_LIMIT
        ).count(),
    }


def reference_counts() -> dict:
    """How complete the reference law is: acts, sections, offence sections, and offence
    sections whose classification is unknown (``NULL``) or known but not verified."""
    from cctns.legal.models import Act, Correspondence, Section

    offences = Section.objects.filter(is_offence=True)
    return {
        "acts": Act.objects.count(),
        "sections": Section.objects.count(),
        "offences": offences.count(),
        "unknown_classification": offences.filter(cognizable__isnull=True).count(),
        "unverified_classification": offences.filter(
            cognizable__isnull=False, classification_verified=False
        ).count(),
        "correspondences": Correspondence.objects.count(),
    }
