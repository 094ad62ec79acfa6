"""``/draft-update``: a progress update drafted from the action logs, shown only to the lead,
posted to the channel only when they press "Post to channel" ("Regenerate" drafts it again)."""

from __future__ import annotations

import json
import logging
import uuid
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk.errors import SlackApiError
from slack_sdk.web import WebClient

from assistant.drafts import DraftRequest, DraftResult, EmptyIndexError, NoMatchError
from bots.slack.blocks import MAX_BLOCKS, Block, button, context
from bots.slack.bot import SORRY, SlackBot, slack_error
from bots.slack.commands import DraftArgsError, parse_draft_args

log = logging.getLogger("bots.slack")

POST_DRAFT = "post_draft"
REGENERATE_DRAFT = "regenerate_draft"


def fit_blocks(blocks: list[Block], extra: list[Block]) -> list[Block]:
    """``blocks`` then ``extra`` within 50 blocks; what is cut is said in a context block."""
    room = MAX_BLOCKS - len(extra)
    if len(blocks) > room:
        left_out = len(blocks) - (room - 1)
        blocks = [
            *blocks[: room - 1],
            context(f"… {left_out} more blocks left out; run `assistant draft` for all of it."),
        ]
    return [*blocks, *extra]


def _selectors(request: DraftRequest) -> dict[str, str]:
    return {
        k: v
        for k, v in (("aim", request.aim), ("owner", request.owner), ("status", request.status))
        if v
    }


def _scope(request: DraftRequest) -> str:
    chosen = _selectors(request)
    return ", ".join(f"{k} “{v}”" for k, v in chosen.items()) or "every action"


def _request_from(value: dict[str, Any]) -> DraftRequest:
    return DraftRequest(
        aim=value.get("aim"), owner=value.get("owner"), status=value.get("status"), format="slack"
    )


def register_drafts(app: App, bot: SlackBot) -> None:
    """``/draft-update`` and its "Post to channel" and "Regenerate" buttons."""

    def make(request: DraftRequest) -> DraftResult | str:
        """The draft, or the message to show instead (no match, nothing indexed, failure)."""
        try:
            return bot.assistant.draft(request)
        except (NoMatchError, EmptyIndexError) as exc:
            return str(exc)
        except Exception:
            log.exception("drafting %s failed", _scope(request))
            return SORRY

    def show(request: DraftRequest, respond: Respond, replace: bool) -> None:
        result = make(request)
        if isinstance(result, str):
            respond(response_type="ephemeral", replace_original=replace, text=result)
            return
        draft_id = uuid.uuid4().hex[:16]
        bot.drafts.put(draft_id, result)
        value = json.dumps({"d": draft_id, **_selectors(request)})
        buttons: Block = {
            "type": "actions",
            "block_id": f"draft:{draft_id}",
            "elements": [
                button("Post to channel", POST_DRAFT, value, style="primary"),
                button("Regenerate", REGENERATE_DRAFT, value),
            ],
        }
        blocks = fit_blocks(result.blocks, [buttons])
        respond(
            response_type="ephemeral", replace_original=replace, text=result.title, blocks=blocks
        )

    def ack_draft(ack: Ack, command: dict[str, Any]) -> None:
        try:
            request = parse_draft_args(str(command.get("text") or ""))
        except DraftArgsError as exc:
            ack(response_type="ephemeral", text=str(exc))
            return
        ack(response_type="ephemeral", text=f":memo: Drafting an update for {_scope(request)}…")

    def run_draft(command: dict[str, Any], respond: Respond) -> None:
        try:
            request = parse_draft_args(str(command.get("text") or ""))
        except DraftArgsError:
            return  # ack() already showed the usage
        show(request, respond, replace=False)

    def ack_now(ack: Ack) -> None:
        ack()

    def regenerate(action: dict[str, Any], respond: Respond) -> None:
        show(_request_from(json.loads(action.get("value") or "{}")), respond, replace=True)

    def post(
        body: dict[str, Any], action: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        value = json.loads(action.get("value") or "{}")
        channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get(
            "channel_id"
        )
        result: DraftResult | str | None = bot.drafts.get(str(value.get("d", "")))
        if result is None:
            result = make(_request_from(value))
        if isinstance(result, str) or not channel:
            respond(response_type="ephemeral", replace_original=False, text=str(result or SORRY))
            return
        user = body.get("user", {}).get("id", "")
        blocks = fit_blocks(
            result.blocks, [context(f"Posted by <@{user}> · drafted from the action log")]
        )
        try:
            client.chat_postMessage(
                channel=channel, text=result.title, blocks=blocks, unfurl_links=False
            )
        except SlackApiError as exc:
            error = slack_error(exc)
            log.warning("posting a draft in %s failed: %s", channel, error)
            respond(
                response_type="ephemeral",
                replace_original=False,
                text=f"Slack would not let me post here ({error}); invite me to the channel first.",
            )
            return
        respond(delete_original=True)

    app.command("/draft-update")(ack=ack_draft, lazy=[run_draft])
    app.action(POST_DRAFT)(ack=ack_now, lazy=[post])
    app.action(REGENERATE_DRAFT)(ack=ack_now, lazy=[regenerate])
