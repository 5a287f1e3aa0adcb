"""``cctns verify_case_diary <FIR>``: check the hash chain of a case's Case Diary (BNSS s.192)."""

import uuid

from django.core.management.base import BaseCommand, CommandError

from cctns.investigation.services.case_diary import verify_case_diary
from cctns.registration.models import FIR


def find_fir(ref: str, station: str | None = None) -> FIR:
    """The FIR named by ``ref``: its global id (UUID), its national key
    (``28-502-11-2026-0042``) or its number (``0042/2026``, with ``station`` = the station's unit
    code when the number is not unique). Raises ``CommandError``."""
    ref = ref.strip()
    try:
        return FIR.objects.get(global_id=uuid.UUID(ref))
    except (ValueError, FIR.DoesNotExist):
        pass
    fir = FIR.objects.filter(national_key=ref).first()
    if fir is not None:
        return fir
    qs = FIR.objects.filter(number=ref)
    if station:
        qs = qs.filter(police_station__code=station)
    matches = list(qs[:5])
    if not matches:
        raise CommandError(f"No FIR {ref!r}.")
    if len(matches) > 1:
        raise CommandError(f"FIR {ref!r} is not unique; give --station or the national key or global id: "
                           + ", ".join(f.national_key or str(f.global_id) for f in matches))
    return matches[0]


class Command(BaseCommand):
    help = "Verify the hash chain of the Case Diary of an FIR (or of every FIR with --all); exits 1 on a fault."

    def add_arguments(self, parser):
        parser.add_argument("fir", nargs="?", help="FIR global id, national key, or number (with --station)")
        parser.add_argument("--station", help="unit code of the police station, when an FIR number is given")
        parser.add_argument("--all", action="store_true", help="verify every FIR that has a Case Diary")

    def handle(self, *args, **options):
        if options["all"]:
            firs = FIR.objects.filter(case_diary__isnull=False).distinct().order_by("pk")
        elif options["fir"]:
            firs = [find_fir(options["fir"], options.get("station"))]
        else:
            raise CommandError("Name an FIR, or give --all.")
        faults = 0
        for fir in firs:
            result = verify_case_diary(fir)
            label = fir.national_key or str(fir.global_id)
            if result.ok:
                self.stdout.write(f"{label}: OK, {result.checked} page(s) verified.")
            else:
                faults += 1
                self.stdout.write(f"{label}: FAULT at page {result.serial} ({result.code}): {result.message}")
                for extra in result.problems[1:]:
                    self.stdout.write(f"    also: {extra}")
        if faults:
            raise CommandError(f"{faults} Case Diar{'y' if faults == 1 else 'ies'} failed verification.", returncode=1)
