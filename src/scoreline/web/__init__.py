"""scoreline.web layer."""
