"""The hash chain over the audit log: sealing new entries and verifying the chain.

Entries are inserted by the transactions that do the audited work, without any global lock
(so registrations at different stations never wait on each other or deadlock on the audit
log). After each such transaction commits, :func:`seal_pending` takes the one chain lock
(PostgreSQL: a transaction-level advisory lock; SQLite: the ``BEGIN IMMEDIATE`` write lock) and
appends every committed entry not yet chained, in id order, as :class:`AuditChainLink` rows:

    entry_hash(n) = sha256_hex(entry_hash(n-1) + canonical_entry(entry(n)))

with ``entry_hash(0)`` = 64 zeros. :func:`verify_chain` recomputes every link from the stored
entries and reports the first one that does not match. Entries not yet sealed (the moment
between a commit and its seal, a seal that found the lock busy, or a crash in that moment) are
sealed by the next seal, by the ``audit.seal`` job every minute, by ``cctns audit seal`` and, by
default, at the start of ``cctns audit verify``.

The seals after commits and the job look only at recent entries (:data:`SEAL_LOOKBACK` ids,
:data:`SETTLE` of time), so their cost does not grow with the log; the full scan is left to the
commands.
"""

import datetime
import hashlib
import json
from dataclasses import dataclass, field

from django.db import connections, transaction

from .models import AuditChainLink, AuditEntry

GENESIS = "0" * 64
#: Advisory lock key of the chain (PostgreSQL): the ASCII of "CCTNSAUD" as a signed 64-bit int.
ADVISORY_LOCK_KEY = int.from_bytes(b"CCTNSAUD", "big", signed=True)
SEAL_BATCH = 1000
#: The seal after each commit looks for unsealed entries only this many entry ids below the
#: chain head (a few seconds of writes), not through the whole log.
SEAL_LOOKBACK = 2000
#: The ``audit.seal`` job looks back this far in time; a transaction open longer than this that
#: wrote audit entries is sealed only by ``cctns audit seal`` / ``audit verify`` (both scan all).
SETTLE = datetime.timedelta(minutes=10)

#: The entry fields the hash covers, in the canonical JSON (content type by natural key, so a
#: restore into another database keeps the hashes valid).
HASHED_FIELDS = (
    "id", "timestamp", "kind", "action", "content_type", "object_pk", "object_id", "object_repr",
    "changes", "changes_text", "actor_id", "actor_username", "actor_rank", "actor_role", "actor_unit",
    "actor_email", "remote_addr", "remote_port", "user_agent", "cid", "reason", "additional_data",
)


def canonical_entry(entry: AuditEntry) -> str:
    """The entry as canonical JSON: the :data:`HASHED_FIELDS`, keys sorted, no spaces, non-ASCII
    kept (UTF-8), the timestamp in UTC ISO 8601 with microseconds."""
    data = {}
    for name in HASHED_FIELDS:
        if name == "content_type":
            ct = entry.content_type
            data[name] = f"{ct.app_label}.{ct.model}"
        elif name == "timestamp":
            data[name] = entry.timestamp.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        else:
            data[name] = getattr(entry, name)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def link_hash(prev_hash: str, entry: AuditEntry) -> str:
    """``sha256(prev_hash + canonical_entry(entry))`` as 64 hex digits."""
    return hashlib.sha256((prev_hash + canonical_entry(entry)).encode("utf-8")).hexdigest()


def _lock(using: str = "default", *, wait: bool = True) -> bool:
    """Take the chain lock for the rest of the current transaction; return whether it was taken.

    With ``wait`` false (PostgreSQL) the lock is only tried: ``False`` means another transaction
    is sealing at this moment."""
    conn = connections[using]
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            if wait:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
                return True
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
            return bool(cursor.fetchone()[0])
    # SQLite: transaction.atomic() already began with BEGIN IMMEDIATE (settings: transaction_mode),
    # which holds the database's single write lock until commit.
    return True


def seal_pending(batch: int = SEAL_BATCH, using: str = "default", *, wait: bool = True,
                 lookback: int | None = None, floor: int | None = None) -> int:
    """Append committed, unchained entries to the chain, in id order; return how many were sealed.

    By default every unsealed entry is looked for (a scan of the whole log: ``cctns audit seal``,
    ``audit verify``, backups). ``floor`` limits the search to entries with a greater id, and
    ``lookback`` to entries above the chain head's entry id minus ``lookback``; both keep the
    search proportional to recent writes instead of to the size of the log.

    With ``wait`` false, give up at once (returning what was sealed so far) when another
    transaction holds the chain lock, so that concurrent requests do not queue behind one
    another on it.
    """
    sealed = 0
    while True:
        with transaction.atomic(using=using):
            if not _lock(using, wait=wait):
                return sealed
            head = (AuditChainLink.objects.using(using).order_by("-seq")
                    .values_list("seq", "entry_hash", "entry_id").first())
            seq, prev, head_entry = head if head else (0, GENESIS, 0)
            pending = AuditEntry.objects.using(using).filter(chain_link__isnull=True)
            low = floor
            if lookback is not None:
                low = max(low or 0, head_entry - lookback)
            if low:
                pending = pending.filter(id__gt=low)
            pending = list(pending.select_related("content_type").order_by("id")[:batch])
            links = []
            for entry in pending:
                seq += 1
                digest = link_hash(prev, entry)
                links.append(AuditChainLink(seq=seq, entry=entry, prev_hash=prev, entry_hash=digest))
                prev = digest
            AuditChainLink.objects.using(using).bulk_create(links)
        sealed += len(links)
        if len(pending) < batch:
            return sealed


