"""TCVN3's capitals fonts: text typed in ``.VnTimeH`` (and every ``.Vn…H`` font) is stored
with the lower-case codes and shown in capitals, so it decodes as lower case. A saved page
says which font a run of text was set in; that text is put in capitals here, as the reader
saw it.

Read: ``<font face>``, an inline ``style``'s ``font-family``, and ``<style>`` rules whose
selector is one class, one tag, or a tag with one class. The first family named is the one
that was shown.
"""

from __future__ import annotations

import re

from lxml import etree

from publisher.ingest.pagelines import parse_html

_CAPITALS_FONT = re.compile(r"^\.Vn.*H$")  # .VnTimeH, .VnArialH, .VnBook-AntiquaH
_FONT_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)", re.IGNORECASE)
_FONT_SHORTHAND = re.compile(r"(?:^|[;{\s])font\s*:([^;}]+)", re.IGNORECASE)
_SHORTHAND_FAMILIES = re.compile(r"\d[\w.%]*(?:\s*/\s*[\w.%]+)?\s+(.+)$")  # after the size
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^([a-z][a-z0-9]*)?(?:\.([\w-]+))?$", re.IGNORECASE)


def show_capitals_fonts(markup: str) -> str:
    """``markup`` with the text it sets in a TCVN3 capitals font put in capitals."""
    try:
        root = parse_html(markup)
    except (etree.ParserError, ValueError):  # the page's own parse says what is wrong
        return markup
    rules = _style_rules(root)
    body = root.find("body")
    if not _walk(body if body is not None else root, False, rules):
        return markup
    return etree.tostring(root, encoding="unicode", method="html")


def _walk(element: etree._Element, capitals: bool, rules: dict[tuple[str, str], bool]) -> bool:
    """Put ``element``'s text in capitals where its font says so; whether any was."""
    tag = element.tag
    if not isinstance(tag, str):
        return False
    capitals = _declared(element, tag, rules, capitals)
    text = element.text
    changed = capitals and bool(text)
    if capitals and text:
        element.text = text.upper()
    for child in element:
        changed = _walk(child, capitals, rules) or changed
        if capitals and child.tail:
            child.tail = child.tail.upper()
            changed = True
    return changed


def _declared(element: etree._Element, tag: str, rules: dict[tuple[str, str], bool], inherited: bool) -> bool:
    """Whether ``element``'s text is shown in a capitals font: its own declaration (the most
    specific wins: inline style, then a <font> face, then a class rule, then a tag rule)."""
    family = _family(element.get("style") or "")
    if family is None and tag == "font":
        family = element.get("face")
    if family is not None:
        return _is_capitals(family)
    tag = tag.lower()
    for name in (element.get("class") or "").split():
        for key in ((tag, name), ("", name)):
            if key in rules:
                return rules[key]
    return rules.get((tag, ""), inherited)


def _family(declarations: str) -> str | None:
    match = _FONT_FAMILY.search(declarations)
    if match:
        return match.group(1)
    shorthand = _FONT_SHORTHAND.search(declarations)
    families = _SHORTHAND_FAMILIES.search(shorthand.group(1).strip()) if shorthand else None
    return families.group(1) if families else None


def _is_capitals(families: str) -> bool:
    first = families.split(",")[0].strip().strip("'\"").strip()
    return bool(_CAPITALS_FONT.match(first))


def _style_rules(root: etree._Element) -> dict[tuple[str, str], bool]:
    """(tag, class) -> capitals, from the page's <style> rules that name a font family."""
    rules: dict[tuple[str, str], bool] = {}
    for style in root.iter("style"):
        for selectors, declarations in _RULE.findall(style.text or ""):
            family = _family(declarations)
            if family is None:
                continue
            for selector in selectors.split(","):
                simple = _SIMPLE_SELECTOR.match(selector.strip())
                if simple and (simple.group(1) or simple.group(2)):
                    rules[((simple.group(1) or "").lower(), simple.group(2) or "")] = _is_capitals(family)
    return rules
