"""The Case Diary (BNSS s.192): who writes and reads it, pagination, and the hash chain that
finds an altered, removed or reordered page (service and ``cctns verify_case_diary``)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from cctns.investigation.models import CaseDiaryEntry, CaseFile
from cctns.investigation.services.case_diary import (
    can_read_case_diary,
    case_diary_for,
    readable_firs_q,
    verify_case_diary,
    write_case_diary_entry,
)
from cctns.registration.models import FIR

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def write(fir, user, text="Visited the scene; recorded statements.", **extra):
    return write_case_diary_entry(fir, user, {"steps_taken": text, **extra})


def diary(fir, user, n=3):
    return [write(fir, user, f"Step {i + 1}") for i in range(n)]


def raw(sql, params):
    with connection.cursor() as cur:
        cur.execute(sql, params)


def test_io_writes_numbered_chained_pages(org, case):
    now = timezone.now()
    first = write(case, org.io_a1, places_visited="Bus stand", statements="Statement of W1 under s.180",
                  information_reached_at=now - datetime.timedelta(hours=3), began_at=now - datetime.timedelta(hours=2),
                  closed_at=now - datetime.timedelta(hours=1))
    second = write(case, org.sho_a1, "SHO reviewed")
    assert (first.serial, second.serial) == (1, 2)
    assert first.prev_hash == "" and second.prev_hash == first.entry_hash
    assert len(first.entry_hash) == 64
    assert verify_case_diary(case).ok


def test_entries_are_append_only(org, case):
    entry = write(case, org.io_a1)
    entry.steps_taken = "changed"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        CaseDiaryEntry.objects.filter(pk=entry.pk).update(steps_taken="changed")
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(ValidationError):
        CaseDiaryEntry.objects.filter(pk=entry.pk).delete()
    assert CaseDiaryEntry.objects.get(pk=entry.pk).steps_taken != "changed"


def test_only_io_or_sho_of_the_station_writes(org, case, officers):
    for user in (org.writer_a1, officers.io_b1, officers.sho_b1, officers.sho_a2, org.sp_a, officers.dsp_a,
                 org.admin, org.scrb, officers.constable_a1):
        with pytest.raises(ValidationError) as exc:
            write(case, user)
        assert "fir" in exc.value.message_dict
    assert not CaseDiaryEntry.objects.exists()


def test_io_of_another_station_cannot_write_even_after_seeing_the_case(org, case, officers):
    """Jurisdiction: io_b1 is an IO, but not of this case nor of this station."""
    with pytest.raises(ValidationError):
        write(case, officers.io_b1)


def test_readers_are_the_case_officers_and_supervisors(org, case, officers):
    write(case, org.io_a1)
    readers = {org.io_a1, org.sho_a1, org.sp_a, officers.dsp_a}
    outsiders = {org.writer_a1, officers.io_b1, officers.sho_a2, org.sp_b, org.scrb, org.ncrb, org.admin}
    for user in readers:
        assert can_read_case_diary(user, case), user
        assert list(case_diary_for(case, user))
        assert FIR.objects.filter(readable_firs_q(user), pk=case.pk).exists(), user
    for user in outsiders:
        assert not can_read_case_diary(user, case), user
        with pytest.raises(ValidationError):
            case_diary_for(case, user)
        assert not FIR.objects.filter(readable_firs_q(user), pk=case.pk).exists(), user


def test_bad_input_gets_per_field_errors(org, case):
    now = timezone.now()
    with pytest.raises(ValidationError) as exc:
        write_case_diary_entry(case, org.io_a1, {
            "steps_taken": "", "began_at": now - datetime.timedelta(hours=1),
            "closed_at": now - datetime.timedelta(hours=2), "entry_date": timezone.localdate() + datetime.timedelta(days=1)})
    assert {"steps_taken", "closed_at", "entry_date"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        write(case, org.io_a1, information_reached_at=now + datetime.timedelta(hours=1))
    assert "information_reached_at" in exc.value.message_dict


def test_pages_run_in_date_order(org, case):
    write(case, org.io_a1)
    with pytest.raises(ValidationError) as exc:
        write(case, org.io_a1, entry_date=timezone.localdate() - datetime.timedelta(days=400))
    assert "entry_date" in exc.value.message_dict


def test_statement_files_are_checked_and_hashed(org, case):
    entry = write_case_diary_entry(case, org.io_a1, {"steps_taken": "Statement of W1 recorded"},
                                   files=[SimpleUploadedFile("w1.png", PNG)])
    f = CaseFile.objects.get(diary_entry=entry)
    assert f.kind == "statement" and f.size == len(PNG) and len(f.sha256) == 64
    with pytest.raises(ValidationError) as exc:
        write_case_diary_entry(case, org.io_a1, {"steps_taken": "x"}, files=[SimpleUploadedFile("evil.png", b"MZ\x90\x00 exe")])
    assert "files" in exc.value.message_dict
    assert CaseDiaryEntry.objects.filter(fir=case).count() == 1
    assert verify_case_diary(case).ok
    with f.file.open("wb") as fh:  # the statement on disk is replaced
        fh.write(PNG + b"tampered")
    result = verify_case_diary(case)
    assert (result.ok, result.serial, result.code) == (False, 1, "file_altered")


def test_chain_detects_an_altered_page(org, case):
    entries = diary(case, org.io_a1)
    raw("UPDATE investigation_casediaryentry SET steps_taken = %s WHERE id = %s", ["rewritten", entries[1].pk])
    result = verify_case_diary(case)
    assert (result.ok, result.serial, result.code) == (False, 2, "altered")


def test_chain_detects_an_altered_and_rehashed_page_at_the_next_page(org, case):
    from cctns.investigation.services.case_diary import entry_hash

    entries = diary(case, org.io_a1)
    forged = CaseDiaryEntry.objects.get(pk=entries[1].pk)
    forged.steps_taken = "rewritten"
    raw("UPDATE investigation_casediaryentry SET steps_taken = %s, entry_hash = %s WHERE id = %s",
        ["rewritten", entry_hash(forged, []), forged.pk])
    result = verify_case_diary(case)
    assert (result.ok, result.serial, result.code) == (False, 3, "removed")


def test_chain_detects_a_removed_page(org, case):
    entries = diary(case, org.io_a1, 4)
    raw("DELETE FROM investigation_casediaryentry WHERE id = %s", [entries[1].pk])
    result = verify_case_diary(case)
    assert (result.ok, result.serial, result.code) == (False, 3, "removed")


def test_chain_detects_the_last_page_removed(org, case):
    entries = diary(case, org.io_a1)
    raw("DELETE FROM investigation_casediaryentry WHERE id = %s", [entries[2].pk])
    result = verify_case_diary(case)
    assert (result.ok, result.code) == (False, "missing_at_end")


def test_chain_detects_reordered_pages(org, case):
    entries = diary(case, org.io_a1, 4)
    raw("UPDATE investigation_casediaryentry SET serial = 100 WHERE id = %s", [entries[1].pk])
    raw("UPDATE investigation_casediaryentry SET serial = 2 WHERE id = %s", [entries[2].pk])
    raw("UPDATE investigation_casediaryentry SET serial = 3 WHERE id = %s", [entries[1].pk])
    result = verify_case_diary(case)
    assert (result.ok, result.serial, result.code) == (False, 2, "reordered")


def test_command_reports_ok_and_faults_with_exit_status(org, case):
    entries = diary(case, org.io_a1)
    out = io.StringIO()
    call_command("verify_case_diary", str(case.global_id), stdout=out)
    assert "OK, 3 page(s)" in out.getvalue()
    call_command("verify_case_diary", case.national_key, stdout=out)
    call_command("verify_case_diary", case.number, "--station", org.ps_a1.code, stdout=out)
    raw("UPDATE investigation_casediaryentry SET places_visited = %s WHERE id = %s", ["elsewhere", entries[0].pk])
    out = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command("verify_case_diary", str(case.global_id), stdout=out)
    assert exc.value.returncode == 1
    assert "FAULT at page 1 (altered)" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("verify_case_diary", "--all", stdout=io.StringIO())
    with pytest.raises(CommandError):
        call_command("verify_case_diary", "9999/2099", stdout=io.StringIO())


def test_command_exits_non_zero_from_the_shell(org, case):
    """Through ``manage``'s entry point: the process status is 1 on a fault."""
    from django.core.management import ManagementUtility

    entries = diary(case, org.io_a1, 2)
    raw("DELETE FROM investigation_casediaryentry WHERE id = %s", [entries[0].pk])
    with pytest.raises(SystemExit) as exc:
        ManagementUtility(["cctns", "verify_case_diary", str(case.global_id)]).execute()
    assert exc.value.code == 1
