"""``publisher serve`` as a process on the machine: a killed server's temporary folder is
removed by the next one (and nothing else is), and ``--open`` hands the served address
to the browser."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.request
from pathlib import Path

import pytest

from publisher.serve import ServeSettings, serve
from publisher.serve.scratch import LOCK_NAME, PREFIX, remove_stale_folders, server_folder

ROOT = Path(__file__).resolve().parent.parent


def _stale(parent: Path, name: str) -> Path:
    folder = parent / f"{PREFIX}{name}"
    folder.mkdir()
    (folder / LOCK_NAME).write_text("12345\n", encoding="utf-8")
    (folder / "pages").mkdir()
    (folder / "pages" / "print-1.pdf").write_bytes(b"%PDF-")
    return folder


def test_a_killed_servers_folder_is_removed_and_nothing_else(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    # A server killed outright: its folder stays, its lock with it.
    killed = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom publisher.serve.scratch import server_folder\n"
         "with server_folder() as folder:\n    print(folder, flush=True)\n    time.sleep(60)\n"],
        cwd=ROOT, env={**os.environ, "TMPDIR": str(tmp_path)}, stdout=subprocess.PIPE, text=True)
    assert killed.stdout is not None
    dead = Path(killed.stdout.readline().strip())
    assert dead.parent == tmp_path and (dead / LOCK_NAME).read_text(encoding="utf-8") == f"{killed.pid}\n"
    assert remove_stale_folders(tmp_path) == []  # alive: kept
    killed.kill()
    killed.wait()
    assert dead.is_dir()
    stale = _stale(tmp_path, "older")
    unlocked = tmp_path / f"{PREFIX}no-lock"  # not known to be a server's: never touched
    unlocked.mkdir()
    other = tmp_path / "other-tool-folder"
    other.mkdir()
    (other / LOCK_NAME).write_text("1\n", encoding="utf-8")
    linked = tmp_path / f"{PREFIX}link"
    linked.symlink_to(other, target_is_directory=True)
    a_file = tmp_path / f"{PREFIX}file"
    a_file.write_text("x", encoding="utf-8")
    with server_folder() as mine:  # the next server removes the dead ones as it starts
        assert sorted(tmp_path.iterdir()) == sorted([mine, unlocked, other, linked, a_file])
        assert remove_stale_folders(tmp_path) == []  # its own folder is locked while it runs
        assert mine.is_dir()
    assert not mine.exists() and not dead.exists() and not stale.exists()
    assert other.is_dir() and (other / LOCK_NAME).is_file() and linked.is_symlink() and a_file.is_file()


def test_open_hands_the_served_address_to_the_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--open`` (``open_browser``) calls the opener with the address served: a request
    to it is answered; then the opener stops the server as Ctrl-C does."""
    folder = tmp_path / "tin"
    folder.mkdir()
    (folder / "01.md").write_text("---\ntitle: Một tin\n---\n\nNgười dân sửa đường.\n", encoding="utf-8")
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    opened: list[str] = []
    answers: list[int] = []

    def fetch_then_stop(url: str) -> None:
        try:
            with urllib.request.urlopen(url, timeout=30) as answer:  # noqa: S310 (the test's own server)
                answers.append(answer.status)
        finally:
            os.kill(os.getpid(), signal.SIGINT)

    def opener(url: str) -> None:
        opened.append(url)
        threading.Thread(target=fetch_then_stop, args=(url,), daemon=True).start()  # answered once it serves

    said: list[str] = []
    serve(folder, ServeSettings(port=0, open_browser=True, cache_dir=tmp_path / "cache"), say=said.append, opener=opener)
    [url] = opened
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
    assert any(f" at {url} " in message for message in said)
    assert answers == [200]
    assert list((tmp_path / "tmp").iterdir()) == []
