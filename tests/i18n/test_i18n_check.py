"""``csplan i18n check``: strict, located problems in the gettext catalogs (pipeline/i18n_check.py).

Proves:
  * the shipped catalogs pass ``csplan i18n check`` (so ``make test`` runs
    it) and GNU ``msgfmt --check``;
  * each defect of tests/fixtures/i18n/<defect>/ is reported with its code,
    the .po file and line, and exit 1;
  * emptying a msgstr, breaking a placeholder or duplicating an entry in a
    copy of the shipped Swedish catalog makes the command exit 1 naming the
    locale, the message and the line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTS
from pipeline.i18n import catalog_path
from pipeline.i18n_check import check_catalogs
from pipeline.i18n_po import parse_po
from pipeline.registry import SUPPORTED_LOCALES

ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures" / "i18n"
SV = "locales/sv/LC_MESSAGES/csplan.po"


def csplan(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run ``python -m pipeline --root ROOT ARGS…`` and return its exit code and output."""
    return subprocess.run([sys.executable, "-m", "pipeline", "--root", str(root), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})


def fixture_root(tmp_path: Path, defect: str | None = None) -> Path:
    """Return a project root whose locales/ holds the valid fixture, with a defect's Polish catalog."""
    shutil.copytree(FIXTURES / "valid", tmp_path / "locales")
    if defect:
        shutil.copyfile(FIXTURES / defect / "csplan.po", catalog_path(tmp_path / "locales", "pl"))
    return tmp_path


# ----------------------------------------------------------------- the shipped catalogs


@pytest.mark.cli
def test_the_shipped_catalogs_pass_the_check():
    run = csplan(ROOT, "i18n", "check")
    assert run.returncode == 0, run.stdout + run.stderr
    for locale in SUPPORTED_LOCALES:
        assert f"{locale}: ok" in run.stdout


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_shipped_catalogs_pass_msgfmt_check(locale):
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext (msgfmt) is not installed")
    run = subprocess.run([msgfmt, "--check", "--statistics", "-o", "/dev/null",
                          str(catalog_path(ROOT / "locales", locale))], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "untranslated" not in run.stderr and "fuzzy" not in run.stderr, run.stderr


def test_the_valid_fixture_is_clean(tmp_path):
    root = fixture_root(tmp_path)
    results = check_catalogs(root / "locales", lambda p: p.relative_to(root).as_posix(), ["pl"])
    assert {k: list(v) for k, v in results.items()} == {"": [], "pl": []}


# ----------------------------------------------------------------- one defect per fixture

PL = "locales/pl/LC_MESSAGES/csplan.po"
DEFECTS = {
    # defect folder: (code, line, text in the message)
    "empty-msgstr": ("i18n.empty", 20, 'msgid "Owner: {name}": empty translation'),
    "fuzzy": ("i18n.fuzzy", 21, 'msgid "Owner: {name}": message is fuzzy'),
    "missing-message": ("i18n.missing", 0, 'msgid "Status": is in locales/csplan.pot:25 but not in this catalog'),
    "obsolete-entry": ("i18n.obsolete", 33, 'msgid "Agenda old": obsolete entry'),
    "unknown-msgid": ("i18n.obsolete", 33, 'msgid "Not in the template": not in locales/csplan.pot'),
    "duplicate-entry": ("i18n.duplicate", 33, 'msgid "Agenda": duplicate entry (first at line 16)'),
    # Saved as Windows-1250: the "ł" of "Właściciel" is byte 0xB3, at its line and column (not a byte offset).
    "not-utf8": ("i18n.encoding", (21, 10), "byte 0xB3 is not UTF-8"),
    "unterminated-string": ("i18n.syntax", 17, "unterminated string"),
    "unparseable-line": ("i18n.syntax", 31, "cannot parse 'msgtsr \"Status\"'"),
    "placeholder-renamed": ("i18n.placeholder", 20, "missing {name}; unknown {nazwa}"),
    "placeholder-dropped": ("i18n.placeholder", 24, "msgstr[1] placeholders differ from the English (missing {count})"),
    "placeholder-unbalanced": ("i18n.placeholder", 20, "msgstr has unbalanced braces"),
    "wrong-plural-count": ("i18n.plural-count", 24, "has msgstr[0], msgstr[1] but pl has 3 plural forms"),
    "wrong-plural-forms-header": ("i18n.plural-forms", 3, "nplurals=2 but pl has 3 plural forms (CLDR)"),
    "wrong-plural-rule": ("i18n.plural-forms", 3, "picks form 0 for 11, CLDR form 2"),
}


def test_every_defect_fixture_is_tested():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir() and p.name != "valid") == sorted(DEFECTS)


