"""Coded vocabularies of registration: FIR kinds and statuses, GD entry kinds, complaint channels …"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FIRKind(models.TextChoices):
    """Kinds of FIR (DESIGN.md §3): regular; Zero FIR (BNSS s.173(1): registered at any station and
    transferred to the station with jurisdiction); e-FIR (BNSS s.173(1)(ii): information given
    electronically, taken on record once the informant signs within 3 days)."""

    REGULAR = "regular", _("Regular")
    ZERO = "zero", _("Zero FIR")
    EFIR = "efir", _("e-FIR")


class FIRStatus(models.TextChoices):
    """Case status (DESIGN.md §3). Issue 3 implements the registration statuses (draft → pending
    approval ↔ returned → registered, and transferred); the later ones belong to investigation
    and prosecution."""

    DRAFT = "draft", _("Draft")
    PENDING_APPROVAL = "pending_approval", _("Pending approval")
    RETURNED = "returned", _("Returned for correction")
    REGISTERED = "registered", _("Registered")
    TRANSFERRED = "transferred", _("Transferred (Zero FIR)")
    UNDER_INVESTIGATION = "under_investigation", _("Under investigation")
    FINAL_REPORT_FILED = "final_report_filed", _("Final report filed")
    PENDING_TRIAL = "pending_trial", _("Pending trial")
    DISPOSED = "disposed", _("Disposed")
    APPEAL = "appeal", _("Appeal")


#: Statuses in which an FIR has been issued with a number.
ISSUED_STATUSES = {
    FIRStatus.REGISTERED, FIRStatus.TRANSFERRED, FIRStatus.UNDER_INVESTIGATION,
    FIRStatus.FINAL_REPORT_FILED, FIRStatus.PENDING_TRIAL, FIRStatus.DISPOSED, FIRStatus.APPEAL,
}


class Sex(models.TextChoices):
    MALE = "M", _("Male")
    FEMALE = "F", _("Female")
    TRANSGENDER = "T", _("Transgender")
    UNKNOWN = "U", _("Not known")


class Relation(models.TextChoices):
    """Whose name is given beside a person's: the father's/husband's name of the IIF forms."""

    FATHER = "father", _("Father")
    HUSBAND = "husband", _("Husband")
    MOTHER = "mother", _("Mother")
    GUARDIAN = "guardian", _("Guardian")


class IDType(models.TextChoices):
    AADHAAR = "aadhaar", _("Aadhaar")
    VOTER_ID = "voter_id", _("Voter ID (EPIC)")
    PAN = "pan", _("PAN")
    PASSPORT = "passport", _("Passport")
    DRIVING_LICENCE = "driving_licence", _("Driving licence")
    RATION_CARD = "ration_card", _("Ration card")
    OTHER = "other", _("Other")


class Direction(models.TextChoices):
    """Direction of the place of occurrence from the police station (IIF-1 "place")."""

    N = "N", _("North")
    NE = "NE", _("North-east")
    E = "E", _("East")
    SE = "SE", _("South-east")
    S = "S", _("South")
    SW = "SW", _("South-west")
    W = "W", _("West")
    NW = "NW", _("North-west")


class PropertyCategory(models.TextChoices):
    CASH = "cash", _("Cash")
    JEWELLERY = "jewellery", _("Jewellery")
    VEHICLE = "vehicle", _("Vehicle")
    MOBILE_PHONE = "mobile_phone", _("Mobile phone")
    ELECTRONICS = "electronics", _("Electronics")
    DOCUMENTS = "documents", _("Documents")
    FIREARM = "firearm", _("Firearm")
    LIVESTOCK = "livestock", _("Livestock")
    OTHER = "other", _("Other")


class GDKind(models.TextChoices):
    """Kinds of General Diary entry: the station's chronological log of what happens at it."""

    GENERAL = "general", _("General")
    INFORMATION = "information", _("Information received")
    DEPARTURE = "departure", _("Departure")
    ARRIVAL = "arrival", _("Arrival")
    COMPLAINT = "complaint", _("Complaint received")
    ENQUIRY = "enquiry", _("Preliminary enquiry")
    FIR_SUBMITTED = "fir_submitted", _("FIR submitted for approval")
    FIR_REGISTERED = "fir_registered", _("FIR registered")
    FIR_RETURNED = "fir_returned", _("FIR returned for correction")
    FIR_CORRECTED = "fir_corrected", _("FIR corrected")
    FIR_TRANSFER_OUT = "fir_transfer_out", _("Zero FIR transferred out")
    FIR_TRANSFER_IN = "fir_transfer_in", _("Zero FIR received")
    IO_ASSIGNED = "io_assigned", _("Investigating officer assigned")
    SENSITIVE = "sensitive", _("FIR marked sensitive")
    NCR_REGISTERED = "ncr_registered", _("NCR registered")
    COMPLAINT_OUTCOME = "complaint_outcome", _("Complaint disposed of")
    STATUS_CHANGE = "status_change", _("Status change")


#: Kinds an officer may write by hand; the others are written by the services.
MANUAL_GD_KINDS = {GDKind.GENERAL, GDKind.INFORMATION, GDKind.DEPARTURE, GDKind.ARRIVAL}


class Channel(models.TextChoices):
    WALK_IN = "walk_in", _("Walk-in")
    POST = "post", _("Post")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("Citizen portal")


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    UNDER_ENQUIRY = "under_enquiry", _("Under preliminary enquiry")
    FIR_REGISTERED = "fir", _("FIR registered")
    NCR_REGISTERED = "ncr", _("NCR registered")
    CLOSED = "closed", _("Closed")


class ComplaintOutcome(models.TextChoices):
    FIR = "fir", _("FIR registered")
    NCR = "ncr", _("NCR registered")
    CLOSED = "closed", _("Closed with reasons")


class EnquiryBasis(models.TextChoices):
    """Why a preliminary enquiry is allowed and how long it may run.

    - ``bnss_173_3``: offences punishable with 3 years or more but less than 7 years, with the
      permission of an officer not below the rank of DSP, completed within 14 days (BNSS s.173(3)).
    - ``lalita_kumari``: only to ascertain whether a cognizable offence is disclosed; within 15 days,
      up to 6 weeks in exceptional cases with reasons recorded in the GD (Lalita Kumari v. Govt. of
      U.P., (2014) 2 SCC 1, as modified by the order of 5 March 2014).
    """

    BNSS_173_3 = "bnss_173_3", _("BNSS s.173(3): offence punishable 3 to under 7 years")
    LALITA_KUMARI = "lalita_kumari", _("Lalita Kumari: whether a cognizable offence is disclosed")


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Sent, awaiting the receiving station")
    ACCEPTED = "accepted", _("Accepted and registered")


class ApprovalDecision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for correction")
