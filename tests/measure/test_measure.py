"""Tests for pipeline.measure: widths against the committed Carlito metrics."""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTS
from pipeline import measure
from pipeline.measure import (
    DEFAULT_INSET_LR,
    DEFAULT_INSET_TB,
    EMU_PER_PT,
    fit_font_size,
    largest_fitting_size,
    line_height,
    text_height,
    text_width,
    wrap,
)

ROOT = TESTS.parent
METRICS = ROOT / "templates" / "pptx" / "fonts" / "carlito-metrics.json"
INCH = 914400


@pytest.fixture(scope="module")
def raw():
    return json.loads(METRICS.read_text(encoding="utf-8"))


def advance(raw, style: str, ch: str) -> int:
    cp = ord(ch)
    for start, widths in raw["styles"][style]["ranges"]:
        if start <= cp < start + len(widths) and widths[cp - start] is not None:
            return widths[cp - start]
    raise KeyError(hex(cp))


# ---------------------------------------------------------------- metrics file
def test_metrics_header_matches_calibri_line_spacing(raw):
    assert raw["unitsPerEm"] == 2048
    assert raw["lineHeight"] == raw["ascender"] + raw["descender"] + raw["lineGap"]
    assert 1.21 < raw["lineHeight"] / raw["unitsPerEm"] < 1.23


def test_metrics_file_is_compact():
    assert METRICS.stat().st_size < 150_000


@pytest.mark.parametrize("style", ["regular", "bold", "italic", "bolditalic"])
def test_metrics_cover_the_deck_alphabets(raw, style):
    required = (
        "AZaz09 !?.,;:%&()[]/@#+-=*"
        "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ"  # Polish
        "åäöÅÄÖéüßÉÜ"  # Swedish, German, French
        "–—…’‘“”„«»•·€£$¥₴§©®™°±×÷"
        "\u00a0\u202f\u2009"  # NBSP, narrow NBSP, thin space
        "↑↓→←"
    ) + "".join(chr(c) for c in range(0x0410, 0x0450))  # Cyrillic А..я
    missing = []
    for ch in required:
        try:
            advance(raw, style, ch)
        except KeyError:
            missing.append(ch)
    assert missing == []


def test_committed_metrics_match_make_metrics(tmp_path):
    fonts = Path("/usr/share/fonts/truetype/crosextra")
    if importlib.util.find_spec("fontTools") is None or not (fonts / "Carlito-Regular.ttf").exists():
        pytest.skip("fontTools or the Carlito fonts are not installed (dev-only check)")
    out = tmp_path / "metrics.json"
    subprocess.run([sys.executable, str(ROOT / "templates/pptx/make_metrics.py"), str(fonts), str(out)], check=True, capture_output=True)
    assert out.read_bytes() == METRICS.read_bytes()


# ---------------------------------------------------------------- widths
def test_text_width_is_the_sum_of_advances(raw):
    text = "Hello, World"
    units = sum(advance(raw, "regular", ch) for ch in text)
    assert text_width(text, 18) == math.ceil(units * 18 * EMU_PER_PT / 2048)
    # Hand-computed: "Hello" = H 1276 + e 1019 + l 470 + l 470 + o 1080 = 4315
    # units; at 18 pt that is 4315 * 18 * 12700 / 2048 = 481645.02 EMU,
    # rounded up.
    assert sum(advance(raw, "regular", ch) for ch in "Hello") == 4315
    assert text_width("Hello", 18) == 481646
    assert text_width("Hello", 18, bold=True) == math.ceil((1292 + 1031 + 503 + 503 + 1101) * 18 * 12700 / 2048)


@pytest.mark.parametrize("bold,italic,style", [(False, False, "regular"), (True, False, "bold"), (False, True, "italic"), (True, True, "bolditalic")])
def test_text_width_uses_the_style(raw, bold, italic, style):
    text = "Zażółć gęślą jaźń — Съешь ещё"
    units = sum(advance(raw, style, ch) for ch in text)
    assert text_width(text, 24, bold=bold, italic=italic) == math.ceil(units * 24 * EMU_PER_PT / 2048)


def test_bold_is_wider_and_width_scales_with_size():
    text = "Quarterly business review"
    assert text_width(text, 18, bold=True) > text_width(text, 18)
    assert abs(text_width(text, 36) - 2 * text_width(text, 18)) <= 1
    assert text_width("", 18) == 0


def test_nbsp_is_as_wide_as_a_space_and_format_chars_are_free():
    assert text_width("a\u00a0b", 18) == text_width("a b", 18)
    assert text_width("ab\u00ad\u200b", 18) == text_width("ab", 18)


def test_unknown_characters_fall_back_to_the_average(raw):
    default = raw["styles"]["regular"]["default"]
    for ch in ("漢", "😀", "\U0010fffd"):
        assert text_width(ch, 20) == math.ceil(default * 20 * EMU_PER_PT / 2048)


def test_line_height_is_122_percent_of_the_size(raw):
    assert line_height(18) == round(18 * EMU_PER_PT * raw["lineHeight"] / raw["unitsPerEm"])
    assert line_height(10) == round(10 * 12700 * 2500 / 2048)


