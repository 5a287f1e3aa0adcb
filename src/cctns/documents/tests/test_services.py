"""Issuing and verifying documents: tokens, states, tampering, enumeration, summary rules."""

import datetime as dt
import hashlib
import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import translation

from cctns.documents import services
from cctns.documents.kinds import register_kind, summary_order
from cctns.documents.models import DocumentIssue
from cctns.documents.pdf import render_html
from cctns.documents.qr import qr_data_uri
from cctns.documents.services import (
    VerificationStatus as S,
)
from cctns.documents.services import (
    clean_summary,
    issue_document,
    letterhead_for,
    revoke_document,
    token_for,
    verify_token,
)

from .utils import make_record

pytestmark = pytest.mark.django_db
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def issue(record, language="en", kind="fir_copy", user=None, summary=None):
    return issue_document(
        kind, record, language=language, template_name="documents/sample.html",
        summary=summary if summary is not None else {"fir_number": "0042/2026", "police_station": "PS A1"},
        context={"fields": [], "narrative": "Narrative that is not in the summary."}, user=user,
    )


def flip(token: str, i: int) -> str:
    c = token[i]
    if c == ".":
        return token[:i] + "-" + token[i + 1:]
    return token[:i] + B64[(B64.index(c) + 1) % 64] + token[i + 1:]


def test_issue_records_the_document_and_it_verifies_as_current(org):
    record = make_record(org.ps_a1, version=3)
    doc, pdf = issue(record, user=org.writer_a1)
    doc.refresh_from_db()
    assert doc.kind == "fir_copy" and doc.record_global_id == record.global_id
    assert doc.record_version == 3 and doc.language == "en"
    assert doc.pdf_sha256 == hashlib.sha256(pdf).hexdigest() and doc.pdf_size == len(pdf)
    assert doc.issued_by == org.writer_a1 and doc.unit == org.ps_a1
    assert doc.summary == {"fir_number": "0042/2026", "police_station": "PS A1"}
    result = verify_token(doc.token)
    assert result.status == S.CURRENT and result.is_genuine and result.issue == doc


def test_the_qr_in_the_document_carries_the_verify_url_of_its_token(org, monkeypatch):
    seen = {}
    real_render = services.render_pdf

    def capture(template_name, context, *, language):
        seen["html"] = render_html(template_name, context, language=language)
        return real_render(template_name, context, language=language)

    monkeypatch.setattr(services, "render_pdf", capture)
    doc, _pdf = issue(make_record(org.ps_a1))
    html = seen["html"]
    payload = re.search(r'data-qr-payload="([^"]+)"', html)[1]
    assert payload == f"http://127.0.0.1:8000/verify/{doc.token}/"
    # the embedded image is exactly the QR code of that payload (qrcode output is deterministic)
    src = re.search(r'<img class="qr" src="([^"]+)"', html)[1]
    assert src == qr_data_uri(payload)
    token = re.fullmatch(r"http://127\.0\.0\.1:8000/verify/([^/]+)/", payload)[1]
    assert verify_token(token).status == S.CURRENT


@override_settings(CCTNS_PUBLIC_BASE_URL="https://citizen.police.example.in/")
def test_verify_url_uses_the_public_base_url(org):
    doc, _pdf = issue(make_record(org.ps_a1))
    assert services.verification_url(doc.token) == f"https://citizen.police.example.in/verify/{doc.token}/"


def test_any_single_character_change_makes_a_token_not_genuine(org):
    doc, _pdf = issue(make_record(org.ps_a1))
    token = doc.token
    assert len(token) == 45
    for i in range(len(token)):
        assert verify_token(flip(token, i)).status == S.NOT_GENUINE, i
    for bad in [token[:-1], token + "A", token.swapcase(), token.replace(".", ""), "", " " + token,
                "A" * 22 + "." + "A" * 22, "x" * 10_000, "प्रथम" * 9, "../../etc/passwd", None, 42]:
        assert verify_token(bad).status == S.NOT_GENUINE


def test_malformed_tokens_cost_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        for bad in ["", "abc", "x" * 5000, "a.b", "<script>"]:
            assert verify_token(bad).status == S.NOT_GENUINE


