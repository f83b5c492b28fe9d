"""Field types shared by the content model, with messages in the user's terms.

The loader hands every YAML scalar over as the exact string typed, so these
validators decide what a value means (a date, a number, a choice) and say
precisely how to write it when it is wrong.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Annotated, Any

from pydantic import PlainValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from pipeline.registry import SUPPORTED_LOCALES

_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_TRUE = {"true", "yes", "y", "on"}
_FALSE = {"false", "no", "n", "off"}
# Words people write for a choice, mapped to the value meant; used only for
# "did you mean" hints (the value must still be written as listed).
SYNONYMS = {
    "done": "completed", "complete": "completed", "finished": "completed", "closed": "completed",
    "resolved": "completed", "ongoing": "in_progress", "started": "in_progress", "wip": "in_progress",
    "active": "in_progress", "in_work": "in_progress", "todo": "not_started", "to_do": "not_started",
    "open": "not_started", "planned": "not_started", "new": "not_started",
}


def describe(value: Any) -> str:
    """Return how a wrong value is named in a message."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return repr(value) if len(str(value)) < 60 else repr(str(value)[:57] + "...")


class Localized(dict):
    """A text given per locale, e.g. ``{en: Travel, pl: Podróże}``."""

    def pick(self, locale: str, fallback: str) -> tuple[str, bool]:
        """Return the text for ``locale`` (else ``fallback``'s) and whether it fell back."""
        if locale in self:
            return self[locale], False
        if fallback in self:
            return self[fallback], True
        return next(iter(self.values())), True

    def choose(self, locale: str, fallback: str) -> tuple[str, str]:
        """Return the text for ``locale`` (else ``fallback``'s, else the first) and the locale it is written in."""
        for key in (locale, fallback, next(iter(self))):
            if key in self:
                return self[key], key
        raise KeyError(locale)  # pragma: no cover - a Localized is never empty


def _text(value: Any) -> str | Localized:
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "is empty; write the text or remove the key")
        return value
    if isinstance(value, dict):
        if not value:
            raise PydanticCustomError("text_empty", "is empty; write the text or remove the key")
        for key, text in value.items():
            if key not in SUPPORTED_LOCALES:
                raise PydanticCustomError(
                    "text_locale",
                    "{key} is not a supported locale for a translated text; use {known}",
                    {"key": describe(key), "known": ", ".join(SUPPORTED_LOCALES)},
                )
            if not isinstance(text, str) or not text.strip():
                raise PydanticCustomError("text_empty", "the {key} text is empty", {"key": key})
        return Localized(value)
    raise PydanticCustomError(
        "text_type", "expected text, got {got}", {"got": describe(value)})


def _plain(value: Any) -> str:
    if isinstance(value, str):
        if not value.strip():
            raise PydanticCustomError("text_empty", "is empty; write the text or remove the key")
        return value
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value)
    raise PydanticCustomError("text_type", "expected text, got {got}", {"got": describe(value)})


PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")


class Unit(str):
    """A measure's unit: a CLDR unit id or free text, either per plural category or per locale.

    It is the text as written (for a mapping, its ``other`` form), so it
    compares and prints like the plain text it used to be; ``forms`` holds the
    plural forms (``{one: godzina, few: godziny, many: godzin, other: godziny}``)
    and ``locales`` a unit per locale (``{en: hours, pl: {...}}``).
    """

    forms: dict[str, str]
    locales: dict[str, "Unit"]

    def __new__(cls, text: str, forms: dict[str, str] | None = None, locales: dict[str, "Unit"] | None = None):
        """Return a unit shown as ``text``, with its plural ``forms`` and per-locale ``locales`` (both optional)."""
        unit = super().__new__(cls, text)
        unit.forms = dict(forms or {})
        unit.locales = dict(locales or {})
        return unit

    def __reduce__(self):
        return Unit, (str(self), self.forms, self.locales)

    def in_locale(self, locale: str) -> "Unit":
        """Return the unit to show in ``locale``: its own entry, else the first one written."""
        if not self.locales:
            return self
        return self.locales.get(locale) or next(iter(self.locales.values()))


