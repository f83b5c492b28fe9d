"""Helpers shared by the deck views: quarters, chart scales, change arrows and no-break spaces.

The plan-wide helpers (texts, names, statuses, enum labels, speaker notes)
live on :class:`pipeline.view.cs_plan.PlanView`, which the other deck views
extend.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterable

from pipeline.model.health import quarter_start

PERCENT_FORMAT = "0%"
NUMBER_FORMAT = "#,##0.##"
UP, DOWN, SAME = "↑", "↓", "→"
NBSP = "\u00a0"


def nbsp(text: str) -> str:
    """Return ``text`` with its plain spaces made no-break: a date, a quarter, a personal name, a number with its unit.

    Babel's own narrow no-break spaces (U+202F, as in "2027 г.") are kept as they are.
    """
    return text.replace(" ", NBSP)


WORD_JOINER = "\u2060"
# A number's short hyphenated suffix: the Russian ordinal of a quarter ("3-й кв."), "1-го", "2-я".
_HYPHENATED_ORDINAL = re.compile(r"(?<![\w-])(\d{1,2})-(\w{1,3})(?![\w-])")


def keep_together(text: str) -> str:
    """Return ``text`` made one unbreakable unit: no-break spaces, and no break after a short ordinal's hyphen.

    Line breaking (PowerPoint's, LibreOffice's, measure.wrap's) may break after any hyphen, so a title ends
    "…бизнес-обзор 3-" with "й кв." on the next line. U+2011 (non-breaking hyphen) would say so, but
    Carlito, the default template's font, has no glyph for it (a fallback font would draw it); a word
    joiner after the plain hyphen takes no room, needs no glyph and forbids that break (Unicode line
    breaking, rule LB11), so the line breaks before "3-й".
    """
    return _HYPHENATED_ORDINAL.sub(lambda m: f"{m.group(1)}-{WORD_JOINER}{m.group(2)}", nbsp(text))


# A URL typed bare in prose (commonmark links only <…> autolinks and [text](url)).
BARE_URL = re.compile(r"(?<![\w/(<\[])https?://[^\s<>\[\]()\"']+[^\s<>\[\]()\"'.,;:!?]")
SHORT_URL = 32  # characters of a URL's short form, at most: a host and a short path fit a table cell's line


def short_url(url: str) -> str:
    """Return the short form a slide shows for a bare URL: host and path, or the host alone when that is long.

    "https://www.webex.com/products/calling.html" → "webex.com/products/calling.html";
    a longer one → "cisco.com/…". The full address stays the hyperlink's target.
    """
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    host = parts.netloc.lower().removeprefix("www.")
    if not host:
        return url
    path = parts.path.rstrip("/")
    for index in ("/index.html", "/index.htm"):
        path = path.removesuffix(index)
    short = host + path
    return short if len(short) <= SHORT_URL or not path else f"{host}/…"


def quarter_label(locale: str, period: str) -> str:
    """Return a quarter such as 2026-Q3 in the locale's CLDR words: Q3 2026, III kw. 2026, K3 2026."""
    from babel.dates import format_skeleton

    from pipeline.i18n import format_locale

    return keep_together(format_skeleton("yQQQ", quarter_start(period), locale=format_locale(locale)))


# Windows language ids of the output locales: an Excel number format's [$-LCID] prefix makes PowerPoint and
# LibreOffice name the months in the deck's language, whatever the viewer's own settings.
_LCID = {"en": "409", "pl": "415", "ru": "419", "sv": "41D"}
_CLDR_FIELD = re.compile(r"'([^']*)'|(y+|M+|L+|d+)|(.)")


def date_axis_format(locale: str) -> str:
    """Return the Excel number format of a time axis's labels: the locale's month and year (Mar 2027, mar 2027).

    The chart application writes the labels from this code, so the view gives
    the code rather than text; CLDR's "yMMM" is the month as the tables abbreviate it.
    """
    from babel import Locale

    from pipeline.i18n import format_locale

    loc = format_locale(locale)
    pattern = Locale.parse(loc).datetime_skeletons["yMMM"].pattern
    out = []
    for quoted, field, other in _CLDR_FIELD.findall(pattern):
        if field:
            n = len(field)
            out.append("yyyy" if field[0] == "y" else "d" * min(n, 2) if field[0] == "d" else "m" * min(n, 4))
        else:
            # Every literal character escaped ("." alone is the decimal point; python-pptx writes the code into
            # an XML attribute unescaped, so no quotes); spaces no-break, like the tables' dates.
            out.extend("\\" + ch for ch in nbsp(quoted or other))
    return f"[$-{_LCID.get(loc.split('_')[0], '409')}]" + "".join(out)


# The CLDR units whose words follow a number in a plan's prose ("45 seconds", "2 godziny", "20 секунд");
# issue 18's CLDR units (babel.units.format_unit) add theirs to the same list.
UNIT_WORDS_FROM = ("duration-year", "duration-quarter", "duration-month", "duration-week", "duration-day",
                   "duration-hour", "duration-minute", "duration-second", "duration-millisecond",
                   "digital-megabyte", "digital-gigabyte", "digital-terabyte")
# A number as prose writes it: 118,000 / 16.8 / 3,5 / 118 000 (groups of three after a space).
_NUMBER = r"(?<![\w.,])[-−+]?\d+(?:[.,]\d+|[ \u00a0\u202f]\d{3}(?!\d))*"


@lru_cache(maxsize=8)
def unit_words(locale: str) -> frozenset[str]:
    """Return the words a number keeps beside it in ``locale``: CLDR unit and multiplier words, currencies, %."""
    from babel import Locale
    from babel.numbers import format_compact_decimal
    from babel.units import format_unit

    from pipeline.i18n import format_locale

    loc = Locale.parse(format_locale(locale))
    words = {"%"}
    # Every plural form: 1, 2, 5, 1.5, 21 and 22 pick one, few, many and other in en, pl, ru and sv.
    counts = (1, 2, 5, 1.5, 21, 22)
    samples = [format_unit(n, unit, length, locale=loc)
               for unit in UNIT_WORDS_FROM for length in ("long", "short") for n in counts]
    samples += [format_compact_decimal(n * 10 ** e, locale=loc) for e in (3, 6, 9) for n in counts]
    for text in samples:
        word = re.sub(r"^[\d.,\s\u00a0\u202f]+", "", text).strip()
        # One letter ("s", "k", "с") is too often a word of its own ("с" is "with" in Russian).
        if word != text and len(word) > 1 and " " not in word:
            words.add(word)
    words.update(Locale.parse("en").currencies)  # ISO codes: PLN, SEK, KZT
    words.update(sym for sym in loc.currency_symbols.values() if not sym.isupper() and sym != "¤")
    return frozenset(words)


@lru_cache(maxsize=8)
def month_words(locale: str) -> frozenset[str]:
    """Return the locale's month names, wide and abbreviated, as dates in prose write them ("March", "marca", "мар.")."""
    from babel import Locale

    from pipeline.i18n import format_locale

    months = Locale.parse(format_locale(locale)).months
    return frozenset(name for context in ("format", "stand-alone") for width in ("wide", "abbreviated")
                     for name in months[context][width].values())


def _alternatives(words: Iterable[str]) -> str:
    """Return a regex alternation of ``words``, longest first so "minutes" wins over "min"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=16)
def _glue_pattern(locales: tuple[str, ...]) -> re.Pattern:
    """Return the pattern of what prose keeps on one line in ``locales``: a number and its units, a date, a quarter."""
    units = _alternatives(w for loc in locales for w in unit_words(loc))
    months = _alternatives(w for loc in locales for w in month_words(loc))
    end = r"(?![\w])"
    # Spaces, or one line break of a wrapped YAML text (Markdown reads it as a space).
    sp = r"(?: +\n? *|\n *)"
    year = rf"{sp}\d{{4}}{end}(?:{sp}(?:{units}){end})?"  # 2027, 2027 г., 2027 roku
    return re.compile("|".join((
        rf"{_NUMBER}(?:{sp}(?:{units}){end})+",  # 45 seconds, 118,000 PLN, 3 mln zł
        rf"(?<!\w)\d{{1,2}}\.?{sp}(?:{months}){end}(?:{year})?",  # 31 March 2027, 31 мар. 2027
        rf"(?<!\w)(?:{months}){sp}\d{{1,2}},{year}",  # Mar 31, 2027
        rf"(?<!\w)(?:{months}){year}",  # March 2027
        rf"(?<!\w)[QK][1-4]{year}",  # Q3 2026, K3 2026
    )))


_SPACES = re.compile(r"[ \n]+")


def unit_spaces(text: str, *locales: str) -> list[str]:
    """Return each number with its unit, date or quarter in ``text`` that a plain space breaks (what the lint reports)."""
    return [m.group(0) for m in _glue_pattern(tuple(sorted(set(locales)))).finditer(text)
            if " " in m.group(0) or "\n" in m.group(0)]


def glue_units(text: str, *locales: str) -> str:
    """Return prose with no-break spaces in each number and unit ("45 seconds", "118,000 PLN"), date and quarter."""
    if not any(ch.isdigit() for ch in text):
        return text
    return _glue_pattern(tuple(sorted(set(locales)))).sub(lambda m: _SPACES.sub(NBSP, m.group(0)), text)


def chart_scale(unit: str) -> tuple[Callable[[Decimal | None], float | None], str]:
    """Return how a KPI's values go into a chart and the chart's number format.

    A percentage is stored as its fraction so the "0%" format shows 61 as 61 %.
    """
    if unit.strip() == "%":
        # Divide the Decimal, not the float: 3.6 / 100 must be 0.036, not 0.036000000000000004.
        return (lambda v: None if v is None else float(Decimal(v) / 100)), PERCENT_FORMAT
    return (lambda v: None if v is None else float(v)), NUMBER_FORMAT


# A rating unit such as "score 1-5", "ocena 1–5", "балл 1-5".
_RATING = re.compile(r"(?<![\d.,])1\s*[-–]\s*5(?![\d.,])")


# Windows language ids (LCIDs) of the output locales: a format code prefixed with [$-415] shows its
# separators the Polish way in LibreOffice (and its month names in PowerPoint and Excel).
LCIDS = {"en": "409", "pl": "415", "ru": "419", "sv": "41D"}


def chart_format(code: str, locale: str, values: Iterable[float] = ()) -> str:
    """Return a chart's invariant number format ``code`` in ``locale``: its language, grouping and percent sign.

    Format codes always write "," and "." for the group and decimal
    separators; the [$-LCID] prefix makes the application show the locale's.
    Where CLDR leaves four-digit numbers ungrouped (Polish), a number format
    groups only from 10 000, by condition when no value is negative.
    """
    from babel import Locale

    from pipeline.i18n import format_locale
    from pipeline.view import min_grouping_digits

    cldr = format_locale(locale)
    lcid = LCIDS.get(cldr.split("_")[0].split("-")[0])
    body = code
    if code == PERCENT_FORMAT:
        # The locale's percent pattern, e.g. "#,##0 %" in Swedish (a no-break space before the sign).
        pattern = Locale.parse(cldr).percent_formats[None].pattern.split(";")[0]
        body = pattern.replace("#,##0", "0").replace("#", "")
    elif code == NUMBER_FORMAT and min_grouping_digits(cldr) > 1:
        values = [v for v in values if v is not None]
        least = 10 ** (2 + min_grouping_digits(cldr))
        if all(abs(v) < least for v in values):
            body = "0.##"
        elif all(v >= 0 for v in values):
            body = f"[>={least}]#,##0.##;0.##"
    return f"[$-{lcid}]{body}" if lcid and code != "General" else body


def describe(slides, _, f) -> None:
    """Give every chart of ``slides`` an alternative text in words, from its data."""
    for s in slides:
        for c in s.charts:
            c.description = chart_description(_, f, c)


def chart_description(_, f, chart) -> str:
    """Return what ``chart`` shows, e.g. "Line chart: Readings over time. Reading: 145 (Jun 30, 2025) to 54 (…)"."""
    kinds = {
        # TRANSLATORS: alternative text of a chart (read by screen readers): the kind of chart.
        "line": _("Line chart"), "bar": _("Bar chart"), "column": _("Column chart"),
        "stacked": _("Stacked column chart"), "doughnut": _("Doughnut chart"),
    }
    if chart.empty:
        return _("{kind}: {title}. {details}", kind=kinds.get(chart.kind, chart.kind), title=chart.title,
                 details=chart.empty_text)

    def value(v: float) -> str:
        if chart.number_format == PERCENT_FORMAT:
            return f.percent(Decimal(str(v)) * 100)
        return f.number(Decimal(str(v)).normalize() if v != int(v) else int(v))

    def category(c) -> str:
        # A time axis's categories are dates (the chart spaces them by the days between): said as in the tables.
        return f.date(c) if isinstance(c, date) else c

    parts = []
    for series in chart.series[:4]:
        points = [(category(c), v) for c, v in zip(chart.categories, series.values) if v is not None]
        if not points:
            continue
        if len(points) <= 6:
            # TRANSLATORS: alternative text of a chart: one category's value, e.g. "Baseline 145".
            values = ", ".join(_("{category} {value}", category=c, value=value(v)) for c, v in points)
            parts.append(_("{series}: {values}", series=series.name, values=values))
        else:
            (c0, v0), (c1, v1) = points[0], points[-1]
            # TRANSLATORS: alternative text of a chart: a series from its first to its last value.
            parts.append(_("{series}: from {first} ({start}) to {last} ({end})", series=series.name,
                           first=value(v0), start=c0, last=value(v1), end=c1))
    # TRANSLATORS: alternative text of a chart, e.g. "Line chart: Readings over time. Reading: …; Target: …".
    return _("{kind}: {title}. {details}", kind=kinds.get(chart.kind, chart.kind), title=chart.title,
             details="; ".join(parts))


# Alternative text of a drawn visual: its texts in reading order, up to about this many characters.
VISUAL_ALT_CHARS = 400


def visual_text(visual) -> str:
    """Return the texts of a drawn visual (tiles, cards, bars, people…) joined for a screen reader."""
    import dataclasses

    texts: list[str] = []

    def walk(value, name: str = "") -> None:
        if name in ("status", "direction"):
            return  # codes (on_track, down): their words are the chip's label and the change's text
        if dataclasses.is_dataclass(value):
            for fld in dataclasses.fields(value):
                walk(getattr(value, fld.name), fld.name)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item, name)
        elif isinstance(value, str) and value.strip() and value.strip() not in texts:
            texts.append(value.strip())

    walk(visual)
    out = ""
    for t in texts:
        piece = (out + "; " if out else "") + t.replace("\n", " ")
        if len(piece) > VISUAL_ALT_CHARS:
            return out + " …"
        out = piece
    return out


def localize_charts(slides, locale: str) -> None:
    """Give every chart of ``slides`` its number format in ``locale`` (separators, grouping, percent sign)."""
    for s in slides:
        for c in s.charts:
            values = [v for series in c.series for v in series.values if v is not None]
            axis = [x for x in (c.minimum, c.maximum) if x is not None]
            c.number_format = chart_format(c.number_format, locale, values + axis)
            if c.axis_format:
                c.axis_format = chart_format(c.axis_format, locale, axis or values)


def chart_range(unit: str) -> tuple[float | None, float | None]:
    """Return the value axis's range a unit calls for: 0–100 % (as fractions), a 1–5 rating 1–5, else open."""
    if unit.strip() == "%":
        return 0.0, 1.0
    if _RATING.search(unit):
        return 1.0, 5.0
    return None, None


def _nice(v: float) -> float:
    """Return the round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) at or above ``v`` > 0."""
    step = 10.0 ** math.floor(math.log10(v))
    return next(m * step for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * step >= v * (1 - 1e-12))


def fit_range(chart, unit: str) -> None:
    """Set ``chart``'s value axis range from the unit, widened to every value; bars and columns start at 0."""
    lo, hi = chart_range(unit)
    values = [v for s in chart.series for v in s.values if v is not None]
    if values and lo is not None and min(values) < lo:
        lo = None
    if values and hi is not None and max(values) > hi:
        hi = None
    if chart.kind in ("bar", "column", "stacked") and (not values or min(values) >= 0):
        lo = 0.0
    chart.minimum, chart.maximum = lo, hi


def share_scale(charts: Iterable, units: Iterable[str]) -> None:
    """Give charts that sit side by side with the same unit one value range: the widest, open ends made round."""
    groups: dict[str, list] = {}
    for c, u in zip(charts, units):
        if not c.empty:
            groups.setdefault(u.strip(), []).append(c)
    for group in groups.values():
        _share(group)


def _share(charts: list) -> None:
    if len(charts) < 2:
        return
    values = [v for c in charts for s in c.series for v in s.values if v is not None]
    if not values:
        return
    los = [c.minimum for c in charts]
    his = [c.maximum for c in charts]
    low, high = min(values), max(values)
    lo = min(x for x in los if x is not None) if all(x is not None for x in los) else \
        (0.0 if low >= 0 else -_nice(-low))
    hi = max(x for x in his if x is not None) if all(x is not None for x in his) else \
        (_nice(high) if high > 0 else 0.0)
    if hi <= lo:
        return
    for c in charts:
        c.minimum, c.maximum = lo, hi


def change(delta: Decimal | None, better: int = 0) -> tuple[str, str | None]:
    """Return the arrow of a change and its RAG colour.

    ``better`` is +1 when a rise is good, -1 when a fall is, 0 when neither:
    a change towards the good side is green, away from it red.
    """
    if delta is None:
        return "", None
    if delta == 0:
        return SAME, None
    arrow = UP if delta > 0 else DOWN
    if not better:
        return arrow, None
    return arrow, "green" if (delta > 0) == (better > 0) else "red"


def rounded(value: Decimal, places: str = "0.1") -> Decimal:
    """Return ``value`` rounded half up for display (scores keep their exact value)."""
    from decimal import ROUND_HALF_UP

    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


# English writes "an" before a vowel *sound*: letters mislead both ways ("a user", "an hour"),
# and initialisms are read letter by letter ("an HR partner", "a UX designer").
_AN_BEFORE = ("hour", "honest", "honou", "heir")
_A_BEFORE = ("uni", "use", "usu", "uti", "ura", "eu", "one", "once", "ewe")
_VOWEL_SOUND_LETTERS = "AEFHILMNORSX"


def needs_an(text: str) -> bool:
    """Return True when English writes "an" (not "a") before ``text``."""
    words = text.split()
    if not words:
        return False
    first = words[0].strip("\"'“”‘’([")
    if len(first) > 1 and first.isalpha() and first.isupper():
        return first[0] in _VOWEL_SOUND_LETTERS
    low = first.lower()
    if low.startswith(_AN_BEFORE):
        return True
    if low.startswith(_A_BEFORE):
        return False
    return low[:1] in ("a", "e", "i", "o", "u")


def user_story(_, locale: str, persona: str, want: str, benefit: str) -> str:
    """Return a use case as a user story ("As a dispatcher, I want … so that …"), with "an" where English needs it."""
    # TRANSLATORS: a user story; the placeholders are texts from the plan (a persona, a wish, a benefit).
    story = _("As a {persona}, I want {want} so that {benefit}.", persona=persona, want=want, benefit=benefit)
    if locale == "en" and needs_an(persona):
        # The catalog's English sentence says "a"; the persona decides.
        story = story.replace(f"a {persona}", f"an {persona}", 1)
    return story
