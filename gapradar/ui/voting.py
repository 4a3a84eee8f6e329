"""Room voting in the window: the server's session, bridged to Qt, following the facilitator.

The server (gapradar.room) runs on its own thread and reports through a
callback; `VotingSession` turns that into a queued signal so everything here
runs on the GUI thread. The projected practice is the question: walking the
practices (or switching current/target) asks the next one and the phones
follow. Each vote received is recorded in the document at once (one undo step
per question), so a recovery copy written during voting keeps it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoCommand

from gapradar.chart.view_state import ViewState
from gapradar.domain import Votes
from gapradar.room.protocol import Question, RoomEvent, Tally
from gapradar.ui.commands import _RatingCommand
from gapradar.ui.document import Document
from gapradar.ui.workspace import Workspace

if TYPE_CHECKING:
    from gapradar.room.server import VotingServer

VOTES_COMMAND_ID = 14
Chooser = Callable[[], tuple[str, int] | None]  # asks where to listen; None: cancelled


class RecordVotesCommand(_RatingCommand):
    """Keep the room's votes on one rating; the votes of one question merge into one undo step."""

    def __init__(
        self, doc: Document, system: str, practice_id: str, which: str, votes: Votes, seq: int
    ) -> None:
        key = "votes" if which == "current" else "target_votes"
        super().__init__(doc, system, practice_id, **{key: votes})
        self.which, self.seq, self.key = which, seq, key
        self._label(votes)

    def _label(self, votes: Votes) -> None:
        self.setText(
            f"Record {votes.total} vote{'s' if votes.total != 1 else ''} on {self.practice_name} {self.which} of {self.system}"
        )

    def redo(self) -> None:
        self.doc.apply_rating(self.system, self.practice_id, self.after, self.round_id)  # no jump: in place

    def id(self) -> int:
        return VOTES_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, RecordVotesCommand)
            and (other.system, other.practice_id, other.which, other.seq)
            == (self.system, self.practice_id, self.which, self.seq)
        ):
            return False
        self.after = other.after
        votes = getattr(self.after, self.key)
        if votes is not None:
            self._label(votes)
        return True


def votes_of(tally: Tally) -> Votes:
    return Votes(tally.counts, tally.unsure)


class VotingSession(QObject):
    """One facilitator's voting: start, stop, reveal, agree; `changed` whenever the panel should redraw."""

    changed = Signal()
    _received = Signal()  # something happened in the room (emitted on the server's thread)

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.server: VotingServer | None = None
        self.chooser: Chooser | None = None  # the window's dialog; tests set their own
        self.joined = 0
        self.voted = 0
        self.tally: Tally | None = None
        self.seq = 0
        self.last_event: RoomEvent | None = None
        self.asked: tuple[str, str, str] | None = None  # system, practice id, which
        self._recorded_tally: Tally | None = None
        self.error = ""
        # The server's thread leaves its latest event here; the GUI thread takes the newest only, so
        # a burst of 60 votes is one redraw, not 60 queued ones.
        self._lock = threading.Lock()
        self._pending: RoomEvent | None = None
        self._received.connect(self._take_event, Qt.ConnectionType.QueuedConnection)
        workspace.state_changed.connect(self._state_changed)
        workspace.document_replaced.connect(self.stop)

    # ------------------------------------------------------------ the facilitator's operations

    @property
    def active(self) -> bool:
        return self.server is not None

    def toggle(self) -> None:
        if self.active:
            self.stop()
            return
        if self.chooser is None:
            return
        where = self.chooser()
        if where is not None:
            self.start(*where)

    def start(self, host: str, port: int = 0) -> bool:
        """Listen on host:port and ask about the selected practice; False (and `error`) when impossible."""
        if self.active or self.ws.assessment is None:
            return False
        from gapradar.room.server import VotingServer  # aiohttp loads when voting starts

        server = VotingServer(self._from_server)
        try:
            server.start(host, port)
        except OSError as e:
            self.error = f"Voting could not start on {host}:{port}: {e.strerror or e}"
            self.ws.message.emit(self.error)
            return False
        self.server, self.error = server, ""
        self.joined = self.voted = 0
        self.tally = None
        self.ws.update(voting="blind")
        self._ask()
        self.ws.message.emit(f"Voting started: {server.url}")
        return True

    def stop(self) -> None:
        server, self.server = self.server, None
        if server is not None:
            server.stop()
            self.ws.message.emit("Voting stopped; the server is closed")
        self.asked = None
        self.tally = None
        self.ws.update(voting="")
        self.changed.emit()

    def reveal(self) -> bool:
        if self.server is None or self.ws.state.voting != "blind":
            return False
        self.server.reveal()
        self.tally = self.server.tally()
        self._record(self.tally)  # every vote, even one whose event is still on its way
        self.ws.update(voting="revealed")
        self.changed.emit()
        return True

    def median_level(self) -> int | None:
        return votes_of(self.tally).median_level() if self.tally is not None else None

    # ------------------------------------------------------------ following the workspace and the room

    def question(self) -> tuple[Question, tuple[str, str, str]] | None:
        a, state = self.ws.assessment, self.ws.state
        if a is None or state.selected_system is None:
            return None
        p = a.model.practices[state.selected_practice]
        levels = tuple((lv.score, lv.name, lv.description) for lv in a.model.levels)
        q = Question(p.id, p.name, p.description, levels, state.editing)
        return q, (state.selected_system, p.id, state.editing)

    def _ask(self) -> None:
        if self.server is None:
            return
        if self.asked is not None:
            self._record(self.server.tally())  # the last votes on the question being left
        asked = self.question()
        self.asked = asked[1] if asked else None
        self._recorded_tally = None
        self.server.ask(asked[0] if asked else None)
        self.seq = self.server.room.seq
        self.voted = 0
        self.tally = None
        self.changed.emit()

    def _state_changed(self, state: ViewState, before: ViewState) -> None:
        if self.server is None:
            return
        moved = (state.selected_system, state.selected_practice, state.editing) != (
            before.selected_system,
            before.selected_practice,
            before.editing,
        )
        if moved:
            self._ask()

    def _from_server(self, event: RoomEvent) -> None:
        """On the server's thread: keep the newest event, wake the GUI thread once."""
        with self._lock:
            wake = self._pending is None
            self._pending = event
        if wake:
            self._received.emit()

    def _take_event(self) -> None:
        with self._lock:
            event, self._pending = self._pending, None
        if event is None or self.server is None:
            return
        self.last_event = event
        self.joined = event.joined
        if event.question_seq == self.seq:
            self.voted = event.voted
            if event.phase == "voting" and event.tally is not None:
                self._record(event.tally)
            if event.phase == "revealed":
                self.tally = event.tally
        self.changed.emit()

    def _record(self, tally: Tally) -> None:
        doc = self.ws.document
        if doc is None or self.asked is None or not tally.total or tally == self._recorded_tally:
            return
        system, pid, which = self.asked
        if system not in doc.assessment.system_names():
            return
        self._recorded_tally = tally
        self.ws.push(RecordVotesCommand(doc, system, pid, which, votes_of(tally), self.seq))
