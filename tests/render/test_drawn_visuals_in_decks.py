"""The example decks' main flows carry their drawn visuals as native shapes (read back with python-pptx).

A CS plan deck has KPI tiles, a roadmap with its today marker and a stakeholder
map; a QBR has KPI tiles, the health gauge beside its trend chart and a roadmap.
Each visual is one group of autoshapes and text boxes: no pictures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from conftest import copy_examples
from pipeline.build import build
from pipeline.project import Project
from pipeline.registry import Target



@pytest.fixture(scope="module")
def decks(tmp_path_factory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("visuals")
    copy_examples(root, "acme")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1795305600")
        plan = build(Project(root), Target("acme", "cs-plan", "en"))
        qbr = build(Project(root), Target("acme", "qbr", "en", "2026-Q3"))
    assert plan.ok and qbr.ok
    return {"plan": plan.written[0], "qbr": qbr.written[0]}


def visuals(path: Path) -> dict[str, list]:
    """Return each drawn visual group of the deck's slides by kind, with the slide it is on."""
    found: dict[str, list] = {}
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP and shape.name.startswith("Visual: "):
                found.setdefault(shape.name.removeprefix("Visual: "), []).append((slide, shape))
    return found


def members(group) -> list:
    """Return every shape inside ``group``, nested groups flattened."""
    out = []
    for shape in group.shapes:
        out += members(shape) if shape.shape_type == MSO_SHAPE_TYPE.GROUP else [shape]
    return out


def test_plan_deck_draws_tiles_roadmap_with_today_and_a_stakeholder_map(decks):
    found = visuals(decks["plan"])
    assert {"summary", "roadmap", "stakeholders", "scorecard"} <= set(found)
    tiles = [m for _s, g in found["summary"] for m in g.shapes if m.name == "Tile"]
    assert len(tiles) >= 3
    [(_slide, roadmap)] = found["roadmap"]
    names = [m.name for m in members(roadmap)]
    assert "Today" in names and names.count("Milestone") >= 3
    people = [m for _s, g in found["stakeholders"] for m in members(g) if m.has_text_frame]
    assert any("Tomasz Wróbel" in m.text_frame.text for m in people)


def test_qbr_draws_tiles_and_the_health_gauge_beside_its_trend(decks):
    found = visuals(decks["qbr"])
    assert {"summary", "gauge", "roadmap"} <= set(found)
    [(slide, gauge)] = found["gauge"]
    assert any(s.has_chart for s in slide.shapes), "the gauge stands beside the health trend chart"
    assert any(m.has_text_frame and m.text_frame.text.strip() == "87.6" for m in members(gauge))


@pytest.mark.parametrize("deck", ["plan", "qbr"])
def test_visuals_are_native_shapes_inside_the_slide(decks, deck):
    prs = Presentation(str(decks[deck]))
    for kind, entries in visuals(decks[deck]).items():
        for _slide, group in entries:
            for m in members(group):
                assert m.shape_type != MSO_SHAPE_TYPE.PICTURE, (kind, m.name)
            assert group.left >= 0 and group.top >= 0
            assert group.left + group.width <= prs.slide_width and group.top + group.height <= prs.slide_height
