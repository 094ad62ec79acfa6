"""FastAPI dependency aliases: routes receive the long-lived objects built in ``create_app``."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.service import Assistant
from assistant.settings import Settings
from assistant.web.jobs import IngestJobs
from assistant.web.metrics import Metrics


def get_assistant(request: Request) -> Assistant:
    assistant: Assistant = request.app.state.assistant
    return assistant


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


def get_jobs(request: Request) -> IngestJobs:
    jobs: IngestJobs = request.app.state.jobs
    return jobs


AssistantDep = Annotated[Assistant, Depends(get_assistant)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
JobsDep = Annotated[IngestJobs, Depends(get_jobs)]
