"""Issuing printed documents and verifying them (DESIGN.md §7: every document carries a QR code).

Token scheme. Each issued document gets ``token_id``: 128 random bits, url-safe base64 (22
characters), stored in :class:`~cctns.documents.models.DocumentIssue`. The QR code opens
``<CCTNS_PUBLIC_BASE_URL>/verify/<token_id>.<mac>/`` where ``mac`` is the first 128 bits of
HMAC-SHA256 keyed by ``SECRET_KEY`` (``SECRET_KEY_FALLBACKS`` also accepted, for key rotation)
with a salt per document kind, over

    token_id | kind | record global id | record version | issue time (epoch s) | language |
    SHA-256 of the summary JSON

The token therefore contains no record id, number or sequence in any form; two documents give
unrelated tokens; a guessed, altered or truncated token is "not genuine", and so is a genuine
token whose database row was edited afterwards (kind, record, version, date or summary).

Statuses (:class:`VerificationStatus`): *current*; *superseded* when a copy of the same kind
was later issued for a higher version of the same record (a copy of the same version in the
other language does not supersede); *revoked* when the issuing office withdrew it (takes
precedence); *not genuine* otherwise.
"""

import base64
import datetime as dt
import hashlib
import json
import re
import secrets
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from cctns.core.constants import UnitKind

from .kinds import get_kind, summary_label, summary_order
from .models import DocumentIssue
from .pdf import _check_language, render_pdf
from .qr import qr_data_uri

TOKEN_RE = re.compile(r"^(?P<token_id>[A-Za-z0-9_-]{22})\.(?P<mac>[A-Za-z0-9_-]{22})$")
SUMMARY_KEY_RE = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
#: Limits that keep ``summary`` "minimal": a handful of short facts, never a document body.
SUMMARY_MAX_KEYS = 12
SUMMARY_MAX_VALUE_CHARS = 200
SUMMARY_MAX_BYTES = 2000
REVOKE_REASON_MAX_CHARS = 1000
DEFAULT_PUBLIC_BASE_URL = "http://127.0.0.1:8000"


class VerificationStatus(models.TextChoices):
    """What the verify page says about a token."""

    CURRENT = "current", _("Genuine and current")
    SUPERSEDED = "superseded", _("Genuine, but superseded by a later version")
    REVOKED = "revoked", _("Revoked")
    NOT_GENUINE = "not_genuine", _("Not genuine")


@dataclass(frozen=True)
class VerificationResult:
    """The outcome of :func:`verify_token`.

    ``issue`` is ``None`` when not genuine. For a superseded document ``latest_version`` and
    ``latest_issued_at`` describe the newest copy of the same kind and record.
    """

    status: VerificationStatus
    issue: DocumentIssue | None = None
    latest_version: int | None = None
    latest_issued_at: dt.datetime | None = None

    @property
    def is_genuine(self) -> bool:
        return self.status != VerificationStatus.NOT_GENUINE

    @property
    def kind_label(self) -> str:
        """The document kind's label in the active language ("" when not genuine)."""
        if self.issue is None:
            return ""
        try:
            return str(get_kind(self.issue.kind).label)
        except KeyError:
            return self.issue.kind

    @property
    def issuing_unit_name(self) -> str:
        """The issuing unit's name, in Hindi when Hindi is active and the unit has a Hindi name."""
        unit = self.issue.unit if self.issue is not None else None
        if unit is None:
            return ""
        return unit.name_hi if translation.get_language() == "hi" and unit.name_hi else unit.name

    def summary_items(self) -> list[tuple[str, str]]:
        """The stored summary as ``(label, value)`` pairs in the active language.

        Ordered by :func:`~cctns.documents.kinds.summary_order` (registered keys first), so the
        order is the same whatever the database did to the JSON object's key order. ISO dates
        (``2026-03-12``, ``2026-03-12 14:05``) are shown day first, as documents print them.
        """
        if self.issue is None:
            return []
        summary = self.issue.summary
        return [(summary_label(k), _display(summary[k])) for k in summary_order(summary)]


_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})( \d{2}:\d{2})?$")


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    text = str(value)
    match = _ISO_DATE_RE.match(text)
    if match:
        year, month, day, time = match.groups()
        return f"{day}/{month}/{year}{time or ''}"
    return text


# --- tokens -----------------------------------------------------------------------------------


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def new_token_id() -> str:
    """128 random bits from the OS CSPRNG, url-safe base64 without padding (22 characters)."""
    return _b64(secrets.token_bytes(16))


