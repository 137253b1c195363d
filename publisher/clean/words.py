"""How many words a text holds, in scripts that set spaces between words and in those that
do not (Chinese, Japanese, Thai, Lao, Khmer, Burmese).

Counting by spaces makes a Chinese or Thai paragraph of two hundred words one to five
"words", and every rule that asks "is this a sentence? a headline? enough text?" refuses
it. Runs of those scripts are counted by their characters instead, at the average length
of a word in them: about two characters in Chinese and Japanese (Han and kana), about four
code points (vowel and tone marks included) in Thai, Lao, Khmer and Burmese.
"""

from __future__ import annotations

import re
from functools import lru_cache

_HAN_KANA = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_SOUTHEAST_ASIAN = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff"
_UNSPACED = re.compile(f"[{_HAN_KANA}{_SOUTHEAST_ASIAN}]")
_WORD = re.compile(r"\w+")
_WORD_OR_UNSPACED_CHARACTER = re.compile(f"[{_HAN_KANA}{_SOUTHEAST_ASIAN}]|(?:(?![{_HAN_KANA}{_SOUTHEAST_ASIAN}])\\w)+")
_HAN_KANA_RUN = re.compile(f"[{_HAN_KANA}]+")
_SOUTHEAST_ASIAN_RUN = re.compile(f"[{_SOUTHEAST_ASIAN}]+")
_HAN_KANA_WORD = 2
_SOUTHEAST_ASIAN_WORD = 4


@lru_cache(maxsize=16384)
def word_count(text: str) -> int:
    """Words in ``text``: its space-separated words, and runs of unspaced scripts counted
    as the words they hold."""
    if text.isascii() or not _UNSPACED.search(text):
        return len(text.split())
    spaced = _SOUTHEAST_ASIAN_RUN.sub(" ", _HAN_KANA_RUN.sub(" ", text))
    unspaced = sum(-(-len(run) // _HAN_KANA_WORD) for run in _HAN_KANA_RUN.findall(text))
    unspaced += sum(-(-len(run) // _SOUTHEAST_ASIAN_WORD) for run in _SOUTHEAST_ASIAN_RUN.findall(text))
    return len(spaced.split()) + unspaced


def comparison_words(text: str) -> list[str]:
    """``text``'s words, for comparing two texts word by word: each character of an
    unspaced script stands for itself (there is no space to find its words by), other
    words whole."""
    if text.isascii() or not _UNSPACED.search(text):
        return _WORD.findall(text)
    return _WORD_OR_UNSPACED_CHARACTER.findall(text)
