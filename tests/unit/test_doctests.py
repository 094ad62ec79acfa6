"""The examples in the code's docstrings run as tests: a docstring that shows what a function
does ("months_named('Aug – Oct 23') → 8, 9, 10") must stay true."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import assistant
import ingest


def _modules() -> list[str]:
    names = []
    for package in (assistant, ingest):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            if not info.name.endswith(".__main__"):  # importing it runs the command line
                names.append(info.name)
    return sorted(names)


@pytest.mark.parametrize("name", _modules())
def test_docstring_examples_hold(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} fail"
