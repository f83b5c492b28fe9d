"""Golden ``csplan dump`` texts of every example customer's deck, per output locale.

The decks come from the session build in test_deck_build.py (built through
the CLI with SOURCE_DATE_EPOCH fixed, so core-property dates are stable). A
customer whose folder does not check clean yet is skipped. Review changes
with ``pytest --snapshot-update`` and a diff of tests/cli/__snapshots__/.
"""

from __future__ import annotations

import pytest

from deck_helpers import CUSTOMERS, customer_build, example_locales, session_builds

pytestmark = pytest.mark.cli  # runs csplan in subprocesses; `make test-fast` leaves it out


def _cases():
    cases = []
    for name in CUSTOMERS:
        try:
            locales = example_locales(name)
        except Exception:  # noqa: BLE001 - an unfinished customer.yaml: one case that will skip
            locales = ["?"]
        cases.extend(pytest.param(name, loc, id=f"{name}-{loc}") for loc in locales)
    return cases


@pytest.fixture(scope="session")
def builds(tmp_path_factory):
    return session_builds(tmp_path_factory)


@pytest.mark.parametrize(("name", "locale"), _cases())
def test_deck_dump_snapshot(builds, name, locale, snapshot):
    c = customer_build(builds, name)
    assert locale in c.locales, f"{name}: {locale} is no longer an output locale"
    assert c.result.returncode == 0, c.result.stderr
    assert c.dump(locale) == snapshot
