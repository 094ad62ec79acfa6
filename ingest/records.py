"""What every action record gets read from its cells once, at ingest, whatever its tracker.

Owners split into names, the status read to a label and class by the one rule table, and the
due cell read to the last day it allows. Later stages (drafts, record questions) look these
fields up instead of re-reading the cells.
"""

from __future__ import annotations

from dataclasses import replace

from ingest.dates import due_by
from ingest.owners import parse_owner
from ingest.status import classify_status
from ingest.types import ActionRecord


def status_of(record: ActionRecord) -> tuple[str, str]:
    """(status label, status class) as read at ingest; read now for a record from an index
    built before those fields existed (its label is ``unknown`` although it has cells)."""
    if record.status_label != "unknown" or not (record.status or record.notes or record.rag):
        return record.status_label, record.status_class
    verdict = classify_status(record.status or record.notes, record.rag)
    return verdict.label.value, verdict.status_class.value


def enrich(record: ActionRecord) -> ActionRecord:
    """The record with ``owners``, ``status_label``, ``status_class`` and ``due_date`` set."""
    verdict = classify_status(record.status or record.notes, record.rag)
    owners = [n.name for n in parse_owner(record).names if n.role != "with"]
    due = due_by(record.due)
    return replace(
        record,
        owners=owners,
        status_label=verdict.label.value,
        status_class=verdict.status_class.value,
        due_date=due.isoformat() if due is not None else None,
    )
