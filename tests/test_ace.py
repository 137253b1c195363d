"""Ace by DAISY finds no violation in the EPUB of any built-in layout, nor in the seed's.

Ace (npm ``@daisy/ace-cli``, pinned in tests/ace/package.json and installed by
scripts/install-system-deps.sh) checks the package and runs axe-core on every document in
the system's Chromium. Each EPUB is built once and checked once; the book is built with its
PDF, so that its page-list and page-break markers are checked too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, outputs_by_format, zip_read

from publisher import BuildOptions, build
from publisher.writers.epub import CONFORMANCE

ACE_FOLDER = Path(__file__).resolve().parent / "ace"
ACE = ACE_FOLDER / "node_modules" / "@daisy" / "ace-cli" / "bin" / "ace.js"
BROWSERS = ("chromium", "chromium-browser")

# name: (what is built, layout, formats)
CASES: dict[str, tuple[Path, str | None, tuple[str, ...]]] = {
    "bulletin": (FIXTURES / "weekly", "bulletin", ("epub",)),
    "book": (FIXTURES / "weekly", "book", ("pdf", "epub")),
    "article": (FIXTURES / "weekly", "article", ("epub",)),
    "seed": (ROOT / "seeds", None, ("epub",)),
}


def _why_ace_cannot_run() -> str | None:
    if shutil.which("node") is None:
        return "Node.js is not installed (scripts/install-system-deps.sh installs it)"
    if not ACE.is_file():
        return "Ace by DAISY is not installed: run scripts/install-system-deps.sh (npm ci in tests/ace)"
    if not any(shutil.which(browser) for browser in BROWSERS):
        return "Chromium is not installed (scripts/install-system-deps.sh installs it)"
    return None


def run_ace(epub: Path, folder: Path) -> dict[str, Any]:
    """Ace's JSON report on ``epub``, written under ``folder``."""
    browser = next(path for path in map(shutil.which, BROWSERS) if path)
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": str(ACE_FOLDER / "chromium"), "ACE_CHROMIUM": browser,
           "PUPPETEER_SKIP_DOWNLOAD": "1"}
    (folder / "tmp").mkdir(parents=True)
    result = subprocess.run(["node", str(ACE), "--silent", "--force", "--outdir", str(folder / "report"),
                             "--tempdir", str(folder / "tmp"), str(epub)],
                            capture_output=True, env=env, timeout=300, check=False)
    report = folder / "report" / "report.json"
    assert report.is_file(), f"Ace wrote no report (exit {result.returncode}): {result.stderr.decode(errors='replace')[-2000:]}"
    data: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))
    return data


def violations(report: dict[str, Any]) -> list[str]:
    """Every failed check: its rule, impact, document and the elements it names."""
    found = []
    for subject in report["assertions"]:
        for check in subject["assertions"]:
            if check["earl:result"]["earl:outcome"] == "fail":
                test = check["earl:test"]
                where = check["earl:result"].get("html", "")
                found.append(f"{test['dct:title']} ({test['earl:impact']}) in {subject['earl:testSubject']['url']} {where}".strip())
    return found


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, dict[str, Any]]]:
    reason = _why_ace_cannot_run()
    if reason:
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("ace")
    epubs = {}
    for name, (source, layout, formats) in CASES.items():
        options = BuildOptions(formats=formats, layout=layout) if layout else BuildOptions(formats=formats)
        epubs[name] = outputs_by_format(build([source], root / name, options))["epub"]
    # Two at a time: each Ace checks four documents at once in one Chromium.
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = dict(zip(epubs, pool.map(lambda name: run_ace(epubs[name], root / f"ace-{name}"), epubs), strict=True))
    return {name: (epubs[name], reports[name]) for name in epubs}


@pytest.mark.parametrize("name", list(CASES))
def test_ace_reports_no_violation(checked: dict[str, tuple[Path, dict[str, Any]]], name: str) -> None:
    epub, report = checked[name]
    assert violations(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    # Ace read the accessibility metadata the conformance claim rests on.
    metadata = report["a11y-metadata"]
    assert {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
            "schema:accessibilityHazard", "schema:accessibilitySummary", "dcterms:conformsTo"} <= set(metadata["present"])
    assert f'<meta property="dcterms:conformsTo">{CONFORMANCE}</meta>' in zip_read(epub, "EPUB/content.opf").decode("utf-8")


def test_the_book_is_checked_with_its_page_markers(checked: dict[str, tuple[Path, dict[str, Any]]]) -> None:
    _, report = checked["book"]
    assert report["properties"]["hasPageBreaks"] is True