def canonical_summary_json(summary: dict) -> str:
    """The summary as canonical JSON (sorted keys, no spaces, UTF-8 kept), as hashed in the MAC."""
    return json.dumps(summary, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _mac(issue: DocumentIssue, secret: str) -> str:
    message = "|".join(
        [
            "v1",
            issue.token_id,
            issue.kind,
            str(uuid.UUID(str(issue.record_global_id))),
            str(int(issue.record_version)),
            str(int(issue.issued_at.timestamp())),
            issue.language,
            hashlib.sha256(canonical_summary_json(issue.summary).encode("utf-8")).hexdigest(),
        ]
    )
    digest = salted_hmac(f"cctns.documents.token.{issue.kind}", message, secret=secret, algorithm="sha256")
    return _b64(digest.digest()[:16])


def token_for(issue: DocumentIssue) -> str:
    """The verification token of ``issue``: ``<token_id>.<mac>`` (45 url-safe characters)."""
    return f"{issue.token_id}.{_mac(issue, settings.SECRET_KEY)}"


def verification_url(token: str) -> str:
    """The absolute URL the QR code opens: ``CCTNS_PUBLIC_BASE_URL`` + ``/verify/<token>/``."""
    base = getattr(settings, "CCTNS_PUBLIC_BASE_URL", DEFAULT_PUBLIC_BASE_URL) or DEFAULT_PUBLIC_BASE_URL
    return base.rstrip("/") + reverse("documents:verify", kwargs={"token": token})


def verify_token(token: str) -> VerificationResult:
    """Check a verification token; never raises for any string input.

    Makes no database query for a malformed token, and at most two indexed queries otherwise.
    """
    match = TOKEN_RE.match(token) if isinstance(token, str) else None
    if match is None:
        return VerificationResult(VerificationStatus.NOT_GENUINE)
    issue = DocumentIssue.objects.select_related("unit").filter(token_id=match["token_id"]).first()
    if issue is None:
        return VerificationResult(VerificationStatus.NOT_GENUINE)
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if not any(constant_time_compare(match["mac"], _mac(issue, key)) for key in keys):
        return VerificationResult(VerificationStatus.NOT_GENUINE)
    if issue.revoked:
        return VerificationResult(VerificationStatus.REVOKED, issue)
    latest = (
        DocumentIssue.objects.filter(
            kind=issue.kind,
            record_global_id=issue.record_global_id,
            record_version__gt=issue.record_version,
        )
        .order_by("-record_version", "-issued_at")
        .only("record_version", "issued_at")
        .first()
    )
    if latest is not None:
        return VerificationResult(
            VerificationStatus.SUPERSEDED, issue, latest.record_version, latest.issued_at
        )
    return VerificationResult(VerificationStatus.CURRENT, issue)


# --- issuing ----------------------------------------------------------------------------------


def clean_summary(summary: dict) -> dict:
    """Validate and normalise a verify-page summary; returns a new dict.

    Shape: at most :data:`SUMMARY_MAX_KEYS` keys, each a lower-case identifier (labels come from
    :func:`cctns.documents.kinds.register_summary_label`); values ``str`` (at most
    :data:`SUMMARY_MAX_VALUE_CHARS` characters), ``int``, ``bool``, ``None``, or
    ``date``/``datetime`` (stored as ISO text, datetimes in local time to the minute); at most
    :data:`SUMMARY_MAX_BYTES` bytes as JSON. Raises ``ValueError`` naming the offending key.
    """
    if not isinstance(summary, dict):
        raise ValueError("summary must be a dict.")
    if len(summary) > SUMMARY_MAX_KEYS:
        raise ValueError(f"summary has {len(summary)} keys; at most {SUMMARY_MAX_KEYS} allowed.")
    cleaned: dict = {}
    for key, value in summary.items():
        if not isinstance(key, str) or not SUMMARY_KEY_RE.match(key):
            raise ValueError(f"summary key {key!r} must be a lower-case identifier.")
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value.strftime("%Y-%m-%d %H:%M")
        elif isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, float) or not isinstance(value, str | int | bool | type(None)):
            raise ValueError(f"summary[{key!r}] must be text, an integer, a boolean, a date or None.")
        if isinstance(value, str) and len(value) > SUMMARY_MAX_VALUE_CHARS:
            raise ValueError(f"summary[{key!r}] is longer than {SUMMARY_MAX_VALUE_CHARS} characters.")
        cleaned[key] = value
    if len(canonical_summary_json(cleaned).encode("utf-8")) > SUMMARY_MAX_BYTES:
        raise ValueError(f"summary is larger than {SUMMARY_MAX_BYTES} bytes as JSON.")
    return cleaned


def _record_identity(record) -> tuple[uuid.UUID, int, str]:
    try:
        global_id = uuid.UUID(str(record.global_id))
        version = int(record.version)
    except (AttributeError, TypeError, ValueError) as exc:
        raise ValueError("record must have a UUID global_id and an integer version.") from exc
    if version < 0:
        raise ValueError("record version must not be negative.")
    meta = getattr(record, "_meta", None)
    record_type = meta.label_lower if meta is not None else type(record).__name__.lower()
    return global_id, version, record_type


