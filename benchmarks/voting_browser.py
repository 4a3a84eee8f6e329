"""The participant page in headless Debian chromium on 127.0.0.1, driven over the DevTools protocol.

`python -m benchmarks.voting_browser OUT_DIR`: types a wrong then the right short code, joins with a
name, votes, changes the vote, follows the reveal and the next practice; writes phone-sized (390 × 844,
2× pixels) screenshots and prints what the browser logged (CSP violations would show there).
"""

import asyncio
import base64
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp

from gapradar import bundled
from gapradar.io import load
from gapradar.room import Question, VotingServer

OUT = Path(sys.argv[1])
a = load(bundled.sample_path())
p = a.model.practices[2]
q = Question(
    p.id,
    p.name,
    p.description,
    tuple((lv.score, lv.name, lv.description) for lv in a.model.levels),
    "current",
)
server = VotingServer(lambda e: None)
server.start("127.0.0.1", 0)
server.ask(q)
profile = tempfile.mkdtemp(prefix="chr-")
proc = subprocess.Popen(
    [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        "--window-size=390,844",
        "about:blank",
    ],
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)
problems = []


async def main():
    port_file = Path(profile) / "DevToolsActivePort"
    for _ in range(200):
        if port_file.exists() and port_file.read_text().strip():
            break
        await asyncio.sleep(0.05)
    port, path = port_file.read_text().split()[:2]
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(f"ws://127.0.0.1:{port}{path}", max_msg_size=0) as ws,
    ):
        ids = iter(range(1, 10**6))
        pending = {}

        async def reader():
            async for m in ws:
                d = json.loads(m.data)
                if "id" in d and d["id"] in pending:
                    pending.pop(d["id"]).set_result(d)
                elif d.get("method") in (
                    "Runtime.consoleAPICalled",
                    "Log.entryAdded",
                    "Runtime.exceptionThrown",
                ):
                    problems.append(json.dumps(d.get("params"))[:300])

        task = asyncio.create_task(reader())

        async def cmd(method, params=None, session=None):
            i = next(ids)
            fut = asyncio.get_running_loop().create_future()
            pending[i] = fut
            msg = {"id": i, "method": method, "params": params or {}}
            if session:
                msg["sessionId"] = session
            await ws.send_str(json.dumps(msg))
            r = await asyncio.wait_for(fut, 20)
            if "error" in r:
                raise RuntimeError(r)
            return r.get("result", {})

        t = await cmd("Target.createTarget", {"url": "about:blank"})
        s = (await cmd("Target.attachToTarget", {"targetId": t["targetId"], "flatten": True}))["sessionId"]
        for m in ("Page.enable", "Runtime.enable", "Log.enable"):
            await cmd(m, session=s)
        await cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True},
            s,
        )

        async def js(expr):
            r = await cmd(
                "Runtime.evaluate", {"expression": expr, "returnByValue": True, "awaitPromise": True}, s
            )
            return r["result"].get("value")

        async def until(expr, what):
            for _ in range(200):
                if await js(expr):
                    return
                await asyncio.sleep(0.05)
            raise RuntimeError("timed out waiting for " + what)

        async def shot(name):
            r = await cmd("Page.captureScreenshot", {"format": "png"}, s)
            (OUT / name).write_bytes(base64.b64decode(r["data"]))
            print("wrote", OUT / name)

        # 1. the short code route: type the code, land on the join page
        await cmd("Page.navigate", {"url": server.code_url}, s)
        await until(
            "document.readyState==='complete' && !document.getElementById('code').hidden", "code form"
        )
        await js(
            "document.getElementById('code-input').value='000000'; document.querySelector('#code-form button').click(); 1"
        )
        await until("document.getElementById('code-error').textContent.length>0", "wrong code message")
        print("wrong code says:", await js("document.getElementById('code-error').textContent"))
        await js(
            f"document.getElementById('code-input').value='{server.room.code}'; document.querySelector('#code-form button').click(); 1"
        )
        await until(
            "location.pathname.startsWith('/r/') && document.readyState==='complete' && !document.getElementById('join').hidden",
            "join form",
        )
        assert await js("location.href") == server.url, await js("location.href")
        await shot("phone-join.png")
        await js(
            "document.getElementById('name-input').value='Ana'; document.querySelector('#join-form button').click(); 1"
        )
        await until(
            "!document.getElementById('room').hidden && document.querySelectorAll('#levels button').length>0",
            "levels",
        )
        print("practice shown:", await js("document.getElementById('practice').textContent"))
        await js("document.querySelectorAll('#levels button')[2].click(); 1")
        await until("!!document.querySelector('#levels button.chosen')", "vote chosen")
        await js("document.querySelectorAll('#levels button')[3].click(); 1")  # change the vote
        await until(
            "document.querySelectorAll('#levels button')[3].classList.contains('chosen')", "changed vote"
        )
        print("server tally:", server.room.tally())
        await shot("phone-vote.png")
        # the facilitator reveals: the phone follows over the WebSocket
        await asyncio.get_running_loop().run_in_executor(None, server.reveal)
        await until("document.getElementById('phase').textContent==='Votes revealed'", "reveal")
        await shot("phone-revealed.png")
        nxt = a.model.practices[3]
        await asyncio.get_running_loop().run_in_executor(
            None, server.ask, Question(nxt.id, nxt.name, nxt.description, q.levels, "target")
        )
        await until(
            f"document.getElementById('practice').textContent==={json.dumps(nxt.name)}", "next practice"
        )
        print(
            "followed to:",
            await js("document.getElementById('practice').textContent"),
            await js("document.getElementById('ask').textContent"),
        )
        await shot("phone-next.png")
        task.cancel()


try:
    asyncio.run(main())
finally:
    proc.terminate()
    proc.wait(10)
    server.stop()
print("console/log entries:", problems)
