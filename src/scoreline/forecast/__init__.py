"""scoreline.forecast layer."""
