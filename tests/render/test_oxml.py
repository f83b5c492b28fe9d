"""python-pptx still has every private name ``pipeline/render/oxml.py`` relies on, and only that module uses them.

After a python-pptx upgrade these tests say which name went missing and
which fast path it served, instead of a render failing halfway through a
deck. An attribute python-pptx sets in ``__init__`` is not on the class, so
it is looked for on an instance of that class in a small presentation built
here with the public API.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import pptx
import pytest
from pptx import Presentation
from pptx.chart.data import XyChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

from pipeline.render.oxml import PRIVATE_NAMES

PIPELINE = Path(__file__).resolve().parents[2] / "pipeline"
OXML = PIPELINE / "render" / "oxml.py"
RENDERER = PIPELINE / "render" / "pptx.py"


def _resolve(path: str):
    """Return the module, class or object at a dotted ``path`` (a module, then attributes)."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for name in parts[cut:]:
            obj = getattr(obj, name)
        return obj
    raise ModuleNotFoundError(path)


@pytest.fixture(scope="module")
def instances() -> list:
    """Return python-pptx objects of the classes whose private attributes are set per instance."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = slide.shapes.add_textbox(0, 0, Inches(2), Inches(1)).text_frame
    table = slide.shapes.add_table(2, 2, 0, Inches(1), Inches(4), Inches(1)).table
    data = XyChartData()
    data.add_series("s").add_data_point(1, 2)
    chart = slide.shapes.add_chart(XL_CHART_TYPE.XY_SCATTER, 0, Inches(2), Inches(4), Inches(3), data).chart
    return [prs.slides, slide.shapes, frame, frame.paragraphs[0], table, chart.plots[0].series[0], chart]


def _reason(path: str, attr: str, why: str) -> str:
    return (f"python-pptx {pptx.__version__} no longer has {path}.{attr}; "
            f"pipeline/render/oxml.py relies on it for {why}")


@pytest.mark.parametrize("path, attr, why", PRIVATE_NAMES, ids=[f"{p}.{a}" for p, a, _ in PRIVATE_NAMES])
def test_python_pptx_still_has(path, attr, why, instances):
    try:
        owner = _resolve(path)
    except (ImportError, AttributeError):
        pytest.fail(_reason(path, attr, why) + f" (there is no {path} at all)")
    if hasattr(owner, attr):
        return
    samples = [obj for obj in instances if isinstance(owner, type) and isinstance(obj, owner)]
    assert samples, _reason(path, attr, why) + (
        " (not on the class; if python-pptx sets it per instance, add one to the instances fixture)")
    assert all(hasattr(obj, attr) for obj in samples), _reason(path, attr, why)


def _accessed(path: Path) -> set[str]:
    """Return the private attribute names the module at ``path`` reads or sets on objects other than ``self``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.attr for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__")
            and not (isinstance(node.value, ast.Name) and node.value.id == "self")}


def test_every_private_name_oxml_uses_is_listed():
    listed = {attr for _, attr, _ in PRIVATE_NAMES}
    unlisted = _accessed(OXML) - listed
    assert not unlisted, f"pipeline/render/oxml.py uses {sorted(unlisted)}; list them in PRIVATE_NAMES"


def test_the_deck_renderer_touches_no_private_python_pptx_name():
    used = _accessed(RENDERER)
    assert not used, f"pipeline/render/pptx.py uses {sorted(used)}; go through pipeline.render.oxml"


def test_only_oxml_imports_python_pptx_internals():
    internal = re.compile(r"^\s*(from|import) pptx\.(oxml|opc|parts)\b", re.M)
    users = [str(p.relative_to(PIPELINE)) for p in sorted(PIPELINE.rglob("*.py"))
             if p != OXML and internal.search(p.read_text(encoding="utf-8"))]
    assert not users, f"{users} import python-pptx internals; go through pipeline.render.oxml"
