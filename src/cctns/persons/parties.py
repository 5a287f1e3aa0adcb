"""FIR parties in the person index: the informant, the named victims and the known accused of an
FIR (IIF-1 items 6, 7 and 8) become persons linked to the FIR by role, and follow its corrections.

How it is triggered (no change to registration's code):

- **On commit.** A ``post_save`` receiver on ``registration.FIR`` (connected in
  :class:`~cctns.persons.apps.PersonsConfig`) registers, once per FIR per transaction, a
  ``transaction.on_commit`` callback that queues :func:`sync_fir_parties_task` on django-q2
  (:func:`cctns.core.jobs.enqueue`). The request that registered or corrected the FIR only pays
  for queueing (one insert after its commit); the persons are made by a worker. Under the test
  settings the task runs inline.
- **Catching up.** The periodic job ``persons.fir_parties`` (:func:`sync_from_outbox`, every 15
  minutes) reads the FIR events of the outbox after the last one it handled (its cursor:
  :class:`~cctns.persons.models.OutboxCursor`) and syncs those FIRs, so a task lost with a
  worker is made good; ``cctns index_fir_parties`` does it on demand or for every FIR.

What a sync does (:func:`sync_fir_parties`, idempotent):

- Each party has a stable key within its FIR: ``informant``, ``victim:#<n>`` (its place in the
  list), ``accused:<code>`` (A1, A2 …). A party not yet linked is linked to a person whose
  identity document hash is the same (a certain match; its survivor if merged); a victim whose
  canonical name and sex agree with the informant's is the informant's person; anyone else
  becomes a new person recorded by the FIR's station, indexed, with likely duplicates proposed.
- A party whose particulars changed (a correction; compared by a digest kept on the role)
  changes its person when the person came from this FIR alone (a new version of the person,
  reindexed, duplicates proposed again); a person that stands for more (other FIRs, a document
  match, a merge) keeps its record, and the role moves to a new person only when the corrected
  name no longer agrees with the person's names.
- A party that a correction removed keeps its role, marked ``withdrawn_at`` (records are never
  deleted); it returns if the party comes back.
- ``minor`` (under 18 at the occurrence) and ``confidential`` follow the FIR, so the
  sensitivity gate (:func:`cctns.persons.services.visible_persons_q`) hides protected victims
  and informants outside their case, withdrawn roles included.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cctns.matching.names import analyse_name
from cctns.matching.score import DEFAULT_CONFIG, compare_names

from .constants import NameKind, PersonRoleKind
from .models import (
    IdentityDocument,
    OutboxCursor,
    Person,
    PersonAddress,
    PersonName,
    PersonPhone,
    PersonRole,
)

log = logging.getLogger(__name__)

TASK = "cctns.persons.parties.sync_fir_parties_task"
ADVISORY_LOCK_CLASS = 6106
"""First key of the PostgreSQL advisory lock taken per FIR while its parties sync."""
OUTBOX_CONSUMER = "persons.fir_parties"
OUTBOX_BATCH = 2000
"""FIR outbox events handled per run of :func:`sync_from_outbox` (the rest wait for the next run)."""

PARTY_PERSON_FIELDS = ["name", "sex", "father_name", "mother_name", "husband_name", "date_of_birth", "age_min",
                       "age_max", "age_estimated_on", "nationality", "occupation"]
"""Person fields that come from an FIR party (and follow its corrections)."""


@dataclass
class Party:
    """One FIR party as the person index sees it. ``key``: ``informant``, ``victim:#<n>``,
    ``accused:<code>``; ``data``: :data:`PARTY_PERSON_FIELDS`; ``documents``: ``(type, masked,
    digest)``."""

    key: str
    role: str
    data: dict
    documents: list = field(default_factory=list)
    aliases: list = field(default_factory=list)
    address: str = ""
    phone: str = ""
    minor: bool = False
    confidential: bool = False

    def digest(self) -> str:
        """SHA-256 of the particulars (what a correction can change)."""
        payload = [self.data, self.documents, self.aliases, self.address, self.phone]
        return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _age_fields(age, dob, fir) -> dict:
    if dob:
        return {"date_of_birth": dob, "age_min": None, "age_max": None, "age_estimated_on": None}
    if age is not None:
        day = timezone.localdate(fir.occurrence_from) if fir.occurrence_from else fir.created_at.date()
        return {"date_of_birth": None, "age_min": age, "age_max": age, "age_estimated_on": day}
    return {"date_of_birth": None, "age_min": None, "age_max": None, "age_estimated_on": None}


def _relative_fields(relation: str, relative_name: str) -> dict:
    out = {"father_name": "", "mother_name": "", "husband_name": ""}
    if relative_name:
        key = {"husband": "husband_name", "mother": "mother_name"}.get(relation, "father_name")
        out[key] = relative_name.strip()
    return out


def _data(name, relative_name, relation, sex, dob, age, nationality, occupation, fir) -> dict:
    data = {"name": name.strip(), "sex": sex or "U", "nationality": nationality or "", "occupation": occupation or ""}
    data.update(_relative_fields(relation, relative_name))
    data.update(_age_fields(age, dob, fir))
    return data


def _readable(name: str) -> bool:
    return bool(name and analyse_name(name).tokens)


def fir_parties(fir) -> list[Party]:
    """The parties of ``fir`` that become persons: the informant (unless suo motu), the named
    victims and the known, named accused."""
    from cctns.registration.services.fir import is_child

    from .services import normalise_phone

    out = []
    if not fir.suo_motu and _readable(fir.informant_name):
        docs = []
        if fir.informant_id_hash and fir.informant_id_type:
            docs = [[fir.informant_id_type, fir.informant_id_number, fir.informant_id_hash]]
        out.append(Party(
            "informant", PersonRoleKind.INFORMANT,
            _data(fir.informant_name, fir.informant_relative_name, fir.informant_relation, fir.informant_sex,
                  fir.informant_date_of_birth, fir.informant_age, fir.informant_nationality,
                  fir.informant_occupation, fir),
            docs, [], (fir.informant_address or "").strip(), normalise_phone(fir.informant_phone or ""),
            confidential=fir.informant_confidential))
    victims = sorted(fir.victims.all(), key=lambda v: (v.order, v.pk))
    for n, victim in enumerate(victims, start=1):
        if not _readable(victim.name):
            continue
        out.append(Party(
            f"victim:#{n}", PersonRoleKind.VICTIM,
            _data(victim.name, victim.relative_name, victim.relation, victim.sex, victim.date_of_birth, victim.age,
                  victim.nationality, victim.occupation, fir),
            [], [], (victim.address or "").strip(), normalise_phone(victim.phone or ""), minor=is_child(victim, fir)))
    accused = sorted(fir.accused.all(), key=lambda a: (a.order, a.pk))
    for n, row in enumerate(accused, start=1):
        if not row.known or not _readable(row.name):
            continue
        aliases = [row.alias.strip()] if row.alias and _readable(row.alias) else []
        out.append(Party(
            f"accused:{row.code or n}", PersonRoleKind.ACCUSED,
            _data(row.name, row.relative_name, row.relation, row.sex, row.date_of_birth, row.age, row.nationality,
                  row.occupation, fir),
            [], aliases, (row.address or "").strip(), normalise_phone(row.phone or ""), minor=is_child(row, fir)))
    return out


def _add_details(person: Person, party: Party, station) -> None:
    """Documents, aliases, address and phone of ``party`` that ``person`` lacks (nothing removed)."""
    for doc_type, masked, digest in party.documents:
        IdentityDocument.objects.get_or_create(person=person, doc_type=doc_type, digest=digest,
                                               defaults={"masked": masked})
    names = set(person.names.values_list("text", flat=True))
    for alias in party.aliases:
        if alias not in names:
            PersonName.objects.create(person=person, kind=NameKind.ALIAS, text=alias)
    if party.address and not person.addresses.filter(text=party.address).exists():
        PersonAddress.objects.create(person=person, text=party.address, police_station=station)
    if party.phone and 6 <= len(party.phone) <= 15 and not person.phones.filter(number=party.phone).exists():
        PersonPhone.objects.create(person=person, number=party.phone)


def _new_person(party: Party, station) -> Person:
    from .services import create_person, index_person, propose_duplicates

    data = {k: v for k, v in party.data.items() if v not in (None, "")}
    person = create_person(None, data, unit=station, propose=False)
    _add_details(person, party, station)
    index_person(person)
    propose_duplicates(person)
    return person


def _find_certain(party: Party, linked: dict[str, Person]) -> Person | None:
    """An existing person that is certainly this party: the same identity document (hash); for a
    victim, the informant of the same FIR when canonical names and sexes agree."""
    for doc_type, _masked, digest in party.documents:
        doc = IdentityDocument.objects.filter(doc_type=doc_type, digest=digest).select_related("person").first()
        if doc is not None:
            return doc.person.survivor()
    informant = linked.get("informant")
    if party.role == PersonRoleKind.VICTIM and informant is not None:
        sex, other = party.data["sex"], informant.sex
        if analyse_name(party.data["name"]).latin == analyse_name(informant.name).latin and (
                sex in ("", "U") or other in ("", "U") or sex == other):
            return informant
    return None


def _owned_by(person: Person, fir) -> bool:
    """Whether ``person`` came from this FIR alone: every role it (and anyone merged into it)
    has is in this FIR, and no other person was merged into it."""
    if person.merged_persons.exists():
        return False
    return not PersonRole.objects.filter(person=person).exclude(fir_global_id=fir.global_id).exists()


def _names_agree(person: Person, name: str) -> bool:
    """Whether ``name`` agrees with one of ``person``'s names (similarity at or above the name
    rule's neutral point: the name is evidence for, not against)."""
    analysed = analyse_name(name)
    for text in person.names.values_list("text", flat=True):
        result = compare_names(analysed, text)
        if result is not None and result.score >= DEFAULT_CONFIG.name.neutral:
            return True
    return False


