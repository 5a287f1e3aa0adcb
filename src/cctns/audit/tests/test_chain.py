"""The hash chain: sealing after commit, verification, and detection of a changed, deleted or
reordered audit row by ``cctns audit verify`` (exit status 1, naming the entry)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from cctns.audit.chain import GENESIS, chain_head, link_hash, seal_pending, verify_chain
from cctns.audit.constants import Kind
from cctns.audit.models import AuditChainLink, AuditEntry
from cctns.audit.services import log_access, record_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def chained(org):
    """Five sealed entries (plus the org fixture's own)."""
    for i in range(5):
        record_event(Kind.ACCESS, org.ps_a1, user=org.sp_a, reason=f"reason {i}")
    seal_pending()
    return list(AuditChainLink.objects.order_by("seq").select_related("entry"))


def run_verify(*args):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("audit", "verify", *args, stdout=out, stderr=err)
    return exc.value.code, out.getvalue(), err.getvalue()


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_links_are_consecutive_and_hash_the_previous_link(chained):
    assert [link.seq for link in chained] == list(range(1, len(chained) + 1))
    assert chained[0].prev_hash == GENESIS
    for before, link in zip(chained, chained[1:], strict=False):
        assert link.prev_hash == before.entry_hash
        assert link.entry_hash == link_hash(before.entry_hash, link.entry)
    assert chain_head() == (chained[-1].seq, chained[-1].entry_hash)


def test_an_intact_chain_verifies(chained):
    result = verify_chain()
    assert result.ok and result.checked == len(chained) and result.unsealed == 0
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert f"OK: {len(chained)} links verified" in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_sealing_happens_after_commit():
    from django.db import transaction

    from cctns.core.tests.factories import UserFactory

    user = UserFactory(username="sealer")
    with transaction.atomic():
        first = log_access(user, user)
        second = log_access(user, user)
        assert not AuditChainLink.objects.filter(entry__in=[first, second]).exists()  # not before commit
    assert AuditChainLink.objects.filter(entry__in=[first, second]).count() == 2
    assert not AuditEntry.objects.filter(chain_link__isnull=True).exists()
    assert verify_chain().ok


@pytest.mark.django_db(transaction=True)
def test_a_busy_chain_lock_defers_the_seal_to_the_next_one():
    """On PostgreSQL the seal after a commit only tries the chain lock: while another session holds
    it the entry stays unsealed (the request does not queue), and the ``audit.seal`` job seals it."""
    if connection.vendor != "postgresql":
        pytest.skip("advisory locks are PostgreSQL's")
    import psycopg

    from cctns.audit.chain import ADVISORY_LOCK_KEY, seal_job
    from cctns.core.jobs import jobs
    from cctns.core.tests.factories import UserFactory

    assert "cctns.audit.chain.seal_job" in {job.func for job in jobs()}
    user = UserFactory(username="sealer2")
    seal_pending()
    s = connection.settings_dict
    with psycopg.connect(host=s["HOST"] or None, port=s["PORT"] or None, user=s["USER"], dbname=s["NAME"],
                         password=s["PASSWORD"] or None, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_LOCK_KEY])
        entry = log_access(user, user)  # autocommit: its after-commit seal runs at once, and gives up
        assert not AuditChainLink.objects.filter(entry=entry).exists()
        assert seal_pending(wait=False) == 0
        other.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_LOCK_KEY])
    assert seal_job() >= 1
    assert AuditChainLink.objects.filter(entry=entry).exists() and verify_chain().ok


def test_the_recent_seals_look_only_at_recent_entries_and_the_commands_at_all(org):
    """The seal after a commit looks ``lookback`` ids below the head, the minute's job ten minutes
    back in time; ``seal_pending()`` (the commands) finds everything."""
    import datetime

    from django.utils import timezone

    from cctns.audit.chain import SETTLE, seal_job, settled_floor

    seal_pending()
    a = log_access(org.sp_a, org.ps_a1)
    b = log_access(org.sp_a, org.ps_a1)
    assert seal_pending(floor=a.id) == 1 and AuditChainLink.objects.filter(entry=b).exists()  # the head is b
    assert seal_pending(lookback=0) == 0  # a is below the head
    assert not AuditChainLink.objects.filter(entry=a).exists()
    assert settled_floor() == 0
    assert seal_job() == 1 and AuditChainLink.objects.filter(entry=a).exists()  # a was written just now
    stale = log_access(org.sp_a, org.ps_a1)
    raw(f"UPDATE {AuditEntry._meta.db_table} SET timestamp = %s WHERE id = %s",
        [timezone.now() - SETTLE - datetime.timedelta(minutes=1), stale.id])
    assert settled_floor() == stale.id
    assert seal_job() == 0  # older than the job's window: left to the commands
    assert seal_pending() == 1 and verify_chain().ok


