"""Recompute a case's deadline alerts when registration changes the facts they rest on: the IO
(the alert's addressee) or the sections (whether BNSS s.193(2) applies). Both leave a GD entry of a
known kind, so the GD entry is the signal; the work runs after the registration commits and never
breaks it (``robust``). New FIRs are picked up by the daily job (the first deadline is weeks away)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from cctns.registration.constants import GDKind
from cctns.registration.models import FIR, GDEntry

WATCHED_KINDS = {GDKind.IO_ASSIGNED, GDKind.FIR_CORRECTED}


@receiver(post_save, sender=GDEntry, dispatch_uid="investigation.deadlines_on_gd")
def refresh_on_registration_change(sender, instance: GDEntry, created: bool, **kwargs) -> None:
    if not created or instance.kind not in WATCHED_KINDS or instance.object_id is None:
        return
    if instance.content_type_id is None or instance.content_type.model_class() is not FIR:
        return
    fir_id = instance.object_id

    def refresh():
        from .services.deadlines import refresh_deadlines

        fir = FIR.objects.filter(pk=fir_id, serial__isnull=False).first()
        if fir is not None:
            refresh_deadlines(fir)

    transaction.on_commit(refresh, robust=True)
