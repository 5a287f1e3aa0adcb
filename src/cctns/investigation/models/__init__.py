"""Models of the investigation app (issue 5)."""

from .lifecycle import CaseEvent

__all__ = ["CaseEvent"]
