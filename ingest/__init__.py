"""Ingestion: load → clean → parse → chunk → embed → store."""
