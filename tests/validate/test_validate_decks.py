"""content/_partner/decks.yaml: a team's storylines, checked against each deck's parts (pipeline/validate/decks.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import copy_fixture
from pipeline import cli
from pipeline.artifacts import deck_storylines
from pipeline.dump import dump
from pipeline.validate.decks import read_storylines

REPO = Path(__file__).resolve().parents[2]


def _partner(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "content" / "_partner"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "decks.yaml").write_text(text, encoding="utf-8")
    return folder


def test_no_file_keeps_the_defaults(tmp_path):
    found, problems = read_storylines(tmp_path / "content" / "_partner", "content/_partner", deck_storylines())
    assert found == deck_storylines() and not problems


def test_every_mistake_is_located_at_once(tmp_path):
    folder = _partner(tmp_path, "cs-plan:\n  main: [summary, sumary, summary]\n  apendix: []\nqrb:\n  main: []\n")
    _, problems = read_storylines(folder, "content/_partner", deck_storylines())
    assert [p.format() for p in problems] == [
        "content/_partner/decks.yaml:2:19: cs-plan.main[1]: unknown part 'sumary' of cs-plan; did you mean "
        f"'summary'? parts: {', '.join(deck_storylines()['cs-plan'].parts)} [decks.unknown-part]",
        "content/_partner/decks.yaml:2:27: cs-plan.main[2]: part 'summary' is already in the deck at "
        "cs-plan.main[0]; a part appears once [decks.duplicate-part]",
        "content/_partner/decks.yaml:3:3: cs-plan.apendix: unknown key 'apendix'; did you mean 'appendix'? "
        "keys: main, appendix, internal [decks.unknown-key]",
        "content/_partner/decks.yaml:4:1: qrb: unknown deck 'qrb'; did you mean 'qbr'? decks: cs-plan, qbr, ebr "
        "[decks.unknown-deck]",
    ]


def test_a_team_reorders_and_moves_parts_without_python(tmp_path, capsys):
    for name in ("templates", "locales"):
        shutil.copytree(REPO / name, tmp_path / name)
    copy_fixture("valid/minimal", tmp_path, "alpha")
    default = deck_storylines()["cs-plan"]
    main = [p for p in default.main if p not in ("summary", "stakeholders")]
    _partner(tmp_path, f"cs-plan:\n  main: [{', '.join(main)}]\n  appendix: [stakeholders]\n")
    assert cli.main(["--root", str(tmp_path), "build", "alpha", "--lang", "en"]) == 0
    text = dump(str(tmp_path / "build/alpha/alpha-cs-plan-en.pptx"))
    slides = text.split("=== slide ")
    appendix = next(i for i, s in enumerate(slides) if "title: Appendix" in s)
    # The stakeholder map's headline counts them: "3 stakeholders; executive sponsor: …".
    stakeholders = [i for i, s in enumerate(slides) if "stakeholder" in s.split("\n", 2)[1].lower()]
    assert stakeholders and min(stakeholders) > appendix


def test_check_reports_a_broken_decks_file(tmp_path, capsys):
    copy_fixture("valid/minimal", tmp_path, "alpha")
    _partner(tmp_path, "cs-plan:\n  main: [nope]\n")
    assert cli.main(["--root", str(tmp_path), "check"]) == 1
    out = capsys.readouterr().out
    assert "content/_partner/decks.yaml:2:10: cs-plan.main[0]: unknown part 'nope'" in out
