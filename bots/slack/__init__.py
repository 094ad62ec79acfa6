"""The Slack bot: a thin bolt layer that turns Slack events into calls on the shared
:class:`~assistant.service.Assistant` and renders its answers and drafts as Block Kit."""

from bots.slack.app import build_slack_app
from bots.slack.config import SlackConfigError, required_slack_values

__all__ = ["SlackConfigError", "build_slack_app", "required_slack_values"]
