"""View stage: localized, formatted text for one artifact in one locale.

Views turn the model into plain data classes (slides, tables, charts,
paragraphs of runs) that renderers draw without formatting a number or
reading a file. Markdown becomes paragraphs and runs here, once, for every
renderer.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache


# ----------------------------------------------------------------- text


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@dataclass(frozen=True)
class Para:
    """A paragraph: runs, list nesting level, and its list kind ("bullet", "number" or None)."""

    runs: tuple[Run, ...]
    level: int = 0
    kind: str | None = None
    number: int = 0

    @property
    def text(self) -> str:
        """Return the paragraph's plain text."""
        return "".join(r.text for r in self.runs)


def plain(text: str, **style) -> Para:
    """Return a paragraph of one run of ``text``."""
    return Para((Run(text, **style),))


def bullets(items, level: int = 0) -> list[Para]:
    """Return one bullet paragraph per text in ``items``."""
    return [Para((Run(t),), level=level, kind="bullet") for t in items]


SAFE_SCHEMES = ("http://", "https://", "mailto:")


@lru_cache(maxsize=1)
def _md():
    # Imported here: the renderer imports this module for its data classes only.
    from markdown_it import MarkdownIt

    # commonmark without HTML: raw HTML stays literal text; no linkify or typographer surprises.
    return MarkdownIt("commonmark", {"html": False})


def markdown(text: str) -> list[Para]:
    """Return the paragraphs of a Markdown text (bold, italic, links, lists)."""
    tokens = _md().parse(text)
    paras: list[Para] = []
    lists: list[list] = []  # stack of [kind, counter]
    item_first = False
    for tok in tokens:
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrGet("start") or 1) if t == "ordered_list_open" else 1
            lists.append(["bullet" if t == "bullet_list_open" else "number", start - 1])
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t == "list_item_open":
            lists[-1][1] += 1
            item_first = True
        elif t == "inline":
            runs = _inline(tok.children or [])
            if not runs:
                continue
            if lists and item_first:
                kind, number = lists[-1]
                paras.append(Para(runs, level=len(lists) - 1, kind=kind, number=number))
                item_first = False
            else:
                paras.append(Para(runs, level=max(len(lists) - 1, 0) + (1 if lists else 0)))
        elif t in ("fence", "code_block"):
            for line in tok.content.rstrip("\n").split("\n"):
                paras.append(Para((Run(line),), level=len(lists)))
    return paras


def _inline(children) -> tuple[Run, ...]:
    runs: list[Run] = []
    bold = italic = 0
    link: list[str | None] = []
    for tok in children:
        t = tok.type
        if t == "strong_open":
            bold += 1
        elif t == "strong_close":
            bold -= 1
        elif t == "em_open":
            italic += 1
        elif t == "em_close":
            italic -= 1
        elif t == "link_open":
            href = tok.attrGet("href") or ""
            link.append(href if href.lower().startswith(SAFE_SCHEMES) else None)
        elif t == "link_close":
            link.pop()
        elif t in ("text", "code_inline", "html_inline"):
            if tok.content:
                runs.append(Run(tok.content, bool(bold), bool(italic), link[-1] if link else None))
        elif t == "softbreak":
            runs.append(Run(" ", bool(bold), bool(italic), link[-1] if link else None))
        elif t == "hardbreak":
            runs.append(Run("\n", bool(bold), bool(italic), link[-1] if link else None))
        elif t == "image":
            runs.append(Run(tok.content or "", bool(bold), bool(italic)))
    # Merge neighbours with the same style so renderers write fewer runs.
    merged: list[Run] = []
    for r in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].link) == (r.bold, r.italic, r.link):
            merged[-1] = Run(merged[-1].text + r.text, r.bold, r.italic, r.link)
        else:
            merged.append(r)
    return tuple(merged)


# ----------------------------------------------------------------- slides


@dataclass
class Cell:
    """A table cell: paragraphs, and an optional status colour name (red/amber/green)."""

    paras: list[Para]
    status: str | None = None

    @property
    def text(self) -> str:
        """Return the cell's plain text."""
        return "\n".join(p.text for p in self.paras)


def cell(value, status: str | None = None) -> Cell:
    """Return a cell from a string, a paragraph list or a cell."""
    if isinstance(value, Cell):
        return value
    if isinstance(value, list):
        return Cell(value, status)
    return Cell([plain(str(value))] if value not in (None, "") else [], status)


@dataclass
class Table:
    """A table with a header row; renderers repeat the header on every page."""

    header: list[str]
    rows: list[list[Cell]]
    widths: list[float] | None = None  # relative column widths


@dataclass
class Series:
    """A named series of chart values (None where there is no value)."""

    name: str
    values: list[float | None]


