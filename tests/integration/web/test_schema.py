"""Schemathesis against the live /openapi.json: generated requests never get a 5xx.

Two servers: the read/answer routes over the copied real index with a user key, and the
admin-only ingest routes over an empty index and an empty corpus (so a generated
``rebuild=true`` or upload costs milliseconds and touches nothing shared). Examples per
operation are bounded to keep the run short on two cores.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.schemas import BaseSchema
from schemathesis.specs.openapi.checks import response_schema_conformance
from web_support import ADMIN_KEY, USER_KEY, LiveServer, serve, web_settings

from assistant.components import build_components
from assistant.web.app import create_app
from ingest.embeddings import SentenceTransformerEmbeddings

pytestmark = pytest.mark.integration

EXAMPLES = 15
CHECKS = [not_a_server_error, response_schema_conformance]
FAST = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
    database=None,
)


@pytest.fixture(scope="module")
def empty_live(
    tmp_path_factory: pytest.TempPathFactory, shared_embeddings: SentenceTransformerEmbeddings
) -> Iterator[LiveServer]:
    root = tmp_path_factory.mktemp("schema-ingest")
    (root / "corpus").mkdir()
    settings = web_settings(root / "data", root / "corpus")
    with serve(create_app(components=build_components(settings, shared_embeddings))) as server:
        yield server


def _schema(server: LiveServer) -> BaseSchema:
    return schemathesis.openapi.from_url(f"{server.url}/openapi.json")


def fuzz(schema: BaseSchema, server: LiveServer, key: str) -> int:
    """Positive and negative examples for every operation; returns how many were sent.

    Driven through Hypothesis directly: schemathesis' pytest plugin does not support
    pytest 9 yet (it reads ``node._nodeid``)."""
    sent = 0
    headers = {"Authorization": f"Bearer {key}"}
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @FAST
            @given(case=operation.as_strategy(mode))
            def check(case: Case) -> None:
                nonlocal sent
                sent += 1
                case.call_and_validate(
                    base_url=server.url, headers=headers, checks=CHECKS, timeout=30
                )

            try:
                check()
            except Unsatisfiable:
                continue  # nothing to make invalid (an operation without parameters)
            except Exception as exc:
                raise AssertionError(f"{operation.label} ({mode}): {exc}") from exc
    return sent


def test_answer_routes_never_fail_on_the_server(live: LiveServer) -> None:
    schema = _schema(live).exclude(path_regex="^/v1/ingest")
    assert fuzz(schema, live, USER_KEY) > 100


def test_ingest_routes_never_fail_on_the_server(empty_live: LiveServer) -> None:
    schema = _schema(empty_live).include(path_regex="^/v1/ingest")
    assert fuzz(schema, empty_live, ADMIN_KEY) > 10


def test_schema_documents_every_route(live: LiveServer) -> None:
    paths = set(_schema(live).raw_schema["paths"])
    assert {
        "/v1/ask",
        "/v1/drafts",
        "/v1/documents",
        "/v1/actions",
        "/v1/ingest",
        "/v1/ingest/{job_id}",
        "/v1/feedback",
        "/healthz",
        "/readyz",
        "/metrics",
    } <= paths
