"""Models of the prosecution app."""