def _correct_person(person: Person, party: Party, station) -> Person:
    """Apply a corrected party to the person made from it: a new version of the person."""
    from .services import index_person, propose_duplicates

    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = False
    for key in PARTY_PERSON_FIELDS:
        value = party.data.get(key)
        if value is None and isinstance(getattr(person, key), str):
            value = ""
        if getattr(person, key) != value:
            setattr(person, key, value)
            changed = True
    if changed:
        person.full_clean(exclude=["unit", "origin_unit", "created_by"])
        person.save()  # a new version and an outbox event
        PersonName.objects.filter(person=person, kind=NameKind.PRIMARY, moved_from__isnull=True).update(text=person.name)
    _add_details(person, party, station)
    index_person(person)
    propose_duplicates(person)
    return person


@transaction.atomic
def sync_fir_parties(fir, user=None) -> list[PersonRole]:
    """Bring the person index in line with ``fir``'s parties (see the module's docstring) and
    return the roles of its current parties. Idempotent: a second call changes nothing. Two
    syncs of one FIR (two workers) run one after the other (a PostgreSQL advisory lock on the
    FIR, which registration's own row locks never wait for)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s, %s)", [ADVISORY_LOCK_CLASS, fir.pk % 2**31])
    station = fir.police_station
    now = timezone.now()
    existing = {(r.source, r.role): r for r in
                PersonRole.objects.filter(fir_global_id=fir.global_id).exclude(source="").select_related("person")}
    current, linked, out = set(), {}, []
    for party in fir_parties(fir):
        current.add((party.key, party.role))
        digest = party.digest()
        row = existing.get((party.key, party.role))
        if row is None:
            person = _find_certain(party, linked)
            if person is None:
                person = _new_person(party, station)
            else:
                _add_details(person, party, station)
            row, _created = PersonRole.objects.get_or_create(
                fir_global_id=fir.global_id, source=party.key, role=party.role,
                defaults={"person": person, "fir": fir, "minor": party.minor, "confidential": party.confidential,
                          "particulars_digest": digest,
                          "created_by": user if getattr(user, "pk", None) else None})
        else:
            updates = {}
            if row.particulars_digest and row.particulars_digest != digest:
                person = row.person.survivor()
                if _owned_by(person, fir):
                    _correct_person(person, party, station)
                elif not _names_agree(person, party.data["name"]):
                    updates["person"] = _new_person(party, station)
                    updates["note"] = _("Moved to a new person: the FIR party was corrected to another name.")[:300]
            if row.particulars_digest != digest:
                updates["particulars_digest"] = digest
            if row.withdrawn_at is not None:
                updates["withdrawn_at"] = None
            if (row.minor, row.confidential) != (party.minor, party.confidential):
                updates["minor"], updates["confidential"] = party.minor, party.confidential
            if row.fir_id is None:
                updates["fir"] = fir
            if updates:
                for key, value in updates.items():
                    setattr(row, key, value)
                row.save(update_fields=list(updates))
        linked[party.key] = row.person.survivor()
        out.append(row)
    for key, row in existing.items():
        if key not in current and row.withdrawn_at is None:
            row.withdrawn_at = now
            row.save(update_fields=["withdrawn_at"])
    return out


def sync_fir_parties_task(fir_pk: int) -> int:
    """The queued task: sync the parties of the FIR with primary key ``fir_pk``; returns the
    number of current party roles (0 when the FIR is gone)."""
    from cctns.registration.models import FIR

    fir = (FIR.objects.select_related("police_station").prefetch_related("victims", "accused")
           .filter(pk=fir_pk).first())
    return len(sync_fir_parties(fir)) if fir is not None else 0


def _queue(fir_pk: int) -> None:
    from cctns.core.jobs import enqueue

    try:
        # In a transaction of its own: outside one, django-q2's database broker closes the
        # request's connection first (close_old_connections), and the request would reconnect.
        with transaction.atomic():
            enqueue(TASK, fir_pk)
    except Exception:  # the outbox sweep (sync_from_outbox) catches up; the FIR is saved
        log.exception("could not queue the person index sync of FIR %s", fir_pk)


def schedule_sync(fir_pk: int) -> None:
    """Queue the sync of FIR ``fir_pk`` when the current transaction commits (once per FIR per
    transaction, however often the FIR is saved in it)."""
    if connection.in_atomic_block and any(getattr(func, "cctns_fir_pk", None) == fir_pk and not func.ran
                                          for _sids, func, _robust in connection.run_on_commit):
        return

    def callback():
        callback.ran = True
        _queue(fir_pk)

    callback.cctns_fir_pk = fir_pk
    callback.ran = False
    transaction.on_commit(callback, robust=True)


def fir_saved(sender, instance, raw=False, **kwargs) -> None:
    """``post_save`` receiver on ``registration.FIR``: schedule its parties' sync."""
    if not raw and instance.pk:
        schedule_sync(instance.pk)


