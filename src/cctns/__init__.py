"""CCTNS: Crime and Criminal Tracking Network & Systems."""

__version__ = "0.1.0"
