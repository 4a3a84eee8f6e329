"""The voting server: aiohttp on its own thread and event loop, started and stopped by the window.

The window calls `start`, `ask`, `reveal` and `stop` from its own thread; they
hand the work to the server's loop and wait for it. What the room does comes
back through `on_event`, called on the server's thread: the window bridges it
to Qt with a queued signal. No server runs unless voting is on.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

from aiohttp import WSMsgType, web

from gapradar.room.protocol import Question, Room, RoomError, RoomEvent, Tally

MAX_BODY = 1024  # bytes: a vote is a few dozen
COUNT_UPDATE_S = 0.3  # phones learn how many have voted this often at most
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}
ASSETS = {"page.js": "text/javascript", "page.css": "text/css"}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _asset(name: str) -> bytes:
    return resources.files("gapradar.room").joinpath("page").joinpath(name).read_bytes()


@web.middleware
async def _guard(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every answer carries the security headers; every refusal is a clear 4xx in JSON."""
    try:
        response = await handler(request)
    except RoomError as e:
        response = web.json_response({"error": e.message}, status=e.status)
    except web.HTTPException as e:
        response = web.json_response({"error": e.reason}, status=e.status)
    if not response.prepared:
        response.headers.update(SECURITY_HEADERS)
    return response


async def _json_body(request: web.Request) -> dict[str, Any]:
    if request.content_length is not None and request.content_length > MAX_BODY:
        raise RoomError(413, "That request is too large.")
    raw = await request.content.read(MAX_BODY + 1)
    if len(raw) > MAX_BODY:
        raise RoomError(413, "That request is too large.")
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise RoomError(400, "That request is not JSON.") from None
    if not isinstance(body, dict):
        raise RoomError(400, "That request is not a JSON object.")
    return body


