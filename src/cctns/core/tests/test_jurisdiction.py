"""Jurisdiction: the subtree query and ``for_user`` scoping (DESIGN.md §6)."""

import pytest
from django.core.exceptions import ValidationError

from cctns.core.constants import UnitKind
from cctns.core.models import Unit, User
from cctns.core.tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def codes(qs):
    return sorted(qs.values_list("code", flat=True))


def test_subtree_is_a_prefix_of_the_path(org):
    assert codes(org.dist_a.descendants()) == ["28-A", "28-A-1", "28-A-2"]
    assert org.ps_a1.is_within(org.dist_a)
    assert not org.ps_b1.is_within(org.dist_a)
    assert [u.code for u in org.ps_a1.ancestors()] == ["IN", "28", "28-A"]
    assert org.ps_a1.ancestor_of_kind(UnitKind.STATE) == org.state


def test_moving_a_unit_moves_its_subtree(org):
    org.ps_a1.parent = org.dist_b
    org.ps_a1.save()
    outpost = UnitFactory(code="28-B-1-OP", kind=UnitKind.OUTPOST, parent=org.ps_b1)
    org.ps_b1.parent = org.dist_a
    org.ps_b1.save()
    outpost.refresh_from_db()
    assert outpost.is_within(org.dist_a)
    assert codes(org.dist_b.descendants()) == ["28-A-1", "28-B"]


def test_parent_must_sit_above_child(org):
    bad = Unit(code="X", name="X", kind=UnitKind.DISTRICT, parent=org.ps_a1)
    with pytest.raises(ValidationError) as exc:
        bad.full_clean()
    assert "parent" in exc.value.message_dict


def test_station_user_sees_only_own_station(org):
    assert codes(Unit.objects.for_user(org.writer_a1)) == ["28-A-1"]
    usernames = set(User.objects.for_user(org.writer_a1).values_list("username", flat=True))
    assert usernames == {"writer_a1", "io_a1", "sho_a1"}


def test_district_supervisor_never_sees_another_district(org):
    visible = codes(Unit.objects.for_user(org.sp_a))
    assert visible == ["28-A", "28-A-1", "28-A-2"]
    assert not User.objects.for_user(org.sp_a).filter(username__in=["writer_b1", "sp_b"]).exists()
    assert not Unit.objects.for_user(org.sp_b).filter(code__startswith="28-A").exists()


def test_scrb_sees_state_ncrb_and_admin_see_all(org):
    assert "28-B-1" in codes(Unit.objects.for_user(org.scrb))
    assert "IN" not in codes(Unit.objects.for_user(org.scrb))
    assert Unit.objects.for_user(org.ncrb).count() == Unit.objects.count()
    assert Unit.objects.for_user(org.admin).count() == Unit.objects.count()


def test_users_without_posting_or_inactive_see_nothing(org):
    loose = UserFactory(username="loose", unit=None)
    assert not Unit.objects.for_user(loose).exists()
    org.sp_a.is_active = False
    assert not Unit.objects.for_user(org.sp_a).exists()
    from django.contrib.auth.models import AnonymousUser

    assert not Unit.objects.for_user(AnonymousUser()).exists()
