"""The page's Markdown renderer in chromium: a link is an anchor only when the caller allows
it, markup in text stays text, and nothing becomes clickable by itself."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from web_support import CHROMIUM

pytestmark = [
    pytest.mark.integration,
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing"),
]

if Path(CHROMIUM).exists():
    from playwright.sync_api import Page, sync_playwright

MARKDOWN_JS = Path(__file__).resolve().parents[3] / "assistant/web/static/markdown.js"
RENDER = """([text, allowed]) => {
  const box = document.createElement("div");
  const options = allowed === null ? {} : {linkAllowed: (url) => allowed.includes(url.hostname)};
  box.append(window.AssistantMarkdown.render(text, options));
  return {
    text: box.textContent,
    anchors: [...box.querySelectorAll("a")].map((a) => [a.href, a.rel, a.referrerPolicy]),
    elements: [...box.querySelectorAll("*")].map((e) => e.tagName.toLowerCase()),
  };
}"""


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.set_content("<!doctype html><title>t</title>")
        page.add_script_tag(path=str(MARKDOWN_JS))
        yield page
        browser.close()


def render(page: Page, text: str, allowed: list[str] | None = None) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(RENDER, [text, allowed])
    return result


def test_without_permission_a_link_is_text_naming_its_domain(page: Page) -> None:
    shown = render(page, "[Verify your account](https://evil.example/login) now.")
    assert shown["anchors"] == []
    assert shown["text"] == "Verify your account (link to evil.example) now."


def test_an_allowed_link_is_an_anchor_that_sends_no_referrer(page: Page) -> None:
    shown = render(page, "See [the page](https://www.nhs.uk/funding).", ["www.nhs.uk"])
    assert shown["anchors"] == [
        ["https://www.nhs.uk/funding", "noopener noreferrer nofollow", "no-referrer"]
    ]
    denied = render(page, "See [the page](https://evil.example/x).", ["www.nhs.uk"])
    assert denied["anchors"] == [] and "(link to evil.example)" in denied["text"]


def test_tricks_never_become_anchors(page: Page) -> None:
    for text in (
        "[a](https://www.nhs.uk@evil.example/x)",
        "[a](javascript:alert(1))",
        "plain https://evil.example/x and www.evil.example",
        '<a href="https://evil.example">x</a> <img src=x onerror=alert(1)>',
    ):
        shown = render(page, text, ["www.nhs.uk", "evil.example"])
        assert shown["anchors"] == [], text
        assert set(shown["elements"]) <= {"p"}, text
