"""Models of the investigation app (issue 5)."""

from .attachments import CaseFile, FileKind
from .case_diary import CaseDiaryEntry
from .crime_details import CrimeDetails
from .final_report import FinalReport, FinalReportAccused, InformantCommunication
from .lifecycle import CaseEvent

__all__ = ["CaseDiaryEntry", "CaseEvent", "CaseFile", "CrimeDetails", "FinalReport", "FinalReportAccused", "InformantCommunication", "FileKind"]
