"""Police data is never deleted (DESIGN.md §4; issue 4 §2): no foreign key anywhere in the
``cctns.*`` apps deletes police data by cascade.

The test walks every foreign key and one-to-one of every model of every installed ``cctns.*`` app
(auto-created many-to-many tables included). A key whose target is police data — a
``PoliceRecord`` subclass or one of its child tables, found by ``cctns.audit.registry`` — must not
be ``on_delete=CASCADE`` (nor SET_NULL / SET_DEFAULT, which rewrite police data when its target
goes), unless the table holding it is whitelisted below with the reason.
"""

import pytest
from django.apps import apps
from django.db import models

from cctns.audit.registry import is_police_data

#: Tables allowed to CASCADE from police data, and why. Keep every entry justified.
CASCADE_WHITELIST: dict[str, str] = {
    "matching.personkey": (
        "a search index: blocking keys derived from the person's names and rebuilt from them; "
        "the person itself can never be deleted (PoliceRecord.delete refuses)"
    ),
}

#: Rules written into the whitelist by kind rather than by name.
def _whitelisted(model, field) -> str | None:
    if model._meta.auto_created:
        return ("Django creates many-to-many link tables with CASCADE; the parent record itself can "
                "never be deleted, and link changes are audited as m2m changes")
    return CASCADE_WHITELIST.get(model._meta.label_lower)


#: Known CASCADEs in apps other helpers own, reported for fixing (issue 4 report). strict xfail:
#: when one is fixed the test passes, pytest reports XPASS(strict) as a failure, and the entry
#: must be removed from this list.
KNOWN_PENDING_FIX: set[str] = set()

DESTRUCTIVE = {models.CASCADE: "CASCADE", models.SET_NULL: "SET_NULL", models.SET_DEFAULT: "SET_DEFAULT"}


def _keys():
    out = []
    for model in apps.get_models(include_auto_created=True):
        if not model.__module__.startswith("cctns."):
            continue
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and (field.many_to_one or field.one_to_one):
                out.append((model, field))
    return out


def _into_police_data():
    return [(m, f) for m, f in _keys() if f.related_model is not None and is_police_data(f.related_model)]


def _id(model, field) -> str:
    return f"{model._meta.label_lower}.{field.name}"


def _params():
    params = []
    for model, field in _into_police_data():
        key = _id(model, field)
        marks = [pytest.mark.xfail(strict=True, reason="reported: registration must use PROTECT")] \
            if key in KNOWN_PENDING_FIX else []
        params.append(pytest.param(model, field, id=key, marks=marks))
    return params


def test_the_walk_sees_police_data_and_its_keys():
    """Guard against a walk that silently checks nothing."""
    keys = {_id(m, f) for m, f in _into_police_data()}
    assert "registration.firversion.fir" in keys and "registration.enquirynote.enquiry" in keys
    assert len(keys) >= 10


@pytest.mark.parametrize(("model", "field"), _params())
def test_no_cascade_into_police_data(model, field):
    on_delete = field.remote_field.on_delete
    if on_delete not in DESTRUCTIVE:
        return
    reason = _whitelisted(model, field)
    assert reason, (
        f"{_id(model, field)} -> {field.related_model._meta.label}: on_delete={DESTRUCTIVE[on_delete]} "
        "would delete or rewrite police data; use PROTECT (or whitelist the table with a reason)"
    )


def test_the_whitelist_names_only_real_tables():
    labels = {m._meta.label_lower for m in apps.get_models(include_auto_created=True)}
    assert set(CASCADE_WHITELIST) <= labels
    pending = {_id(m, f) for m, f in _into_police_data()}
    assert pending >= KNOWN_PENDING_FIX, KNOWN_PENDING_FIX - pending
