"""The public verify page: statuses, languages, what it shows and hides, robustness."""

import pytest
from django.urls import reverse

from cctns.documents.services import issue_document, revoke_document

from .utils import make_record

pytestmark = pytest.mark.django_db


def issue(record, language="en"):
    doc, _pdf = issue_document(
        "fir_copy", record, language=language, template_name="documents/sample.html",
        summary={"fir_number": "0042/2026", "police_station": "PS A1"},
        context={"fields": [("Victim", "SECRET-VICTIM-NAME")], "narrative": "SECRET-NARRATIVE"},
    )
    return doc


def url(token: str) -> str:
    return reverse("documents:verify", kwargs={"token": token})


def test_genuine_document_page_is_public_and_shows_the_summary_only(client, org):
    doc = issue(make_record(org.ps_a1, version=2))
    resp = client.get(url(doc.token))
    assert resp.status_code == 200
    body = resp.content.decode()
    assert 'data-status="current"' in body and "Genuine and current" in body
    assert "Copy of First Information Report" in body
    assert "0042/2026" in body and "PS A1" in body and doc.pdf_sha256 in body
    assert "SECRET-VICTIM-NAME" not in body and "SECRET-NARRATIVE" not in body
    assert "noindex" in resp["X-Robots-Tag"]
    assert "no-cache" in resp["Cache-Control"] or "max-age=0" in resp["Cache-Control"]
    assert resp["Referrer-Policy"] == "no-referrer"


def test_verify_page_in_hindi(client, org):
    doc = issue(make_record(org.ps_a1), language="hi")
    resp = client.get(url(doc.token), HTTP_ACCEPT_LANGUAGE="hi")
    body = resp.content.decode()
    assert resp.status_code == 200
    assert "प्रामाणिक और नवीनतम" in body
    assert "एफ़आईआर संख्या" in body and "प्रथम सूचना रिपोर्ट की प्रति" in body


@pytest.mark.parametrize("token", [
    "A" * 22 + "." + "A" * 22,
    "not-a-token",
    "x" * 3000,
    "प्रथम-सूचना",
    "<script>alert(1)<script>",
    "\x00",
    "..",
    "a.b.c",
])
def test_anything_else_is_not_genuine_with_404_never_500(client, token):
    resp = client.get(url(token))
    assert resp.status_code == 404
    body = resp.content.decode()
    assert 'data-status="not_genuine"' in body and "Not genuine" in body
    assert "<script>alert(1)" not in body


def test_paths_with_more_segments_are_plain_404(client):
    assert client.get("/verify/a/b/").status_code == 404
    assert client.get("/verify/").status_code == 404


def test_tampered_token_is_not_genuine(client, org):
    doc = issue(make_record(org.ps_a1))
    token = doc.token
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    resp = client.get(url(tampered))
    assert resp.status_code == 404 and "Not genuine" in resp.content.decode()
    assert "0042/2026" not in resp.content.decode()


def test_superseded_and_revoked_pages(client, org):
    record = make_record(org.ps_a1, version=1)
    old = issue(record)
    record.version = 2
    issue(record)
    body = client.get(url(old.token)).content.decode()
    assert 'data-status="superseded"' in body and "version 2" in body
    revoke_document(old, reason="INTERNAL-REASON: wrong informant", user=org.sho_a1)
    resp = client.get(url(old.token))
    body = resp.content.decode()
    assert resp.status_code == 200 and 'data-status="revoked"' in body
    assert "INTERNAL-REASON" not in body  # the reason stays inside the police


def test_page_is_cheap(client, org, django_assert_max_num_queries):
    doc = issue(make_record(org.ps_a1))
    with django_assert_max_num_queries(2):
        client.get(url(doc.token))
    with django_assert_max_num_queries(0):
        client.get(url("garbage"))


def test_only_get_is_allowed(client, org):
    doc = issue(make_record(org.ps_a1))
    assert client.post(url(doc.token)).status_code in {403, 405}


def test_admin_lists_issued_documents_read_only(client, org):
    doc = issue(make_record(org.ps_a1))
    client.force_login(org.admin)
    resp = client.get(reverse("admin:documents_documentissue_changelist"))
    assert resp.status_code == 200 and doc.token_id in resp.content.decode()
    assert client.get(reverse("admin:documents_documentissue_add")).status_code == 403
    resp = client.post(reverse("admin:documents_documentissue_delete", args=[doc.pk]), {"post": "yes"})
    assert resp.status_code == 403
    assert type(doc).objects.filter(pk=doc.pk).exists()
