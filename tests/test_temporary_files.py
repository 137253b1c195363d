"""A build leaves nothing in the temporary folder: not on success, not on failure, not
when interrupted, in this process or in any worker process (WeasyPrint's font folders,
the parts' board, the workers' own folders)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import ROOT
from test_parts import SMALL_PARTS, _renderer, _write_articles

from publisher.writers.parts.join import Joiner
from publisher.writers.parts.run import PartSettings
from publisher.writers.pdf import PdfWriter


@pytest.fixture
def fresh_tmp(tmp_path, monkeypatch) -> Path:
    """An empty temporary folder for this process and the processes it starts."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> Path:
    return _write_articles(tmp_path_factory.mktemp("leftovers") / "articles", 9)


def _left_in(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_a_build_in_parts_on_two_processes_leaves_nothing(articles, fresh_tmp):
    result = PdfWriter(PartSettings(jobs=2, plan=SMALL_PARTS)).write(_renderer(articles, "bulletin"))
    assert result.part_count == 5
    assert _left_in(fresh_tmp) == []


def test_a_build_whose_part_fails_in_a_worker_leaves_nothing(articles, fresh_tmp, monkeypatch):
    from publisher.writers.parts import worker

    real = worker._lay_out

    def failing(job):  # the workers fork after this is in place
        if job.number == 3:
            raise RuntimeError("part 3 broke")
        return real(job)

    monkeypatch.setattr(worker, "_lay_out", failing)
    with pytest.raises(RuntimeError, match="part 3 broke"):
        PdfWriter(PartSettings(jobs=2, plan=SMALL_PARTS)).write(_renderer(articles, "bulletin"))
    assert _left_in(fresh_tmp) == []


def test_a_build_interrupted_while_its_parts_are_laid_out_leaves_nothing(articles, fresh_tmp, monkeypatch):
    def interrupted(self, index, pdf, bookmark_levels=()):
        raise KeyboardInterrupt

    monkeypatch.setattr(Joiner, "add", interrupted)  # Ctrl-C as the first part arrives
    with pytest.raises(KeyboardInterrupt):
        PdfWriter(PartSettings(jobs=2, plan=SMALL_PARTS)).write(_renderer(articles, "bulletin"))
    assert _left_in(fresh_tmp) == []


def _forty_articles(folder: Path) -> Path:
    """The smallest publication the command line lays out in parts."""
    return _write_articles(folder, 40)


def _command(articles: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "publisher", "build", str(articles), "-o", str(out), "-f", "pdf", "--no-cache", "--jobs", "2"]


def test_the_command_line_leaves_nothing_in_its_temporary_folder(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    result = subprocess.run(_command(_forty_articles(tmp_path / "articles"), tmp_path / "out"), check=False, cwd=ROOT,
                            env={**os.environ, "TMPDIR": str(temporary)}, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert list((tmp_path / "out").glob("*.pdf"))
    assert _left_in(temporary) == []


def test_ctrl_c_while_the_parts_are_laid_out_ends_cleanly_and_leaves_nothing(tmp_path):
    """SIGINT to the command's whole process group, as a terminal's Ctrl-C sends it, once
    the parts are being laid out (their board exists)."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = subprocess.Popen(_command(_forty_articles(tmp_path / "articles"), tmp_path / "out"), cwd=ROOT,
                               env={**os.environ, "TMPDIR": str(temporary)}, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    deadline = time.monotonic() + 300
    while not list(temporary.glob("publisher-parts-*/1.json")) and process.poll() is None:
        assert time.monotonic() < deadline, "the parts never started"
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    _out, err = process.communicate(timeout=300)
    assert process.returncode == 130, err
    assert "Traceback" not in err
    assert not list((tmp_path / "out").glob("*.pdf"))
    assert _left_in(temporary) == []
