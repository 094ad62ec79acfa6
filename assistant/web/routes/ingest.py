"""``POST /v1/ingest`` and ``GET /v1/ingest/{job_id}``: background ingestion (admin only)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Request, Response, UploadFile

from assistant.web.deps import AssistantDep, JobsDep
from assistant.web.errors import ERROR_RESPONSES, ApiError, error_doc
from assistant.web.jobs import IngestJob
from assistant.web.security import AdminDep
from assistant.web.uploads import read_upload, safe_name, upload_source
from ingest.store.sqlite_jobs import JOBS_KEPT

router = APIRouter(prefix="/v1", tags=["ingest"])


@router.post(
    "/ingest",
    status_code=202,
    response_model=IngestJob,
    responses={
        **ERROR_RESPONSES,
        415: error_doc(415, "A file type the loaders cannot read (`unsupported_media_type`)"),
    },
    summary="Upload files or re-ingest the corpus, in the background",
)
async def ingest(
    request: Request,
    response: Response,
    assistant: AssistantDep,
    jobs: JobsDep,
    caller: AdminDep,
    files: Annotated[
        list[UploadFile] | None,
        File(
            description="Documents to add (.txt .md .pdf .docx .csv .xlsx); "
            "send no body to re-ingest the corpus"
        ),
    ] = None,
    kind: Annotated[
        Literal["plan", "action"],
        Form(description="Store uploads as plans or as action logs"),
    ] = "plan",
    rebuild: Annotated[
        bool, Form(description="Corpus only: drop the index and ingest everything again")
    ] = False,
) -> IngestJob:
    """Returns a job at once (202, `Location` header); poll `GET /v1/ingest/{id}`.

    A multipart body must carry at least one complete file: one that was cut off parses as
    no files, and is refused (400) rather than taken for "re-ingest the corpus". To
    re-ingest, send no body, or `rebuild=true` as a urlencoded form."""
    uploads = [f for f in files or [] if f.filename or f.size]
    if not uploads and _is_multipart(request):
        raise ApiError(
            400,
            "The multipart body carries no complete file (was it cut off?): nothing was "
            "ingested. Send the files again; to re-ingest the corpus instead, send no body "
            "(or rebuild=true as a urlencoded form).",
            code="incomplete_upload",
        )
    if uploads and rebuild:
        raise ApiError(
            422,
            "rebuild re-reads the whole corpus; send it without files.",
            code="invalid_request",
        )
    names = [safe_name(upload.filename) for upload in uploads]  # refuse before storing
    stored = [
        (upload_source(kind, name), await read_upload(upload))
        for upload, name in zip(uploads, names, strict=True)
    ]
    job = jobs.submit(stored, rebuild)
    response.headers["Location"] = f"/v1/ingest/{job.id}"
    return job


@router.get(
    "/ingest/{job_id}",
    response_model=IngestJob,
    responses={**ERROR_RESPONSES, 404: error_doc(404, "No such job (`unknown_job`)")},
    summary="Progress of an ingest job",
)
def ingest_job(job_id: str, jobs: JobsDep, caller: AdminDep) -> IngestJob:
    job = jobs.get(job_id)
    if job is None:
        raise ApiError(
            404,
            f"No ingest job {job_id!r} (the last {JOBS_KEPT} finished jobs are kept).",
            code="unknown_job",
        )
    return job


def _is_multipart(request: Request) -> bool:
    return request.headers.get("content-type", "").lower().startswith("multipart/")
