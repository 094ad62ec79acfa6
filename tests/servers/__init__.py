"""Real servers the tests start on loopback (PostgreSQL, Redis, Chroma), one module each."""
