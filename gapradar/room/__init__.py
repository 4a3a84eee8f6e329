"""Room voting: a small web server on the laptop so everyone in the room rates from their phone.

Qt-free. The window talks to it through `VotingServer` (start, show a question,
reveal, stop) and receives `RoomEvent`s through a callback it bridges to Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gapradar.room.protocol import Question, Room, RoomError, RoomEvent

if TYPE_CHECKING:
    from gapradar.room.server import VotingServer

__all__ = ["Question", "Room", "RoomError", "RoomEvent", "VotingServer"]


def __getattr__(name: str) -> Any:
    """The server (and aiohttp, a fifth of a second to import) loads when voting starts, not with the window."""
    if name == "VotingServer":
        from gapradar.room.server import VotingServer

        return VotingServer
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
