"""Presentation mode at 1920 × 1080 (offscreen) while voting: blind, then revealed (the README screenshots).

`python -m benchmarks.voting_screens OUT_DIR`; the phones are HTTP clients on 127.0.0.1.
"""

import asyncio
import os
import sys
import tempfile
import time

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["GAPRADAR_HOME"] = tempfile.mkdtemp()

import aiohttp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gapradar import bundled
from gapradar.io import load
from gapradar.ui.main_window import MainWindow

out = sys.argv[1]
app = QApplication([])
w = MainWindow(load(bundled.sample_path()), None)
w.resize(1280, 800)
w.show()
app.processEvents()
w.facilitator.select_practice(2)
s = w.facilitator.voting
assert s.start("127.0.0.1", 0)
w.enter_presentation()
p = w.presentation
p.showNormal()
p.setGeometry(0, 0, 1920, 1080)
p.resize(1920, 1080)
for _ in range(5):
    app.processEvents()
p.grab().save(f"{out}/voting-blind-empty.png")
levels = [0, 1, 1, 2, 1, 0, 1, 2, 1, 1, "unsure", 1, 3, 0]
server = s.server


async def main():
    async with aiohttp.ClientSession() as http:
        base = f"http://127.0.0.1:{server.port}/r/{server.room.token}"
        for lv in levels:
            async with http.post(f"{base}/join", json={}) as r:
                pid = (await r.json())["participant"]
            async with http.post(
                f"{base}/vote", json={"participant": pid, "seq": server.room.seq, "level": lv}
            ) as r:
                assert r.status == 200


asyncio.run(main())

end = time.time() + 5
while s.voted < len(levels) and time.time() < end:
    app.processEvents()
for _ in range(5):
    app.processEvents()
p.grab().save(f"{out}/voting-blind.png")
w.keyboard.handle(Qt.Key.Key_R)
for _ in range(5):
    app.processEvents()
p.grab().save(f"{out}/voting-revealed.png")
w.radar.window().grab().save(f"{out}/voting-window.png")
s.stop()
w.doc.undo_stack.setClean()
p.close()
w.close()
print("ok", s.server)
