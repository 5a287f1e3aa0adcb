"""Date and number formats for India (``FORMAT_MODULE_PATH``), in English and in Hindi.

Dates day-first as in Indian government use (``29 November 2026``, ``29-11-2026``), times on the
24-hour clock as police registers keep them, and digits grouped in lakhs and crores
(``NUMBER_GROUPING = (3, 2, 0)``: 12,34,567) like the ``indian_number`` filter. Typed dates
are read day-first (``03/04/2025`` is 3 April), never month-first.
"""
