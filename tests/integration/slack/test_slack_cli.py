"""``assistant slack`` refuses to start with a clear message naming the variable to fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from slack_standin import INVALID_TOKEN, SlackStandIn
from typer.testing import CliRunner

from assistant.cli import slack_cmd  # noqa: F401  (registers the command)
from assistant.cli.app import app

pytestmark = pytest.mark.integration


def run_slack(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> tuple[int, str]:
    monkeypatch.chdir(tmp_path)  # no developer .env
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(f"ASSISTANT_{name}", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = CliRunner().invoke(app, ["slack"])
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes else "")


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({}, "SLACK_APP_TOKEN is not set"),
        ({"SLACK_APP_TOKEN": "xapp-1-A1-1-abc"}, "SLACK_BOT_TOKEN is not set"),
        (
            {"SLACK_APP_TOKEN": "xoxb-wrong-kind", "SLACK_BOT_TOKEN": "xoxb-1"},
            "SLACK_APP_TOKEN does not",
        ),
    ],
)
def test_a_missing_or_malformed_token_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, env: dict[str, str], named: str
) -> None:
    code, output = run_slack(monkeypatch, tmp_path, **env)
    assert code == 2 and named in " ".join(output.split()), output


@pytest.mark.parametrize(
    ("bot_token", "named"),
    [
        (INVALID_TOKEN, "SLACK_BOT_TOKEN was rejected by Slack: invalid_auth"),
        ("xoxb-good", "SLACK_APP_TOKEN was rejected by Slack: invalid_auth"),
    ],
)
def test_a_token_slack_rejects_is_named(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    slack_api: SlackStandIn,
    bot_token: str,
    named: str,
) -> None:
    code, output = run_slack(
        monkeypatch,
        tmp_path,
        SLACK_APP_TOKEN="xapp-1-A1-1-abc",
        SLACK_BOT_TOKEN=bot_token,
        ASSISTANT_SLACK_API_URL=slack_api.api_url,
    )
    assert code == 2 and named in " ".join(output.split()), output
    assert slack_api.calls_to("auth.test")[0].token == bot_token
