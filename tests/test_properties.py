"""Property-based: random Vietnamese-heavy articles, edge characters included, always give
an EPUB that EPUBCheck passes and a PDF, EPUB and HTML that hold every paragraph in order.

The example count is kept small so the suite stays fast; PUBLISHER_PROPERTY_EXAMPLES raises
it for a longer run (benchmarks/property_run.sh).
"""

from __future__ import annotations

import os
import unicodedata

from conftest import epubcheck_problems
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from publisher import Article, BuildOptions, Heading, Paragraph, article_to_markdown, build

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
LETTERS = VIETNAMESE + VIETNAMESE.upper()
EDGE = "“”‘’–—…«»&<>\"';:!?()[]*_#`\\|/%$@0123456789\u00a0\u200b\u00ad\ufeff\u0301\u0323😀漢\uf030\uf0b7✓\u202e\x07"

words = st.text(alphabet=LETTERS, min_size=1, max_size=9)
edge_words = st.text(alphabet=LETTERS + EDGE, min_size=1, max_size=6).filter(lambda w: any(c in LETTERS for c in w))
sentence = st.lists(st.one_of(words, words, words, edge_words), min_size=3, max_size=40).map(" ".join)
EXAMPLES = int(os.environ.get("PUBLISHER_PROPERTY_EXAMPLES", "2"))


@st.composite
def articles(draw):
    body = []
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        if draw(st.integers(min_value=0, max_value=4)) == 0:
            body.append(Heading(draw(st.lists(words, min_size=1, max_size=6).map(" ".join)).capitalize()))
        body.append(Paragraph(draw(sentence)))
    title = draw(st.lists(st.one_of(words, edge_words), min_size=1, max_size=10).map(" ".join))
    return Article(title=title, lead=draw(st.one_of(st.none(), sentence)), body=tuple(body), authors=(draw(words).capitalize(),))


# No "explain" phase: tracing every line of a failing build to explain it takes minutes.
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate, Phase.shrink],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(article=articles())
def test_random_articles_survive_every_format(article, tmp_path_factory):
    folder = tmp_path_factory.mktemp("prop")
    source = folder / "bai.md"
    source.write_text(article_to_markdown(article), encoding="utf-8")
    # --verify reads the PDF, the EPUB and the HTML back and fails on any missing paragraph
    results = build([source], folder / "out", BuildOptions(verify=True))
    epub = next(f.path for r in results for f in r.files if f.format == "epub")
    assert epubcheck_problems(epub) == []
    html = next(f.path for r in results for f in r.files if f.format == "html").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", html)
