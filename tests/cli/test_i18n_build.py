"""Localized decks end to end: make/CLI builds per locale, catalogs edited in the tree, fallbacks, pseudo-locale.

Proves (issue 4, "What it must show"):
  * ``make deck CUSTOMER=acme LANG=pl`` writes the Polish deck: Polish
    headings, column headers, status words and plural counts, Polish dates
    and numbers; ``--lang ru`` and ``--lang sv`` the same in Russian and
    Swedish (ru/pl/sv group with no-break spaces);
  * editing one msgstr of a copy of the Swedish catalog changes the next
    Swedish deck, with no other command;
  * a fuzzy or empty translation is never silently English: the build refuses,
    naming the .po file, line and msgid, and writes nothing;
  * an unsupported locale is one line listing the supported ones;
  * ``csplan check --lang pl`` lists every text that falls back to the source
    language, located at its value;
  * the pseudo-locale deck has no English from the code outside brackets, and
    LibreOffice draws every word of it inside its slide.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import EPOCH_2026_11_22
from pipeline.i18n import PSEUDO_LOCALE
from pipeline.project import Project
from pipeline.view.common import short_url
from deck_helpers import (
    ROOT, cli_env, copy_project, deck_path, finish, layout_problems, markdown_plain, pdf_pages, run_csplan,
    soffice_to_pdf, strip_marks,
)

pytestmark = pytest.mark.cli  # runs csplan in subprocesses; `make test-fast` leaves it out

NBSP = "\u00a0"


def dump(path: Path) -> str:
    from pipeline.dump import dump as dump_deck

    return dump_deck(path)


@pytest.fixture(scope="module")
def localized(tmp_path_factory):
    """Build acme in pl through make (LANG=pl) and in ru and sv through the CLI, in parallel; return the root."""
    root = copy_project(tmp_path_factory.mktemp("i18n") / "project")
    make = shutil.which("make")
    procs = {}
    if make:
        # -o: treat the venv stamp as up to date, so the test never reinstalls; ROOT points make at the copy
        # (and keeps it from seeding the checkout's content/), CSPLAN runs this interpreter's csplan on it.
        procs["pl"] = subprocess.Popen(
            [make, "--no-print-directory", "-o", ".venv/.installed-stamp", "deck", "CUSTOMER=acme", "LANG=pl",
             f"ROOT={root}", f"CSPLAN={sys.executable} -m pipeline --root {root}"], cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
    for locale in ("ru", "sv") if make else ("pl", "ru", "sv"):
        procs[locale] = subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(root), "build", "acme",
                                          "--lang", locale], cwd=ROOT, env=cli_env(), stdout=subprocess.PIPE,
                                         stderr=subprocess.PIPE, text=True)
    results = {locale: finish(p) for locale, p in procs.items()}
    return root, results


# ----------------------------------------------------------------- the three localized decks

EXPECTED = {
    "pl": [
        "title: Podsumowanie / Wszystkie 4 rezultaty biznesowe zgodnie z planem; 4 bariery wciąż otwarte",
        "title: Profil klienta",
        "| **Pole** | **Wartość** |", "title: Mapa interesariuszy",
        "| **Rezultat biznesowy** | **Priorytet strategiczny / inicjatywa** | **Priorytet klienta** | **Status** |",
        "**Zakończone**", "**W toku**", "title: Kluczowe wskaźniki efektywności (KPI) (2 z 2)",
        "Plan v2.1 · 10\u00a0lis\u00a02026", "| Języki | angielski, polski |",
        "4 rezultaty biznesowe · 7 wskaźników KPI · 12 interesariuszy", "Źródło: content/acme/customer.yaml",
        'categories: Wartość bazowa | Ostatni pomiar | Wartość docelowa', "30\u00a0cze\u00a02025",
    ],
    "ru": [
        "title: Краткое резюме / Все 4 бизнес-результата идут по плану; 4 барьера ещё открыты", "title: Профиль клиента",
        "| **Поле** | **Значение** |", "**В процессе**", "План v2.1 · 10\u00a0нояб.\u00a02026\u202fг.",
        "4 бизнес-результата · 7 ключевых показателей · 12 заинтересованных сторон", "(2 из 2)",
        "Источник: content/acme/customer.yaml",
    ],
    "sv": [
        "title: Sammanfattning / Alla 4 affärsresultat går enligt plan; 4 hinder fortfarande öppna", "title: Kundprofil",
        "| **Fält** | **Värde** |", "**Pågår**", "Plan v2.1 · 10\u00a0nov.\u00a02026",
        "4 affärsresultat · 7 nyckeltal · 12 intressenter", "(2 av 2)", "Källa: content/acme/customer.yaml",
    ],
}
# The contract value is internal (shared/deck-design.md): no customer deck shows it
# (tests/view/test_cs_plan_storyline.py).
# English labels of the code that must be gone from a localized deck.
ENGLISH = ["Executive summary", "Customer profile", "| **Field** | **Value** |", " of 2)", "**In progress**",
           "Source: content/", "Plan scope", "Nov\u00a010,\u00a02026"]


@pytest.mark.parametrize("locale", ["pl", "ru", "sv"])
def test_a_localized_deck_has_localized_labels_and_formats(localized, locale):
    root, results = localized
    res = results[locale]
    assert res.returncode == 0, res.stdout + res.stderr
    assert f"wrote build/acme/acme-cs-plan-{locale}.pptx" in res.stdout
    text = dump(deck_path(root, "acme", locale))
    missing = [x for x in EXPECTED[locale] if x not in text]
    assert not missing, f"{locale}: not in the deck: {missing}"
    english = [x for x in ENGLISH if x in text]
    assert not english, f"{locale}: English labels left in the deck: {english}"


def test_make_deck_lang_builds_one_locale(localized):
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    root, _results = localized
    assert deck_path(root, "acme", "pl").is_file()
    assert not list((root / "build" / "acme").glob("*-en.pptx")), "LANG=pl builds Polish only"


def test_an_edited_swedish_msgstr_changes_the_next_swedish_deck(tmp_path):
    root = copy_project(tmp_path / "project")
    first = run_csplan(root, "build", "acme", "--lang", "sv")
    assert first.returncode == 0, first.stderr
    assert "title: Kundprofil\n" in dump(deck_path(root, "acme", "sv"))
    po = root / "locales" / "sv" / "LC_MESSAGES" / "csplan.po"
    text = po.read_text("utf-8")
    entry = 'msgid "Customer profile"\nmsgstr "Kundprofil"'
    assert text.count(entry) == 1
    po.write_text(text.replace(entry, 'msgid "Customer profile"\nmsgstr "Kundens profil"'), "utf-8")
    second = run_csplan(root, "build", "acme", "--lang", "sv")
    assert second.returncode == 0, second.stderr
    after = dump(deck_path(root, "acme", "sv"))
    assert "title: Kundens profil\n" in after and "Kundprofil" not in after
    assert not list((root / "locales").rglob("*.mo"))


@pytest.mark.parametrize(("old", "new", "code"), [
    ('msgid "Executive summary"\nmsgstr "Sammanfattning"', 'msgid "Executive summary"\nmsgstr ""', "i18n.empty"),
    ('msgid "Executive summary"', '#, fuzzy\nmsgid "Executive summary"', "i18n.fuzzy"),
])
def test_a_fuzzy_or_empty_translation_stops_the_build(tmp_path, old, new, code):
    root = copy_project(tmp_path / "project")
    po = root / "locales" / "sv" / "LC_MESSAGES" / "csplan.po"
    text = po.read_text("utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    po.write_text(text, "utf-8")
    line = text[: text.index('msgid "Executive summary"')].count("\n") + 1
    res = run_csplan(root, "build", "acme", "--lang", "sv")
    assert res.returncode == 1, res.stdout + res.stderr
    assert (f'locales/sv/LC_MESSAGES/csplan.po:{line}:1: msgid "Executive summary": ' in res.stderr
            and f"[{code}]" in res.stderr and "would show it in English" in res.stderr), res.stderr
    assert "nothing was written" in res.stderr
    assert not deck_path(root, "acme", "sv").exists()


def test_a_broken_placeholder_in_a_translation_stops_the_build_without_a_traceback(tmp_path):
    root = copy_project(tmp_path / "project")
    po = root / "locales" / "pl" / "LC_MESSAGES" / "csplan.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "Źródło: {files}"', 'msgstr "Źródło: {pliki}"'), "utf-8")
    res = run_csplan(root, "build", "acme", "--lang", "pl")
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert 'msgid "Source: {files}"' in res.stderr and "[i18n.placeholder]" in res.stderr


@pytest.mark.cli
def test_a_translation_that_drops_a_placeholder_stops_the_build_at_its_po_line(tmp_path):
    root = copy_project(tmp_path / "project")
    po = root / "locales" / "pl" / "LC_MESSAGES" / "csplan.po"
    text = po.read_text("utf-8")
    old = 'msgstr "Źródło: {files}"'
    assert text.count(old) == 1
    po.write_text(text.replace(old, 'msgstr "Źródło"'), "utf-8")
    line = text[: text.index('\nmsgid "Source: {files}"')].count("\n") + 2
    res = run_csplan(root, "build", "acme", "--lang", "pl")
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert (f'locales/pl/LC_MESSAGES/csplan.po:{line}:1: msgid "Source: {{files}}": ' in res.stderr
            and "missing {files}" in res.stderr and "[i18n.placeholder]" in res.stderr), res.stderr
    assert not deck_path(root, "acme", "pl").exists()


def test_an_unsupported_locale_lists_the_supported_ones(tmp_path):
    root = copy_project(tmp_path / "project")
    res = run_csplan(root, "build", "acme", "--lang", "de")
    assert res.returncode == 2
    assert res.stderr.strip().splitlines() == [
        "csplan build: unsupported locale 'de'; supported: en, ru, pl, sv (and en-XA, a pseudo-locale for developers)"]


# ----------------------------------------------------------------- csplan check --lang


def test_check_lang_lists_every_text_that_falls_back(make_customer):
    project, folder = make_customer()
    outcomes = folder / "outcomes.yaml"
    text = outcomes.read_text("utf-8")
    text = text.replace("title: Cut travel costs by 20%",
                        "title: {en: Cut travel costs by 20%, pl: Obniżenie kosztów podróży o 20%}")
    outcomes.write_text(text, "utf-8")
    res = run_csplan(project.root, "check", "--lang", "pl", "minimal")
    assert res.returncode == 0, res.stdout + res.stderr
    warnings = [x.strip() for x in res.stdout.splitlines() if "[i18n.fallback]" in x]
    assert warnings
    line = next(n for n, x in enumerate(text.splitlines(), 1) if "summary: Travel is" in x)
    assert (f"content/minimal/outcomes.yaml:{line}:10: warning: summary: no pl text; the pl deck shows the en "
            f"text; write it as {{en: …, pl: …}} [i18n.fallback]") in warnings
    assert not [w for w in warnings if "outcomes[0].title:" in w], "the title has a pl text"
    assert [w for w in warnings if w.startswith("content/minimal/customer.yaml:") and ": summary:" in w]
    # Names, ids, dates and links are not texts to translate.
    assert not [w for w in warnings if re.search(r"(\.id|\.owner|website|\.date|stakeholders\[\d+\]\.name): ", w)]
    strict = run_csplan(project.root, "check", "--lang", "pl", "--strict", "minimal")
    assert strict.returncode == 1
    assert "[i18n.fallback]" not in run_csplan(project.root, "check", "--lang", "en", "minimal").stdout
    plain = run_csplan(project.root, "check", "minimal")
    assert "[i18n.fallback]" not in plain.stdout


# ----------------------------------------------------------------- the pseudo-locale

# CLDR output in the pseudo-locale (English formats): dates (removed before content texts, whose numbers
# would split them), then language names, money and numbers (after, as content texts hold them too).
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
# CLDR's words: dates, and the names of CLDR units after a number ("54 seconds"; the pseudo-locale formats as English).
CLDR_WORDS = [rf"{_MONTH} \d{{1,2}}, \d{{4}}", r"(?<=\d)\s(?:second|minute|hour|day|week)s?(?=\s*(?:$|[|(↓↑→]))"]
CLDR_NUMBERS = [r"\b(?:English|Polish|Russian|Swedish)\b", r"[A-Z]{3}[\d,.]+", r"[-+−]?[\d][\d,.]*%?"]
# Lines of the dump that describe the file, not its text.
STRUCTURE = re.compile(r"^\s*(?:presentation .*|author: .*|created: .*|modified: .*|=== slide .*|picture .*|‹#›|"
                       r"table \(.*\):|text \([^)]*\):|notes:|text \(slide number\):|visual \([^)]*\):|group:)$")
# Line prefixes of the dump: a title, a chart's parts, a drawn visual's parts ("tile: ", "card: ", "row: ", …).
PREFIX = re.compile(r'^\s*(?:title: |categories: |series |chart \(\w+\) |[a-z]+: )')


def content_texts(root: Path, customer: str) -> list[str]:
    """Return every string written in a customer's content files (Markdown as its paragraphs), longest first."""
    values: set[str] = set()

    def walk(data):
        if isinstance(data, dict):
            for v in data.values():
                walk(v)
        elif isinstance(data, list):
            for v in data:
                walk(v)
        elif data is not None and not isinstance(data, bool):
            text = str(data)
            values.add(strip_marks(text))
            values.update(strip_marks(p) for p in markdown_plain(text))
            if text.startswith(("http://", "https://")):
                values.add(short_url(text))  # a bare address shows short (pipeline/view/common.py)

    for path in (root / "content" / customer).glob("*.yaml"):
        walk(yaml.safe_load(path.read_text("utf-8")))
    return sorted((v for v in values if v), key=len, reverse=True)


