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


def _number(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise PydanticCustomError("number", "expected a number, got {got}", {"got": describe(value)})
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value))
    if isinstance(value, str) and _NUMBER.fullmatch(value.strip().replace("_", "")):
        try:
            return Decimal(value.strip().replace("_", ""))
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


def _schema(kind: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "description": kind})


Text = Annotated[str | Localized, PlainValidator(_text), _schema("text, or {en: …, pl: …}")]
Prose = Annotated[str | Localized, PlainValidator(_text), _schema("Markdown, or {en: …, pl: …}")]
Plain = Annotated[str, PlainValidator(_plain), _schema("text")]
Id = Annotated[str, PlainValidator(_id), _schema("id")]
Ref = Id
Date = Annotated[date, PlainValidator(_date), _schema("YYYY-MM-DD")]
Number = Annotated[Decimal, PlainValidator(_number), _schema("number")]
Int = Annotated[int, PlainValidator(_integer), _schema("whole number")]
Rank = Annotated[int, PlainValidator(_positive_int), _schema("1 = highest")]
Bool = Annotated[bool, PlainValidator(_bool), _schema("true/false")]
Percent = Annotated[Decimal, PlainValidator(_percent), _schema("0–100 %")]
Url = Annotated[str, PlainValidator(_url), _schema("http(s):// or mailto: link")]
Currency = Annotated[str, PlainValidator(_currency), _schema("ISO 4217 code")]
Locale = Annotated[str, PlainValidator(_locale), _schema("locale")]
