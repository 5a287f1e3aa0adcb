"""The case in court: court cases, hearings, bail and remand orders, warrants and summons, disposal (IIF-6) and appeals (IIF-7)."""
