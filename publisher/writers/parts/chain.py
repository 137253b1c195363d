"""How the parts of a large PDF tell each other where they end: the protocol, in one place.

Parties. The parent (``run.py``) cuts the publication into parts 1..N, part 0 being the
front matter (cover, masthead, contents), and submits one job per part to an executor;
workers (``worker.py``) lay the parts out, each in any process.

The board. A folder shared by all; each part posts at most one final message there, and
the first one posted for a part is the one that counts (later ones are ignored):

- ``Ended(end, numbers)``: where the part ends in the whole document (pages so far, and
  the page counter's value on its last page), and the page numbers of the anchors the
  printed contents show;
- ``Failed(reason)``: the part will never end.

Before it, a part may post the notice ``ANEW``: it is being laid out anew, so where it
ends comes only once it has been paginated.

The rules.

1. A part is paginated on its own. Before its page margins are drawn it waits for the
   message of the part before it: ``Ended`` gives it its first page number (and tells it
   whether a blank page goes first); ``Failed`` makes it fail. It then numbers its pages,
   posts its own ``Ended`` and draws them. So parts run side by side and only the
   margins wait.
2. The front matter is paginated once with placeholder numbers by the parent, which posts
   its ``Ended``. Once every part has posted ``Ended`` the parent lays the front out again
   with the page numbers the parts posted (joining meanwhile the parts already drawn).
3. A part the cache holds a layout of is reused if the part before it ends where it ended
   then. The parent decides when it knows that end already; otherwise the worker does,
   once the part before has posted anything. ``Ended``: at once (if it ends elsewhere the
   part is laid out anew, and posts ``ANEW``). ``ANEW``: the part is paginated meanwhile
   and stops as soon as rule 1 gives it the start, should the cached layout hold. The
   parent posts ``ANEW`` for each part it has laid out anew, the front included. So
   after an edit the parts that still hold wait at no cost, and those that move are
   laid out side by side.
4. A part that fails posts ``Failed``; so does the parent for a part whose job ended in an
   error without posting (its process died, say), and for every part when it gives the
   build up. Nobody waits for ever.

Waiting is polling: a file appears or not, checked every 5 ms. A ``multiprocessing``
manager would wait without polling, but it costs a process and a third of a second to
start (measured), against at most 5 ms per part here; files also work across the
processes of any executor on one machine.
"""

from __future__ import annotations

import json
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

POLL_SECONDS = 0.005


class ChainBroken(Exception):
    """A part before this one failed, or the build was given up."""


@dataclass(frozen=True)
class PartEnd:
    pages: int  # pages of the whole document up to and including this part
    last_number: int  # the page counter's value on its last page


@dataclass(frozen=True)
class Ended:
    end: PartEnd
    numbers: dict[str, int] = field(default_factory=dict)  # anchor: page number, for the contents


@dataclass(frozen=True)
class Failed:
    reason: str


class _Anew:
    """The notice that a part is laid out anew."""


ANEW = _Anew()
Message = Ended | Failed


@dataclass(frozen=True)
class Board:
    folder: Path

    def post(self, number: int, message: Message | _Anew) -> None:
        """Part ``number``'s message, unless it has one already; or the notice ``ANEW``."""
        if isinstance(message, _Anew):
            (self.folder / f"{number}.anew").touch()
            return
        data = ({"pages": message.end.pages, "last_number": message.end.last_number, "numbers": message.numbers}
                if isinstance(message, Ended) else {"failed": message.reason})
        temporary = self.folder / f"{number}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            temporary.write_text(json.dumps(data), encoding="utf-8")
            os.link(temporary, self.folder / f"{number}.json")  # never over a file: the first post wins
        except FileExistsError:
            pass
        finally:
            temporary.unlink(missing_ok=True)

    def read(self, number: int) -> Message | None:
        """Part ``number``'s message, or None while it has none."""
        try:
            data = json.loads((self.folder / f"{number}.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None if self.folder.is_dir() else Failed("the build was given up")
        if "failed" in data:
            return Failed(data["failed"])
        return Ended(PartEnd(int(data["pages"]), int(data["last_number"])), dict(data["numbers"]))

    def wait(self, number: int) -> Message:
        """Part ``number``'s message, once it has one."""
        while (message := self.read(number)) is None:
            time.sleep(POLL_SECONDS)
        return message

    def wait_for_decision(self, number: int) -> Message | _Anew:
        """Part ``number``'s message, or ``ANEW`` as soon as it is laid out anew."""
        while (message := self.read(number)) is None:
            if (self.folder / f"{number}.anew").exists():
                return ANEW
            time.sleep(POLL_SECONDS)
        return message

    def wait_for_end(self, number: int) -> PartEnd:
        """Where part ``number`` ends; ``ChainBroken`` if it failed."""
        message = self.wait(number)
        if isinstance(message, Failed):
            raise ChainBroken(f"part {number} failed: {message.reason}")
        return message.end

    def give_up(self, parts: int) -> None:
        """Release every part still waiting: parts 0 to ``parts`` that have not posted fail."""
        for number in range(parts + 1):
            self.post(number, Failed("the build was given up"))