def test_verify_seals_pending_entries_first(org):
    log_access(org.sp_a, org.ps_a1)
    assert verify_chain().unsealed >= 1
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "sealed" in out.getvalue() and verify_chain().unsealed == 0


def test_tampered_entry_is_named(chained):
    victim = chained[2]
    raw(f"UPDATE {AuditEntry._meta.db_table} SET reason = %s WHERE id = %s", ["nothing to see", victim.entry_id])
    result = verify_chain()
    assert not result.ok and result.broken_seq == victim.seq and result.broken_entry_id == victim.entry_id
    code, _out, err = run_verify("--no-seal")
    assert code == 1 and f"entry {victim.entry_id}" in err and f"link {victim.seq}" in err


def test_tampered_actor_or_time_is_detected(chained):
    victim = chained[1]
    raw(f"UPDATE {AuditEntry._meta.db_table} SET timestamp = timestamp WHERE id = %s", [victim.entry_id])
    assert verify_chain().ok  # rewriting the same value changes nothing
    raw(f"UPDATE {AuditEntry._meta.db_table} SET actor_username = %s WHERE id = %s", ["someone_else", victim.entry_id])
    assert verify_chain().broken_entry_id == victim.entry_id


def test_deleted_row_is_detected(chained):
    victim = chained[3]
    raw(f"DELETE FROM {AuditChainLink._meta.db_table} WHERE seq = %s", [victim.seq])
    raw(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [victim.entry_id])
    result = verify_chain()
    assert not result.ok and result.broken_seq == victim.seq and "missing" in result.problem
    code, _out, err = run_verify("--no-seal")
    assert code == 1 and f"link {victim.seq}" in err


def test_deleted_row_with_renumbered_links_is_detected(chained):
    """Deleting a link and renumbering the rest to hide the gap breaks the prev_hash."""
    victim = chained[2]
    table = AuditChainLink._meta.db_table
    raw(f"DELETE FROM {table} WHERE seq = %s", [victim.seq])
    for link in chained[3:]:
        raw(f"UPDATE {table} SET seq = %s WHERE seq = %s", [link.seq - 1, link.seq])
    result = verify_chain()
    assert not result.ok and result.broken_seq == victim.seq and result.broken_entry_id == chained[3].entry_id


def test_reordered_links_are_detected(chained):
    """Moving a later link (and its entry) to an earlier position breaks the chain there."""
    a, b = chained[1], chained[4]
    table = AuditChainLink._meta.db_table
    raw(f"UPDATE {table} SET seq = -1 WHERE seq = %s", [a.seq])
    raw(f"UPDATE {table} SET seq = %s WHERE seq = %s", [a.seq, b.seq])
    raw(f"UPDATE {table} SET seq = %s WHERE seq = -1", [b.seq])
    result = verify_chain()
    assert not result.ok and result.broken_seq == a.seq and result.broken_entry_id == b.entry_id


def test_swapped_entry_contents_are_detected(chained):
    a, b = chained[-2], chained[-1]
    assert a.entry.reason != b.entry.reason
    table = AuditEntry._meta.db_table
    raw(f"UPDATE {table} SET reason = CASE id WHEN %s THEN %s ELSE %s END WHERE id IN (%s, %s)",
        [a.entry_id, b.entry.reason, a.entry.reason, a.entry_id, b.entry_id])
    assert verify_chain().broken_entry_id == a.entry_id


def test_head_command_prints_position_and_hash(chained):
    out = io.StringIO()
    call_command("audit", "head", stdout=out)
    assert out.getvalue().strip() == f"{chained[-1].seq} {chained[-1].entry_hash}"