class VotingServer:
    """One voting session: a Room served on host:port until `stop`."""

    def __init__(self, on_event: Callable[[RoomEvent], None] | None = None, room: Room | None = None) -> None:
        self.room = room or Room()
        self.on_event = on_event or (lambda _e: None)
        self.host = ""
        self.port = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None
        self._sockets: dict[web.WebSocketResponse, str | None] = {}
        self._count_update: asyncio.TimerHandle | None = None
        self._tasks: set[asyncio.Future[None]] = set()

    # ------------------------------------------------------------ from the window's thread

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def url(self) -> str:
        """The join link (the QR code): the token is the secret, so only the room can vote."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/r/{self.room.token}"

    @property
    def code_url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def start(self, host: str, port: int = 0, timeout: float = 10.0) -> None:
        """Listen on host:port only (port 0: any free one); raises OSError when that is impossible."""
        if self.running:
            raise RuntimeError("the voting server is already running")
        loop = asyncio.new_event_loop()
        self._loop = loop
        ready = threading.Event()
        failure: list[BaseException] = []

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(self._open(host, port))
            except BaseException as e:  # handed to the caller's thread
                failure.append(e)
                loop.close()
                ready.set()
                return
            ready.set()
            loop.run_forever()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

        self._thread = threading.Thread(target=run, name="gapradar-voting", daemon=True)
        self._thread.start()
        if not ready.wait(timeout):
            raise OSError("the voting server did not start in time")
        if failure:
            self._thread.join(timeout)
            self._thread = None
            raise failure[0]

    def stop(self, timeout: float = 10.0) -> None:
        """Close every connection and the listening socket; safe to call twice."""
        loop, thread = self._loop, self._thread
        if loop is None or thread is None or not thread.is_alive():
            return
        asyncio.run_coroutine_threadsafe(self._close(), loop).result(timeout)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)
        self._thread = None
        self._emit("stopped")

    def ask(self, question: Question | None) -> None:
        """Project a new question (None: wait); the phones follow at once."""
        self._call(lambda: self.room.ask(question), "phase")

    def reveal(self) -> None:
        self._call(self.room.reveal, "phase")

    def tally(self, timeout: float = 10.0) -> Tally:
        """The votes on the current question, read on the server's loop (never while it changes them)."""
        if self._loop is None or not self.running:
            return self.room.tally()

        async def read() -> Tally:
            return self.room.tally()

        return asyncio.run_coroutine_threadsafe(read(), self._loop).result(timeout)

    def _call(self, change: Callable[[], None], kind: str, timeout: float = 10.0) -> None:
        if self._loop is None or not self.running:
            change()
            return

        async def apply() -> None:
            change()
            self._emit(kind)
            await self._broadcast()

        asyncio.run_coroutine_threadsafe(apply(), self._loop).result(timeout)

    # ------------------------------------------------------------ on the server's loop

    async def _open(self, host: str, port: int) -> None:
        app = web.Application(client_max_size=MAX_BODY, middlewares=[_guard])
        app.add_routes(
            [
                web.get("/", self._page_by_code),
                web.get("/page.js", self._asset),
                web.get("/page.css", self._asset),
                web.get("/favicon.ico", self._no_icon),
                web.post("/code", self._code),
                web.get("/r/{token}", self._page),
                web.post("/r/{token}/join", self._join),
                web.post("/r/{token}/vote", self._vote),
                web.get("/r/{token}/ws", self._socket),
            ]
        )
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port, reuse_address=False)
        try:
            await site.start()
        except BaseException:
            await self._runner.cleanup()
            raise
        server = site._server
        assert isinstance(server, asyncio.base_events.Server)
        self.host, self.port = host, server.sockets[0].getsockname()[1]

    async def _close(self) -> None:
        if self._count_update is not None:
            self._count_update.cancel()
        for ws in list(self._sockets):
            await ws.close(message=b"voting stopped")
        if self._runner is not None:
            await self._runner.cleanup()

    def _emit(self, kind: str, message: str = "") -> None:
        r = self.room
        tally = r.tally() if r.question is not None else None
        self.on_event(
            RoomEvent(kind, len(r.participants), len(r.votes), r.phase, r.seq, tally, message)  # type: ignore[arg-type]
        )

    def _send_counts(self) -> None:
        self._count_update = None
        task = asyncio.ensure_future(self._broadcast())
        self._tasks.add(task)  # held until done: the loop keeps only weak references
        task.add_done_callback(self._tasks.discard)

    async def _broadcast(self) -> None:
        for ws, pid in list(self._sockets.items()):
            if ws.closed:
                self._sockets.pop(ws, None)
                continue
            try:
                await ws.send_json(self.room.view_for(pid))
            except (ConnectionError, RuntimeError):
                self._sockets.pop(ws, None)

    async def _page_response(self) -> web.Response:
        return web.Response(body=_asset("index.html"), content_type="text/html", charset="utf-8")

    async def _page_by_code(self, request: web.Request) -> web.StreamResponse:
        return await self._page_response()

    async def _page(self, request: web.Request) -> web.StreamResponse:
        self.room.check_token(request.match_info["token"])
        return await self._page_response()

    async def _asset(self, request: web.Request) -> web.StreamResponse:
        name = request.path.lstrip("/")
        return web.Response(body=_asset(name), content_type=ASSETS[name], charset="utf-8")

    async def _no_icon(self, request: web.Request) -> web.StreamResponse:
        return web.Response(status=204)  # browsers ask; nothing to fetch, nothing to log as an error

    async def _code(self, request: web.Request) -> web.StreamResponse:
        body = await _json_body(request)
        client = request.remote or "?"
        token = self.room.redeem_code(client, str(body.get("code", ""))[:32])
        return web.json_response({"token": token})

    async def _join(self, request: web.Request) -> web.StreamResponse:
        self.room.check_token(request.match_info["token"])
        body = await _json_body(request)
        name = body.get("name", "")
        pid = self.room.join(name if isinstance(name, str) else "")
        self._emit("joined")
        return web.json_response({"participant": pid, **self.room.view_for(pid)})

    async def _vote(self, request: web.Request) -> web.StreamResponse:
        self.room.check_token(request.match_info["token"])
        body = await _json_body(request)
        pid = body.get("participant")
        self.room.vote(pid, body.get("seq"), body.get("level"))
        self._emit("voted")
        # Everyone's "n have voted" follows, a few times a second at most (a burst of 60 votes is not
        # 3,600 messages); the votes themselves stay on the laptop until the reveal.
        if self._count_update is None:
            self._count_update = asyncio.get_running_loop().call_later(COUNT_UPDATE_S, self._send_counts)
        assert isinstance(pid, str)
        return web.json_response(self.room.view_for(pid))

    async def _socket(self, request: web.Request) -> web.StreamResponse:
        self.room.check_token(request.match_info["token"])
        pid = request.query.get("participant")
        self.room.participant(pid)
        ws = web.WebSocketResponse(max_msg_size=MAX_BODY, heartbeat=20.0)
        ws.headers.update(SECURITY_HEADERS)
        await ws.prepare(request)
        self._sockets[ws] = pid
        await ws.send_json(self.room.view_for(pid))
        async for msg in ws:  # phones only listen; whatever they send is ignored
            if msg.type == WSMsgType.ERROR:
                break
        self._sockets.pop(ws, None)
        return ws