# ---------------------------------------------------------------- wrap
def test_wrap_is_greedy_and_every_line_fits():
    text = "Reduce onboarding time for new sites from six weeks to three weeks by standardising the rollout playbook"
    width = 3 * INCH
    lines = wrap(text, width, 18)
    assert len(lines) > 1
    assert " ".join(lines) == text
    for line, following in zip(lines, lines[1:]):
        assert text_width(line, 18) <= width
        # Greedy: the next word would not have fitted on this line.
        assert text_width(line + " " + following.split(" ")[0], 18) > width
    assert text_width(lines[-1], 18) <= width


def test_wrap_honours_newlines_and_keeps_empty_paragraphs():
    assert wrap("", INCH, 18) == [""]
    assert wrap("one\n\ntwo", 5 * INCH, 18) == ["one", "", "two"]
    assert wrap("one\r\ntwo", 5 * INCH, 18) == ["one", "two"]


def test_wrap_breaks_an_overlong_word_by_characters():
    word = "Donaudampfschifffahrtsgesellschaftskapitän"
    width = INCH
    lines = wrap(word, width, 18)
    assert len(lines) > 2
    assert "".join(lines) == word
    assert all(text_width(line, 18) <= width for line in lines)
    # A width narrower than one glyph still terminates: one character per line.
    assert wrap("abc", 1, 18) == ["a", "b", "c"]


def test_wrap_does_not_break_at_no_break_spaces_but_does_after_hyphens():
    amount = "10\u00a0000\u00a0zł"
    width = text_width("xx " + amount, 18) + 10
    lines = wrap("xx yy " + amount, width, 18)
    assert lines[-1] == amount
    lines = wrap("long-term customer-success", text_width("long-term customer-", 18), 18)
    assert lines == ["long-term customer-", "success"]
    # A word joiner after the hyphen (view.common.keep_together) forbids that break.
    assert wrap("xx 3-\u2060й", text_width("xx 3-", 18), 18) == ["xx", "3-\u2060й"]


def test_wrap_trailing_spaces_do_not_force_a_break():
    width = text_width("alpha beta", 18)
    assert wrap("alpha beta   ", width, 18) == ["alpha beta"]


# ---------------------------------------------------------------- height & fit
def test_text_height_counts_lines_insets_and_spacing():
    lh = line_height(18)
    assert text_height(["one line"], 5 * INCH, 18) == lh + 2 * DEFAULT_INSET_TB
    assert text_height("a\nb", 5 * INCH, 18) == 2 * lh + 2 * DEFAULT_INSET_TB
    assert text_height(["x", "y", "z"], 5 * INCH, 18, inset_top=0, inset_bottom=0, space_before_pt=6) == 3 * lh + 2 * 6 * EMU_PER_PT
    assert text_height(["x"], 5 * INCH, 18, inset_top=0, inset_bottom=0, line_spacing=1.5) == round(1.5 * lh)


def test_text_height_subtracts_side_insets_and_indent_before_wrapping():
    text = "alpha beta"
    exact = text_width(text, 18) + 2 * DEFAULT_INSET_LR
    one = line_height(18) + 2 * DEFAULT_INSET_TB
    assert text_height([text], exact, 18) == one
    assert text_height([text], exact - 1, 18) > one
    assert text_height([text], exact, 18, indent_emu=228600) > one
    assert text_height([text], exact - 2 * DEFAULT_INSET_LR, 18, inset_left=0, inset_right=0) == one


PARAS = [
    "Increase weekly active users to 80% of licensed seats by the end of Q3",
    "Reduce time to first value from six weeks to three weeks",
    "Hold quarterly executive business reviews with measurable KPIs",
    "Zażółć gęślą jaźń — Ärger över åäö, Съешь же ещё этих мягких булок",
]


def test_fit_font_size_returns_max_when_there_is_room_and_none_when_impossible():
    assert fit_font_size(PARAS, 12 * INCH, 7 * INCH, 18, 10) == 18
    assert fit_font_size(PARAS, 2 * INCH, INCH, 18, 10) is None
    assert fit_font_size([], 2 * INCH, INCH, 18, 10) == 18


def test_fit_font_size_is_the_largest_size_that_fits():
    width, height = 5 * INCH, 3 * INCH
    size = fit_font_size(PARAS, width, height, 28, 8)
    assert size is not None and 8 <= size < 28
    assert text_height(PARAS, width, size) <= height
    assert text_height(PARAS, width, size + 0.5) > height
    assert size * 2 == int(size * 2)  # on the 0.5 pt grid


@pytest.mark.parametrize("dimension", ["width", "height"])
def test_fit_font_size_is_monotonic_in_the_box(dimension):
    sizes = []
    for step in range(1, 40):
        grow = step * INCH // 8
        width = 2 * INCH + (grow if dimension == "width" else 0)
        height = INCH + (grow if dimension == "height" else 0)
        sizes.append(fit_font_size(PARAS, width, height, 32, 6) or 0)
    assert sizes == sorted(sizes)
    assert sizes[0] < sizes[-1]