def _leftover(text: str, contents: list[str]) -> str:
    """Return ``text`` without content texts and CLDR numbers ("" when it is a part of a content text)."""
    text = re.sub(r"^\s*(?:• |◦ )", "", text)
    fragment = text.strip()
    if len(fragment) >= 20 and any(fragment in value for value in contents):
        return ""  # a part of a content text: a first sentence, a bold lead used as a headline
    for value in contents:
        if value in text:  # whole words only: the value "en" must not eat a hard-coded "Agenda"
            text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
    for pattern in CLDR_NUMBERS:
        text = re.sub(pattern, " ", text)
    return text


def unwrapped_english(text: str, contents: list[str]) -> list[str]:
    """Return the dump lines that still hold letters once brackets, content texts and CLDR formats are removed."""
    leftovers = []
    for raw in text.splitlines():
        if STRUCTURE.match(raw) or not raw.strip():
            continue
        # The deck's no-break and zero-width spaces are the content's plain spaces, as far as words go.
        line = strip_marks(PREFIX.sub("", raw)).replace("\u00a0", " ").replace("\u202f", " ").replace("\u200b", "")
        line = re.sub(r"^(?:\d+\. |• |◦ )", "", line)
        while True:  # messages nest ("[[title] (çöñţ.)]"): drop the innermost brackets first
            shorter = re.sub(r"\[[^\[\]]*\]", " ", line)
            if shorter == line:
                break
            line = shorter
        for pattern in CLDR_WORDS:
            line = re.sub(pattern, " ", line)
        # A drawn visual's parts are " | "-separated, a card's lines " / "-separated: each may be content.
        rest = " ".join(_leftover(cell, contents) for cell in line.split(" | "))
        if re.search(r"[A-Za-z]{2,}", rest):
            rest = " ".join(_leftover(part, contents) for cell in line.split(" | ") for part in cell.split(" / "))
        if re.search(r"[A-Za-z]{2,}", rest):
            leftovers.append(f"{raw.strip()[:100]!r} → {rest.strip()[:60]!r}")
    return leftovers


