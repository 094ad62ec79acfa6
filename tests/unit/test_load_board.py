"""The load board and the wrapper that sheds a busier process's keep-alive connections."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from assistant.web.balance import LoadBoard, ShedWhenBusier


def _board(tmp_path: Path, slots: int = 2) -> Path:
    return LoadBoard.create(tmp_path / "run" / "web-load.board", slots)


def test_each_process_counts_on_its_own_slot(tmp_path: Path) -> None:
    path = _board(tmp_path, 3)
    first, second = LoadBoard(path, 0), LoadBoard(path, 1)
    first.enter()
    first.enter()
    second.enter()
    assert first.in_flight() == second.in_flight() == [2, 1, 0]
    second.leave()
    second.leave()  # never below nothing
    assert first.in_flight() == [2, 0, 0]


def test_busier_means_beyond_the_least_busy_peer_by_more_than_the_slack(tmp_path: Path) -> None:
    path = _board(tmp_path, 3)
    busy, calm, idle = LoadBoard(path, 0), LoadBoard(path, 1), LoadBoard(path, 2)
    for _ in range(3):
        busy.enter()
        calm.enter()
    assert busy.busier_than_peers()  # 3 in flight against the idle one's 0
    assert not idle.busier_than_peers()
    idle.enter()
    idle.enter()
    assert not busy.busier_than_peers()  # 3 - 2 is within the slack of 1
    assert busy.busier_than_peers(slack=0)


def test_a_restarted_process_starts_from_nothing_in_flight(tmp_path: Path) -> None:
    path = _board(tmp_path)
    dead = LoadBoard(path, 1)
    for _ in range(5):  # died with five requests in flight
        dead.enter()
    assert LoadBoard(path, 1).in_flight() == [0, 0]


def test_a_slot_off_the_board_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no slot 2"):
        LoadBoard(_board(tmp_path), 2)


def test_alone_a_process_is_never_busier(tmp_path: Path) -> None:
    only = LoadBoard(_board(tmp_path, 1), 0)
    for _ in range(10):
        only.enter()
    assert not only.busier_than_peers()


def _get(app: ShedWhenBusier) -> httpx.Response:
    async def go() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/")

    return asyncio.run(go())


def test_the_busier_process_ends_the_connection_and_the_other_keeps_it(tmp_path: Path) -> None:
    path = _board(tmp_path)
    seen: list[list[int]] = []
    mine, other = LoadBoard(path, 0), LoadBoard(path, 1)

    async def home(request: object) -> PlainTextResponse:
        seen.append(mine.in_flight())
        return PlainTextResponse("ok", headers={"Connection": "keep-alive"})

    app = ShedWhenBusier(Starlette(routes=[Route("/", home)]), mine)
    calm = _get(app)
    assert seen[-1] == [1, 0]  # counted in while it is answered
    assert calm.headers.get("connection") == "keep-alive"
    assert mine.in_flight() == [0, 0]  # and out once answered

    for _ in range(3):  # three requests of this process still being answered elsewhere
        mine.enter()
    busy = _get(app)
    assert busy.headers.get_list("connection") == ["close"]
    assert busy.text == "ok"
    assert mine.in_flight() == [3, 0]

    for _ in range(3):  # the peer as busy: no longer busier
        other.enter()
    assert _get(app).headers.get("connection") == "keep-alive"
