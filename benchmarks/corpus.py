"""Benchmark publications: N Markdown articles made from the seed and the shared corpus text.

Nothing is copied into the project: the articles are generated into a folder the caller
chooses (a temporary one), read from ``../shared/corpus/text/`` beside the repository.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_68c73e2f24dbcb88.txt"
CORPUS_TEXT = ROOT.parent / "shared" / "corpus" / "text"


def corpus_available() -> bool:
    return (CORPUS_TEXT / "vfnd" / "vfnd-articles.jsonl").is_file() and (CORPUS_TEXT / "baomoi").is_dir()


def _front_matter(meta: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n"


def _vfnd_articles() -> Iterator[tuple[dict[str, object], list[str]]]:
    with (CORPUS_TEXT / "vfnd" / "vfnd-articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            paragraphs = [p for p in record.get("paragraphs") or [] if p.strip()]
            if not record.get("title") or not paragraphs:
                continue
            meta: dict[str, object] = {"title": record["title"]}
            if record.get("lead"):
                meta["lead"] = record["lead"]
            if record.get("authors"):
                meta["authors"] = list(record["authors"])
            if isinstance(record.get("date_publish"), str):
                meta["date"] = str(record["date_publish"]).replace(" ", "T") + "+07:00"
            yield meta, paragraphs


def _baomoi_articles() -> Iterator[tuple[dict[str, object], list[str]]]:
    for path in sorted((CORPUS_TEXT / "baomoi").glob("*.txt")):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(lines) < 3 or not lines[0].strip():
            continue
        meta: dict[str, object] = {"title": lines[0].strip(), "lead": lines[1].strip()}
        paragraphs = [p.strip() for p in lines[2:] if p.strip()]
        yield meta, paragraphs


def _escape(paragraph: str) -> str:
    # Corpus text is prose, not Markdown: keep a leading '#', '-' or digit-dot literal.
    numbered = paragraph[:2].rstrip(".").isdigit() and paragraph[1:2] == "."
    return "\\" + paragraph if paragraph[:1] in "#->*+|" or numbered else paragraph


def write_articles(count: int, folder: Path) -> list[Path]:
    """``count`` articles in ``folder``: the seed first, then vfnd and baomoi articles in turn.

    The corpus holds fewer than 400 usable articles; past its end it starts again, each
    title marked with the round, so that every article stays distinct.
    """
    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "0000-seed.txt"]
    written[0].write_bytes(SEED.read_bytes())
    articles = [pair for pairs in zip(_vfnd_articles(), _baomoi_articles(), strict=False) for pair in pairs]
    if not articles:
        raise ValueError("the corpus holds no articles")
    round_number = 0
    while len(written) < count:
        meta, paragraphs = articles[(len(written) - 1) % len(articles)]
        round_number = (len(written) - 1) // len(articles) + 1
        if round_number > 1:
            meta = {**meta, "title": f"{meta['title']} ({round_number})"}
        path = folder / f"{len(written):04d}.md"
        path.write_text(_front_matter(meta) + "\n\n".join(_escape(p) for p in paragraphs) + "\n", encoding="utf-8")
        written.append(path)
    return written


def write_uneven_articles(count: int, folder: Path) -> list[Path]:
    """``count`` articles of very uneven length, as a bulletin's features sit beside its
    briefs: runs of 8 long articles (the corpus's longest, each followed by the next
    one's paragraphs: 10,000 to 24,000 characters) between runs of 24 short ones (its
    shortest with three paragraphs or more: under 1,000 characters)."""
    folder.mkdir(parents=True, exist_ok=True)
    articles = [pair for pairs in zip(_vfnd_articles(), _baomoi_articles(), strict=False) for pair in pairs]
    by_length = sorted(articles, key=lambda pair: sum(len(p) for p in pair[1]))
    short = [pair for pair in by_length if len(pair[1]) >= 3][:60]
    long = by_length[-40:][::-1]
    if not short or len(long) < 2:
        raise ValueError("the corpus holds too few articles")
    written: list[Path] = []
    for number in range(count):
        round_number = number // 32 + 1
        if number % 32 < 8:
            index = (number // 32 * 8 + number % 32) % (len(long) - 1)
            meta, paragraphs = long[index][0], long[index][1] + long[index + 1][1]
        else:
            meta, paragraphs = short[(number // 32 * 24 + number % 32 - 8) % len(short)]
        meta = {**meta, "title": f"{meta['title']} ({round_number}.{number % 32 + 1})"}
        path = folder / f"{number + 1:04d}.md"
        path.write_text(_front_matter(meta) + "\n\n".join(_escape(p) for p in paragraphs) + "\n", encoding="utf-8")
        written.append(path)
    return written
