"""Design-lint figures of every example deck: the "before" numbers for fixing the decks.

Usage: .venv/bin/python bench/lint_examples.py [--keep DIR] [--template PPTX]

Copies examples/ (as content/), templates/ and locales/ to a temporary project, builds every
deck there (``csplan build --all --force``, then again with ``--audience
internal``: every customer, artifact and declared locale), lints each .pptx
with pipeline/lint.py and prints the problem count per lint code, per deck
kind and in total. A failed build is reported and counted as no figures. With --template, the
decks are built into that template (``csplan build --template``) and linted with its fonts.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def build_examples(dest: Path, template: Path | None = None) -> list[Path]:
    """Return every deck built from a copy of the examples at ``dest`` (both audiences)."""
    shutil.copytree(ROOT / "examples", dest / "content")
    for name in ("templates", "locales"):
        shutil.copytree(ROOT / name, dest / name)
    for audience in ("customer", "internal"):
        run = subprocess.run([sys.executable, "-m", "pipeline", "--root", str(dest), "build", "--all", "--force",
                              "--audience", audience, *(["--template", str(template)] if template else [])], cwd=ROOT, capture_output=True, text=True)
        if run.returncode:
            print(f"build --all --audience {audience} exited {run.returncode}:\n{run.stdout}{run.stderr}",
                  file=sys.stderr)
    return sorted((dest / "build").rglob("*.pptx"))


def main() -> int:
    """Build the example decks, lint them and print the counts."""
    from pipeline.lint import CODES, deck_kind, lint_deck, section_layout

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="DIR", help="build into DIR, a new folder that is kept, instead of a "
                        "temporary one")
    parser.add_argument("--template", metavar="PPTX", type=Path, help="build into this deck template (its mapping "
                        "and fonts/ beside it) instead of templates/pptx/default.pptx")
    args = parser.parse_args()
    template = args.template.resolve() if args.template else None
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(args.keep) if args.keep else Path(tmp)
        decks = build_examples(dest, template)
        template = template or dest / "templates" / "pptx" / "default.pptx"
        layout = section_layout(template)
        by_code, by_kind, by_deck = Counter(), Counter(), Counter()
        for deck in decks:
            shown = str(deck.relative_to(dest))
            for problem in lint_deck(deck, display=shown, section_layout=layout,
                                     fonts=template.parent / "fonts"):
                by_code[problem.code] += 1
                by_kind[(deck_kind(deck) or "?", problem.code)] += 1
                by_deck[shown] += 1
    print(f"{len(decks)} decks, {len(by_deck)} with problems, {sum(by_code.values())} problems")
    print("\nper code:")
    for code in CODES:  # every code, so a rule that finds nothing shows as 0
        print(f"  {code:26} {by_code[code]:6}")
    print("\nper deck kind and code:")
    for (kind, code), n in sorted(by_kind.items()):
        print(f"  {kind:8} {code:26} {n:6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