@pytest.fixture(scope="module")
def pseudo_deck(tmp_path_factory):
    """Build acme in the pseudo-locale in-process; return (root, deck path)."""
    from pipeline.build import build
    from pipeline.registry import Target

    root = copy_project(tmp_path_factory.mktemp("pseudo") / "project")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))
        built = build(Project(root), Target("acme", "cs-plan", PSEUDO_LOCALE))
    assert built.ok, "\n".join(p.format() for p in built.problems)
    [deck] = built.written
    assert deck.name == f"acme-cs-plan-{PSEUDO_LOCALE}.pptx"
    return root, deck


def test_the_pseudo_deck_has_no_unwrapped_english(pseudo_deck):
    root, deck = pseudo_deck
    text = dump(deck)
    assert text.count("[") > 300, "the pseudo-locale did not bracket the messages"
    leftovers = unwrapped_english(text, content_texts(root, "acme"))
    assert not leftovers, "text from the code outside the catalog:\n" + "\n".join(leftovers[:30])


def test_the_unwrapped_english_check_catches_a_hard_coded_label(pseudo_deck):
    root, deck = pseudo_deck
    text = dump(deck).replace("title: [Åĝééñðåå]", "title: Agenda", 1)
    assert unwrapped_english(text, content_texts(root, "acme")) == ["'title: Agenda' → 'Agenda'"]