def prepare_issue(kind: str, record, *, language: str, summary: dict, template_name: str,
                  user=None, unit=None) -> DocumentIssue:
    """An unsaved :class:`DocumentIssue` with a fresh token id and issue time (to the second).

    ``record`` is any object with ``global_id`` (UUID) and ``version`` (int): every
    :class:`~cctns.core.models.PoliceRecord` qualifies. ``unit`` defaults to the record's
    ``origin_unit``. Raises ``ValueError`` for an unregistered kind, an unknown language, a
    record without identity, or a summary :func:`clean_summary` refuses.
    """
    try:
        get_kind(kind)
    except KeyError as exc:
        raise ValueError(f"Unknown document kind {kind!r}; register it in cctns.documents.kinds.") from exc
    _check_language(language)
    global_id, version, record_type = _record_identity(record)
    if unit is None:
        unit = getattr(record, "origin_unit", None)
    return DocumentIssue(
        token_id=new_token_id(),
        kind=kind,
        record_type=record_type[:100],
        record_global_id=global_id,
        record_version=version,
        language=language,
        template_name=template_name,
        summary=clean_summary(summary),
        issued_at=timezone.now().replace(microsecond=0),
        issued_by=user if getattr(user, "is_authenticated", False) else None,
        unit=unit,
    )


def letterhead_for(unit, language: str) -> dict:
    """Header names for a document issued by ``unit``: ``police`` ("Andhra Pradesh Police"),
    ``state``, ``district``, ``station`` (each "" when not found), in ``language`` where the
    unit has a Hindi name. ``unit`` may be ``None``.
    """
    def name(u) -> str:
        if u is None:
            return ""
        return (u.name_hi if language == "hi" and u.name_hi else u.name) or ""

    station = district = state = None
    if unit is not None:
        state = unit.ancestor_of_kind(UnitKind.STATE)
        district = unit.ancestor_of_kind(UnitKind.DISTRICT)
        station = unit.ancestor_of_kind(UnitKind.POLICE_STATION) or unit
        if station in (state, district):
            station = None
    with translation.override(language):
        police = str(_("%(state)s Police") % {"state": name(state)}) if state else str(_("Police"))
    return {"police": police, "state": name(state), "district": name(district), "station": name(station)}


def document_context(issue: DocumentIssue) -> dict:
    """The ``document`` template variable for ``issue`` (saved or not).

    Keys: ``token``, ``document_id`` (the token id), ``verify_url``, ``qr_data_uri`` (SVG of
    the QR code of ``verify_url``), ``issued_at``, ``kind``, ``kind_label`` (lazy),
    ``record_version``, ``language``.
    """
    token = token_for(issue)
    url = verification_url(token)
    return {
        "token": token,
        "document_id": issue.token_id,
        "verify_url": url,
        "qr_data_uri": qr_data_uri(url),
        "issued_at": issue.issued_at,
        "kind": issue.kind,
        "kind_label": get_kind(issue.kind).label,
        "record_version": issue.record_version,
        "language": issue.language,
    }


def issue_document(kind: str, record, *, language: str, summary: dict, template_name: str,
                   context: dict, user=None) -> tuple[DocumentIssue, bytes]:
    """Render ``template_name`` to PDF for ``record``, record the issue, and return both.

    ``context`` is the template's own context; this adds ``document`` (see
    :func:`document_context`, with the QR code of the verify URL) and ``letterhead`` (see
    :func:`letterhead_for`; the unit is ``context["unit"]`` or the record's ``origin_unit``).
    ``summary`` is what the public verify page will show: only facts the document itself
    prints, never a sexual-offence victim's identity (DESIGN.md §4).

    The PDF is rendered before the row is written, so no database lock is held while
    WeasyPrint works; the row stores the PDF's SHA-256 and size. Errors: ``ValueError`` (see
    :func:`prepare_issue`), ``TemplateDoesNotExist``.
    """
    issue = prepare_issue(kind, record, language=language, summary=summary,
                          template_name=template_name, user=user, unit=context.get("unit"))
    full_context = {
        **context,
        "document": document_context(issue),
        "letterhead": letterhead_for(issue.unit, language),
    }
    pdf = render_pdf(template_name, full_context, language=language)
    issue.pdf_sha256 = hashlib.sha256(pdf).hexdigest()
    issue.pdf_size = len(pdf)
    issue.save(force_insert=True)
    return issue, pdf


def revoke_document(issue: DocumentIssue, *, reason: str, user=None) -> DocumentIssue:
    """Mark ``issue`` revoked with a reason (required, at most 1000 characters) and who/when.

    Raises ``ValidationError`` (``{"reason": …}``) for an empty or over-long reason or a
    document already revoked. The row is kept; the verify page then says "revoked".
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for revoking this document.")})
    if len(reason) > REVOKE_REASON_MAX_CHARS:
        raise ValidationError({"reason": _("The reason must be at most %(n)d characters.") % {"n": REVOKE_REASON_MAX_CHARS}})
    with transaction.atomic():
        locked = DocumentIssue.objects.select_for_update().get(pk=issue.pk)
        if locked.revoked:
            raise ValidationError({"reason": _("This document is already revoked.")})
        locked.revoked = True
        locked.revoked_reason = reason
        locked.revoked_at = timezone.now()
        locked.revoked_by = user if getattr(user, "is_authenticated", False) else None
        locked.save(update_fields=["revoked", "revoked_reason", "revoked_at", "revoked_by"])
    return locked
