"""The SMS gateway interface of the portal.

One function sends: :func:`send_sms` (``mobile``: ten digits; ``text``; ``kind``: a short label
such as ``otp`` or ``efir_reminder``). It calls the backend named by ``CCTNS_SMS_BACKEND`` and
records an :class:`~cctns.portal.models.SMSMessage` (with ``log_text``, so an OTP code is never
stored). Backends:

``cctns.portal.sms.ConsoleBackend`` (default; demo and tests)
    Writes the message to the ``cctns.portal.sms`` logger and keeps it in :data:`outbox` (a list
    the tests read, as Django's ``mail.outbox``).

``cctns.portal.sms.HTTPBackend`` (production)
    POSTs a form to the gateway of the state's SMS provider. Settings (environment variables of
    the same names):

    - ``CCTNS_SMS_HTTP_URL``: the gateway's send URL (required; ``https://`` expected);
    - ``CCTNS_SMS_HTTP_TOKEN``: sent as ``Authorization: Bearer <token>`` when set;
    - ``CCTNS_SMS_SENDER``: the sender id (DLT header, e.g. ``CCTNSP``);
    - ``CCTNS_SMS_HTTP_TIMEOUT``: seconds (default 10).

    Body: ``to=91<mobile>&sender=<sender>&text=<text>&kind=<kind>``. A 2xx answer is success and
    its body (up to 100 characters) is kept as the gateway reference; anything else raises
    :class:`SMSError`, recorded as a failed message. Indian gateways ask for a DLT template id per
    message type; ``CCTNS_SMS_TEMPLATE_IDS`` (``kind=id,kind=id``) adds ``template_id=<id>``.
"""

from __future__ import annotations

import logging
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("cctns.portal.sms")

#: Messages "sent" by :class:`ConsoleBackend` in this process: dicts ``{"mobile", "text", "kind"}``.
outbox: list[dict] = []


class SMSError(Exception):
    """The gateway did not accept the message."""


class ConsoleBackend:
    """Log the message and append it to :data:`outbox` (demo and tests)."""

    def send(self, mobile: str, text: str, kind: str) -> str:
        outbox.append({"mobile": mobile, "text": text, "kind": kind})
        logger.info("SMS to %s (%s): %s", mobile, kind, text)
        return f"console-{len(outbox)}"


class HTTPBackend:
    """POST to an HTTP SMS gateway configured by settings (see the module's docstring)."""

    def send(self, mobile: str, text: str, kind: str) -> str:
        url = getattr(settings, "CCTNS_SMS_HTTP_URL", "")
        if not url:
            raise SMSError("CCTNS_SMS_HTTP_URL is not set")
        fields = {"to": f"91{mobile}", "sender": getattr(settings, "CCTNS_SMS_SENDER", ""), "text": text, "kind": kind}
        template = template_ids().get(kind)
        if template:
            fields["template_id"] = template
        request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), method="POST")  # noqa: S310
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        token = getattr(settings, "CCTNS_SMS_HTTP_TOKEN", "")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        timeout = float(getattr(settings, "CCTNS_SMS_HTTP_TIMEOUT", 10))
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                body = response.read(200).decode("utf-8", "replace")
                if not 200 <= response.status < 300:
                    raise SMSError(f"gateway answered {response.status}")
        except OSError as exc:
            raise SMSError(str(exc)[:200]) from exc
        return body.strip()[:100]


def template_ids() -> dict[str, str]:
    """``CCTNS_SMS_TEMPLATE_IDS`` (``otp=1107…,efir_reminder=1107…``) as a dict."""
    raw = getattr(settings, "CCTNS_SMS_TEMPLATE_IDS", "") or ""
    pairs = [p.split("=", 1) for p in raw.split(",") if "=" in p]
    return {k.strip(): v.strip() for k, v in pairs}


def backend():
    path = getattr(settings, "CCTNS_SMS_BACKEND", "cctns.portal.sms.ConsoleBackend")
    return import_string(path)()


def send_sms(mobile: str, text: str, *, kind: str, log_text: str | None = None) -> bool:
    """Send ``text`` to ``mobile`` (ten digits) through the configured backend; returns whether
    the gateway accepted it. Never raises for a gateway failure (it is recorded and logged):
    an SMS is a courtesy, the record of the application is what counts. ``log_text`` replaces
    the text in the stored record (used for one-time passwords)."""
    from .models import SMSMessage

    gateway = backend()
    row = SMSMessage(mobile=mobile, kind=kind[:30], text=log_text if log_text is not None else text,
                     backend=f"{type(gateway).__module__}.{type(gateway).__name__}"[:100])
    try:
        row.gateway_reference = str(gateway.send(mobile, text, kind) or "")[:100]
    except SMSError as exc:
        row.ok, row.error = False, str(exc)[:300]
        logger.warning("SMS to %s (%s) failed: %s", mobile[-4:], kind, exc)
    row.save()
    return row.ok
