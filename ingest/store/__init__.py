"""Where ingested data lives: Chroma (vectors) and one SQLite file (everything else)."""
