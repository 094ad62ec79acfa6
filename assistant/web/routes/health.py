"""``/healthz`` (process up), ``/readyz`` (index open, model warm) and ``/metrics``."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from assistant.web.deps import AssistantDep, MetricsDep
from assistant.web.errors import HOST_RESPONSES, ApiError, error_doc
from assistant.web.models import Health, Readiness

router = APIRouter(tags=["operations"])


@router.get(
    "/healthz", response_model=Health, responses=HOST_RESPONSES, summary="The process is up"
)
def healthz() -> Health:
    """Says nothing about the index: use /readyz for that."""
    return Health()


@router.get(
    "/readyz",
    response_model=Readiness,
    responses={**HOST_RESPONSES, 503: error_doc(503, "Still warming up, or start-up failed")},
    summary="The index is open and the model is warm",
)
def readyz(request: Request, assistant: AssistantDep) -> Readiness:
    """503 until the start-up warm-up has loaded the embedding model and opened the stores.

    An empty index is still ready (``documents: 0``), so an empty deployment can be filled
    through ``POST /v1/ingest``."""
    state = request.app.state
    if state.warm_error:
        raise ApiError(503, f"Start-up failed: {state.warm_error}", code="not_ready")
    if not state.warm:
        raise ApiError(503, "Warming up: the embedding model is still loading.")
    info = assistant.ready()
    if info["vectors"] < info["chunks"]:  # vectors are written before their chunks
        raise ApiError(
            503,
            f"This process sees {info['vectors']} vectors for {info['chunks']} chunks: its view "
            "of the vector store is stale (another process wrote an embedded Chroma store; "
            "several processes need a Chroma server, ASSISTANT_CHROMA_HOST).",
            code="stale_index",
        )
    return Readiness(
        ready=bool(info["model_loaded"]),
        documents=int(info["documents"]),
        chunks=int(info["chunks"]),
        vectors=int(info["vectors"]),
        model_loaded=bool(info["model_loaded"]),
    )


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses=HOST_RESPONSES,
)
def metrics(metrics: MetricsDep) -> Response:
    """Requests and latency by route, answers vs abstentions, ingest jobs and files."""
    return Response(generate_latest(metrics.registry), media_type=CONTENT_TYPE_LATEST)
