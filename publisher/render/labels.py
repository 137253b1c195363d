"""Words a layout prints around the articles, in the publication's language."""

from __future__ import annotations

_LABELS = {
    "vi": {
        "contents": "Mục lục",
        "contents_continued": "Mục lục (tiếp)",
        "in_this_issue": "Trong số này",
        "page": "Trang",
        "bulletin": "Bản tin",
        "cover": "Bìa",
        "landmarks": "Mốc chính",
        "issue": "Số",
        "other_articles": "Bài khác",
        "page_list": "Số trang bản in",
        "picture": "Ảnh",
    },
    "en": {
        "contents": "Contents",
        "contents_continued": "Contents (continued)",
        "in_this_issue": "In this issue",
        "page": "Page",
        "bulletin": "Bulletin",
        "cover": "Cover",
        "landmarks": "Landmarks",
        "issue": "No.",
        "other_articles": "Other articles",
        "page_list": "Print page numbers",
        "picture": "Picture",
    },
}


def labels_for(language: str) -> dict[str, str]:
    return _LABELS.get(language.split("-")[0].lower(), _LABELS["en"])
