"""Room voting: a small web server on the laptop so everyone in the room rates from their phone.

Qt-free. The window talks to it through `VotingServer` (start, show a question,
reveal, stop) and receives `RoomEvent`s through a callback it bridges to Qt.
"""

from gapradar.room.protocol import Question, Room, RoomError, RoomEvent
from gapradar.room.server import VotingServer

__all__ = ["Question", "Room", "RoomError", "RoomEvent", "VotingServer"]
