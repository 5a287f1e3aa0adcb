"""Signals the core sends for other apps (the audit log) to hear, without core importing them."""

from django.dispatch import Signal

#: Sent with ``instance`` when deleting a police record is refused (``PoliceRecord.delete``).
delete_refused = Signal()