@pytest.mark.cli
@pytest.mark.parametrize("defect", sorted(DEFECTS))
def test_a_defect_is_reported_at_its_line(tmp_path, defect):
    code, line, text = DEFECTS[defect]
    root = fixture_root(tmp_path, defect)
    run = csplan(root, "i18n", "check", "--locale", "pl")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "Traceback" not in run.stdout + run.stderr
    line, col = line if isinstance(line, tuple) else (line, 1)
    location = f"{PL}:{line}:{col}: " if line else f"{PL}: "
    found = [x.strip() for x in run.stdout.splitlines() if x.strip().startswith(location) and f"[{code}]" in x]
    assert found and text in found[0], run.stdout
    assert "pl: " in run.stdout and "pl: ok" not in run.stdout


def test_the_parser_keeps_going_after_a_broken_line():
    text = (FIXTURES / "unparseable-line" / "csplan.po").read_text("utf-8")
    po = parse_po(text)
    assert [m for _line, m in po.errors if "msgtsr" in m]
    assert {e.msgid for e in po.entries} >= {"Agenda", "Owner: {name}", "{count} KPI"}


@pytest.mark.cli
def test_an_unknown_locale_is_a_usage_error(tmp_path):
    run = csplan(fixture_root(tmp_path), "i18n", "check", "--locale", "de")
    assert run.returncode == 2
    assert "no catalog for locale 'de'" in run.stderr and "pl" in run.stderr


@pytest.mark.cli
def test_a_supported_locale_without_a_catalog_is_reported(tmp_path):
    run = csplan(fixture_root(tmp_path), "i18n", "check", "--locale", "sv")
    assert run.returncode == 1
    assert "locales/sv/LC_MESSAGES/csplan.po: there is no catalog for sv" in run.stdout


# ----------------------------------------------------------------- edits to the shipped Swedish catalog


def _copy_locales(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "locales", tmp_path / "locales")
    return tmp_path


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _empty_msgstr(text):
    return text.replace('msgid "Agenda"\nmsgstr "Dagordning"', 'msgid "Agenda"\nmsgstr ""'), 'msgid "Agenda"'


def _break_placeholder(text):
    return (text.replace('msgstr "Ägare: {name}"', 'msgstr "Ägare: {namn}"'),
            'msgid "Owner: {name}"')


def _duplicate_entry(text):
    return text + '\nmsgid "Agenda"\nmsgstr "Agenda igen"\n', None


@pytest.mark.cli
@pytest.mark.parametrize(("edit", "code"), [
    (_empty_msgstr, "i18n.empty"), (_break_placeholder, "i18n.placeholder"), (_duplicate_entry, "i18n.duplicate"),
])
def test_an_edit_that_breaks_the_swedish_catalog_fails_the_check(tmp_path, edit, code):
    root = _copy_locales(tmp_path)
    po = root / SV
    text, needle = edit(po.read_text("utf-8"))
    po.write_text(text, "utf-8")
    line = _line_of(text, needle) if needle else text.count("\n") - 1
    run = csplan(root, "i18n", "check")
    assert run.returncode == 1, run.stdout
    msgid = re.search(r'msgid "[^"]*"', needle).group() if needle else 'msgid "Agenda"'
    assert f"{SV}:{line}:1: {msgid}: " in run.stdout and f"[{code}]" in run.stdout, run.stdout
    assert "sv: 1 problem" in run.stdout and "pl: ok" in run.stdout
