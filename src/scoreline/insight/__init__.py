"""scoreline.insight layer."""