def _plural_unit(value: dict, where: str = "") -> Unit:
    for key, text in value.items():
        if key not in PLURAL_CATEGORIES:
            raise PydanticCustomError(
                "unit_key", "{key} is neither a plural category ({categories}) nor a locale ({locales}){where}",
                {"key": describe(key), "categories": ", ".join(PLURAL_CATEGORIES),
                 "locales": ", ".join(SUPPORTED_LOCALES), "where": where})
        if not isinstance(text, str) or not text.strip():
            raise PydanticCustomError("text_empty", "the {key} form of the unit is empty{where}",
                                      {"key": key, "where": where})
    if "other" not in value:
        raise PydanticCustomError(
            "unit_other", "a unit given per plural category needs its other form (other: …){where}",
            {"where": where})
    return Unit(value["other"].strip(), {k: v.strip() for k, v in value.items()})


def _unit(value: Any) -> Unit:
    if isinstance(value, Unit):
        return value
    if isinstance(value, dict) and value and all(k in SUPPORTED_LOCALES for k in value):
        locales = {}
        for key, item in value.items():
            if isinstance(item, dict):
                locales[key] = _plural_unit(item, f" (in the {key} unit)")
            else:
                locales[key] = Unit(_plain(item).strip())
        first = next(iter(locales.values()))
        return Unit(str(locales.get("en", first)), locales=locales)
    if isinstance(value, dict) and value:
        return _plural_unit(value)
    return Unit(_plain(value).strip())


def _id(value: Any) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise PydanticCustomError(
            "id_format",
            "{got} is not an id: use lower-case letters, digits, '-' and '_' (e.g. travel-cost)",
            {"got": describe(value)},
        )
    return value


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise PydanticCustomError(
                "date_invalid", "{got} is not a day of the calendar", {"got": describe(value)}) from None
    raise PydanticCustomError(
        "date_format", "{got} is not a date; write YYYY-MM-DD (e.g. 2026-01-31)", {"got": describe(value)})


_PERIOD = re.compile(r"(\d{4})(?:-(\d{2}))?")


class PeriodDate(date):
    """A date written as a whole year or month ("2025", "2025-06"): the period's last day, and what was written.

    A baseline is often known only for a period ("2016 spend of $86k/year", docs/domain.md S4): the value of
    a year or a month holds when it has ended, so that day orders it against readings and the target, while
    ``precision`` ("year" or "month") lets a deck show "2025" rather than a day nobody wrote.
    """

    precision = "day"  # a PeriodDate made by date arithmetic is an ordinary day

    def __str__(self) -> str:
        """Return the date as it was written: 2025, 2025-06 or 2025-06-30."""
        return {"year": f"{self.year:04d}", "month": f"{self.year:04d}-{self.month:02d}"}.get(
            self.precision, self.isoformat())


def _period_date(value: Any) -> date:
    if isinstance(value, str) and (m := _PERIOD.fullmatch(value.strip())):
        year, month = int(m.group(1)), int(m.group(2) or 12)
        if not 1 <= month <= 12:
            raise PydanticCustomError(
                "date_invalid", "{got} is not a month of the calendar", {"got": describe(value)})
        following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        last = PeriodDate.fromordinal(following.toordinal() - 1)
        last.precision = "month" if m.group(2) else "year"
        return last
    try:
        return _date(value)
    except PydanticCustomError as exc:
        if exc.type != "date_format":
            raise
    raise PydanticCustomError(
        "date_format", "{got} is not a date; write YYYY-MM-DD, or YYYY-MM or YYYY for a whole month or year "
        "(e.g. 2026-01-31, 2025-06, 2025)", {"got": describe(value)})


# A number is shown formatted, charted as a double and stored in a chart's
# workbook: 15 significant digits is what all three hold exactly, and Babel's
# formatting (28-digit decimal context) fails on longer ones.
MAX_DIGITS = 15


