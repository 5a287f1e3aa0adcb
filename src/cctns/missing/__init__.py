"""Missing persons, unidentified found persons and unidentified dead bodies (UIDB), and their cross-matching."""
