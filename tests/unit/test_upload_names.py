"""Upload file names: cleaned, shortened in the stem only, and judged on the final name."""

from __future__ import annotations

import pytest

from assistant.web.errors import ApiError
from assistant.web.uploads import MAX_NAME_BYTES, safe_name


def test_a_long_name_keeps_its_extension() -> None:
    name = safe_name("x" * 145 + ".html.md")  # cutting the whole name left ".html"
    assert name.endswith(".md") and len(name.encode()) <= MAX_NAME_BYTES
    assert safe_name("é" * 150 + ".docx").endswith(".docx")  # counted in UTF-8 bytes
    assert len(safe_name("é" * 150 + ".docx").encode()) <= MAX_NAME_BYTES


def test_the_final_name_is_what_is_checked() -> None:
    with pytest.raises(ApiError) as refused:
        safe_name("x" * 145 + ".md.html")
    assert refused.value.status == 415
    with pytest.raises(ApiError):
        safe_name("x" * 300)  # no extension left to keep


@pytest.mark.parametrize(
    ("given", "saved"),
    [
        ("../../board minutes.md", "board minutes.md"),
        ("C:\\docs\\plan.PDF", "plan.PDF"),
        ("a<b>|c.txt", "a-b-c.txt"),
    ],
)
def test_short_names_are_only_cleaned(given: str, saved: str) -> None:
    assert safe_name(given) == saved


@pytest.mark.parametrize("given", ["", None, ".md", "...", "-"])
def test_names_without_a_stem_are_refused(given: str | None) -> None:
    with pytest.raises(ApiError):
        safe_name(given)