def _bounded(number: Decimal, value: Any) -> Decimal:
    """Return ``number`` when it has at most MAX_DIGITS significant digits, below 10**MAX_DIGITS and not finer."""
    if number.is_zero():
        return number
    _sign, digits, exponent = number.normalize().as_tuple() if number.is_finite() else (0, (), None)
    if exponent is None or len(digits) > MAX_DIGITS or not -MAX_DIGITS <= exponent <= MAX_DIGITS - len(digits):
        raise PydanticCustomError(
            "number_range", "{got} has more digits than a deck can show; use at most {n} significant digits, "
            "below 10^{n} and no finer than 10^-{n} (round it, or change the unit)",
            {"got": describe(value), "n": MAX_DIGITS})
    return number


def _number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise PydanticCustomError("number", "expected a number, got {got}", {"got": describe(value)})
    if isinstance(value, (int, float, Decimal)):
        if isinstance(value, int) and value.bit_length() > 4 * MAX_DIGITS:
            value = "a whole number of more than 15 digits"  # str() refuses ints of over 4300 digits
            return _bounded(Decimal("Infinity"), value)
        return _bounded(Decimal(str(value)), value)
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip().replace("_", "")):
        try:
            return _bounded(Decimal(value.strip().replace("_", "")), value)
        except InvalidOperation:  # pragma: no cover - the regex already rules this out
            pass
    hint = " with '.' for decimals and no thousands separators" if isinstance(value, str) else ""
    raise PydanticCustomError(
        "number", "{got} is not a number; write digits{hint} (e.g. 1234.5)", {"got": describe(value), "hint": hint})


def _integer(value: Any) -> int:
    number = _number(value)
    if number != number.to_integral_value():
        raise PydanticCustomError("integer", "{got} is not a whole number", {"got": describe(value)})
    return int(number)


def _positive_int(value: Any) -> int:
    number = _integer(value)
    if number < 1:
        raise PydanticCustomError("positive", "must be 1 or more, got {got}", {"got": describe(value)})
    return number


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise PydanticCustomError("bool", "{got} is not yes/no; write true or false", {"got": describe(value)})


def _percent(value: Any) -> Decimal:
    raw = value.strip().rstrip("%").strip() if isinstance(value, str) else value
    number = _number(raw)
    if not 0 <= number <= 100:
        raise PydanticCustomError("percent", "{got} is not a percentage between 0 and 100", {"got": describe(value)})
    return number


def _url(value: Any) -> str:
    text = _plain(value).strip()
    if not re.fullmatch(r"(https?://|mailto:)\S+", text):
        raise PydanticCustomError(
            "url", "{got} is not a link; write a full http(s):// or mailto: address", {"got": describe(value)})
    return text


def _currency(value: Any) -> str:
    text = _plain(value).strip()
    if not re.fullmatch(r"[A-Z]{3}", text):
        raise PydanticCustomError(
            "currency", "{got} is not a currency code; write the ISO 4217 code (e.g. EUR, USD, PLN, SEK)",
            {"got": describe(value)})
    return text


def _locale(value: Any) -> str:
    if isinstance(value, str) and value in SUPPORTED_LOCALES:
        return value
    raise PydanticCustomError(
        "locale", "{got} is not a supported locale; use one of {known}",
        {"got": describe(value), "known": ", ".join(SUPPORTED_LOCALES)})


def choice(enum: type[Enum]):
    """Return a validator accepting an enum value written with any case, spaces or hyphens."""
    values = [e.value for e in enum]

    def validate(value: Any):
        if isinstance(value, enum):
            return value
        if isinstance(value, str):
            key = re.sub(r"[\s\-]+", "_", value.strip().lower())
            for member in enum:
                if member.value == key:
                    return member
            close = difflib.get_close_matches(key, values, n=1, cutoff=0.6)
            if not close and SYNONYMS.get(key) in values:
                close = [SYNONYMS[key]]
            hint = f"; did you mean {close[0]!r}?" if close else ""
        else:
            hint = ""
        raise PydanticCustomError(
            "choice", "{got} is not one of: {known}{hint}",
            {"got": describe(value), "known": ", ".join(values), "hint": hint})

    return Annotated[enum, PlainValidator(validate), WithJsonSchema({"enum": values})]


