"""Timestamps of a build's steps, to find where the seconds of an edit go
(``benchmarks/serve.py`` reads them). Off unless ``PUBLISHER_TIMING`` names a file; each
mark is then one line appended to it, from whichever process makes it: the wall clock,
the process id, what happened."""

from __future__ import annotations

import os
import time

ENVIRONMENT = "PUBLISHER_TIMING"


def mark(event: str) -> None:
    path = os.environ.get(ENVIRONMENT)
    if not path:
        return
    line = f"{time.time():.4f} {os.getpid()} {event}\n".encode()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    except OSError:
        return
    try:
        os.write(descriptor, line)  # one write of a short line: whole, whatever other process appends
    finally:
        os.close(descriptor)
