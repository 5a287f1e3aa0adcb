"""Models of the missing app."""
