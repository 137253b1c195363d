"""``publisher new``: a publication folder that builds as it is."""

from __future__ import annotations

from pathlib import Path

from publisher.errors import OutputError
from publisher.render.layout import find_layout
from publisher.slug import slugify
from publisher.writers import FORMATS

_MANIFEST = """\
# The publication: what it is called and which articles it holds, in order.
title = "{title}"
subtitle = "Bản tin nội bộ"
issue = 1
date = 2026-01-05
publisher = "Tên cơ quan của bạn"
editors = ["Ban biên tập"]
language = "vi"
formats = [{formats}]
cover = "generated"          # or the path of a JPEG/PNG in this folder

[layout]
name = "{layout}"            # bulletin, book, article, or a folder under layouts/
# page_size = "A4"
# columns = 2
# font_size = "10pt"

[[sections]]
title = "Tin trong tỉnh"
articles = ["articles/*"]    # every article file in articles/ (.md, .txt, .html), in name order
"""

_ARTICLE = """\
---
title: Bài viết mẫu của bản tin
kicker: 'Hướng dẫn:'
date: '2026-01-05T08:00:00+07:00'
authors:
- Ban biên tập
language: vi
lead: Đây là bài viết mẫu. Thay nó bằng bài của bạn, hoặc chạy publisher clean trên trang đã lưu để có tệp Markdown như thế này.
---

## Cách thêm bài

Đặt các tệp bài viết (.md, .txt hoặc .html) vào thư mục articles/ rồi chạy lại lệnh build. Thứ tự các bài theo tên tệp.

## Cách sửa bài

Mỗi tệp Markdown có phần đầu ghi tiêu đề, ngày, tác giả và sapo; phần thân là các đoạn văn, tiêu đề phụ bắt đầu bằng hai dấu thăng.
"""  # noqa: E501 - the new publication's guide, one paragraph a line

_README = """\
# {title}

Next: put your articles in `articles/` (`.md` with front matter, `.txt` page dumps, saved
`.html` pages: every one is included, in name order), then run `publisher build . -o out`
in this folder. To split them into sections, give each `[[sections]]` of `publication.toml`
its own files or globs (`articles/01-*`).
"""


def new_publication(folder: Path, layout: str = "bulletin") -> list[Path]:
    find_layout(layout)  # refuse an unknown layout before writing anything
    if folder.exists() and any(folder.iterdir()):
        raise OutputError("the folder exists and is not empty; choose a new name", folder)
    title = folder.name.replace("-", " ").replace("_", " ").strip().capitalize() or "Bản tin"
    files = {
        folder / "publication.toml": _MANIFEST.format(title=title.replace('"', "'"), layout=layout,
                                                      formats=", ".join(f'"{name}"' for name in FORMATS)),
        folder / "articles" / f"01-{slugify('bai viet mau')}.md": _ARTICLE,
        folder / "README.md": _README.format(title=title),
    }
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise OutputError(f"cannot create the publication: {error.strerror}", folder) from None
    return list(files)
