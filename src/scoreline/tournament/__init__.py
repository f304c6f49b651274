"""scoreline.tournament layer."""
