"""Replicas on shared real stores, with one ingest writer (issue 21), and the same suite on
the embedded defaults.

``hosts``: a temporary PostgreSQL cluster, ``redis-server`` and ``chroma run``, all on loopback
and started here; web processes A and B with separate data dirs and corpus folders, and a worker
host W. ``processes``: what ``assistant serve --workers 2`` runs on one machine — two web
processes and a worker sharing one data dir (SQLite) and a Chroma server. ``embedded``: one
``assistant serve`` with the defaults of a fresh machine (A is B).
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from deployment import (
    ADMIN,
    LIMITED_KEY,
    RATE_LIMIT,
    USER,
    Deployment,
    base_env,
    run_cli,
    web,
)

from tests.integration.ingest.ingest_support import chroma_server
from tests.servers.postgres import start_postgres
from tests.servers.redis import running_redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "slack"))
from slack_sender import SlackSender, mention_event
from slack_standin import SlackStandIn

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[3]
SEED = [
    "action-logs/lancashire-innovation-action-agenda.txt",
    "plans/lsc-research-innovation-plan-2024-2027.txt",
]
LARGE_PLAN = "plans/lsc-working-with-people-and-communities-2023-2026.txt"
UPLOAD_NAME = "harbour-lighting.md"
UPLOAD = (
    b"# Harbour lighting programme\n\n"
    b"The harbour lighting programme replaces every quayside lamp with solar units.\n\n"
    b"## Leadership\n\nThe harbour lighting programme is led by Ada Quinton, the estates "
    b"director, and finishes in March 2027.\n"
)


def seed_corpus(folder: Path) -> Path:
    for source in SEED:
        target = folder / source
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "corpus" / source, target)
    return folder


@pytest.fixture(scope="module")
def slack_api() -> Iterator[SlackStandIn]:
    standin = SlackStandIn().start()
    yield standin
    standin.stop()


@pytest.fixture(scope="module", params=["hosts", "processes", "embedded"])
def deployment(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    slack_api: SlackStandIn,
) -> Iterator[Deployment]:
    folder = tmp_path_factory.mktemp(f"deploy-{request.param}")
    if request.param == "embedded":
        env = base_env(folder / "data", seed_corpus(folder / "corpus"), slack_api.api_url)
        host = web("a", env, folder)
        deployed = Deployment("embedded", host, host, None, folder)
        yield from _started(deployed)
        return
    if request.param == "processes":  # one machine: `serve --workers 2` without Redis/PG
        with chroma_server(folder / "chroma", folder / "chroma.log") as chroma_port:
            env = base_env(
                folder / "data",
                seed_corpus(folder / "corpus"),
                slack_api.api_url,
                ASSISTANT_CHROMA_HOST="127.0.0.1",
                ASSISTANT_CHROMA_PORT=str(chroma_port),
                ASSISTANT_WORKERS="2",  # what serve tells the processes it starts
                ASSISTANT_INGEST_WORKER="external",
            )
            a, b = web("a", env, folder), web("b", env, folder)
            deployed = Deployment("processes", a, b, env, folder)
            deployed.start_worker("worker-1")
            yield from _started(deployed)
        return
    with (
        start_postgres() as postgres,
        running_redis() as redis_url,
        chroma_server(folder / "chroma", folder / "chroma.log") as chroma_port,
    ):
        shared = {
            "ASSISTANT_DATABASE_URL": postgres.new_database(),
            "ASSISTANT_REDIS_URL": redis_url,
            "ASSISTANT_CHROMA_HOST": "127.0.0.1",
            "ASSISTANT_CHROMA_PORT": str(chroma_port),
            "ASSISTANT_INGEST_WORKER": "external",
        }

        def host_env(name: str, corpus: Path) -> dict[str, str]:
            corpus.mkdir(parents=True, exist_ok=True)
            return base_env(folder / name / "data", corpus, slack_api.api_url, **shared)

        a = web("a", host_env("a", folder / "a" / "corpus"), folder)
        b = web("b", host_env("b", folder / "b" / "corpus"), folder)
        worker_env = host_env("w", seed_corpus(folder / "w" / "corpus"))
        deployed = Deployment("hosts", a, b, worker_env, folder)
        deployed.start_worker("worker-1")
        yield from _started(deployed)


def _started(deployed: Deployment) -> Iterator[Deployment]:
    try:
        deployed.wait_ready()
        with deployed.a.client() as http:  # the first ingest: the worker's corpus
            job = http.post("/v1/ingest", headers=ADMIN).json()
        done = deployed.wait_job(deployed.b, job["id"])
        assert done["state"] == "done", done
        assert sorted(done["report"]["ingested"]) == sorted(SEED)
        yield deployed
    finally:
        deployed.stop()


def ask(client: httpx.Client, question: str) -> dict:
    response = client.post("/v1/ask", json={"question": question}, headers=USER)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_upload_through_a_is_answered_through_b(deployment: Deployment) -> None:
    with deployment.a.client() as a, deployment.b.client() as b:
        response = a.post(
            "/v1/ingest", files={"files": (UPLOAD_NAME, UPLOAD, "text/markdown")}, headers=ADMIN
        )
        assert response.status_code == 202, response.text
        job = deployment.wait_job(deployment.b, response.json()["id"])  # B reports A's job
        assert job["state"] == "done" and job["report"]["ingested"] == [f"uploads/{UPLOAD_NAME}"]
        answer = ask(b, "When does the harbour lighting programme finish?")
        assert "March 2027" in answer["answer"]
        assert f"uploads/{UPLOAD_NAME}" in {c["source"] for c in answer["citations"]}
        for client in (a, b):  # every replica sees as many vectors as chunks
            ready = client.get("/readyz").json()
            assert ready["vectors"] == ready["chunks"] > 0


def test_feedback_on_an_answer_from_a_is_taken_by_b(deployment: Deployment) -> None:
    with deployment.a.client() as a, deployment.b.client() as b:
        answer = ask(a, "What is the research and innovation plan's vision?")
        response = b.post(
            "/v1/feedback", json={"answer_id": answer["id"], "rating": "up"}, headers=USER
        )
        assert response.status_code == 201, response.text
        unknown = b.post("/v1/feedback", json={"answer_id": "nope", "rating": "up"}, headers=USER)
        assert unknown.status_code == 404


def test_the_rate_limit_is_one_budget_across_replicas(deployment: Deployment) -> None:
    limited = {"Authorization": f"Bearer {LIMITED_KEY}"}
    clients = [deployment.a.client(), deployment.b.client()]
    allowed = 0
    started = time.monotonic()
    try:
        for attempt in range(3 * RATE_LIMIT):
            response = clients[attempt % 2].get("/v1/documents", headers=limited)
            if response.status_code == 429:
                break
            assert response.status_code == 200, response.text
            allowed += 1
    finally:
        for client in clients:
            client.close()
    refilled = (time.monotonic() - started) * RATE_LIMIT / 60.0
    assert RATE_LIMIT <= allowed <= RATE_LIMIT + refilled + 1, (allowed, refilled)


def test_one_slack_event_delivered_to_a_and_b_is_answered_once(
    deployment: Deployment, slack_api: SlackStandIn
) -> None:
    slack_api.reset()
    event = mention_event(
        slack_api, "C0DEPLOY1", "When does the harbour lighting programme finish?"
    )
    for host in (deployment.a, deployment.b):
        response = SlackSender(host.url, slack_api).event(event, event_id="EvDEPLOY0001")
        assert response.status_code == 200, response.text
    posted = slack_api.wait_calls("chat.postMessage", 1, timeout=60)
    time.sleep(3)  # room for a second answer to arrive, if one were coming
    assert len(slack_api.calls_to("chat.postMessage")) == len(posted) == 1


def test_killing_the_worker_mid_job_lets_the_next_one_finish_it(deployment: Deployment) -> None:
    large = (REPO / "corpus" / LARGE_PLAN).read_bytes()
    with deployment.a.client() as a:
        response = a.post(
            "/v1/ingest",
            files={"files": ("people-plan.txt", large, "text/plain")},
            headers=ADMIN,
        )
        job_id = response.json()["id"]
        standby = deployment.start_worker("worker-2") if deployment.worker_env else None
        deadline = time.monotonic() + 120
        while a.get(f"/v1/ingest/{job_id}", headers=ADMIN).json()["state"] != "running":
            assert time.monotonic() < deadline, deployment.logs()
            time.sleep(0.05)
        running = a.get(f"/v1/ingest/{job_id}", headers=ADMIN).json()
        assert running["attempts"] == 1  # the standby did not take a job the writer holds
        if standby is not None:
            deployment.workers[0].kill9()
        else:  # the web process is the worker: kill it and start it again
            deployment.a.web.kill9()
            deployment.a.web.start()
            deployment.wait_ready()
    job = deployment.wait_job(deployment.b, job_id)
    assert job["state"] == "done", job
    assert job["attempts"] == 2
    assert job["report"]["ingested"] == ["uploads/people-plan.txt"]
    if standby is not None:
        assert standby.running()


def test_a_reingest_on_one_host_deletes_nothing_another_host_added(
    deployment: Deployment,
) -> None:
    with deployment.b.client() as b:
        before = {d["source"] for d in b.get("/v1/documents", headers=USER).json()["documents"]}
        chunks_before = b.get("/readyz").json()["chunks"]
    assert set(SEED) | {f"uploads/{UPLOAD_NAME}"} <= before
    # host B's own `assistant ingest`: queued for the writer while a worker runs
    queued = run_cli(deployment.b.env, "ingest", "--json")
    assert queued.returncode == 0, queued.stderr + deployment.logs()
    assert "queuing this ingest as a job" in " ".join(queued.stderr.split())
    assert not json.loads(queued.stdout)["deleted"]
    if deployment.worker_env is not None:
        for worker in deployment.workers:  # no writer left: B's CLI writes itself,
            worker.stop()  # from a corpus folder that holds none of W's files
        direct = run_cli(deployment.b.env, "ingest", "--json")
        assert direct.returncode == 0, direct.stderr
        assert "queuing" not in direct.stderr
        assert not json.loads(direct.stdout)["deleted"]
    with deployment.a.client() as a:
        after = {d["source"] for d in a.get("/v1/documents", headers=USER).json()["documents"]}
        ready = a.get("/readyz").json()
        assert after == before
        assert ready["chunks"] == chunks_before == ready["vectors"]
        assert "March 2027" in ask(a, "When does the harbour lighting programme finish?")["answer"]
