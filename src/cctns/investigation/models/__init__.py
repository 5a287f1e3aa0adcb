"""Models of the investigation app (issue 5)."""

from .arrest import Arrest, ArrestKind, CustodyEvent, CustodyEventKind  # noqa: F401
from .attachments import CaseFile, FileKind
from .case_diary import CaseDiaryEntry
from .crime_details import CrimeDetails
from .final_report import FinalReport, FinalReportAccused, InformantCommunication
from .lifecycle import CaseEvent
from .seizure import CustodyMovement, SeizedItem, SeizedItemKind, Seizure  # noqa: F401

__all__ = ["CaseDiaryEntry", "CaseEvent", "CaseFile", "CrimeDetails", "FinalReport", "FinalReportAccused", "InformantCommunication", "FileKind"]
