"""View stage: localized, formatted text for one artifact in one locale.

Views turn the model into plain data classes (slides, tables, charts,
paragraphs of runs) that renderers draw without formatting a number or
reading a file. Markdown becomes paragraphs and runs here, once, for every
renderer.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from pipeline.view.common import BARE_URL, short_url
from pipeline.fields import Unit
from pipeline.units import is_cldr_unit, is_currency, plural_category


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
ZWSP = "\u200b"  # a break opportunity that shows nothing


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
        elif t == "text" and link and link[-1] and tok.content == link[-1]:
            # An autolink <https://…> shows its address: a short form, the full one is the target.
            runs.append(Run(short_url(tok.content), bool(bold), bool(italic), link[-1]))
        elif t == "text" and not link and "://" in tok.content:
            runs.extend(_bare_urls(tok.content, bool(bold), bool(italic)))
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


def _bare_urls(text: str, bold: bool, italic: bool) -> list[Run]:
    """Return the runs of a prose text with each bare URL shown short and linked (a link shows text, never a URL)."""
    runs, pos = [], 0
    for m in BARE_URL.finditer(text):
        if m.start() > pos:
            runs.append(Run(text[pos:m.start()], bold, italic))
        runs.append(Run(short_url(m.group()), bold, italic, m.group()))
        pos = m.end()
    if pos < len(text):
        runs.append(Run(text[pos:], bold, italic))
    return runs


# ----------------------------------------------------------------- slides


@dataclass
class Cell:
    """A table cell: paragraphs, and an optional status colour name (red/amber/green)."""

    paras: list[Para]
    status: str | None = None
    align: str | None = None  # "center" for a short code in a column of them (RACI letters); None: the start

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
    # A grouping column (rows sorted by it, e.g. a reading's date): a value equal to the row above's is
    # shown once, at the first row of its group on each slide (shared/deck-design.md, "Scorecard").
    group: int | None = None
    # Documents merge the repeated cells of ``group`` and of the next ``group_span - 1`` columns (an
    # outcome, then its initiative), each only while the columns to its left continue too.
    group_span: int = 1


@dataclass
class Series:
    """A named series of chart values (None where there is no value)."""

    name: str
    values: list[float | None]
    # "target" draws dashed in its own colour, "baseline" dotted grey; None is a data series.
    role: str | None = None


@dataclass
class Chart:
    """A native chart: kind is "bar", "column", "stacked" (columns), "line" or "doughnut"."""

    kind: str
    title: str
    categories: list  # labels (str); or dates (a line chart's time axis, spaced by the real gaps between them)
    series: list[Series]
    number_format: str = "General"
    # The Excel number format of date categories' labels (the view's, e.g. "[$-409]mmm yyyy"): the chart
    # application writes a time axis's labels itself, so the view gives the code, never the renderer.
    category_format: str = ""
    # The value axis's labels where they differ from the values' (a score shown as 87.6 on whole ticks 0–100).
    axis_format: str = ""
    empty_text: str = ""  # shown instead of the chart when there is nothing to plot
    description: str = ""  # alternative text for screen readers: what the chart shows, in words
    # The value axis's range; None leaves it to the chart (bars and columns always start at 0).
    minimum: float | None = None
    maximum: float | None = None

    @property
    def empty(self) -> bool:
        """Return True when no series has a value."""
        return not self.categories or all(v is None for s in self.series for v in s.values)


# ----------------------------------------------------------------- drawn visuals
#
# Native, editable shapes the deck renderer draws into a slide's content area
# (pipeline/render/shapes.py), measuring every text like a text box so nothing
# overflows. Views give text already localized and formatted, dates as dates
# (the renderer places them on an axis, it never prints them) and a status as
# one of STATUSES; the renderer picks the colour for that meaning.

# grey: not started and not yet due; green: on track or done; amber: at risk;
# red: late, off track or blocked (shared/deck-design.md, "Colour and status").
STATUSES = ("not_started", "on_track", "done", "at_risk", "late")


@dataclass
class Chip:
    """A status shown as a coloured dot with its word beside it (never colour alone)."""

    status: str  # one of STATUSES
    label: str  # the localized word, e.g. "On track"


@dataclass
class Tile:
    """A KPI tile: the latest value large, its change with an arrow, the target and its date, a status chip."""

    label: str  # what is measured, e.g. "Average speed of answer"
    value: str  # the latest value, formatted, e.g. "54 s"
    change: str = ""  # e.g. "−58 % since baseline"
    direction: str | None = None  # "up", "down" or None: the arrow beside the change
    good: bool | None = None  # True when the change goes the target's way (green), False (red), None (grey)
    target: str = ""  # e.g. "Target 45 s by Mar 2027"
    chip: Chip | None = None


@dataclass
class StatusLine:
    """One line of text with a status chip before it (an outcome's status, a risk, an ask)."""

    text: str
    chip: Chip | None = None


@dataclass
class Summary:
    """The executive summary: a strip of KPI tiles, then outcomes' status lines beside the top risks or asks."""

    tiles: list[Tile]
    lines_title: str  # e.g. "Business outcomes"
    lines: list[StatusLine]
    side_title: str  # e.g. "Top risks" or "Decisions we need"
    side: list[StatusLine]
    lead: str = ""  # one sentence above the tiles, e.g. why the customer bought


@dataclass
class Bar:
    """A phase on a roadmap: from ``start`` to ``end``, its state shown by fill and label."""

    label: str
    start: date
    end: date
    chip: Chip


@dataclass
class Milestone:
    """A milestone on a roadmap: a diamond at ``when`` with its label and state."""

    label: str
    when: date
    chip: Chip


@dataclass
class Roadmap:
    """Phases and milestones on a real date axis with a "today" marker at the deck's as-of date."""

    start: date
    end: date
    today: date
    today_label: str  # e.g. "Today · 10 Nov 2026"
    ticks: list[tuple[date, str]]  # axis labels, e.g. (2026-01-01, "Q1 2026")
    bars: list[Bar]
    milestones: list[Milestone] = field(default_factory=list)


@dataclass
class Person:
    """A stakeholder on the map: name, job title and marks such as "Sponsor" or "Decision maker"."""

    name: str
    title: str = ""
    marks: list[str] = field(default_factory=list)
    key: bool = False  # sponsor or decision maker: drawn emphasised


@dataclass
class PeopleGroup:
    """A column of the stakeholder map: one side (customer, partner, vendor) and its people."""

    label: str
    people: list[Person]


@dataclass
class StakeholderMap:
    """Stakeholders grouped by side, sponsor and decision makers marked; a legend explains the marks."""

    groups: list[PeopleGroup]
    legend: str = ""


@dataclass
class Band:
    """A band of a gauge: from ``low`` to ``high`` on the gauge's scale, with its meaning."""

    low: float
    high: float
    status: str  # one of STATUSES
    label: str


@dataclass
class Gauge:
    """A score as a big number on a scale with its bands (e.g. a health score out of 100)."""

    value: float
    maximum: float
    text: str  # the value formatted, e.g. "87.6"
    caption: str  # e.g. "Health score, Q3 2026"
    bands: list[Band] = field(default_factory=list)


@dataclass
class ScoreRow:
    """One KPI of the scorecard with the initiative and outcome it serves; repeated names are merged."""

    outcome: str
    initiative: str
    kpi: str
    value: str  # latest value or "—"
    chip: Chip


@dataclass
class Scorecard:
    """Outcome → initiative → KPI as one compact board, a status chip per KPI."""

    header: list[str]  # column labels: outcome, initiative, KPI, latest
    rows: list[ScoreRow]


@dataclass
class Card:
    """A card: a title, a few lines, an optional chip (a use case, a persona, a decision to take)."""

    title: str
    lines: list[str] = field(default_factory=list)
    chip: Chip | None = None
    footer: str = ""  # small text at the bottom, e.g. "Owner · due date"


@dataclass
class Cards:
    """Cards in a grid (use cases and personas, decisions and asks, next steps)."""

    cards: list[Card]


@dataclass
class Quote:
    """A pull quote: an executive statement and who said it."""

    text: str
    by: str


Visual = Summary | Roadmap | StakeholderMap | Gauge | Scorecard | Cards | Quote


@dataclass
class Slide:
    """One slide (or more, when the renderer paginates it) of a deck.

    ``role`` names the template role: title, section, content, table, chart, two_column.
    ``kicker`` is the section's name shown small above a headline title. A
    ``visual`` is drawn in the content area (beside ``charts`` when both are given).
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
    continued: str = "{title} ({number} of {total})"
    # Title pattern of a slide showing one row of a table on its own ({name}: the row's first cell).
    record: str = "{title}: {name}"
    kicker: str = ""
    visual: Visual | None = None
    pictures: list[bytes] = field(default_factory=list)  # more logos on a cover (the partner's), after ``picture``
    # Alternative texts for screen readers, one per picture (``picture`` first).
    alt: list[str] = field(default_factory=list)


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
    budget: int = 0  # main-flow slides (cover included) the deck's kind allows; 0: no budget
    # Texts in another language than ``locale`` (content that fell back), by text: their locale.
    foreign: dict[str, str] = field(default_factory=dict)


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
class Callout:
    """A pull quote set apart from the text around it (the customer's words beside their results)."""

    paras: tuple[Para, ...]


@dataclass(frozen=True)
class OrgUnit:
    """A box of an org chart: the unit's name, lines under it (lead, headcount), its parent's index."""

    name: str
    lines: tuple[str, ...] = ()
    parent: int | None = None
    highlight: bool = False  # shaded and outlined thick (the Customer Success units)


@dataclass(frozen=True)
class OrgChart:
    """An organisation drawn as a tree of boxes; ``description`` (the units in words) is its alt text."""

    units: tuple[OrgUnit, ...]
    description: str


@dataclass(frozen=True)
class Picture:
    """An image of the given width (or height: logos side by side are equally tall), described for screen readers."""

    data: bytes
    width_cm: float | None
    description: str = ""
    height_cm: float | None = None


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
    blocks: dict[str, list] = field(default_factory=dict)  # {{p name }}: Heading | Para | Table | Callout | OrgChart | Picture
    # Texts in another language than ``locale`` (content that fell back), by text: their locale.
    foreign: dict[str, str] = field(default_factory=dict)

    def tags(self) -> dict[str, set[str] | None]:
        """Return every tag the view provides: name → keys of a dictionary tag, or None."""
        out: dict[str, set[str] | None] = {name: None for name in (*self.fields, *self.blocks)}
        out.update({name: set(keys) for name, keys in self.dicts.items()})
        return out


# ----------------------------------------------------------------- formats


# CLDR's minimumGroupingDigits (common/main/<lang>.xml, numbers): how many digits must stand before the
# first group separator. Babel does not apply it, so "1234" would be "1 234" in Polish, where CLDR (and
# Polish usage) writes it ungrouped from 1000 to 9999. Every other supported locale has 1.
MIN_GROUPING_DIGITS = {"pl": 2, "es": 2, "pt_PT": 2}


def min_grouping_digits(locale: str) -> int:
    """Return CLDR's minimum grouping digits of ``locale`` (1 unless the locale says otherwise)."""
    return MIN_GROUPING_DIGITS.get(locale.replace("-", "_"), MIN_GROUPING_DIGITS.get(locale.split("-")[0], 1))


def grouped(value, locale: str) -> bool:
    """Return True when ``value``'s integer part is long enough to be grouped in ``locale`` (CLDR)."""
    return abs(Decimal(str(value))) >= 10 ** (2 + min_grouping_digits(locale))


_CODE_NEXT_TO_DIGIT = re.compile(r"(?<=[A-Za-z])(?=[-−]?\d)|(?<=\d)(?=[A-Za-z])")


def _currency_spacing(text: str) -> str:
    """Return a formatted amount with a no-break space between a letter currency code and its digits.

    CLDR's currencySpacing asks for one ("PLN 118,000"); Babel writes "PLN118,000".
    """
    return _CODE_NEXT_TO_DIGIT.sub("\u00a0", text)


class Formatter:
    """Locale-aware formatting of dates, numbers, money and measures (Babel/CLDR)."""

    def __init__(self, locale: str):
        from pipeline.i18n import format_locale

        self.locale = format_locale(locale)  # the CLDR locale: the pseudo-locale formats as English

    def date(self, value: date | None) -> str:
        """Return a medium date on one line, e.g. 22 Nov 2026 / 22 lis 2026 (no-break spaces); a year or month as such."""
        if value is None:
            return ""
        from babel.dates import format_date, format_skeleton

        from pipeline.view.common import nbsp

        # A baseline written as "2025" or "2025-06" (fields.PeriodDate) shows the period, not its last day.
        precision = getattr(value, "precision", "day")
        if precision == "year":
            return nbsp(format_skeleton("y", value, locale=self.locale))
        if precision == "month":
            return nbsp(format_skeleton("yMMM", value, locale=self.locale))
        return nbsp(format_date(value, "medium", locale=self.locale))

    def number(self, value: Decimal | float | int | None) -> str:
        """Return a number with the locale's separators."""
        if value is None:
            return ""
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.locale, decimal_quantization=False,
                              group_separator=grouped(value, self.locale))

    def percent(self, value: Decimal | float) -> str:
        """Return ``value`` (0–100) as a percentage."""
        from babel.numbers import format_percent

        return format_percent(Decimal(str(value)) / 100, locale=self.locale, decimal_quantization=False,
                              group_separator=grouped(value, self.locale))

    def money(self, amount: Decimal, currency: str) -> str:
        """Return an amount in a currency; whole amounts without decimals."""
        from babel import Locale
        from babel.numbers import format_currency, parse_pattern

        group = grouped(amount, self.locale)
        if amount != amount.to_integral_value():
            return _currency_spacing(format_currency(amount, currency, locale=self.locale, group_separator=group))
        # The locale's currency pattern without its fraction digits (the pattern's
        # ".00" would otherwise be kept even with currency_digits=False).
        pattern = copy.copy(parse_pattern(Locale.parse(self.locale).currency_formats["standard"]))
        pattern.frac_prec = (0, 0)
        return _currency_spacing(format_currency(amount, currency, format=pattern, locale=self.locale,
                                                 currency_digits=False, group_separator=group))

    def language(self, code: str) -> str:
        """Return the name of language ``code`` in this locale, e.g. pl → polski, English, шведский."""
        from babel import Locale

        return Locale.parse(self.locale).languages.get(code, code)

    def measure(self, value: Decimal, unit: str) -> str:
        """Return a value with its unit: %, a currency code, a CLDR unit or free text, in the value's plural form.

        The one place a number meets its unit (a no-break space between them).
        """
        unit = unit.in_locale(self.locale) if isinstance(unit, Unit) else unit
        if unit.strip() == "%":
            return self.percent(value)
        if is_currency(unit):
            return self.money(value, unit)
        number = self.number(value)
        if is_cldr_unit(unit):
            from babel.numbers import format_decimal
            from babel.units import format_unit

            text = format_unit(value, unit.strip(), locale=self.locale)
            # Babel's number, grouped without CLDR's minimum grouping digits, becomes ours, with a no-break space.
            babel = format_decimal(value, locale=self.locale, decimal_quantization=False)
            for old, new in ((f"{babel} ", f"{number}\u00a0"), (f" {babel}", f"\u00a0{number}"), (babel, number)):
                if old in text:
                    return text.replace(old, new, 1)
            return text
        from pipeline.view.common import NBSP, nbsp

        # The number stays with its unit; a compound unit may still break after its slash (a zero-width
        # space): "640,000 PLN/quarter" whole is wider than a narrow table column.
        return f"{number}{NBSP}{nbsp(self.unit_form(value, unit).strip()).replace('/', '/' + ZWSP)}"

    def unit_form(self, value: Decimal, unit: str) -> str:
        """Return a free-text unit's form for ``value``: its plural category's, else its other form."""
        unit = unit.in_locale(self.locale) if isinstance(unit, Unit) else unit
        forms = getattr(unit, "forms", {})
        return forms.get(plural_category(value, self.locale), str(unit)) if forms else str(unit)

    def unit_name(self, unit: str) -> str:
        """Return a unit as a label (a chart title's "(hours)"): CLDR's name of a unit id, else the text written."""
        unit = unit.in_locale(self.locale) if isinstance(unit, Unit) else unit
        if is_cldr_unit(unit):
            from babel.units import get_unit_name

            return get_unit_name(unit.strip(), locale=self.locale) or str(unit)
        return str(unit)
