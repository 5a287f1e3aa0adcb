"""Models of registration at the police station (issue 3)."""

from .common import PARTICULAR_FIELDS, PersonParticulars, hash_identifier, mask_identifier
from .complaint import Complaint, ComplaintAttachment, EnquiryNote, PreliminaryEnquiry
from .fir import (
    FIR,
    FIRAccused,
    FIRApproval,
    FIRProperty,
    FIRSection,
    FIRVersion,
    FIRVictim,
    IdempotencyKey,
    Transfer,
)
from .gd import GDEntry
from .ncr import NCR

__all__ = [
    "FIR", "NCR", "PARTICULAR_FIELDS", "Complaint", "ComplaintAttachment", "EnquiryNote", "FIRAccused",
    "FIRApproval", "FIRProperty", "FIRSection", "FIRVersion", "FIRVictim", "GDEntry", "IdempotencyKey",
    "PersonParticulars", "PreliminaryEnquiry", "Transfer", "hash_identifier", "mask_identifier",
]
