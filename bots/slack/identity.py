"""Who the bot is (``auth.test``), learnt off the acknowledgement path.

bolt's single-workspace authorization calls ``auth.test`` inside the first request, before the
listener acknowledges it: with Slack slow or unreachable the ack came late (Slack retries after
3 s) or not at all (a 500). :class:`BotIdentity` is bolt's ``authorize`` instead: every request
is authorized at once with the bot token and the ids ``auth.test`` has returned so far. While
they are unknown, one background ``auth.test`` is running; a request waits for it at most
``wait_s`` and then goes on without the ids (the listeners treat a missing bot user id as
"unknown", and any Web API failure is theirs to log after the ack).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from slack_bolt import BoltContext
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.authorize import Authorize
from slack_sdk.errors import SlackApiError
from slack_sdk.web import WebClient

from bots.slack.bot import slack_error

log = logging.getLogger("bots.slack")


@dataclass(frozen=True)
class BotIds:
    """The parts of ``auth.test`` that listeners use to recognise the bot's own messages."""

    user_id: str | None
    bot_id: str | None


class BotIdentity(Authorize):
    """bolt ``authorize`` for one workspace and one bot token, never blocking on Slack for
    longer than ``wait_s``."""

    def __init__(self, client: WebClient, wait_s: float = 1.0) -> None:
        super().__init__()
        if not client.token:
            raise ValueError("the client must carry the bot token")
        self.client = client
        self.token: str = client.token
        self.wait_s = wait_s
        self.ids: BotIds | None = None
        self._lock = threading.Lock()
        self._checking: threading.Thread | None = None

    def check(self) -> BotIds | None:
        """``auth.test`` now (blocking): the ids are kept; a failure is a warning, never raised."""
        try:
            result = self.client.auth_test()
        except SlackApiError as exc:
            log.warning(
                "SLACK_BOT_TOKEN was rejected by Slack (%s): Slack events will fail until it "
                "is fixed.",
                slack_error(exc),
            )
            return None
        except Exception as exc:
            log.warning(
                "Slack is not reachable at %s (%s); the token will be checked again on the "
                "next event.",
                self.client.base_url,
                exc,
            )
            return None
        self.ids = BotIds(user_id=result.get("user_id"), bot_id=result.get("bot_id"))
        log.info("Slack bot token OK: %s in %s", result.get("user"), result.get("team"))
        return self.ids

    def check_later(self) -> threading.Thread:
        """Start :meth:`check` in a background thread, unless one is already running."""
        with self._lock:
            if self._checking is None or not self._checking.is_alive():
                self._checking = threading.Thread(
                    target=self.check, name="slack-auth-test", daemon=True
                )
                self._checking.start()
            return self._checking

    def __call__(
        self,
        *,
        context: BoltContext,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        actor_enterprise_id: str | None = None,
        actor_team_id: str | None = None,
        actor_user_id: str | None = None,
    ) -> AuthorizeResult:
        if self.ids is None:
            self.check_later().join(self.wait_s)
        ids = self.ids
        return AuthorizeResult(
            enterprise_id=enterprise_id,
            team_id=team_id,
            bot_token=self.token,
            bot_user_id=ids.user_id if ids else None,
            bot_id=ids.bot_id if ids else None,
            user_id=user_id,
        )
