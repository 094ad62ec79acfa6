"""Prometheus metrics: requests and latency by route, answers vs abstentions, ingest work.

Each app gets its own ``CollectorRegistry`` so several apps in one process (tests, or the
Slack mount alongside) never collide on metric names. Routes are labelled by their template
(``/v1/ingest/{job_id}``), never by the raw path, so label cardinality stays bounded.
"""

from __future__ import annotations

import time

from prometheus_client import CollectorRegistry, Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "assistant_http_requests",
            "HTTP requests by route template, method and status code",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "assistant_http_request_duration_seconds",
            "Time to the end of the response, by route template",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.answers = Counter(
            "assistant_answers",
            "Answers given, by outcome (answered or abstained) and model",
            ["outcome", "model"],
            registry=self.registry,
        )
        self.ingest_jobs = Counter(
            "assistant_ingest_jobs",
            "Ingest jobs finished, by final state",
            ["state"],
            registry=self.registry,
        )
        self.ingest_files = Counter(
            "assistant_ingest_files",
            "Files seen by ingest jobs, by outcome (ingested, skipped, failed)",
            ["outcome"],
            registry=self.registry,
        )
        self.feedback = Counter(
            "assistant_feedback",
            "Feedback received, by rating",
            ["rating"],
            registry=self.registry,
        )

    def record_answer(self, abstained: bool, model: str) -> None:
        self.answers.labels("abstained" if abstained else "answered", model).inc()


class MetricsMiddleware:
    """Counts every HTTP request once its response has been sent (streams included)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_record(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_record)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            method = str(scope.get("method", ""))
            self.metrics.requests.labels(method, template, str(status)).inc()
            self.metrics.latency.labels(method, template).observe(time.perf_counter() - started)
