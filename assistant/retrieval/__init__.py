"""Hybrid retrieval: dense (Chroma) + keyword (FTS5), fused by RRF, then re-scored."""
