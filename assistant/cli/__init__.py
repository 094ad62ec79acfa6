"""Console script ``assistant``: each command lives in its own ``*_cmd`` module and registers
itself on the shared Typer app when imported; this package imports them all."""

import importlib
import pkgutil

from assistant.cli.app import app

for _module in pkgutil.iter_modules(__path__):
    if _module.name.endswith("_cmd"):
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["app"]
