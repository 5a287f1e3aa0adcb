"""The person index (issue 6): persons with names in any script, roles in cases, search and
duplicate detection on top of :mod:`cctns.matching`."""
