"""Investigation after the FIR: case lifecycle, Case Diary (BNSS s.192), crime details (IIF-2), arrests (IIF-3), search and seizure (IIF-4), final report (IIF-5), statutory deadlines."""
