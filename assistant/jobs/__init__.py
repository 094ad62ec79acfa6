"""Ingest jobs: queued by any replica, run by the one writer (:mod:`assistant.jobs.worker`)."""
