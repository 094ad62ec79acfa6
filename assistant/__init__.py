"""Strategy assistant: cited answers and drafted progress updates over plans and action logs."""

__version__ = "0.1.0"
