"""What the room may do and see: one question at a time, blind votes, then the reveal.

Pure logic, no I/O: the server turns requests into calls here and every
refusal into a `RoomError` with its HTTP status, so what is allowed is decided
in one place and tested without a network.
"""

from __future__ import annotations

import secrets
import statistics
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Literal

Phase = Literal["waiting", "voting", "revealed"]
Which = Literal["current", "target"]
UNSURE = "unsure"  # the "not sure" choice; counted, never part of the median
MAX_PARTICIPANTS = 200
MAX_NAME = 40
VOTES_PER_WINDOW = 20  # a participant's votes per FLOOD_WINDOW seconds; more is a flood
FLOOD_WINDOW = 10.0
CODE_FAILURES_PER_CLIENT = 5  # wrong join codes per client per CODE_WINDOW before it must wait
CODE_FAILURES_ALL = 30  # wrong join codes from everyone per CODE_WINDOW: stops guessing from many
CODE_WINDOW = 60.0


class RoomError(Exception):
    """A refused request: the HTTP status and a sentence the participant can read."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True)
class Question:
    """What is projected now: one practice, its levels, and whether the room rates current or target."""

    practice_id: str
    practice: str
    description: str
    levels: tuple[tuple[int, str, str], ...]  # score, name, description
    which: Which = "current"

    @property
    def scores(self) -> frozenset[int]:
        return frozenset(score for score, _, _ in self.levels)

    def public(self) -> dict[str, object]:
        return {
            "practiceId": self.practice_id,
            "practice": self.practice,
            "description": self.description,
            "which": self.which,
            "levels": [{"score": s, "name": n, "description": d} for s, n, d in self.levels],
        }


@dataclass(frozen=True)
class Tally:
    """The votes on one question: counts per level, the unsure, and the names people gave."""

    counts: tuple[tuple[int, int], ...] = ()  # (score, count), ascending scores, counts > 0
    unsure: int = 0
    names: tuple[tuple[str, int | None], ...] = ()  # only the voters who gave a name

    @property
    def total(self) -> int:
        return sum(c for _, c in self.counts) + self.unsure

    def scores(self) -> list[int]:
        return [s for s, c in self.counts for _ in range(c)]

    def median(self) -> float | None:
        values = self.scores()
        return statistics.median(values) if values else None

    def public(self) -> dict[str, object]:
        return {
            "counts": [[s, c] for s, c in self.counts],
            "unsure": self.unsure,
            "total": self.total,
            "median": self.median(),
        }


@dataclass(frozen=True)
class RoomEvent:
    """What the facilitator's screen learns: counts always, the tally only once revealed.

    `at` is time.monotonic() when the server accepted the change (for the load test).
    """

    kind: Literal["joined", "voted", "phase", "stopped", "error"]
    joined: int
    voted: int
    phase: Phase
    question_seq: int
    tally: Tally | None = None  # the full tally for the facilitator (it never goes to phones blind)
    message: str = ""
    at: float = field(default_factory=time.monotonic)


@dataclass
class Participant:
    id: str
    name: str = ""
    recent: deque[float] = field(default_factory=deque)


class Room:
    """The room's state. Not thread-safe: the server calls it from its one event loop only."""

    def __init__(self, code_length: int = 6, max_participants: int = MAX_PARTICIPANTS) -> None:
        self.token = secrets.token_urlsafe(24)  # 192 bits: the join URL's secret
        self.code = "".join(secrets.choice("0123456789") for _ in range(code_length))
        self.max_participants = max_participants
        self.participants: dict[str, Participant] = {}
        self.question: Question | None = None
        self.seq = 0  # bumps with every new question, so a late vote never lands on the next one
        self.phase: Phase = "waiting"
        self.votes: dict[str, int | str] = {}  # participant id -> score or UNSURE, this question
        self._code_failures: dict[str, deque[float]] = {}
        self._all_code_failures: deque[float] = deque()

    # ------------------------------------------------------------ facilitator

    def ask(self, question: Question | None) -> None:
        """Show a new question (or none): votes start afresh and blind."""
        self.question = question
        self.seq += 1
        self.votes = {}
        self.phase = "voting" if question is not None else "waiting"

    def reveal(self) -> None:
        if self.question is not None:
            self.phase = "revealed"

    def tally(self) -> Tally:
        counts: dict[int, int] = {}
        unsure = 0
        names = []
        for pid, vote in self.votes.items():
            if vote == UNSURE:
                unsure += 1
            else:
                assert isinstance(vote, int)
                counts[vote] = counts.get(vote, 0) + 1
            name = self.participants[pid].name
            if name:
                names.append((name, None if vote == UNSURE else vote))
        return Tally(tuple(sorted(counts.items())), unsure, tuple(sorted(names, key=lambda n: n[0])))  # type: ignore[arg-type]

    # ------------------------------------------------------------ participants

    def check_token(self, token: str) -> None:
        if not secrets.compare_digest(token.encode(), self.token.encode()):
            raise RoomError(403, "This link is not for this room. Scan the code on the screen again.")

    def redeem_code(self, client: str, code: str, now: float | None = None) -> str:
        """The token for the right short code; wrong codes are counted and soon refused outright."""
        now = time.monotonic() if now is None else now
        mine = self._code_failures.setdefault(client, deque())
        for q in (mine, self._all_code_failures):
            while q and now - q[0] > CODE_WINDOW:
                q.popleft()
        if len(mine) >= CODE_FAILURES_PER_CLIENT or len(self._all_code_failures) >= CODE_FAILURES_ALL:
            raise RoomError(429, "Too many wrong codes. Wait a minute, or scan the QR code.")
        if secrets.compare_digest(code.strip().encode(), self.code.encode()):
            return self.token
        mine.append(now)
        self._all_code_failures.append(now)
        raise RoomError(403, "That is not the code on the screen.")

    def join(self, name: str = "") -> str:
        if len(self.participants) >= self.max_participants:
            raise RoomError(409, "The room is full.")
        name = " ".join(str(name).split())[:MAX_NAME]
        pid = secrets.token_urlsafe(16)
        self.participants[pid] = Participant(pid, name)
        return pid

    def participant(self, pid: object) -> Participant:
        if not isinstance(pid, str) or pid not in self.participants:
            raise RoomError(403, "Join the room first.")
        return self.participants[pid]

    def vote(self, pid: object, seq: object, level: object, now: float | None = None) -> None:
        """Record or replace a participant's vote on the current question; anything else is refused."""
        p = self.participant(pid)
        now = time.monotonic() if now is None else now
        while p.recent and now - p.recent[0] > FLOOD_WINDOW:
            p.recent.popleft()
        if len(p.recent) >= VOTES_PER_WINDOW:
            raise RoomError(429, "Too many votes at once. Wait a few seconds.")
        p.recent.append(now)
        if self.question is None or self.phase != "voting":
            raise RoomError(409, "Voting on this question is closed.")
        if isinstance(seq, bool) or seq != self.seq:
            raise RoomError(409, "The question has changed. Your page will follow.")
        if level == UNSURE:
            self.votes[p.id] = UNSURE
            return
        if isinstance(level, bool) or not isinstance(level, int) or level not in self.question.scores:
            raise RoomError(422, "That is not one of this practice's levels.")
        self.votes[p.id] = level

    def view_for(self, pid: str | None) -> dict[str, object]:
        """What a phone may see: the projected question, the phase, its own vote, the tally once revealed."""
        view: dict[str, object] = {
            "phase": self.phase,
            "seq": self.seq,
            "question": self.question.public() if self.question else None,
            "voted": len(self.votes),
        }
        if pid is not None and pid in self.votes:
            view["yourVote"] = self.votes[pid]
        if self.phase == "revealed":
            view["tally"] = self.tally().public()
        return view
