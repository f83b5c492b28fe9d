"""The design lint finds nothing on any example deck (issue 14: "make test asserts 0 on every example deck").

Every customer's plan deck and every review deck, in every output locale,
customer and internal variants (the session build of tests/deck_helpers.py,
shared with the chart rules), linted with pipeline/lint.py as `csplan lint`
does. tests/lint/test_lint.py keeps a deliberately bad deck that shows every
code, so a lint that finds nothing here is a lint that can still fail.
"""

from __future__ import annotations

from collections import Counter

import pytest

from deck_helpers import every_example_deck
from pipeline.lint import CODES, lint_deck

pytestmark = pytest.mark.examples  # builds every example deck: left out of make test-fast


def test_every_example_deck_in_every_locale_and_variant_lints_clean(tmp_path_factory):
    decks = every_example_deck(tmp_path_factory)
    kinds = Counter(name.split("-20")[0].rsplit("-", 1)[-1] if "-20" in name else "plan" for name in decks)
    assert kinds["plan"] >= 8 and kinds["qbr"] and kinds["ebr"], kinds  # plans and reviews of both variants
    assert any(name.endswith("-internal.pptx") for name in decks) and any(
        not name.endswith("-internal.pptx") for name in decks)
    problems = [p for name, path in sorted(decks.items()) for p in lint_deck(path, display=name)]
    by_code = Counter(p.code for p in problems)
    shown = "\n".join(f"{p.path}:{p.line}: {p.field}: {p.message} [{p.code}]" for p in problems[:40])
    assert not problems, (f"{len(problems)} lint problems over {len(decks)} decks "
                          f"({', '.join(f'{c} {by_code[c]}' for c in CODES if by_code[c])}):\n{shown}")
