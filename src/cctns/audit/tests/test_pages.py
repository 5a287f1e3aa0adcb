"""Audit pages: a record's trail for supervisors over its jurisdiction (values of sensitive
records only for them), a user's history for administrators, 404/403 for everyone else."""

import pytest
from django.test import override_settings

from cctns.audit.context import audit_actor, audit_reason
from cctns.audit.services import log_access
from cctns.registration.services import correct_fir, register_fir

pytestmark = pytest.mark.django_db
no_approval = override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False)


def trail_url(obj):
    return f"/audit/record/{obj._meta.label_lower}/{obj.pk}/"


@pytest.fixture
def fir(org, make_fir_data):
    with override_settings(CCTNS_FIR_REQUIRES_APPROVAL=False):
        fir = register_fir(None, org.writer_a1, make_fir_data())
        with audit_actor(org.sho_a1), audit_reason("beat misread"):
            correct_fir(fir, org.sho_a1, {"beat": "Beat 7"}, "beat misread")
    return fir


def test_supervisor_over_the_station_sees_the_trail_with_values(client, org, fir):
    client.force_login(org.sp_a)
    resp = client.get(trail_url(fir))
    html = resp.content.decode()
    assert resp.status_code == 200 and 'data-testid="audit-trail"' in html
    assert "Beat 3" in html and "Beat 7" in html and "beat misread" in html and "sho_a1" in html


@pytest.mark.parametrize("who", ["sp_b", "writer_a1", "sho_a1", "scrb"])
def test_others_get_404(client, org, fir, who):
    client.force_login(getattr(org, who))
    assert client.get(trail_url(fir)).status_code == 404


def test_admin_sees_every_trail(client, org, fir):
    client.force_login(org.admin)
    assert client.get(trail_url(fir)).status_code == 200
    assert client.get(trail_url(org.writer_a1)).status_code == 200  # a user's record changes


@no_approval
def test_sensitive_values_are_hidden_from_administrators(client, org, make_fir_data):
    fir = register_fir(None, org.writer_a1, make_fir_data(
        sections=["BNS 64"], recorded_by_woman_officer=True, narrative="Statement of Sita Devi ..."))
    client.force_login(org.admin)
    html = client.get(trail_url(fir)).content.decode()
    assert "narrative" in html and "Sita Devi" not in html
    client.force_login(org.sp_a)
    assert "Sita Devi" in client.get(trail_url(fir)).content.decode()


def test_unknown_models_and_ids_are_404(client, org):
    client.force_login(org.admin)
    for url in ("/audit/record/nothing.here/1/", "/audit/record/legal.act/1/", "/audit/record/core.unit/abc/",
                "/audit/record/registration.fir/999999/"):
        assert client.get(url).status_code == 404, url


def test_user_history_for_administrators_only(client, org, fir):
    log_access(org.sp_b, fir, reason="cross-district check")
    client.force_login(org.admin)
    resp = client.get(f"/audit/user/{org.sp_b.username}/")
    html = resp.content.decode()
    assert resp.status_code == 200 and 'data-testid="user-history"' in html and "cross-district check" in html
    assert client.get("/audit/?username=sp_b")["Location"] == f"/audit/user/{org.sp_b.username}/"
    missing = client.get("/audit/?username=nobody")
    assert missing.status_code == 200 and 'role="alert"' in missing.content.decode()
    for who in (org.sp_a, org.writer_a1, org.scrb):
        client.force_login(who)
        assert client.get(f"/audit/user/{org.sp_b.username}/").status_code == 403
        assert client.get("/audit/").status_code == 403


def test_history_shows_fields_not_values(client, org, fir):
    client.force_login(org.admin)
    html = client.get(f"/audit/user/{org.sho_a1.username}/").content.decode()
    assert "beat" in html and "Beat 7" not in html


def test_pages_in_hindi(client, org, fir):
    from django.conf import settings

    client.force_login(org.sp_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "hi"
    html = client.get(trail_url(fir)).content.decode()
    assert 'lang="hi"' in html and "Audit trail" not in html
