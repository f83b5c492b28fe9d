"""A deck's storyline: the ordered parts of its main flow, then an appendix after a divider slide.

An artifact declares its default storyline (pipeline/artifacts/); a team may
reorder, drop or move parts per artifact in content/_partner/decks.yaml
(pipeline/validate/decks.py checks that file). A view makes each part's
slides on demand, so a dropped part costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.registry import Storyline
from pipeline.view import Slide

# shared/deck-design.md: "CS plan deck (≤ 15 main slides)", "QBR (≤ 12)", "EBR (≤ 8)"; the cover counts.
# The renderer keeps a deck's main flow within it; the design lint checks it.
BUDGETS = {"cs-plan": 15, "qbr": 12, "ebr": 8}


def assemble(cover: list[Slide], parts: dict[str, Callable[[], list[Slide]]], storyline: Storyline,
             audience: str, appendix_title: str) -> list[Slide]:
    """Return the deck's slides: ``cover``, the main flow, then the appendix behind a divider slide.

    ``parts`` maps each part name to a function making its slides; a part
    that makes none leaves no trace (an empty appendix has no divider).
    """
    slides = list(cover)
    for name in storyline.shown(storyline.main, audience):
        slides += parts[name]()
    appendix = [s for name in storyline.shown(storyline.appendix, audience) for s in parts[name]()]
    if appendix:
        slides.append(Slide("section", appendix_title))
        slides += appendix
    return slides
