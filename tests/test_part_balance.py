"""A large PDF's parts are cut by their expected layout work, within the article bounds,
and the cuts depend on the publication alone."""

from __future__ import annotations

from pathlib import Path

from publisher.model import Article, Figure, Paragraph
from publisher.render.context import ArticleView
from publisher.writers.parts.plan import PartPlan, cut, layout_work


def view(number: int, characters: int, figures: int = 0) -> ArticleView:
    body = (Paragraph("chữ " * (characters // 4)), *(Figure(caption="", image=Path("a.png")) for _ in range(figures)))
    return ArticleView(article=Article(title=f"Bài {number}", body=body), number=number, anchor=f"a{number}",
                       chapter_file="", blocks=())


def test_uneven_articles_are_cut_where_the_work_balances():
    # Runs of 8 long features between runs of 24 short briefs, as benchmarks/corpus.py makes them.
    articles = [view(i, 16_000 if i % 32 < 8 else 700) for i in range(100)]
    plan = PartPlan()
    parts = cut(articles, plan)
    assert [a for part in parts for a in part] == articles and len(parts) == 8  # as many as by count
    work = [sum(layout_work(a) for a in part) for part in parts]
    average = sum(work) / len(articles)
    assert all(len(part) <= plan.max_articles for part in parts)
    # Fewer articles than the minimum only where they are long ones.
    assert all(len(part) >= plan.min_articles or total >= plan.min_articles * average for part, total in zip(parts, work, strict=True))
    assert min(len(part) for part in parts) < plan.min_articles
    by_count = [sum(layout_work(a) for a in articles[i * 100 // 8:(i + 1) * 100 // 8]) for i in range(8)]
    assert max(work) < 0.75 * max(by_count)
    assert max(work) / min(work) < 1.6
    assert cut(articles, plan) == parts  # a function of the publication alone


def test_figures_count_as_work_and_tight_bounds_keep_the_count_cut():
    assert layout_work(view(1, 1000, figures=2)) > layout_work(view(1, 1000)) + 2000
    articles = [view(i, 10_000 if i < 3 else 500) for i in range(10)]
    tight = PartPlan(threshold=4, min_articles=2, max_articles=2, target_parts=8)
    assert [len(part) for part in cut(articles, tight)] == [2] * 5
