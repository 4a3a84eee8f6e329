"""Room voting under load: 60 phones vote on 20 practices while the facilitator's window runs.

`python -m benchmarks.voting [--phones 60] [--practices 20] [--json OUT.json]`.
Phones are real aiohttp clients (HTTP for votes, a WebSocket each to follow
the practice) on 127.0.0.1, on their own thread; the window runs offscreen on
the main thread. Reports votes lost (sent and acknowledged but missing from
the document), the time from a phone sending its vote until the facilitator's
panel shows the new count and has repainted, and the window's edit → repaint
while votes arrive. Not a timed test: run it by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import multiprocessing.queues
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("GAPRADAR_HOME", tempfile.mkdtemp(prefix="gapradar-bench-"))

import aiohttp

from benchmarks.__main__ import large_assessment, window_for

HOST = "127.0.0.1"


class Phones:
    """N participants in their own process (as phones are): join, follow the question, vote once each.

    time.perf_counter is the system's monotonic clock on Linux, so send times compare across processes.
    """

    def __init__(self, base: str, count: int, scores: list[int], spread_s: float = 1.5) -> None:
        self.base, self.count, self.scores, self.spread_s = base, count, scores, spread_s
        self.sent: dict[int, list[float]] = defaultdict(list)  # question seq -> send times
        self.acknowledged = 0
        self.refused: list[int] = []

    def run_and_report(self, out: multiprocessing.queues.Queue, ready: threading.Event | None = None) -> None:
        asyncio.run(self._run())
        out.put({"sent": dict(self.sent), "acknowledged": self.acknowledged, "refused": self.refused})

    async def _run(self) -> None:
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as http:
            joined = []
            for _ in range(self.count):
                async with http.post(f"{self.base}/join", json={}) as r:
                    joined.append((await r.json())["participant"])
            sockets = [await http.ws_connect(f"{self.base}/ws?participant={pid}") for pid in joined]
            await asyncio.gather(
                *(self._phone(http, pid, ws) for pid, ws in zip(joined, sockets, strict=True))
            )

    async def _phone(
        self, http: aiohttp.ClientSession, pid: str, ws: aiohttp.ClientWebSocketResponse
    ) -> None:
        rng = random.Random(pid)
        voted: set[int] = set()
        async for msg in ws:
            if msg.type != aiohttp.WSMsgType.TEXT:
                break
            view = json.loads(msg.data)
            seq = view["seq"]
            if view["phase"] != "voting" or seq in voted:
                continue
            voted.add(seq)
            await asyncio.sleep(rng.uniform(0, self.spread_s))  # people read, think, then tap
            level = "unsure" if rng.random() < 0.05 else rng.choice(self.scores)
            self.sent[seq].append(time.perf_counter())
            async with http.post(
                f"{self.base}/vote", json={"participant": pid, "seq": seq, "level": level}
            ) as r:
                if r.status == 200:
                    self.acknowledged += 1
                else:
                    self.refused.append(r.status)


def run(phones_n: int, practices: int, spread_s: float = 1.5) -> dict[str, object]:
    from PySide6.QtWidgets import QApplication

    from gapradar.ui.commands import SetLevelCommand

    app = QApplication.instance() or QApplication(sys.argv)
    a = large_assessment(6, practices)
    w = window_for(a, checked=3)
    session = w.facilitator.voting
    ws = w.ws
    assert session.start(HOST, 0)
    server = session.server
    assert server is not None
    panel = w.voting_dock.panel
    shown: dict[int, list[float]] = defaultdict(list)  # seq -> time the k-th vote was on screen
    edits: list[float] = []
    quiet: list[float] = []

    def edit() -> float:
        """One edit through an undo command until the chart has repainted, in ms."""
        pid = a.model.practices[(ws.state.selected_practice + 1) % practices].id
        doc = w.doc
        score = a.model.scores[(len(edits) + len(quiet)) % len(a.model.scores)]
        start = time.perf_counter()
        doc.undo_stack.push(SetLevelCommand(doc, other, pid, "current", score))
        w.radar.viewport().repaint()
        return (time.perf_counter() - start) * 1000

    other = next(n for n in a.system_names() if n != ws.state.selected_system and n in ws.state.checked)

    def on_screen() -> None:
        panel.repaint()
        w.radar.viewport().repaint()
        now = time.perf_counter()
        seq = session.seq
        while len(shown[seq]) < session.voted:
            shown[seq].append(now)

    session.changed.connect(on_screen)  # after the panel's own refresh: the count is already its text

    phones = Phones(
        f"http://{HOST}:{server.port}/r/{server.room.token}", phones_n, list(a.model.scores), spread_s
    )
    reports: multiprocessing.queues.Queue = multiprocessing.get_context("spawn").Queue()
    process = multiprocessing.get_context("spawn").Process(target=phones.run_and_report, args=(reports,))
    process.start()
    deadline = time.monotonic() + 600
    done = 0
    i = 0
    while done < practices and time.monotonic() < deadline:
        app.processEvents()
        i += 1
        if 0 < session.voted < phones_n and len(edits) < 5 * done + 5 and i % 50 == 0:
            edits.append(edit())  # the facilitator edits while votes arrive
        if session.voted >= phones_n and ws.state.voting == "blind":
            w.keyboard.handle(_key("R"))
            quiet.extend(edit() for _ in range(3))  # voting on, votes revealed
            app.processEvents()
            done += 1
            if done < practices:
                w.keyboard.handle(_key("Right"))
    session.stop()
    report = reports.get(timeout=60)
    process.join(30)
    phones.sent = report["sent"]
    phones.acknowledged, phones.refused = report["acknowledged"], report["refused"]

    latencies = []
    for seq, sends in phones.sent.items():
        for k, t in enumerate(sorted(sends)):
            if k < len(shown.get(seq, [])):
                latencies.append((shown[seq][k] - t) * 1000)
    recorded = sum(
        (s.rating(p.id).votes.total if s.rating(p.id).votes else 0)
        for s in a.systems
        for p in a.model.practices
    )
    expected = phones_n * practices
    return {
        "phones": phones_n,
        "practices": practices,
        "votes spread over, s": spread_s,
        "votes sent": sum(len(v) for v in phones.sent.values()),
        "votes acknowledged": phones.acknowledged,
        "votes refused": len(phones.refused),
        "votes in the document": recorded,
        "votes lost": expected - recorded,
        "vote → facilitator screen, median ms": round(statistics.median(latencies), 1),
        "vote → facilitator screen, p95 ms": round(sorted(latencies)[int(0.95 * (len(latencies) - 1))], 1),
        "edit → repaint while votes arrive, median ms": round(statistics.median(edits), 2) if edits else None,
        "edit → repaint while votes arrive, runs": len(edits),
        "edit → repaint, voting on, between votes, median ms": round(statistics.median(quiet), 2),
        "edit → repaint, voting on, runs": len(quiet),
        "server still running": server.running,
    }


def _key(name: str):
    from PySide6.QtCore import Qt

    return {"R": Qt.Key.Key_R, "Right": Qt.Key.Key_Right}[name]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=60)
    parser.add_argument("--practices", type=int, default=20)
    parser.add_argument(
        "--spread",
        type=float,
        default=1.5,
        help="seconds over which a question's votes arrive (0: all at once)",
    )
    parser.add_argument("--json", help="also write the figures here")
    args = parser.parse_args(argv)
    results = run(args.phones, args.practices, args.spread)
    for k, v in results.items():
        print(f"{k:52} {v}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
    return 0 if results["votes lost"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
