"""Every URL of the site, found from the URL resolver (pages, the admin, and the DRF router's
``/api/v1/`` routes), with their parameters filled from the records in the test database, so
that the security tests (leak, access matrix, IDOR, XSS, injection) cover routes added later
without being edited.

:func:`routes` lists the patterns; :func:`concrete_urls` fills each parameter with candidate
values (:class:`Candidates`): integer ids, global ids, unit/act codes, usernames, model labels,
languages. Format-suffix duplicates of DRF routes and the admin's catch-all are left out.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from django.urls import URLPattern, URLResolver, get_resolver

_PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>|\(\?P<(?P<rname>\w+)>(?P<rx>[^)]*)\)")


@dataclass(frozen=True)
class Route:
    """A URL pattern: ``template`` (the path with ``{name}`` placeholders), its ``params`` as
    ``(name, kind)`` (kind: ``int``, ``uuid``, ``str``, ``path``), the pattern ``name`` and its
    view's ``callback``."""

    template: str
    params: tuple[tuple[str, str], ...]
    name: str
    callback: object

    @property
    def is_api(self) -> bool:
        return self.template.startswith("/api/")

    @property
    def is_admin(self) -> bool:
        return self.template.startswith("/admin/")


def _walk(patterns, prefix: str = ""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), p


def routes() -> list[Route]:
    """Every routable pattern of the site (see the module docstring)."""
    out, seen = [], set()
    for raw, pattern in _walk(get_resolver().url_patterns):
        if "(?P<format>" in raw or "<drf_format_suffix:" in raw or "(?P<url>.*)" in raw:
            continue
        text = raw.replace("^", "").replace("$", "")
        params = []

        def sub(m, params=params):
            name = m.group("name") or m.group("rname")
            conv = m.group("conv")
            rx = m.group("rx") or ""
            if conv == "uuid" or "{36}" in rx:
                kind = "uuid"
            elif conv in ("int",):
                kind = "int"
            elif conv == "path":
                kind = "path"
            elif rx == "[^/.]+" and name in ("pk", "id"):
                kind = "int"
            else:
                kind = "str"
            params.append((name, kind))
            return "{" + name + "}"

        template = "/" + _PARAM.sub(sub, text).replace("\\.", ".")
        if template in seen:
            continue
        seen.add(template)
        out.append(Route(template, tuple(params), pattern.name or "", pattern.callback))
    return out


@dataclass
class Candidates:
    """Values to put in URL parameters. ``ints`` serve ``int`` and ``path`` parameters;
    ``by_name`` gives values for a parameter name (``code``, ``username``, ``language`` …)."""

    ints: list[int] = field(default_factory=list)
    uuids: list[str] = field(default_factory=list)
    by_name: dict[str, list[str]] = field(default_factory=dict)
    default_str: list[str] = field(default_factory=lambda: ["x"])

    def values(self, name: str, kind: str) -> list[str]:
        if name in self.by_name:
            return [str(v) for v in self.by_name[name]]
        if kind in ("int", "path"):
            return [str(i) for i in self.ints]
        if kind == "uuid":
            return list(self.uuids)
        return list(self.default_str)


def concrete_urls(route: Route, candidates: Candidates, limit: int = 200) -> list[str]:
    """``route`` with every combination of candidate values (at most ``limit``)."""
    if not route.params:
        return [route.template]
    names = [n for n, _k in route.params]
    pools = [candidates.values(n, k) for n, k in route.params]
    urls = []
    for combo in itertools.islice(itertools.product(*pools), limit):
        url = route.template
        for name, value in zip(names, combo, strict=True):
            url = url.replace("{" + name + "}", value, 1)
        urls.append(url)
    return urls


def candidates_from_db(extra_ints=(), top: int = 12) -> Candidates:
    """Candidates from what the test database holds: ids up to the largest id of a police record
    (every table's first rows), the global ids of police records, unit and act codes, usernames,
    model labels of police data, both languages."""
    from cctns.audit.registry import audited_models, police_record_models
    from cctns.core.models import Unit, User
    from cctns.legal.models import Act

    cap, top = top, 1
    uuids = []
    for model in police_record_models():
        last = model._default_manager.order_by("-pk").values_list("pk", flat=True).first()
        if isinstance(last, int):
            top = max(top, last)
        uuids += [str(u) for u in model._default_manager.values_list("global_id", flat=True)[:20]]
    ints = sorted(set(range(1, min(top, cap) + 1)) | set(extra_ints))
    labels = [m._meta.label_lower for m in audited_models()]
    return Candidates(
        ints=ints, uuids=uuids,
        by_name={
            "code": list(Unit.objects.values_list("code", flat=True)[:8]) + list(Act.objects.values_list("code", flat=True)[:3]),
            "username": list(User.objects.values_list("username", flat=True)),
            "language": ["en", "hi"],
            "model": labels,
            "pk": [str(i) for i in ints],
            "att": [str(i) for i in ints[:3]],
            "global_id": uuids,
            "token": ["x"],
            "content_type_id": ["1"],
        },
    )


def body_text(response) -> str:
    """What a response shows: HTML/JSON/text decoded, a PDF's text extracted, streamed bodies read."""
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    ctype = response.get("Content-Type", "")
    if "pdf" in ctype or content[:4] == b"%PDF":
        from cctns.documents.tests.utils import pdf_text

        return pdf_text(content)
    return content.decode("utf-8", errors="replace")
