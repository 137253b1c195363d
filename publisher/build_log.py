"""Each build's own warnings, whoever runs it: this thread, a thread pool or a process.

A build opens a ``BuildLog`` with ``collecting()``; what publisher's code reports with
``warn`` (or ``warn_cache``) while it runs lands in that log, and nowhere else. The log
is found through a context variable, so builds running at once on several threads never
see each other's warnings, and no logging handler is added or removed per build.

WeasyPrint reports through the standard ``weasyprint`` logger. ``engine_messages()``
collects its warnings for one render: a single routing handler, added to that logger
the first time and never removed, hands each record to the collector of the context
that logged it (nothing, outside a render). Propagation is never switched: an
application that configures logging still sees WeasyPrint's records.

Outside any build, ``warn`` and ``warn_cache`` log to the ``publisher`` and
``publisher.cache`` loggers, as a library should.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

PUBLISHER_LOGGER = "publisher"
CACHE_LOGGER = "publisher.cache"
_ENGINE_LOGGER = "weasyprint"
# Only so that two threads starting their first render at once add one routing handler.
_ROUTE_LOCK = threading.Lock()


@dataclass
class BuildLog:
    """What one build reported: warnings of the publication (recorded with its result,
    repeated by a later cache hit) and the cache's own (reported once, never recorded)."""

    warnings: list[str] = field(default_factory=list)
    cache_warnings: list[str] = field(default_factory=list)

    def cache_summary(self) -> list[str]:
        """The cache's warnings, the same one about several entries given once with its count."""
        return [message if count == 1 else f"{message} ({count} entries)"
                for message, count in Counter(self.cache_warnings).items()]


_CURRENT_BUILD: ContextVar[BuildLog | None] = ContextVar("publisher_build_log", default=None)
_CURRENT_RENDER: ContextVar[list[str] | None] = ContextVar("publisher_engine_messages", default=None)


@contextmanager
def collecting() -> Iterator[BuildLog]:
    """A fresh log for the build that runs inside the block (on this thread or task)."""
    log = BuildLog()
    token = _CURRENT_BUILD.set(log)
    try:
        yield log
    finally:
        _CURRENT_BUILD.reset(token)


def warn(message: str) -> None:
    """A warning of the publication being built."""
    log = _CURRENT_BUILD.get()
    if log is None:
        logging.getLogger(PUBLISHER_LOGGER).warning(message)
    else:
        log.warnings.append(message)


def warn_cache(message: str) -> None:
    """A warning about the cache (a bad entry, a replaced key): reported, never recorded."""
    log = _CURRENT_BUILD.get()
    if log is None:
        logging.getLogger(CACHE_LOGGER).warning(message)
    else:
        log.cache_warnings.append(message)


class _ToCurrentRender(logging.Handler):
    """Hands each WeasyPrint warning to the render of the context that logged it."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        messages = _CURRENT_RENDER.get()
        if messages is not None:
            messages.append(record.getMessage())


def _route_engine_log() -> None:
    logger = logging.getLogger(_ENGINE_LOGGER)
    with _ROUTE_LOCK:
        if not any(isinstance(handler, _ToCurrentRender) for handler in logger.handlers):
            logger.addHandler(_ToCurrentRender())


@contextmanager
def engine_messages() -> Iterator[list[str]]:
    """What WeasyPrint logs as warnings or errors while the block renders, in this context."""
    _route_engine_log()
    messages: list[str] = []
    token = _CURRENT_RENDER.set(messages)
    try:
        yield messages
    finally:
        _CURRENT_RENDER.reset(token)
