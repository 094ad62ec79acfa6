"""The page in Debian's chromium (Playwright): chat with citations, drafts, feedback, keyboard
only, phone width and the API-key prompt. Screenshots go to ``test-artifacts/web/``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from web_support import CHROMIUM, USER_KEY, LiveServer

from assistant.service import Assistant

pytestmark = [
    pytest.mark.integration,
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"{CHROMIUM} is missing: apt-get install -y chromium (make setup-browser)",
    ),
]

if Path(CHROMIUM).exists():
    from playwright.sync_api import Browser, Page, expect, sync_playwright

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
QUESTION = "Who owns the marketing strategy?"
KEY_INIT = f"localStorage.setItem('strategy-assistant.api-key', {USER_KEY!r});"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(
    browser: Browser, live: LiveServer, width: int = 1280, height: int = 900, key: bool = True
) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport={"width": width, "height": height})
    if key:
        context.add_init_script(KEY_INIT)
    page = context.new_page()
    page.set_default_timeout(30_000)
    # Assertions wait as long as actions: on a loaded two-core CI machine a request
    # can take longer than Playwright's 5 s assertion default.
    expect.set_options(timeout=30_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if message.type == "error" and "401" not in message.text
            else None
        ),
    )
    page.goto(live.url + "/")
    return page, problems


@pytest.fixture
def page(browser: Browser, live: LiveServer) -> Iterator[Page]:
    page, problems = open_page(browser, live)
    yield page
    page.context.close()
    assert problems == []


def ask(page: Page, question: str = QUESTION) -> None:
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.locator(".message.assistant .sources")).to_be_visible()


def tab_to(page: Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the focused element matches ``selector`` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_ask_shows_a_cited_answer_and_the_snippet(page: Page, artifacts: Path) -> None:
    ask(page)
    answer = page.locator(".message.assistant").last
    expect(answer.locator(".md")).to_contain_text("Maya")
    cite = answer.locator(".md button.cite").first
    expect(cite).to_have_text(re.compile(r"\[\d+\]"))
    page.screenshot(path=artifacts / "answer.png", full_page=True)

    cite.click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("action-logs/lancashire-innovation-action-agenda.txt")
    expect(dialog).to_contain_text("Section: Strategic Aim 5")
    expect(dialog.locator("blockquote")).to_contain_text("Marketing Strategy")
    page.screenshot(path=artifacts / "citation.png")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()


def test_every_control_has_a_label(page: Page) -> None:
    unlabeled = page.evaluate(
        """() => [...document.querySelectorAll('input, select, textarea, button')]
            .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                          && !el.textContent.trim())
            .map(el => el.outerHTML)"""
    )
    assert unlabeled == []


def test_draft_panel_pickers_and_rendered_draft(page: Page, artifacts: Path) -> None:
    owner = page.get_by_label("Owner")
    expect(owner.locator("option", has_text="Maya")).to_have_count(1)
    assert page.get_by_label("Aim").locator("option").count() > 3
    expect(page.get_by_label("Status").locator("option", has_text="stalled")).to_have_count(1)
    owner.select_option("Maya")
    page.get_by_label("Status").select_option("stalled / at risk")
    page.get_by_role("button", name="Draft update").click()
    output = page.locator("#draft-output")
    expect(output.locator("h3")).to_contain_text("Progress update")
    expect(output).to_contain_text("Maya")
    rows = output.locator("button.cite")
    expect(rows.first).to_have_text(re.compile(r"\[row \d+\]"))
    page.screenshot(path=artifacts / "draft.png", full_page=True)
    rows.first.click()
    expect(page.get_by_role("dialog")).to_contain_text("Owner: Maya")


def test_thumbs_up_is_stored(page: Page, web_assistant: Assistant) -> None:
    ask(page)
    answer = page.locator(".message.assistant").last
    answer_id = answer.get_attribute("data-answer-id")
    thumb = answer.get_by_role("button", name="Yes, helpful")
    thumb.click()
    expect(answer.get_by_role("status")).to_have_text("Thanks, feedback saved.")
    expect(thumb).to_have_attribute("aria-pressed", "true")
    stored = [r for r in web_assistant.components.store.feedback() if r["answer_id"] == answer_id]
    assert [(r["rating"], r["question"], r["surface"]) for r in stored] == [("up", QUESTION, "web")]


def test_keyboard_only(page: Page, artifacts: Path) -> None:
    page.keyboard.press("Tab")
    expect(page.locator(".skip")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your question")).to_be_focused()
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    expect(page.locator(".message.assistant .sources")).to_be_visible()

    tab_to(page, ".message.assistant .md button.cite")
    opener = page.locator(".message.assistant .md button.cite").first
    page.keyboard.press("Enter")
    expect(page.get_by_role("dialog")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_be_hidden()
    expect(opener).to_be_focused()  # focus returns to the citation

    tab_to(page, "button.thumb[data-rating='up']")
    page.keyboard.press("Space")
    expect(page.locator(".feedback-status").last).to_have_text("Thanks, feedback saved.")

    tab_to(page, "#draft-owner")
    while page.eval_on_selector("#draft-owner", "el => el.value") != "Maya":
        page.keyboard.press("ArrowDown")
    tab_to(page, "#draft-button")
    page.keyboard.press("Enter")
    expect(page.locator("#draft-output h3")).to_contain_text("owner Maya")
    page.screenshot(path=artifacts / "keyboard.png", full_page=True)


def test_phone_width(browser: Browser, live: LiveServer, artifacts: Path) -> None:
    page, problems = open_page(browser, live, width=390, height=844)
    ask(page)
    expect(page.locator("#documents li").first).to_contain_text("chunks")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than a phone"
    chat = page.locator(".chat").bounding_box()
    draft = page.locator("#draft-form").bounding_box()
    assert chat and draft and draft["y"] > chat["y"]  # one column: the draft panel follows
    assert chat["width"] <= 390
    page.screenshot(path=artifacts / "phone.png", full_page=True)
    page.context.close()
    assert problems == []


def test_missing_key_opens_the_key_prompt(browser: Browser, live: LiveServer) -> None:
    page, _ = open_page(browser, live, key=False)
    expect(page.locator("#key-status")).to_contain_text("API key")
    key_box = page.get_by_label("API key (kept in this browser)")
    expect(key_box).to_be_visible()
    key_box.fill(USER_KEY)
    page.get_by_role("button", name="Save key").click()
    expect(page.locator("#documents li").first).to_contain_text("chunks")
    expect(page.get_by_label("Owner").locator("option", has_text="Maya")).to_have_count(1)
    page.context.close()
