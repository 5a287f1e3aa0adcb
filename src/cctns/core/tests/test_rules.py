"""Roles map to permissions through ``rules`` (core/rules.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "username, perm, allowed",
    [
        ("writer_a1", "core.view_unit", True),
        ("writer_a1", "core.view_statistics", False),
        ("sp_a", "core.view_statistics", True),
        ("scrb", "core.view_statistics", True),
        ("ncrb", "core.view_statistics", True),
        ("writer_a1", "core.manage_personnel", False),
        ("sp_a", "core.manage_personnel", False),
        ("admin", "core.manage_personnel", True),
        ("io_a1", "legal.view_reference", True),
        ("io_a1", "legal.change_reference", False),
        ("admin", "legal.change_reference", True),
    ],
)
def test_role_permissions(org, username, perm, allowed):
    assert getattr(org, username).has_perm(perm) is allowed


def test_anonymous_and_unposted_users_have_no_police_permissions(org):
    assert not AnonymousUser().has_perm("core.view_unit")
    org.writer_a1.unit = None
    assert not org.writer_a1.has_perm("core.view_unit")
    org.io_a1.is_active = False
    assert not org.io_a1.has_perm("legal.view_reference")