# The JSON Schema of each field type (csplan schema, for editors). The loader
# hands csplan every scalar as the text typed, while an editor's YAML 1.2
# parser reads `1.10` as a number and `true` as a boolean: so where csplan
# takes text, the schema takes any scalar, and a number may also be a string.
# "description" names the kind of value; pipeline.model's hints and the
# scaffold's comments read it from here.
_SCALAR = ["string", "number", "boolean"]
_NUMBER_TEXT = r"^\s*[+-]?([0-9_]+(\.[0-9_]*)?|\.[0-9_]+)\s*$"
_BOOL_WORDS = sorted(w for word in _TRUE | _FALSE for w in (word, word.capitalize(), word.upper()))


def _schema(kind: str, **schema: Any) -> WithJsonSchema:
    return WithJsonSchema({**(schema or {"type": "string"}), "description": kind})


_LOCALIZED = {"type": "object", "minProperties": 1, "propertyNames": {"enum": list(SUPPORTED_LOCALES)},
              "additionalProperties": {"type": _SCALAR}}

Text = Annotated[str | Localized, PlainValidator(_text),
                 _schema("text, or {en: …, pl: …}", anyOf=[{"type": _SCALAR}, _LOCALIZED])]
Prose = Annotated[str | Localized, PlainValidator(_text),
                  _schema("Markdown, or {en: …, pl: …}", anyOf=[{"type": _SCALAR}, _LOCALIZED])]
Plain = Annotated[str, PlainValidator(_plain), _schema("text", type=_SCALAR)]
Id = Annotated[str, PlainValidator(_id), _schema("id", type=["string", "integer"], pattern=f"^{_ID.pattern}$",
                                                 minimum=0)]
Ref = Id
Date = Annotated[date, PlainValidator(_date), _schema("YYYY-MM-DD", type="string",
                                                      pattern=r"^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\s*$")]
# A baseline's date: a day, or a whole month or year when the value is known only for that period.
DateOrPeriod = Annotated[date, PlainValidator(_period_date),
                      _schema("YYYY-MM-DD, YYYY-MM or YYYY", type=["string", "integer"], minimum=1000, maximum=9999,
                              pattern=r"^\s*[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?\s*$")]
Number = Annotated[Decimal, PlainValidator(_number), _schema("number", type=["number", "string"],
                                                             pattern=_NUMBER_TEXT)]
Int = Annotated[int, PlainValidator(_integer), _schema("whole number", type=["integer", "string"],
                                                       pattern=r"^\s*[+-]?[0-9][0-9_]*\s*$")]
Rank = Annotated[int, PlainValidator(_positive_int), _schema("1 = highest", type=["integer", "string"], minimum=1,
                                                             pattern=r"^\s*\+?0*[1-9][0-9_]*\s*$")]
Bool = Annotated[bool, PlainValidator(_bool), _schema("true/false", type=["boolean", "string"],
                                                      enum=[True, False, *_BOOL_WORDS])]
Percent = Annotated[Decimal, PlainValidator(_percent), _schema("0–100 %", type=["number", "string"], minimum=0,
                                                               maximum=100, pattern=r"^\s*[+]?([0-9]+(\.[0-9]*)?|"
                                                               r"\.[0-9]+)\s*%?\s*$")]
Url = Annotated[str, PlainValidator(_url), _schema("http(s):// or mailto: link", type="string",
                                                   pattern=r"^\s*(https?://|mailto:)\S+\s*$")]
Currency = Annotated[str, PlainValidator(_currency), _schema("ISO 4217 code", type="string",
                                                             pattern=r"^\s*[A-Z]{3}\s*$")]
Locale = Annotated[str, PlainValidator(_locale), _schema("locale", enum=list(SUPPORTED_LOCALES))]
UnitField = Annotated[Unit, PlainValidator(_unit), _schema(
    "a CLDR unit id (hour, day, week, second, percent…), %, a currency code, free text, or free text per plural "
    "category {one: …, few: …, many: …, other: …} or per locale {en: …, pl: …}",
    anyOf=[{"type": _SCALAR}, {"type": "object", "minProperties": 1, "additionalProperties": {
        "anyOf": [{"type": _SCALAR}, {"type": "object", "minProperties": 1,
                                      "additionalProperties": {"type": _SCALAR}}]}}])]
