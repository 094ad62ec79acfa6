"""Parsing ``/draft-update`` arguments into a :class:`DraftRequest`.

Accepted: ``aim: aim 5 | owner: Maya | status: stalled`` (``=`` works for ``:``, the ``|`` is
optional) and a bare ``/draft-update aim 5`` meaning the aim, because that is what people type.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from assistant.drafts import DraftRequest

DRAFT_USAGE = (
    "Usage: `/draft-update [aim: … | owner: … | status: …]`, e.g. "
    "`/draft-update aim: aim 5 | owner: Maya` or `/draft-update status: stalled`. "
    "With nothing after it, the update covers every action."
)
_KEY = re.compile(r"(?:^|[\s|,;])(aim|owner|status)\s*[:=]\s*", re.I)


class DraftArgsError(ValueError):
    """The arguments cannot be read; the message includes the usage line."""


def parse_draft_args(text: str) -> DraftRequest:
    """``aim/owner/status`` selectors from the slash command's text (all optional)."""
    text = " ".join((text or "").split())
    matches = list(_KEY.finditer(text))
    values: dict[str, str] = {}
    lead = text[: matches[0].start()] if matches else text
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        key = match.group(1).lower()
        value = text[match.end() : end].strip(" |,;")
        if key in values:
            raise DraftArgsError(f"{key} is given twice. {DRAFT_USAGE}")
        if not value:
            raise DraftArgsError(f"{key}: has no value. {DRAFT_USAGE}")
        values[key] = value
    lead = lead.strip(" |,;")
    if lead:
        if "aim" in values:
            raise DraftArgsError(f"I could not read {lead!r}. {DRAFT_USAGE}")
        values["aim"] = lead
    try:
        return DraftRequest(format="slack", **values)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise DraftArgsError(f"{first['loc'][0]}: {first['msg']}. {DRAFT_USAGE}") from exc
