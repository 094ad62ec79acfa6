"""Answerers: extractive (default, no model) and any OpenAI-compatible chat server."""
