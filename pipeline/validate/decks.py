"""content/_partner/decks.yaml: a team's storyline per deck, checked against the parts each deck has.

    cs-plan:                      # a deck artifact
      main: [summary, scorecard]  # the main flow, in order
      appendix: [kpi-details]     # after the "Appendix" divider
      internal: [renewal]         # optional: parts only the internal variant shows

A part left out of main and appendix is dropped from the deck; a key left out
keeps the artifact's default.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from pipeline.load import Document, field_path, parse_yaml
from pipeline.problems import Problem, Problems
from pipeline.registry import Storyline

DECKS_FILE = "decks.yaml"
KEYS = ("main", "appendix", "internal")


def _hint(value: str, known) -> str:
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}? " if close else ""


def storylines(doc: Document | None, defaults: dict[str, Storyline]) -> tuple[dict[str, Storyline], Problems]:
    """Return the storyline of every deck artifact (``defaults`` overridden by ``doc``) and the file's problems."""
    problems = Problems()
    result = dict(defaults)
    if doc is None or doc.data is None:
        return result, problems

    def report(loc: tuple, message: str, code: str, key: bool = False) -> None:
        pos = doc.pos(loc, key=key)
        problems.add(Problem(doc.rel, pos.line, pos.col, field_path(loc), message, code))

    if not isinstance(doc.data, dict):
        report((), "expected a mapping of deck artifacts to their storylines, e.g. 'cs-plan: {main: [...]}'",
               "decks.type")
        return result, problems
    for artifact, spec in doc.data.items():
        if artifact not in defaults:
            report((artifact,), f"unknown deck {artifact!r}; {_hint(str(artifact), defaults)}"
                   f"decks: {', '.join(defaults)}", "decks.unknown-deck", key=True)
            continue
        default = defaults[artifact]
        if not isinstance(spec, dict):
            report((artifact,), "expected a mapping with main, appendix and internal lists", "decks.type")
            continue
        known = default.parts + tuple(p for p in default.internal if p not in default.parts)
        lists: dict[str, tuple[str, ...]] = {}
        seen: dict[str, tuple] = {}
        for key, value in spec.items():
            if key not in KEYS:
                report((artifact, key), f"unknown key {key!r}; {_hint(str(key), KEYS)}keys: {', '.join(KEYS)}",
                       "decks.unknown-key", key=True)
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                report((artifact, key), "expected a list of part names", "decks.type")
                continue
            for i, part in enumerate(value):
                if part not in known:
                    report((artifact, key, i), f"unknown part {part!r} of {artifact}; {_hint(part, known)}"
                           f"parts: {', '.join(known)}", "decks.unknown-part")
                elif key != "internal" and part in seen:
                    first = field_path(seen[part])
                    report((artifact, key, i), f"part {part!r} is already in the deck at {first}; a part "
                           f"appears once", "decks.duplicate-part")
                elif key != "internal":
                    seen[part] = (artifact, key, i)
            lists[key] = tuple(v for v in value if v in known)
        result[artifact] = Storyline(lists.get("main", default.main), lists.get("appendix", default.appendix),
                                     lists.get("internal", default.internal))
    return result, problems


def read_storylines(partner_dir: Path, rel: str, defaults: dict[str, Storyline]) -> tuple[dict[str, Storyline], Problems]:
    """Return the storylines from ``partner_dir``/decks.yaml (the defaults when it is absent) and its problems."""
    path = partner_dir / DECKS_FILE
    problems = Problems()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return dict(defaults), problems
    except (OSError, UnicodeDecodeError) as exc:
        problems.error(f"{rel}/{DECKS_FILE}", f"cannot be read ({exc}); save it as UTF-8 text", "file.unreadable")
        return dict(defaults), problems
    doc = parse_yaml(text, f"{rel}/{DECKS_FILE}", problems, path)
    found, more = storylines(doc, defaults)
    problems.extend(more)
    return found, problems
