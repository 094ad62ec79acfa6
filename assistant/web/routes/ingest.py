"""``POST /v1/ingest`` and ``GET /v1/ingest/{job_id}``: background ingestion (admin only)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Response, UploadFile

from assistant.web.deps import AssistantDep, JobsDep
from assistant.web.errors import ERROR_RESPONSES, ApiError, ErrorResponse
from assistant.web.jobs import IngestJob
from assistant.web.security import AdminDep
from assistant.web.uploads import safe_name, save_upload, upload_dir
from ingest.loaders import relative_source

router = APIRouter(prefix="/v1", tags=["ingest"])


@router.post(
    "/ingest",
    status_code=202,
    response_model=IngestJob,
    responses={
        **ERROR_RESPONSES,
        415: {"model": ErrorResponse, "description": "unsupported file type"},
    },
    summary="Upload files or re-ingest the corpus, in the background",
)
async def ingest(
    response: Response,
    assistant: AssistantDep,
    jobs: JobsDep,
    caller: AdminDep,
    files: Annotated[
        list[UploadFile] | None,
        File(description="Documents to add (.txt .md .pdf .docx .csv .xlsx); none = corpus"),
    ] = None,
    kind: Annotated[
        Literal["plan", "action"],
        Form(description="Store uploads as plans or as action logs"),
    ] = "plan",
    rebuild: Annotated[
        bool, Form(description="Corpus only: drop the index and ingest everything again")
    ] = False,
) -> IngestJob:
    """Returns a job at once (202, `Location` header); poll `GET /v1/ingest/{id}`."""
    settings = assistant.settings
    uploads = [f for f in files or [] if f.filename or f.size]
    if uploads and rebuild:
        raise ApiError(
            422,
            "rebuild re-reads the whole corpus; send it without files.",
            code="invalid_request",
        )
    paths = None
    if uploads:
        names = [safe_name(upload.filename) for upload in uploads]  # refuse before writing
        folder = upload_dir(settings.corpus_dir, kind)
        paths = [await save_upload(u, folder, n) for u, n in zip(uploads, names, strict=True)]
    sources = [relative_source(p, settings.corpus_dir) for p in paths or []]
    job = jobs.submit(paths, rebuild, sources)
    response.headers["Location"] = f"/v1/ingest/{job.id}"
    return job


@router.get(
    "/ingest/{job_id}",
    response_model=IngestJob,
    responses={**ERROR_RESPONSES, 404: {"model": ErrorResponse, "description": "unknown job"}},
    summary="Progress of an ingest job",
)
def ingest_job(job_id: str, jobs: JobsDep, caller: AdminDep) -> IngestJob:
    job = jobs.get(job_id)
    if job is None:
        raise ApiError(
            404, f"No ingest job {job_id!r} (jobs are kept in memory).", code="unknown_job"
        )
    return job
