"""Models of the investigation app."""
