"""Which language each text of a view is in, for the renderers' language tags.

A view is written in its output locale, except for content text that has no
version in that locale and falls back to the language it was written in (a
Swedish sentence in an English document). Views note such texts here as they
pick them; renderers split every run into the stretches of one language and
tag each (``a:rPr/@lang``, ``w:lang``), so spell checkers and screen readers
use the right dictionary and voice.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.i18n import PSEUDO_LOCALE

# The BCP 47 tag Office and LibreOffice expect per locale (a region is needed
# for their dictionaries); the pseudo-locale is Windows' pseudo-localization tag.
LANGUAGE_TAGS = {"en": "en-US", "pl": "pl-PL", "ru": "ru-RU", "sv": "sv-SE", PSEUDO_LOCALE: "qps-ploc"}
# A run shorter than this is not taken for a piece of a longer foreign text (a label like "Status").
_MIN_PIECE = 12


def language_tag(locale: str) -> str:
    """Return the BCP 47 language tag of ``locale`` (``pl`` → ``pl-PL``)."""
    return LANGUAGE_TAGS.get(locale, locale)


def note(foreign: dict[str, str], text: str, locale: str, output_locale: str) -> None:
    """Record in ``foreign`` that ``text`` is in ``locale`` when that is not the output locale."""
    text = text.strip()
    # Digits, units and symbols read the same in every language: only words are tagged.
    if locale != output_locale and any(ch.isalpha() for ch in text):
        foreign.setdefault(text, locale)


def note_paras(foreign: dict[str, str], paras, locale: str, output_locale: str) -> None:
    """Record every run of ``paras`` (Markdown prose) as written in ``locale``."""
    for p in paras:
        for r in p.runs:
            note(foreign, r.text, locale, output_locale)


class Segmenter:
    """Splits texts into stretches of one language, from the foreign texts a view noted."""

    def __init__(self, foreign: dict[str, str], locale: str):
        self.locale = locale
        self.foreign = dict(foreign)
        # Inside a longer run only texts of two words or more are looked for: a one-word text ("all",
        # "Premium") is as likely the output language's own word; alone in a run it is still tagged.
        self._pattern = _pattern(tuple(sorted((t for t in self.foreign if " " in t), key=lambda t: (-len(t), t))))

    def segments(self, text: str) -> list[tuple[str, str]]:
        """Return ``text`` as (piece, locale) stretches, in order; one stretch when it is all one language."""
        if not self.foreign or not text.strip():
            return [(text, self.locale)]
        stripped = text.strip()
        whole = self.foreign.get(stripped)
        if whole is not None:
            return [(text, whole)]
        out: list[tuple[str, str]] = []
        pos = 0
        for m in self._pattern.finditer(text) if self._pattern is not None else ():
            if m.start() > pos:
                out.append((text[pos:m.start()], self.locale))
            out.append((m.group(), self.foreign[m.group()]))
            pos = m.end()
        if out:
            if pos < len(text):
                out.append((text[pos:], self.locale))
            return _merge(out)
        if len(stripped) >= _MIN_PIECE and " " in stripped:
            # A piece of a foreign text that was split where a box or page ended.
            for t, lang in self.foreign.items():
                if stripped in t:
                    return [(text, lang)]
        return [(text, self.locale)]


def _merge(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return ``pieces`` with neighbours of one language joined; whitespace takes its neighbour's language."""
    out: list[list] = []
    for text, lang in pieces:
        if out and (out[-1][1] == lang or not text.strip()):
            out[-1][0] += text
        elif out and not out[-1][0].strip():
            out[-1] = [out[-1][0] + text, lang]
        else:
            out.append([text, lang])
    return [(t, lang) for t, lang in out]


@lru_cache(maxsize=32)
def _pattern(texts: tuple[str, ...]) -> re.Pattern | None:
    if not texts:
        return None
    # Longest first, and only at word edges: "Sales" must not tag the "Sales" inside "Salesforce".
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in texts) + r")(?!\w)")
