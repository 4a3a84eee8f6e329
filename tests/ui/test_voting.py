"""Room voting from the window: phones (real HTTP clients on 127.0.0.1) vote, the facilitator reveals and agrees."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel

from gapradar.domain import Votes
from gapradar.io import load

HOST = "127.0.0.1"


@pytest.fixture
def voting(window):
    session = window.facilitator.voting
    assert session.server is None  # no server unless voting is on
    assert session.start(HOST, 0)
    yield session
    session.stop()
    assert session.server is None


def phones(session, levels: list[object], names: list[str] | None = None) -> None:
    """Each level is one phone joining and voting on the question on screen."""
    server = session.server
    base = f"http://{HOST}:{server.port}/r/{server.room.token}"

    async def main() -> None:
        async with aiohttp.ClientSession() as http:
            for i, level in enumerate(levels):
                name = names[i] if names else ""
                async with http.post(f"{base}/join", json={"name": name}) as r:
                    pid = (await r.json())["participant"]
                async with http.post(
                    f"{base}/vote", json={"participant": pid, "seq": server.room.seq, "level": level}
                ) as r:
                    assert r.status == 200

    asyncio.run(main())


def key(window, k: Qt.Key) -> None:
    window.keyboard.handle(k)


def test_start_shows_the_join_panel_and_stop_closes_the_server(window, qtbot) -> None:
    key_v = window.facilitator.voting
    key_v.chooser = lambda: (HOST, 0)
    key(window, Qt.Key.Key_V)
    assert key_v.server is not None and window.ws.state.voting == "blind"
    panel = window.voting_dock.findChild(QFrame, "votingPanel")
    assert panel.isVisible() and window.voting_dock.isVisible()
    assert not window.voting_dock.findChild(QLabel, "votingQr").pixmap().isNull()
    assert key_v.server.room.code in window.voting_dock.findChild(QLabel, "votingLink").text()
    port = key_v.server.port
    key(window, Qt.Key.Key_V)
    assert key_v.server is None and window.ws.state.voting == "" and not window.voting_dock.isVisible()

    async def refused() -> None:
        async with aiohttp.ClientSession() as http:
            with pytest.raises(aiohttp.ClientConnectionError):
                await http.get(f"http://{HOST}:{port}/")

    asyncio.run(refused())


def test_blind_then_reveal_then_median_is_one_undo_step(window, voting, qtbot) -> None:
    ws = window.ws
    system = ws.state.selected_system
    pid = ws.assessment.model.practices[ws.state.selected_practice].id
    phones(voting, [0, 1, 1, 2, 1, 1, 2, "unsure"])
    counts = window.voting_dock.findChild(QLabel, "votingCounts")
    qtbot.waitUntil(lambda: voting.voted == 8 and voting.joined == 8, timeout=5000)
    assert "8</b> voted" in counts.text() and "blind" in counts.text()
    # Blind: the room sees counts only, no dots, no histogram.
    assert window.voting_dock.findChild(QLabel, "votingHistogram").isHidden()
    # Each vote is already in the document: a recovery copy written now keeps it.
    rating = ws.assessment.system(system).rating(pid)
    assert rating.votes == Votes(((0, 1), (1, 4), (2, 2)), 1)
    key(window, Qt.Key.Key_R)
    assert ws.state.voting == "revealed"
    histogram = window.voting_dock.findChild(QLabel, "votingHistogram")
    assert histogram.isVisible() and "8 votes" in histogram.text() and "median 1" in histogram.text()
    dots = next(c for c in window.radar.children() if type(c).__name__ == "VoteDots")
    assert len(dots.points()) == 7  # a dot per vote on a level; "not sure" has none
    stack = window.undo_group.activeStack()
    before, level_before = stack.index(), rating.current
    assert level_before != 1
    key(window, Qt.Key.Key_M)
    assert ws.assessment.system(system).rating(pid).current == 1
    assert stack.index() == before + 1 and "Set" in stack.undoText()
    stack.undo()
    assert ws.assessment.system(system).rating(pid).current == level_before
    key(window, Qt.Key.Key_2)  # a digit agrees on that level instead
    assert ws.assessment.system(system).rating(pid).current == 2


def test_next_practice_asks_the_phones_and_starts_blind(window, voting, qtbot) -> None:
    ws = window.ws
    phones(voting, [1, 2])
    qtbot.waitUntil(lambda: voting.voted == 2, timeout=5000)
    key(window, Qt.Key.Key_R)
    seq = voting.server.room.seq
    key(window, Qt.Key.Key_Right)
    assert ws.state.voting == "blind" and voting.server.room.seq == seq + 1
    practice = ws.assessment.model.practices[ws.state.selected_practice]
    assert voting.server.room.question.practice_id == practice.id
    assert voting.server.room.votes == {}
    key(window, Qt.Key.Key_T)
    assert voting.server.room.question.which == "target"


def test_votes_are_saved_in_the_file(window, voting, qtbot, sample_copy) -> None:
    ws = window.ws
    system = ws.state.selected_system
    pid = ws.assessment.model.practices[ws.state.selected_practice].id
    phones(voting, [3, 3, 2])
    qtbot.waitUntil(lambda: voting.voted == 3, timeout=5000)
    window.files.save()
    back = load(sample_copy).system(system).rating(pid)
    assert back.votes == Votes(((2, 1), (3, 2)), 0)
    assert "3 votes, median 3, range 2–3" in back.spread()


def test_the_guide_and_table_show_the_spread_only_after_the_reveal(window, voting, qtbot) -> None:
    phones(voting, [0, 1, 1, 2])
    qtbot.waitUntil(lambda: voting.voted == 4, timeout=5000)
    assert "Room votes" not in window.guide.text()  # blind: the projected window shows no spread
    model = window.table.model()
    row = window.ws.state.selected_practice
    tip = model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole) or ""
    assert "Room votes" not in tip
    key(window, Qt.Key.Key_R)
    assert "Room votes: current: 4 votes, median 1, range 0–2" in window.guide.text()
    tip = model.data(model.index(row, 1), Qt.ItemDataRole.ToolTipRole)
    assert "Room votes: 4 votes, median 1, range 0–2" in tip


def test_presentation_mode_shows_voting_and_closing_it_leaves_voting_on(window, voting, qtbot) -> None:
    window.enter_presentation()
    presentation = window.presentation
    qtbot.waitExposed(presentation)
    panel = presentation.radar.findChild(QFrame, "votingPanel")
    assert panel.isVisible()
    phones(voting, [1, 2])
    qtbot.waitUntil(lambda: voting.voted == 2, timeout=5000)
    key(window, Qt.Key.Key_R)
    band = presentation.findChild(QLabel, "voteBand")
    assert band.isVisible() and "2 votes" in band.text()
    with qtbot.waitSignal(presentation.destroyed, timeout=5000):
        presentation.close()
    key(window, Qt.Key.Key_Right)  # the next practice: panels and bands of the closed window are gone
    phones(voting, [3])
    qtbot.waitUntil(lambda: voting.voted == 1, timeout=5000)
    assert voting.server is not None and window.voting_dock.isVisible()


def test_names_given_show_after_the_reveal_and_the_recovery_copy_keeps_votes(window, voting, qtbot) -> None:
    phones(voting, [2, 1], names=["Zoë Quill", ""])
    qtbot.waitUntil(lambda: voting.voted == 2, timeout=5000)
    copy = window.files.recovery.write()
    assert copy is not None and "votes: {1: 1, 2: 1}" in copy.read_text(encoding="utf-8")
    assert "Quill" not in copy.read_text(encoding="utf-8")  # names never reach the file
    key(window, Qt.Key.Key_R)
    assert "Zoë Quill: 2" in window.voting_dock.findChild(QLabel, "votingHistogram").text()


def test_the_dialog_offers_this_computer_only_and_binds_what_is_chosen(window, qtbot) -> None:
    from gapradar.ui.voting_dialog import LOCAL, VotingDialog

    dialog = VotingDialog(window)
    qtbot.addWidget(dialog)
    choices = [dialog.address.itemData(i) for i in range(dialog.address.count())]
    assert LOCAL in choices and "0.0.0.0" not in choices
    dialog.address.setCurrentIndex(choices.index(LOCAL))
    assert dialog.choice() == (LOCAL, 0)