def settled_floor(now: datetime.datetime | None = None, using: str = "default") -> int:
    """The id of the newest entry written more than :data:`SETTLE` ago (0 if none).

    Entries at or below it whose transactions have committed were sealed by an earlier seal
    or job, unless their transaction stayed open longer than :data:`SETTLE`; a backward walk
    of the primary key from the newest entry, so it reads about :data:`SETTLE` worth of entries.
    """
    from django.utils import timezone

    cut = (now or timezone.now()) - SETTLE
    return (AuditEntry.objects.using(using).filter(timestamp__lt=cut).order_by("-id")
            .values_list("id", flat=True).first()) or 0


def seal_job() -> int:
    """The periodic catch-up (job ``audit.seal``, every minute): seal every entry written in the
    last :data:`SETTLE` that is still unsealed, whatever its place (an entry whose transaction
    committed long after its insert falls outside the after-commit seal's :data:`SEAL_LOOKBACK`)."""
    return seal_pending(floor=settled_floor())


def _seal_after_commit() -> None:
    seal_pending(wait=False, lookback=SEAL_LOOKBACK)


def schedule_seal() -> None:
    """Seal after the current transaction commits (once per transaction; at once in autocommit)."""
    conn = transaction.get_connection()
    if conn.in_atomic_block and any(func is _seal_after_commit for _sids, func, _robust in conn.run_on_commit):
        return
    transaction.on_commit(_seal_after_commit, robust=True)


@dataclass
class VerifyResult:
    """The outcome of :func:`verify_chain`. ``ok`` is false at the first broken link:
    ``broken_seq`` (the link's position), ``broken_entry_id`` (the entry there, if any) and
    ``problem`` say where and what."""

    checked: int = 0
    unsealed: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    broken_seq: int | None = None
    broken_entry_id: int | None = None
    problem: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.broken_seq is None and not self.problem


def verify_chain(batch: int = 2000, using: str = "default") -> VerifyResult:
    """Walk the chain from the first link and recompute every hash.

    Detects: a changed entry or link (hash mismatch), a deleted link or entry (a gap in ``seq``
    or a ``prev_hash`` that no longer matches), reordered entries or links (mismatch at the
    first moved position), and entries that claim a link that is not theirs.
    """
    result = VerifyResult()
    prev = GENESIS
    expected_seq = 1
    last_seq = 0
    while True:
        links = list(
            AuditChainLink.objects.using(using).filter(seq__gt=last_seq).order_by("seq")
            .select_related("entry__content_type")[:batch]
        )
        if not links:
            break
        for link in links:
            entry = link.entry
            if link.seq != expected_seq:
                result.broken_seq, result.broken_entry_id = expected_seq, None
                result.problem = f"link {expected_seq} is missing (next link is {link.seq})"
                return result
            if link.prev_hash != prev:
                result.broken_seq, result.broken_entry_id = link.seq, entry.pk
                result.problem = f"link {link.seq} (entry {entry.pk}) does not follow the previous link"
                return result
            if link_hash(prev, entry) != link.entry_hash:
                result.broken_seq, result.broken_entry_id = link.seq, entry.pk
                result.problem = f"entry {entry.pk} at link {link.seq} was changed"
                return result
            prev = link.entry_hash
            expected_seq += 1
            last_seq = link.seq
            result.checked += 1
    result.head_seq, result.head_hash = last_seq, prev
    result.unsealed = AuditEntry.objects.using(using).filter(chain_link__isnull=True).count()
    if result.unsealed:
        result.notes.append(f"{result.unsealed} entries are not yet sealed")
    return result


def chain_head(using: str = "default") -> tuple[int, str]:
    """``(seq, entry_hash)`` of the last link (``(0, GENESIS)`` for an empty chain): publish it
    outside the database (a printed register, the SCRB) to make truncation of the chain evident."""
    head = AuditChainLink.objects.using(using).order_by("-seq").values_list("seq", "entry_hash").first()
    return head if head else (0, GENESIS)
