"""Models of the court stage (issue 5 item 7): court cases, hearings, orders, process,
disposals (IIF-6) and appeals (IIF-7). Every one is a police record (global id, version,
outbox, never deleted) whose jurisdiction is the FIR's police station."""

from .court import (
    Appeal,
    BailOrder,
    CourtCase,
    CourtOrder,
    Disposal,
    Hearing,
    RemandOrder,
    Summons,
    Warrant,
)

__all__ = [
    "Appeal", "BailOrder", "CourtCase", "CourtOrder", "Disposal", "Hearing", "RemandOrder", "Summons", "Warrant",
]
