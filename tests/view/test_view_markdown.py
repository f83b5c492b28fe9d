"""``pipeline.view.markdown``: Markdown prose → paragraphs of runs, for every renderer.

Bold and italic become run styles, lists keep their nesting and numbering,
only http/https/mailto targets become links, and raw HTML is kept as the
literal text the author typed (never dropped, never interpreted).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.view import Formatter, Para, Run, markdown


def runs(text: str) -> list[Run]:
    return [r for p in markdown(text) for r in p.runs]


def test_plain_paragraphs_stay_separate_and_soft_breaks_become_spaces():
    paras = markdown("first line\nsame paragraph\n\nsecond paragraph")
    assert [p.text for p in paras] == ["first line same paragraph", "second paragraph"]
    assert all(p.kind is None and p.level == 0 for p in paras)


def test_bold_italic_and_both():
    assert runs("a **b** _c_ *d* __e__ ***f***") == [
        Run("a "), Run("b", bold=True), Run(" "), Run("c", italic=True), Run(" "), Run("d", italic=True),
        Run(" "), Run("e", bold=True), Run(" "), Run("f", bold=True, italic=True)]


def test_bold_inside_italic_keeps_both_styles():
    assert runs("_x **y** z_") == [Run("x ", italic=True), Run("y", bold=True, italic=True), Run(" z", italic=True)]


def test_nested_bullet_and_numbered_lists():
    text = "- one\n  - one.a\n    1. deep\n    2. deeper\n- two\n"
    paras = markdown(text)
    assert [(p.text, p.level, p.kind) for p in paras] == [
        ("one", 0, "bullet"), ("one.a", 1, "bullet"), ("deep", 2, "number"), ("deeper", 2, "number"),
        ("two", 0, "bullet")]
    assert [p.number for p in paras if p.kind == "number"] == [1, 2]


def test_numbered_list_keeps_its_start_number():
    paras = markdown("3. third\n4. fourth\n   - inside\n5. fifth")
    assert [(p.text, p.kind, p.number, p.level) for p in paras] == [
        ("third", "number", 3, 0), ("fourth", "number", 4, 0), ("inside", "bullet", 1, 1),
        ("fifth", "number", 5, 0)]


def test_list_item_continuation_paragraph_is_indented_not_numbered():
    paras = markdown("1. item\n\n   more about the item\n2. next")
    assert [(p.text, p.kind) for p in paras] == [("item", "number"), ("more about the item", None),
                                                 ("next", "number")]
    assert paras[1].level == 1


@pytest.mark.parametrize("href", ["https://example.com/a?b=1", "http://example.com", "mailto:cs@example.com"])
def test_safe_links_become_run_links(href):
    assert runs(f"see [the page]({href}) now") == [Run("see "), Run("the page", link=href), Run(" now")]


def test_bold_link_keeps_bold_and_link():
    assert runs("[**Webex**](https://webex.com)") == [Run("Webex", bold=True, link="https://webex.com")]


@pytest.mark.parametrize("href", ["javascript:alert(1)", "JavaScript:alert(1)", "../relative/page.html",
                                  "page.html", "#anchor", "file:///etc/passwd", "data:text/html,x",
                                  "vbscript:msgbox"])
def test_unsafe_and_relative_links_are_not_links_but_keep_their_text(href):
    got = runs(f"click [here]({href}) please")
    assert all(r.link is None for r in got), got
    text = "".join(r.text for r in got)
    assert "here" in text and text.startswith("click ") and text.endswith(" please")


@pytest.mark.parametrize("html", ["<b>x</b>", "<script>alert('x')</script>", "<img src=x onerror=alert(1)>",
                                  "<!-- hidden -->", "<a href=\"javascript:x\">y</a>"])
def test_inline_raw_html_is_literal_text(html):
    got = runs(f"before {html} after")
    assert "".join(r.text for r in got) == f"before {html} after"
    assert all(r.link is None and not r.bold for r in got)


def test_block_raw_html_is_literal_text_not_dropped():
    paras = markdown("<script>\nalert(1)\n</script>\n\n<div>\n**x**\n</div>")
    text = " ".join(p.text for p in paras)
    assert "<script>" in text and "alert(1)" in text and "</script>" in text
    assert "<div>" in text and "</div>" in text and "x" in text


def test_code_is_kept_as_text():
    assert "".join(r.text for r in runs("run `csplan build acme` now")) == "run csplan build acme now"
    assert [p.text for p in markdown("```\nline 1\nline 2\n```")] == ["line 1", "line 2"]


def test_empty_text_gives_no_paragraphs():
    assert markdown("") == []
    assert markdown("   \n\n") == []


def test_para_text_joins_runs():
    assert Para((Run("a", bold=True), Run("b"))).text == "ab"


# -------------------------------------------------------------- money (view formatting)


@pytest.mark.parametrize(("locale", "amount", "expected"), [
    ("en", "2280000", "PLN\u00a02,280,000"),  # CLDR currencySpacing: a no-break space
    ("pl", "2280000", "2\u00a0280\u00a0000\u00a0zł"),
    ("en", "1234.5", "PLN\u00a01,234.50"),
    ("pl", "1234.5", "1234,50\u00a0zł"),  # CLDR: Polish groups from five digits
    ("pl", "12345.5", "12\u00a0345,50\u00a0zł"),
])
def test_money_whole_amounts_have_no_decimals(locale, amount, expected):
    assert Formatter(locale).money(Decimal(amount), "PLN") == expected