def test_a_token_made_with_another_key_is_not_genuine_and_key_rotation_keeps_old_ones(org):
    with override_settings(SECRET_KEY="another-deployment-key-0123456789-abcdefghij"):
        doc, _pdf = issue(make_record(org.ps_a1))
        foreign = doc.token
    assert verify_token(foreign).status == S.NOT_GENUINE
    with override_settings(SECRET_KEY="a-new-key-after-rotation-0123456789-abcdefgh",
                           SECRET_KEY_FALLBACKS=["another-deployment-key-0123456789-abcdefghij"]):
        assert verify_token(foreign).status == S.CURRENT


@pytest.mark.parametrize("change", [
    {"summary": {"fir_number": "0043/2026", "police_station": "PS A1"}},
    {"record_version": 4},
    {"kind": "noc"},
    {"language": "hi"},
    {"issued_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC)},
])
def test_a_row_edited_after_issue_no_longer_verifies(org, change):
    doc, _pdf = issue(make_record(org.ps_a1))
    token = doc.token
    DocumentIssue.objects.filter(pk=doc.pk).update(**change)
    assert verify_token(token).status == S.NOT_GENUINE


def test_a_row_pointed_at_another_record_no_longer_verifies(org):
    doc, _pdf = issue(make_record(org.ps_a1))
    token = doc.token
    DocumentIssue.objects.filter(pk=doc.pk).update(record_global_id=uuid.uuid4())
    assert verify_token(token).status == S.NOT_GENUINE


def test_tokens_cannot_be_enumerated(org):
    docs = [issue(make_record(org.ps_a1))[0] for _ in range(3)]
    same_record = make_record(org.ps_a1)
    docs += [issue(same_record)[0], issue(same_record)[0]]
    tokens = [d.token for d in docs]
    assert len(set(tokens)) == len(tokens)
    for doc, token in zip(docs, tokens, strict=True):
        assert re.fullmatch(r"[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}", token)
        gid = doc.record_global_id
        for clear in [str(gid), gid.hex, services._b64(gid.bytes), "0042"]:
            assert clear not in token
    # unrelated tokens: no shared prefix beyond chance, even for the same record and for consecutive issues
    for a in tokens:
        for b in tokens:
            if a != b:
                assert a[:4] != b[:4]
                assert sum(x == y for x, y in zip(a, b, strict=True)) < 12


def test_a_copy_of_a_later_version_supersedes_earlier_copies(org):
    record = make_record(org.ps_a1, version=1)
    v1_en, _ = issue(record, "en")
    v1_hi, _ = issue(record, "hi")
    other_kind, _ = issue(record, kind="complaint_acknowledgement")
    assert verify_token(v1_en.token).status == S.CURRENT
    assert verify_token(v1_hi.token).status == S.CURRENT  # same version in another language
    record.version = 2
    v2, _ = issue(record, "en")
    for old in (v1_en, v1_hi):
        result = verify_token(old.token)
        assert result.status == S.SUPERSEDED and result.is_genuine
        assert result.latest_version == 2 and result.latest_issued_at == v2.issued_at
    assert verify_token(v2.token).status == S.CURRENT
    assert verify_token(other_kind.token).status == S.CURRENT  # other kinds are separate documents
    unrelated, _ = issue(make_record(org.ps_a1, version=9))
    assert verify_token(v2.token).status == S.CURRENT


def test_revoked_documents_say_so_and_revocation_is_recorded(org):
    record = make_record(org.ps_a1)
    doc, _ = issue(record)
    revoked = revoke_document(doc, reason="Issued to the wrong person", user=org.sho_a1)
    assert revoked.revoked and revoked.revoked_by == org.sho_a1 and revoked.revoked_at
    result = verify_token(doc.token)
    assert result.status == S.REVOKED and result.is_genuine
    record.version = 2
    issue(record)
    assert verify_token(doc.token).status == S.REVOKED  # revoked wins over superseded


def test_revocation_needs_a_reason_and_happens_once(org):
    doc, _ = issue(make_record(org.ps_a1))
    for reason in ["", "   ", None, "x" * 1001]:
        with pytest.raises(ValidationError) as err:
            revoke_document(doc, reason=reason)
        assert "reason" in err.value.message_dict
    revoke_document(doc, reason="Wrong sections printed")
    with pytest.raises(ValidationError):
        revoke_document(doc, reason="again")
    assert verify_token(doc.token).status == S.REVOKED


def test_issued_documents_are_never_deleted(org):
    doc, _ = issue(make_record(org.ps_a1))
    with pytest.raises(ValidationError):
        doc.delete()
    assert DocumentIssue.objects.filter(pk=doc.pk).exists()


@pytest.mark.parametrize("summary", [
    {"Bad Key": "x"},
    {"fir_number": {"nested": 1}},
    {"fir_number": ["a"]},
    {"amount": 1.5},
    {"fir_number": "x" * 201},
    {f"k{i}": i for i in range(13)},
    {f"k{i}": "é" * 199 for i in range(11)},
    "not a dict",
])
def test_summary_must_stay_small_and_flat(summary):
    with pytest.raises(ValueError):
        clean_summary(summary)


def test_summary_dates_become_iso_text():
    cleaned = clean_summary({"registered_on": dt.date(2026, 3, 12), "fir_number": "0042/2026",
                             "valid_until": None, "reference": 7, "informant": True})
    assert cleaned["registered_on"] == "2026-03-12"


def test_summary_is_shown_in_a_stable_order_with_translated_labels(org):
    doc, _ = issue(make_record(org.ps_a1), summary={"zeta": "z", "police_station": "PS A1", "fir_number": "1/2026"})
    assert summary_order(doc.summary) == ["fir_number", "police_station", "zeta"]
    with translation.override("hi"):
        assert verify_token(doc.token).summary_items() == [("एफ़आईआर संख्या", "1/2026"), ("पुलिस थाना", "PS A1"), ("Zeta", "z")]


def test_summary_dates_and_flags_are_shown_as_documents_print_them(org):
    doc, _ = issue(make_record(org.ps_a1), summary={"registered_on": dt.date(2026, 3, 12), "reference": True,
                                                     "valid_until": None})
    with translation.override("en"):
        assert verify_token(doc.token).summary_items() == [
            ("Date of registration", "12/03/2026"), ("Valid until", ""), ("Reference", "Yes")]
    with translation.override("hi"):
        assert verify_token(doc.token).summary_items()[2] == ("संदर्भ", "हाँ")


def test_issue_refuses_unknown_kind_language_and_records_without_identity(org):
    with pytest.raises(ValueError):
        issue(make_record(org.ps_a1), kind="no_such_kind")
    with pytest.raises(ValueError):
        issue(make_record(org.ps_a1), language="ta")
    with pytest.raises(ValueError):
        issue(object())
    assert not DocumentIssue.objects.exists()


def test_kind_registry_refuses_bad_codes_and_conflicting_labels():
    with pytest.raises(ValueError):
        register_kind("Bad-Code", "x")
    with pytest.raises(ValueError):
        register_kind("fir_copy", "Something else")
    again = register_kind("fir_copy", "Copy of First Information Report")
    assert again.code == "fir_copy"
    with translation.override("hi"):  # the translatable label survives a second registration
        assert str(again.label) == "प्रथम सूचना रिपोर्ट की प्रति"


def test_letterhead_names_state_police_station_and_district_in_the_language(org):
    assert letterhead_for(org.ps_a1, "en") == {
        "police": "Andhra Pradesh Police", "state": "Andhra Pradesh", "district": "District A", "station": "PS A1",
    }
    org.state.name_hi = "आंध्र प्रदेश"
    org.state.save()
    org.ps_a1.name_hi = "थाना ए1"
    org.ps_a1.save()
    head = letterhead_for(org.ps_a1, "hi")
    assert head["police"] == "आंध्र प्रदेश पुलिस" and head["station"] == "थाना ए1"
    assert head["district"] == "District A"  # no Hindi name recorded: the English one
    assert letterhead_for(None, "en")["police"] == "Police"
    assert letterhead_for(org.dist_a, "en")["station"] == ""


def test_token_for_is_stable_for_a_saved_issue(org):
    doc, _ = issue(make_record(org.ps_a1))
    fresh = DocumentIssue.objects.get(pk=doc.pk)
    assert token_for(fresh) == doc.token
