"""The voting server driven by real HTTP and WebSocket clients on 127.0.0.1 (no display needed)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import aiohttp
import pytest

from gapradar.room import Question, RoomEvent, VotingServer
from gapradar.room.protocol import CODE_FAILURES_PER_CLIENT, VOTES_PER_WINDOW

HOST = "127.0.0.1"
QUESTION = Question(
    "ci",
    "Continuous integration",
    "How often code is merged and built",
    ((0, "Initial", "ad hoc"), (1, "Managed", ""), (2, "Defined", ""), (3, "Optimising", "")),
)
NEXT = Question("deploy", "Deployment", "", ((0, "Initial", ""), (1, "Managed", "")), "target")


@pytest.fixture
def server() -> Iterator[VotingServer]:
    events: list[RoomEvent] = []
    s = VotingServer(events.append)
    s.events = events  # type: ignore[attr-defined]
    s.start(HOST, 0)
    try:
        yield s
    finally:
        s.stop()
    assert not s.running


def run(body: Callable[[aiohttp.ClientSession], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        async with aiohttp.ClientSession() as http:
            return await body(http)

    return asyncio.run(main())


def base(s: VotingServer) -> str:
    return f"http://{HOST}:{s.port}"


def api(s: VotingServer, what: str) -> str:
    return f"{base(s)}/r/{s.room.token}/{what}"


async def join(http: aiohttp.ClientSession, s: VotingServer, name: str = "") -> str:
    async with http.post(api(s, "join"), json={"name": name}) as r:
        assert r.status == 200
        return str((await r.json())["participant"])


async def vote(http: aiohttp.ClientSession, s: VotingServer, pid: str, level: object, seq: int | None = None):
    async with http.post(
        api(s, "vote"), json={"participant": pid, "seq": seq or s.room.seq, "level": level}
    ) as r:
        return r.status, await r.json()


def test_binds_only_to_the_chosen_interface_and_stops(server: VotingServer) -> None:
    assert server.host == HOST and server.port > 0
    assert server.url.startswith(f"http://{HOST}:{server.port}/r/")
    assert len(server.room.token) >= 22  # at least 128 bits, url-safe base64
    port = server.port
    server.stop()

    async def refused(http: aiohttp.ClientSession) -> None:
        with pytest.raises(aiohttp.ClientConnectionError):
            await http.get(f"http://{HOST}:{port}/")

    run(refused)


def test_join_vote_change_reveal_consensus(server: VotingServer) -> None:
    server.ask(QUESTION)

    async def body(http: aiohttp.ClientSession) -> None:
        async with http.get(server.url) as r:
            assert r.status == 200
            assert "Content-Security-Policy" in r.headers
            assert "default-src 'none'" in r.headers["Content-Security-Policy"]
            assert '<script src="/page.js"' in await r.text()
        a, b, c = await join(http, server, "Ana"), await join(http, server), await join(http, server)
        async with http.ws_connect(api(server, "ws") + f"?participant={b}") as ws:
            first = await ws.receive_json(timeout=5)
            assert first["phase"] == "voting"
            assert first["question"]["practice"] == "Continuous integration"
            assert "tally" not in first  # blind
            assert (await vote(http, server, a, 1))[0] == 200
            seen = await ws.receive_json(timeout=5)
            assert seen["voted"] == 1 and "tally" not in seen and "yourVote" not in seen
            assert (await vote(http, server, b, 3))[0] == 200
            assert (await vote(http, server, b, 2))[0] == 200  # changed: still one vote
            assert (await vote(http, server, c, "unsure"))[0] == 200
            assert server.room.tally().counts == ((1, 1), (2, 1))
            assert server.room.tally().unsure == 1
            while (await ws.receive_json(timeout=5))["voted"] != 3:
                pass
            server.reveal()
            revealed = await ws.receive_json(timeout=5)
            while revealed["phase"] != "revealed":
                revealed = await ws.receive_json(timeout=5)
            assert revealed["tally"] == {"counts": [[1, 1], [2, 1]], "unsure": 1, "total": 3, "median": 1.5}
            assert revealed["yourVote"] == 2
            status, _ = await vote(http, server, a, 3)
            assert status == 409  # closed at the reveal
            server.ask(NEXT)  # the phones follow
            nxt = await ws.receive_json(timeout=5)
            assert nxt["question"]["practice"] == "Deployment" and nxt["question"]["which"] == "target"
            assert nxt["phase"] == "voting" and nxt["voted"] == 0

    run(body)
    tallies = [e.tally for e in server.events if e.kind == "phase" and e.phase == "revealed"]  # type: ignore[attr-defined]
    assert tallies[0] is not None and tallies[0].names == (("Ana", 1),)
    kinds = [e.kind for e in server.events]  # type: ignore[attr-defined]
    assert kinds.count("joined") == 3 and kinds.count("voted") == 4


def test_consensus_everyone_agrees(server: VotingServer) -> None:
    server.ask(QUESTION)

    async def body(http: aiohttp.ClientSession) -> None:
        for _ in range(5):
            assert (await vote(http, server, await join(http, server), 2))[0] == 200

    run(body)
    server.reveal()
    t = server.room.tally()
    assert t.counts == ((2, 5),) and t.median() == 2


def test_wrong_token_is_403_and_changes_nothing(server: VotingServer) -> None:
    server.ask(QUESTION)
    wrong = "x" * len(server.room.token)

    async def body(http: aiohttp.ClientSession) -> None:
        pid = await join(http, server)
        for method, url, payload in [
            ("GET", f"{base(server)}/r/{wrong}", None),
            ("POST", f"{base(server)}/r/{wrong}/join", {"name": "x"}),
            (
                "POST",
                f"{base(server)}/r/{wrong}/vote",
                {"participant": pid, "seq": server.room.seq, "level": 1},
            ),
            ("GET", f"{base(server)}/r/{wrong}/ws?participant={pid}", None),
        ]:
            async with http.request(method, url, json=payload) as r:
                assert r.status == 403, url
                assert "error" in await r.json()

    run(body)
    assert len(server.room.participants) == 1 and server.room.votes == {}


def test_bad_requests_are_refused_and_change_nothing(server: VotingServer) -> None:
    server.ask(QUESTION)

    async def body(http: aiohttp.ClientSession) -> None:
        pid = await join(http, server)
        assert (await vote(http, server, pid, 1))[0] == 200
        for level in [7, -1, "1", 1.5, True, None, [1]]:
            status, answer = await vote(http, server, pid, level)
            assert status == 422, level
            assert "level" in answer["error"]
        assert (await vote(http, server, "nobody", 2))[0] == 403
        assert (await vote(http, server, pid, 2, seq=server.room.seq + 5))[0] == 409
        big = json.dumps({"participant": pid, "seq": server.room.seq, "level": 2, "pad": "x" * 2000})
        async with http.post(
            api(server, "vote"), data=big, headers={"Content-Type": "application/json"}
        ) as r:
            assert r.status == 413
        async with http.post(api(server, "vote"), data=b"{not json") as r:
            assert r.status == 400
        async with http.post(api(server, "vote"), data=b"[1, 2]") as r:
            assert r.status == 400
        for path in ["/admin", "/r/", "/../etc/passwd", f"/r/{server.room.token}/votes", "/page.html"]:
            async with http.get(base(server) + path) as r:
                assert r.status == 404, path
                assert r.headers["Content-Security-Policy"]
        async with http.delete(api(server, "vote")) as r:
            assert r.status == 405

    run(body)
    assert server.room.tally().counts == ((1, 1),)


def test_floods_are_refused(server: VotingServer) -> None:
    server.ask(QUESTION)

    async def body(http: aiohttp.ClientSession) -> list[int]:
        pid = await join(http, server)
        return [(await vote(http, server, pid, i % 4))[0] for i in range(VOTES_PER_WINDOW + 5)]

    statuses = run(body)
    assert statuses[:VOTES_PER_WINDOW] == [200] * VOTES_PER_WINDOW
    assert set(statuses[VOTES_PER_WINDOW:]) == {429}
    assert len(server.room.votes) == 1  # one live vote per participant, however many tries


def test_participant_cap() -> None:
    from gapradar.room import Room

    s = VotingServer(room=Room(max_participants=3))
    s.start(HOST, 0)
    try:

        async def body(http: aiohttp.ClientSession) -> list[int]:
            out = []
            for _ in range(5):
                async with http.post(api(s, "join"), json={}) as r:
                    out.append(r.status)
            return out

        assert run(body) == [200, 200, 200, 409, 409]
        assert len(s.room.participants) == 3
    finally:
        s.stop()


def test_short_code_joins_and_is_rate_limited(server: VotingServer) -> None:
    async def body(http: aiohttp.ClientSession) -> None:
        async with http.get(base(server) + "/") as r:
            assert r.status == 200
        async with http.post(base(server) + "/code", json={"code": server.room.code}) as r:
            assert r.status == 200 and (await r.json())["token"] == server.room.token
        wrong = "x" + server.room.code
        for _ in range(CODE_FAILURES_PER_CLIENT):
            async with http.post(base(server) + "/code", json={"code": wrong}) as r:
                assert r.status == 403
        async with http.post(base(server) + "/code", json={"code": server.room.code}) as r:
            assert r.status == 429  # even the right code waits: guessing is not free

    run(body)


def test_the_page_and_its_assets_are_served_from_the_package(server: VotingServer) -> None:
    async def body(http: aiohttp.ClientSession) -> None:
        for path, kind in [("/page.js", "text/javascript"), ("/page.css", "text/css")]:
            async with http.get(base(server) + path) as r:
                assert r.status == 200 and r.content_type == kind
                text = await r.text()
                assert "http://" not in text and "https://" not in text  # nothing fetched from elsewhere

    run(body)


def test_port_in_use_is_a_clear_error(server: VotingServer) -> None:
    other = VotingServer()
    with pytest.raises(OSError):
        other.start(HOST, server.port)
    assert not other.running