def test_the_pseudo_locale_is_not_a_customer_locale(make_customer):
    project, folder = make_customer()
    path = folder / "customer.yaml"
    path.write_text(path.read_text("utf-8").replace("output_locales: [en, pl]", f"output_locales: [en, {PSEUDO_LOCALE}]"),
                    "utf-8")
    res = run_csplan(project.root, "check", "minimal")
    assert res.returncode == 1 and "is not a supported locale" in res.stdout


@pytest.mark.libreoffice
def test_the_pseudo_deck_stays_inside_its_slides(pseudo_deck, tmp_path):
    # Every message is ~40 % longer: tables, titles and charts must still fit, as LibreOffice draws them.
    from pptx import Presentation

    _root, deck = pseudo_deck
    pdf = soffice_to_pdf(deck, tmp_path / "pdf", tmp_path / "lo-profile")
    assert pdf_pages(pdf) == len(Presentation(str(deck)).slides)
    problems = layout_problems(deck, pdf)
    assert not problems, "text outside its slide area:\n" + "\n".join(problems)


@pytest.mark.cli
def test_a_deck_build_announces_the_texts_that_fall_back_with_the_command_listing_them(tmp_path):
    root = copy_project(tmp_path / "project")
    res = run_csplan(root, "build", "acme", "--artifact", "cs-plan", "--lang", "pl")
    assert res.returncode == 0, res.stderr
    [line] = [x for x in res.stderr.splitlines() if "[i18n.fallback]" in x]
    assert re.search(r"content/acme: warning: \d+ texts have no pl version", line), line
    assert "list them with: csplan check --lang pl acme" in line
    internal = run_csplan(root, "build", "acme", "--artifact", "cs-plan", "--lang", "pl", "--audience", "internal")
    assert internal.returncode == 0 and "[i18n.fallback]" not in internal.stderr  # the internal variant stays with the team
