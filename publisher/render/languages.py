"""What a BCP 47 language tag says about how its text is set: its direction."""

from __future__ import annotations

# Languages written right to left in their usual script.
_RIGHT_TO_LEFT_LANGUAGES = frozenset({
    "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "nqo", "prs", "ps", "sd", "syr", "ug", "ur", "yi",
})
# Scripts written right to left, when a tag names its script (az-Arab, pa-Arab).
_RIGHT_TO_LEFT_SCRIPTS = frozenset({"adlm", "arab", "hebr", "mand", "nkoo", "rohg", "samr", "syrc", "thaa"})
_LEFT_TO_RIGHT_SCRIPTS = frozenset({"latn", "cyrl"})


def text_direction(language: str) -> str:
    """``rtl`` for a language written right to left (ar, he, fa, ur, az-Arab), else ``ltr``."""
    subtags = language.strip().lower().replace("_", "-").split("-")
    script = next((tag for tag in subtags[1:] if len(tag) == 4 and tag.isalpha()), None)
    if script in _RIGHT_TO_LEFT_SCRIPTS:
        return "rtl"
    if script in _LEFT_TO_RIGHT_SCRIPTS:
        return "ltr"
    return "rtl" if subtags[0] in _RIGHT_TO_LEFT_LANGUAGES else "ltr"
