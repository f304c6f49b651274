"""scoreline.writing layer: facts with provenance, the match story, the article claim checker."""
