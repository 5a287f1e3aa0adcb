"""A registry of coded validation rules, shared by forms, the API, services and bulk import.

Each rule has a stable code (``FIR-001``), a message in English (a ``gettext_lazy`` msgid, so the
Hindi catalogue translates it in the user's language) and in Hindi (``message_hi``, for the
documentation page that shows both), the record part it checks (a field name), its legal source,
a level (``error`` refuses the record, ``warning`` is shown and recorded), and a check function.

A check function takes the record's data (a plain ``dict``) and yields one ``dict`` per finding:
the message's ``%(name)s`` parameters, plus optionally ``index`` and ``subfield`` (which child row
and which of its fields) and ``extra`` (machine-readable help such as a suggested section).

Apps declare rules with :func:`rule` in their ``validation.py``; :func:`run` runs every rule of a
record type in code order. ``cctns validation_rules`` prints the registry as Markdown.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import override

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class RuleViolation:
    """One finding of one rule on one record.

    ``field`` is the record part (``"sections"``, ``"victims"``, ``"occurrence_to"``); for a child
    row ``index`` (0-based) and ``subfield`` say which row and which of its fields. ``path`` joins
    them as the API's error key (``"victims.0.age"``). ``message`` is in the active language.
    """

    code: str
    field: str
    message: str
    level: str = ERROR
    index: int | None = None
    subfield: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        parts = [self.field]
        if self.index is not None:
            parts.append(str(self.index))
        if self.subfield:
            parts.append(self.subfield)
        return ".".join(parts)

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def as_dict(self) -> dict:
        """``{"code", "field", "path", "message", "level", "extra"}``: the JSON form (API, stored warnings)."""
        return {
            "code": self.code, "field": self.field, "path": self.path, "message": self.message,
            "level": self.level, "extra": dict(self.extra),
        }


@dataclass(frozen=True)
class Rule:
    """A coded validation rule. See the module docstring for the meaning of each attribute."""

    code: str
    record: str
    field: str
    message: str | Promise
    message_hi: str
    source: str
    check: Callable[[Mapping[str, Any]], Iterable[dict]]
    level: str = ERROR

    @property
    def description(self) -> str:
        """The first line of the check function's docstring: what the rule requires, in English."""
        doc = (self.check.__doc__ or "").strip()
        return doc.splitlines()[0] if doc else ""

    def violations(self, data: Mapping[str, Any]) -> list[RuleViolation]:
        out = []
        for finding in self.check(data) or ():
            finding = dict(finding)
            index = finding.pop("index", None)
            subfield = finding.pop("subfield", None)
            extra = finding.pop("extra", {})
            template = str(self.message)  # a lazy msgid renders in the active language
            try:
                text = template % finding if finding else template
            except (KeyError, ValueError, TypeError):
                text = str(self.message)
            out.append(RuleViolation(self.code, self.field, text, self.level, index, subfield, extra))
        return out


_REGISTRY: dict[str, Rule] = {}


def rule(code: str, *, record: str, field: str, message, message_hi: str, source: str, level: str = ERROR):
    """Decorator registering a check function as rule ``code`` of ``record`` (``"fir"``, ``"ncr"`` …).

    Codes are unique across the registry; registering the same code twice with a different check
    is an error (a stable code must always mean the same rule).
    """

    def decorator(check):
        existing = _REGISTRY.get(code)
        if existing is not None and existing.check.__qualname__ != check.__qualname__:
            raise ValueError(f"validation rule {code} is already registered")
        _REGISTRY[code] = Rule(code, record, field, message, message_hi, source, check, level)
        return check

    return decorator


def rules_for(record: str | None = None) -> list[Rule]:
    """Registered rules (of one record type, or all), ordered by code."""
    return sorted((r for r in _REGISTRY.values() if record is None or r.record == record), key=lambda r: r.code)


def get_rule(code: str) -> Rule:
    return _REGISTRY[code]


def run(record: str, data: Mapping[str, Any]) -> list[RuleViolation]:
    """Run every rule of ``record`` over ``data``; errors and warnings, in code order."""
    out: list[RuleViolation] = []
    for r in rules_for(record):
        out.extend(r.violations(data))
    return out


class RuleValidationError(ValidationError):
    """A Django ``ValidationError`` carrying coded violations.

    ``error_dict`` maps each violation's ``path`` to ``ValidationError(message, code=rule code)``
    so Django forms and DRF both see per-field errors with the rule's code.
    """

    def __init__(self, violations: Iterable[RuleViolation]):
        self.violations = [v for v in violations if v.is_error]
        by_path: dict[str, list[ValidationError]] = {}
        for v in self.violations:
            by_path.setdefault(v.path, []).append(ValidationError(v.message, code=v.code, params=None))
        super().__init__(by_path)


def as_markdown(record: str | None = None) -> str:
    """The registry as a Markdown table (``cctns validation_rules`` and the documentation page)."""
    lines = [
        "| code | level | record part | rule | message (English) | message (Hindi) | legal source |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rules_for(record):
        with override("en"):
            english = str(r.message)
        cells = [r.code, r.level, f"{r.record}.{r.field}", r.description, english, r.message_hi, r.source]
        lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"
