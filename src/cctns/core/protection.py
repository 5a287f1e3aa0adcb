"""Field-level protection of identities: one declarative policy for pages, API, PDFs and exports.

The law forbids disclosing who a victim of a sexual offence is (BNS s.72; POCSO s.23; Nipun
Saxena v. UoI, 2018), and who a child is — a child victim, witness, or a child in conflict with
law (JJ Act s.74; POCSO s.23). Informants who asked for confidentiality are protected likewise.
A model declares once *which fields* are protected, *when* (for which instances) and *who may
see them* (the case's own officers and the supervisors over the case's stations); every page,
list, API response, PDF and export then asks this module, so no view decides on its own.

Declaring (at import time, e.g. in ``<app>/protection.py`` imported from ``AppConfig.ready``)::

    from cctns.core import protection

    protection.register(
        CaseDiaryWitness, ["name", "relative_name", "address", "phone"], null_fields=["age"],
        when=lambda w: w.is_child or w.case.fir.is_sensitive,
        may_see=lambda user, w: is_case_officer(user, w.case.fir),
        basis="JJ Act s.74; POCSO s.23", parent="case",
    )

- ``fields``: text fields shown as :data:`PROTECTED` (``"[protected]"``) when hidden;
  ``null_fields``: other values (dates of birth, ages, coordinates) given as ``None`` in the API
  and as the mask on pages.
- ``when(obj) -> bool``: whether this instance's fields are protected (a sensitive FIR, a child).
- ``may_see(user, obj) -> bool``: who may see them (keep it to the case's officers and the
  supervisors over the case's stations; administrators and analysts are *not* case officers).
- ``basis``: the legal source, shown in the mask's tooltip and kept in the audit entry.
- ``parent``: the foreign key to the record whose page shows these rows (FIRVictim → ``"fir"``),
  so :func:`protected_values` of the record includes them.
- ``sample``: optional ``sample(value: str) -> instance`` building a *protected* instance whose
  fields hold ``value``; the leak test (``core/tests/test_protection_leaks.py``) uses it to prove
  that no page, list, search, API response, export or PDF of the whole site shows it to a user
  who may not see it. Register one for every policy.

Using:

- serializers: subclass :class:`ProtectedSerializerMixin` (masks ``to_representation`` for the
  request's user), or call :func:`mask_data` on a dict;
- templates: ``{% load protection %}`` then ``{% protected obj "name" %}`` prints the value or
  the mask; ``{% if obj|hidden_for:request.user %}`` is true when anything of ``obj`` is hidden;
- PDFs and exports: :func:`value` / :func:`mask_data` with the user who prints or exports;
- querysets (search results that would reveal a protected person by matching): filter with the
  app's own ``Q`` (e.g. ``persons.services.visible_persons_q``), and keep it equivalent to the
  policy (the leak test checks searches too).

Reading an *unmasked* protected value of one record (a detail page, an API retrieve, a printed
copy) is audited: :func:`audit_read` leaves one ``access`` entry per record and request, naming
the fields and the basis (``cctns.audit``); lists are not reads of one record and are not
audited, but show only what the policy allows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

#: Shown instead of a protected value: it says that a value exists and is protected.
PROTECTED = _("[protected]")
#: The same in API responses and exports (not translated, so clients can test for it).
PROTECTED_TEXT = "[protected]"


@dataclass(frozen=True)
class FieldPolicy:
    """One declaration: ``fields`` (and ``null_fields``) of ``model`` are protected when
    ``when(obj)`` and visible only to users for whom ``may_see(user, obj)``."""

    model: type
    fields: tuple[str, ...]
    when: Callable[[object], bool]
    may_see: Callable[[object, object], bool]
    basis: str
    null_fields: tuple[str, ...] = ()
    parent: str = ""
    sample: Callable[[str], object] | None = None
    name: str = ""

    @property
    def all_fields(self) -> tuple[str, ...]:
        return self.fields + self.null_fields

    @property
    def label(self) -> str:
        return self.name or f"{self.model._meta.label_lower}:{','.join(self.fields)}"


_POLICIES: list[FieldPolicy] = []


def register(model: type, fields: Iterable[str], *, when: Callable[[object], bool],
             may_see: Callable[[object, object], bool], basis: str, null_fields: Iterable[str] = (),
             parent: str = "", sample: Callable[[str], object] | None = None, name: str = "") -> FieldPolicy:
    """Declare protected fields of ``model`` (see the module docstring); returns the policy.

    A model may have several policies (an FIR's informant and its first information are
    protected in different cases). Registering the same ``name`` again replaces the earlier one
    (module reloads in tests). Raises ``ValueError`` for a field the model does not have."""
    names = {f.name for f in model._meta.get_fields()}
    missing = [f for f in [*fields, *null_fields] if f not in names]
    if missing:
        raise ValueError(f"{model._meta.label}: no field {', '.join(missing)}")
    policy = FieldPolicy(model, tuple(fields), when, may_see, basis, tuple(null_fields), parent, sample, name)
    for i, existing in enumerate(_POLICIES):
        if existing.label == policy.label:
            _POLICIES[i] = policy
            return policy
    _POLICIES.append(policy)
    return policy


def policies() -> list[FieldPolicy]:
    """Every registered policy, in registration order."""
    return list(_POLICIES)


def policies_for(model_or_obj) -> list[FieldPolicy]:
    """The policies of a model (or of an instance's model, parents of proxies included)."""
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    mro = model.__mro__
    return [p for p in _POLICIES if p.model in mro]


def protected_fields(obj) -> dict[str, FieldPolicy]:
    """``{field: policy}`` of the fields of ``obj`` that are protected now (whoever looks)."""
    out: dict[str, FieldPolicy] = {}
    for policy in policies_for(obj):
        if policy.when(obj):
            for name in policy.all_fields:
                out.setdefault(name, policy)
    return out


def hidden_fields(user, obj) -> dict[str, FieldPolicy]:
    """``{field: policy}`` of the fields of ``obj`` that ``user`` may not see."""
    out: dict[str, FieldPolicy] = {}
    for policy in policies_for(obj):
        if policy.when(obj) and not policy.may_see(user, obj):
            for name in policy.all_fields:
                out.setdefault(name, policy)
    return out


def is_hidden(user, obj, name: str) -> bool:
    """Whether ``user`` may not see field ``name`` of ``obj``."""
    return name in hidden_fields(user, obj)


def can_see(user, obj, name: str | None = None) -> bool:
    """Whether ``user`` may see field ``name`` of ``obj`` (every protected field when ``None``)."""
    hidden = hidden_fields(user, obj)
    return not hidden if name is None else name not in hidden


def value(user, obj, name: str, *, mask=PROTECTED):
    """``obj.<name>`` when ``user`` may see it, else ``mask`` (:data:`PROTECTED`)."""
    if is_hidden(user, obj, name):
        return mask
    return getattr(obj, name)


def mask_data(user, obj, data: dict, *, prefix: str = "", mask: str = PROTECTED_TEXT) -> dict:
    """Mask, in ``data`` (a serializer's output or an export row of ``obj``), the fields ``user``
    may not see: protected text fields become ``mask``, ``null_fields`` become ``None`` (an empty
    value stays empty, and says nothing). ``prefix`` is prepended to the field names in ``data``.
    Returns ``data`` (changed in place)."""
    for name, policy in hidden_fields(user, obj).items():
        key = prefix + name
        if key not in data:
            continue
        if name in policy.null_fields:
            data[key] = None
        else:
            data[key] = mask if data[key] not in (None, "") else data[key]
    return data


def _children(record) -> list:
    out = []
    for policy in _POLICIES:
        if not policy.parent:
            continue
        fk = policy.model._meta.get_field(policy.parent)
        if not isinstance(record, fk.related_model):
            continue
        accessor = fk.remote_field.get_accessor_name()
        out.extend(getattr(record, accessor).all())
    return out


def protected_values(record, *, with_children: bool = True) -> list[tuple[object, str, FieldPolicy]]:
    """``[(obj, field, policy)]``: the protected, non-empty values of ``record`` and of its rows
    declared with ``parent`` (an FIR's victims and accused), whoever looks."""
    objs = [record, *(_children(record) if with_children else [])]
    seen, out = set(), []
    for obj in objs:
        key = (type(obj), obj.pk)
        if key in seen:
            continue
        seen.add(key)
        for name, policy in protected_fields(obj).items():
            if getattr(obj, name, None) not in (None, ""):
                out.append((obj, name, policy))
    return out


def has_protected_values(record) -> bool:
    """Whether ``record`` (or a row declared with ``parent`` under it) holds a protected value."""
    return bool(protected_values(record))


def _request_seen() -> set | None:
    from cctns.audit.context import current_request

    request = current_request()
    if request is None:
        return None
    request = getattr(request, "_request", request)
    if not hasattr(request, "_cctns_protected_reads"):
        request._cctns_protected_reads = set()
    return request._cctns_protected_reads


def audit_read(user, record, *, reason: str = ""):
    """Audit that ``user`` is shown ``record`` with its protected values unmasked: one ``access``
    entry per record and request, with the fields and their legal basis in ``additional_data``.

    Does nothing when ``record`` holds no protected value or ``user`` may see none of them (a
    masked value reveals nothing). Also covers records :func:`cctns.audit.services.is_sensitive_record`
    says are sensitive (their reads are audited even masked), so that views call this one
    function. Returns the entry or ``None``."""
    from cctns.audit.constants import Kind
    from cctns.audit.services import is_sensitive_record, record_event

    if record is None or user is None:
        return None
    seen = _request_seen()
    key = (record._meta.label_lower, record.pk, getattr(user, "pk", None))
    if seen is not None and key in seen:
        return None
    shown = [(o, n, p) for o, n, p in protected_values(record) if not is_hidden(user, o, n)]
    if not shown and not is_sensitive_record(record):
        return None
    if seen is not None:
        seen.add(key)
    fields = sorted({f"{o._meta.model_name}.{n}" for o, n, _p in shown})
    basis = sorted({p.basis for _o, _n, p in shown})
    data = {"protected_fields": fields, "basis": basis} if shown else None
    return record_event(Kind.ACCESS, record, user=getattr(user, "_wrapped", user), reason=reason or "", data=data)


class ProtectedSerializerMixin:
    """A ``ModelSerializer`` mixin: ``to_representation`` masks the fields the request's user may
    not see (:func:`mask_data`). The serializer's fields must carry the model's field names."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request") if hasattr(self, "context") else None
        return mask_data(getattr(request, "user", None), instance, data)
