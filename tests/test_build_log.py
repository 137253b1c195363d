"""Each publication's warnings reach its own result, whatever runs the builds: here four
publications built at once on a thread pool, each with warnings of its own from the three
places warnings come from (loading, publisher's own checks, and WeasyPrint's log)."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from conftest import write_articles

from publisher import BuildOptions, build_log, build_tree

COUNT = 4


def _publication(folder: Path, number: int) -> None:
    write_articles(folder, 1, paragraphs=2, headings=1, prefix=f"Tin {number}")
    article = folder / "01-bai.md"
    # A character no font has (publisher's glyph check), one of its own per publication.
    article.write_text(article.read_text(encoding="utf-8") + f"\nKý hiệu riêng: {chr(0xE000 + number)}\n", encoding="utf-8")
    # A missing picture (a loading warning).
    (folder / "02-anh.md").write_text(f"---\ntitle: Ảnh {number}\n---\n\n![Ảnh số {number}](khong-co-{number}.jpg)\n",
                                      encoding="utf-8")
    # A declaration WeasyPrint does not know (its log), in the publication's own layout.
    layout = folder / "layouts" / "mine"
    layout.mkdir(parents=True)
    (layout / "layout.toml").write_text('name = "mine"\nextends = "bulletin"\n', encoding="utf-8")
    (layout / "print.css").write_text(f'{{% include "bulletin/print.css" %}}\n.masthead {{ rieng-{number}: 1 }}\n',
                                      encoding="utf-8")


def test_builds_on_a_thread_pool_keep_their_warnings_apart(tmp_path):
    folders = [tmp_path / "tree" / f"pub-{number}" for number in range(COUNT)]
    for number, folder in enumerate(folders):
        _publication(folder, number)
    publisher_handlers = logging.getLogger("publisher").handlers[:]
    options = BuildOptions(formats=("pdf",), layout="mine")
    with ThreadPoolExecutor(COUNT) as threads:
        summary = build_tree([tmp_path / "tree"], tmp_path / "out", options, executor=threads)
    assert not summary.failed and len(summary.results) == COUNT
    for result in summary.results:
        number = int(result.source.name.split("-")[1])
        own = "\n".join(result.warnings)
        assert f"U+{0xE000 + number:04X}" in own, own  # publisher's glyph check
        assert f"khong-co-{number}.jpg" in own, own  # loading
        assert f"rieng-{number}" in own, own  # WeasyPrint's log
        for other in set(range(COUNT)) - {number}:
            assert f"U+{0xE000 + other:04X}" not in own and f"khong-co-{other}" not in own and f"rieng-{other}" not in own
    # No handler is left behind on publisher's logger; WeasyPrint's has its one router,
    # added once whatever the number of builds, and still propagates.
    assert logging.getLogger("publisher").handlers == publisher_handlers
    routers = [h for h in logging.getLogger("weasyprint").handlers if type(h).__name__ == "_ToCurrentRender"]
    assert len(routers) == 1 and logging.getLogger("weasyprint").propagate


def test_outside_a_build_warnings_go_to_the_standard_loggers(caplog):
    with caplog.at_level(logging.WARNING):
        build_log.warn("một cảnh báo")
        build_log.warn_cache("hỏng một mục")
    assert [(r.name, r.getMessage()) for r in caplog.records] == [("publisher", "một cảnh báo"),
                                                                  ("publisher.cache", "hỏng một mục")]
    with build_log.collecting() as log:
        build_log.warn("của bản dựng")
    assert log.warnings == ["của bản dựng"]
