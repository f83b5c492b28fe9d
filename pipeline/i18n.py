"""Message catalogs: every user-visible label goes through a translator from here.

English is the source language of the messages; other locales read the
gettext catalogs in ``locales/`` (added by the localization work).
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path


class Translator:
    """gettext-style lookups for one locale, with named placeholders."""

    def __init__(self, locale: str, translations: _gettext.NullTranslations | None = None):
        self.locale = locale
        self._t = translations or _gettext.NullTranslations()

    def __call__(self, message: str, **values) -> str:
        """Return the translation of ``message`` with ``{name}`` placeholders filled."""
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    def plural(self, singular: str, plural: str, count: int, **values) -> str:
        """Return the plural form for ``count`` with placeholders filled (``{count}`` included)."""
        text = self._t.ngettext(singular, plural, count)
        return text.format(count=count, **values)


def translator(locale: str, locales_dir: Path | None = None) -> Translator:
    """Return the translator for ``locale``."""
    return Translator(locale)