def test_fit_font_size_honours_min_and_odd_bounds():
    assert fit_font_size("x", INCH, 10**7, 17.3, 10.2) == 17.3
    # Nothing between min and max fits → None, never a size below min_pt.
    tiny = line_height(10) + 2 * DEFAULT_INSET_TB - 1
    assert fit_font_size("x", INCH, tiny, 14, 10) is None
    assert fit_font_size("x", INCH, tiny + 1, 14, 10) == 10


def test_largest_fitting_size_tries_max_then_the_grid_then_min():
    tried = []
    assert largest_fitting_size(17.3, 10.2, lambda size: tried.append(size) or False) is None
    assert tried == [17.3, *(17 - k / 2 for k in range(14)), 10.2]
    assert largest_fitting_size(18, 11, lambda size: size <= 12.4) == 12.0


def test_metrics_are_loaded_once():
    measure.use_font("Calibri")
    measure._carlito.cache_clear()
    measure._ACTIVE["metrics"] = None  # as a fresh process starts
    text_width("a", 10)
    text_width("b", 12)
    assert measure._carlito.cache_info().misses == 1


# ----------------------------------------------------------------- column widths

from pipeline.measure import Paragraph, column_needs, column_widths, text_width  # noqa: E402

INSET = 2 * 91440


def words_fit(columns, widths, size, headers=None):
    """Return the (column, word) pairs wider than their column's text width (none when every word fits)."""
    bad = []
    for c, cells in enumerate(columns):
        for cell in list(cells) + ([headers[c]] if headers else []):
            for p in cell:
                runs = p.runs if isinstance(p, Paragraph) else ((p, False, False),)
                for text, bold, italic in runs:
                    for word in text.split():
                        if text_width(word, size, bold, italic) > widths[c] - INSET:
                            bad.append((c, word))
    return bad


def test_column_widths_fit_every_word_and_add_up_to_the_total():
    columns = [[["Kommunikationsavdelningen"], ["IT"]],
               [["A long sentence of ordinary words that wraps over several lines in any column " * 3]] * 2,
               [["1 250 000\u00a0SEK/kvartal"], ["—"]]]
    total = 7 * 914400
    widths = column_widths(columns, total, 10)
    assert sum(widths) == total
    assert not words_fit(columns, widths, 10)
    # The rest goes where the text is longest.
    assert widths[1] == max(widths)


def test_a_header_word_sets_a_minimum_but_a_long_header_does_not_widen_its_column():
    columns = [[["R"], ["A"]], [["Long body text " * 20]]]
    headers = [[Paragraph((("Architect and more header words", True, False),))], [Paragraph((("Notes", True, False),))]]
    widths = column_widths(columns, 6 * 914400, 10, headers=headers)
    assert not words_fit(columns, widths, 10, headers)
    assert widths[0] < text_width("Architect and more header words", 10, bold=True)


def test_column_widths_is_none_when_the_longest_words_cannot_sit_side_by_side():
    columns = [[["Informationssäkerhetschef"]] for _ in range(8)]
    assert column_widths(columns, 6 * 914400, 12) is None
    assert column_widths(columns, 20 * 914400, 12) is not None


def test_columns_that_never_wrap_share_the_spare_width_by_their_natural_widths():
    columns = [[["short"]], [["a little longer text"]]]
    needs = column_needs(columns, 12)
    widths = column_widths(columns, 10 * 914400, 12)
    assert sum(widths) == 10 * 914400
    assert widths[1] > widths[0] and all(w >= n.natural for w, n in zip(widths, needs))


def test_column_widths_are_deterministic_and_measure_runs_in_their_style():
    bold = [[[Paragraph((("Wide", False, False), ("BOLDWORD", True, False)))]], [["x " * 200]]]
    plain = [[[Paragraph((("Wide", False, False), ("BOLDWORD", False, False)))]], [["x " * 200]]]
    assert column_needs(bold, 12)[0].minimum > column_needs(plain, 12)[0].minimum
    assert column_widths(bold, 8 * 914400, 12) == column_widths(bold, 8 * 914400, 12)
    assert measure._carlito.cache_info().misses == 1


def test_a_font_beside_the_template_is_measured_from_its_file_and_cached_by_hash(tmp_path, monkeypatch):
    import shutil

    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not dejavu.exists():
        pytest.skip("fonts-dejavu-core is not installed")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copyfile(dejavu, fonts / "any-name.ttf")
    measure.choose_font.cache_clear()
    choice = measure.choose_font("DejaVu Sans", str(fonts))
    assert choice.found and choice.files == (("regular", str(fonts / "any-name.ttf")),)
    try:
        measure.use_font("DejaVu Sans", fonts)
        wide = text_width("Ärende Рубль Złoty", 18)
        assert len(list((tmp_path / "cache" / "csplan" / "font-metrics").glob("*.json"))) == 1
    finally:
        measure.use_font("Calibri")
        measure.choose_font.cache_clear()
    assert wide > text_width("Ärende Рубль Złoty", 18)
    assert measure.font_warning(choice, "fonts") is None