@dataclass
class Chart:
    """A native chart: kind is "bar", "column", "line" or "doughnut"."""

    kind: str
    title: str
    categories: list[str]
    series: list[Series]
    number_format: str = "General"
    empty_text: str = ""  # shown instead of the chart when there is nothing to plot

    @property
    def empty(self) -> bool:
        """Return True when no series has a value."""
        return not self.categories or all(v is None for s in self.series for v in s.values)


@dataclass
class Slide:
    """One slide (or more, when the renderer paginates it) of a deck.

    ``role`` names the template role: title, section, content, table, chart, two_column.
    """

    role: str
    title: str
    subtitle: list[str] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    left: list[Para] = field(default_factory=list)
    right: list[Para] = field(default_factory=list)
    table: Table | None = None
    charts: list[Chart] = field(default_factory=list)
    picture: bytes | None = None
    notes: list[str] = field(default_factory=list)
    # Title pattern of continuation slides; views replace it with the translated one.
    continued: str = "{title} (cont.)"


@dataclass
class Deck:
    """A whole deck for one locale, with its document properties."""

    locale: str
    title: str
    author: str
    subject: str
    created: date
    slides: list[Slide]
    footer: str = ""


# ----------------------------------------------------------------- documents

# A Word view is a DocView: the plain-text tags, label dictionaries and block
# tags a docx template uses, plus the document properties. Blocks are
# headings, paragraphs, tables and pictures, drawn by the docx renderer.


@dataclass(frozen=True)
class Heading:
    """A heading of a level (1 = top) inside a block tag."""

    text: str
    level: int = 1


@dataclass(frozen=True)
class Picture:
    """An image of the given width, with its description for screen readers."""

    data: bytes
    width_cm: float
    description: str = ""


@dataclass
class DocView:
    """A Word document as a view: template tags and document properties."""

    locale: str
    title: str
    author: str
    subject: str
    created: date
    fields: dict[str, str] = field(default_factory=dict)  # {{ name }}
    dicts: dict[str, dict[str, str]] = field(default_factory=dict)  # {{ labels.name }}
    blocks: dict[str, list] = field(default_factory=dict)  # {{p name }}: Heading | Para | Table | Picture

    def tags(self) -> dict[str, set[str] | None]:
        """Return every tag the view provides: name → keys of a dictionary tag, or None."""
        out: dict[str, set[str] | None] = {name: None for name in (*self.fields, *self.blocks)}
        out.update({name: set(keys) for name, keys in self.dicts.items()})
        return out


# ----------------------------------------------------------------- formats


class Formatter:
    """Locale-aware formatting of dates, numbers, money and measures (Babel/CLDR)."""

    def __init__(self, locale: str):
        from pipeline.i18n import format_locale

        self.locale = format_locale(locale)  # the CLDR locale: the pseudo-locale formats as English

    def date(self, value: date | None) -> str:
        """Return a medium date, e.g. 22 Nov 2026 / 22 lis 2026."""
        if value is None:
            return ""
        from babel.dates import format_date

        return format_date(value, "medium", locale=self.locale)

    def number(self, value: Decimal | float | int | None) -> str:
        """Return a number with the locale's separators."""
        if value is None:
            return ""
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale, decimal_quantization=False)

    def percent(self, value: Decimal | float) -> str:
        """Return ``value`` (0–100) as a percentage."""
        from babel.numbers import format_percent

        return format_percent(Decimal(str(value)) / 100, locale=self.locale, decimal_quantization=False)

    def money(self, amount: Decimal, currency: str) -> str:
        """Return an amount in a currency; whole amounts without decimals."""
        from babel import Locale
        from babel.numbers import format_currency, parse_pattern

        if amount != amount.to_integral_value():
            return format_currency(amount, currency, locale=self.locale)
        # The locale's currency pattern without its fraction digits (the pattern's
        # ".00" would otherwise be kept even with currency_digits=False).
        pattern = copy.copy(parse_pattern(Locale.parse(self.locale).currency_formats["standard"]))
        pattern.frac_prec = (0, 0)
        return format_currency(amount, currency, format=pattern, locale=self.locale, currency_digits=False)

    def language(self, code: str) -> str:
        """Return the name of language ``code`` in this locale, e.g. pl → polski, English, шведский."""
        from babel import Locale

        return Locale.parse(self.locale).languages.get(code, code)

    def measure(self, value: Decimal, unit: str) -> str:
        """Return a value with its unit: %, a currency code, or any other unit."""
        if unit.strip() == "%":
            return self.percent(value)
        if _is_currency(unit):
            return self.money(value, unit)
        return f"{self.number(value)}\u00a0{unit}"


@lru_cache(maxsize=64)
def _is_currency(code: str) -> bool:
    if len(code) != 3 or not code.isupper():
        return False
    from babel.numbers import get_currency_name

    try:
        return get_currency_name(code, locale="en") != code
    except Exception:  # noqa: BLE001 - unknown to CLDR means "not a currency"
        return False