def sync_from_outbox(limit: int = OUTBOX_BATCH) -> dict:
    """Sync the FIRs of the outbox events after this consumer's cursor (at most ``limit``
    events), then move the cursor past them. Returns ``{"events", "firs", "roles"}``."""
    from cctns.core.models import OutboxEvent
    from cctns.registration.models import FIR

    with transaction.atomic():
        cursor, _created = OutboxCursor.objects.select_for_update().get_or_create(consumer=OUTBOX_CONSUMER)
        events = list(OutboxEvent.objects.filter(record_type=FIR._meta.label_lower, pk__gt=cursor.last_event_id)
                      .order_by("pk").values_list("pk", "record_id")[:limit])
        ids = list(dict.fromkeys(r for _pk, r in events))
        roles = 0
        firs = (FIR.objects.filter(global_id__in=ids).select_related("police_station")
                .prefetch_related("victims", "accused"))
        for fir in firs:
            roles += len(sync_fir_parties(fir))
        if events:
            cursor.last_event_id = events[-1][0]
            cursor.save(update_fields=["last_event_id", "updated_at"])
    return {"events": len(events), "firs": len(ids), "roles": roles}


def sync_recent() -> dict:
    """The periodic job: :func:`sync_from_outbox` until the outbox is read to its end."""
    total = {"events": 0, "firs": 0, "roles": 0}
    while True:
        done = sync_from_outbox()
        for k in total:
            total[k] += done[k]
        if done["events"] < OUTBOX_BATCH:
            return total

