"""Property: whatever a field holds, ``csplan check`` rejects it with a located problem, or the build succeeds.

Starting from the valid fixture (with a reference), one or two fields of its
files are set to values at their limits: any string (long, control and
format characters, formula-like), huge and tiny numbers, dates at the ends of
the calendar, long lists. Then the check runs; when it finds no error, the
plan deck or the customer reference is built in process and must be written,
with no known repair cause. Never an exception (the CLI's exit 70).

Deterministic (``derandomize``) and modest (50 examples), so ``make
test-fast`` stays fast; the loader's own fuzz tests are in tests/load/.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, MINIMAL, copy_fixture
from deck_helpers import NOT_TEXT, repair_causes
from docx_helpers import copy_shared
from pipeline.build import build
from pipeline.check import check_customer
from pipeline.problems import format_text
from pipeline.registry import Target

PROPERTY = settings(max_examples=50, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])
REFERENCE = FIXTURES / "valid" / "referenced" / "reference.yaml"


def _files() -> dict[str, object]:
    files = {p.name: yaml.safe_load(p.read_text("utf-8")) for p in sorted(MINIMAL.glob("*.yaml"))}
    files["reference.yaml"] = yaml.load(REFERENCE.read_text("utf-8"), Loader=yaml.BaseLoader)
    return files


BASE = _files()


def _leaves(data, path=()):
    """Yield (path, value) of every scalar and list in ``data``."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(data, list):
        yield path, data
        for i, v in enumerate(data):
            yield from _leaves(v, path + (i,))
    else:
        yield path, data


# Ids, references and choices only ever fail the check when changed at random:
# the examples go to the texts, numbers, dates and lists that can reach a build.
DATES = {"date", "start", "end", "due", "when", "completed", "validated_on", "renewal", "until"}
NUMBERS = {"value", "amount", "quantity", "priority"}
SKIP = NOT_TEXT - DATES - NUMBERS - {"people", "members", "groups", "outcomes", "kpis", "account_team"}


def _key(path) -> str:
    return next((k for k in reversed(path) if isinstance(k, str)), "")


LEAVES = [(name, path, value) for name, data in BASE.items() for path, value in _leaves(data)
          if path and _key(path) not in SKIP and not (isinstance(path[-1], int) and not isinstance(value, dict))]

# Text at its limits: anything, long prose, formula-like, characters Office or YAML treat specially.
texts = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec="utf-8"), min_size=256, max_size=3000),
    st.sampled_from(["=1+1", "@SUM(A1)", "+7", "-", "{=A1}", "https://x.example", "NaN", "inf", "1e309", "‮",
                     "\u200b", "a\u0301" * 300, "🎉" * 200, "<w:p>", "]]>", "&amp;", "{{ title }}", "{% if %}"]),
)
numbers = st.one_of(
    st.integers(min_value=-(10 ** 20), max_value=10 ** 20).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=None).map(lambda d: format(d, "f")[:400]),
    st.sampled_from(["0", "-0", "0.000000000000001", "999999999999999", "1" + "0" * 3000, "1e-400", "1e400",
                     "100000000000000.5", "-999999999999999"]),
)
dates = st.one_of(
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
    st.sampled_from(["0001-01-01", "9999-12-31", "1970-01-01", "2038-01-19", "2026-02-29", "2024-02-29"]),
)


def _kind(path, value) -> str:
    text = str(value)
    if isinstance(value, list):
        return "list"
    if _key(path) in DATES:
        return "date"
    if _key(path) in NUMBERS:
        return "number"
    if isinstance(value, (int, float)) or text.replace(".", "", 1).lstrip("-").isdigit():
        return "number"
    if hasattr(value, "isoformat") or (len(text) == 10 and text[4] == "-" and text[7] == "-"):
        return "date"
    return "text"


def _value_for(kind: str, current):
    if kind == "list":
        return st.integers(min_value=2, max_value=60).map(lambda n: _longer(current, n))
    return {"number": numbers, "date": dates, "text": texts}[kind]


def _longer(items: list, n: int) -> list:
    """Return ``items`` repeated to ``n`` entries, each copy's id (when it has one) made unique."""
    out = []
    for i in range(n):
        item = copy.deepcopy(items[i % len(items)]) if items else "x"
        if isinstance(item, dict) and "id" in item and i >= len(items):
            item["id"] = f"{item['id']}-{i}"
        out.append(item)
    return out


@st.composite
def edits(draw):
    """Return [(file, path, new value)], one or two edits of the fixture."""
    out = []
    for _ in range(draw(st.integers(min_value=1, max_value=2))):
        name, path, current = draw(st.sampled_from(LEAVES))
        out.append((name, path, draw(_value_for(_kind(path, current), current))))
    return out


def _apply(files: dict, edit_list) -> dict:
    files = copy.deepcopy(files)
    for name, path, value in edit_list:
        node = files[name]
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return files


def _dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10 ** 6, default_style=None)


@PROPERTY
@given(edit_list=edits(), artifact=st.sampled_from(["cs-plan", "reference"]))
def test_check_rejects_with_a_location_or_the_build_succeeds(tmp_path_factory, edit_list, artifact):
    root = tmp_path_factory.mktemp("prop")
    project = copy_fixture("valid/minimal", root, "minimal")
    shutil.copytree(FIXTURES / "partner" / "minimal", project.content / "_partner")
    copy_shared(root)
    folder = project.content / "minimal"
    for name, data in _apply(BASE, edit_list).items():
        (folder / name).write_text(_dump(data), encoding="utf-8")
    checked = check_customer(project, "minimal").problems
    if checked.errors:
        event(f"check refused: {sorted({p.code for p in checked.errors})[0]}")
        for p in checked.errors:
            assert p.path.startswith("content/minimal/") and p.code and p.message, p.format()
            assert p.line > 0 or p.code.startswith(("file.", "section.")), p.format()
        return
    event(f"built {artifact}")
    result = build(project, Target("minimal", artifact, "en"))
    assert result.ok, f"{edit_list!r}\n{format_text(list(result.problems))}"
    [path] = result.written
    assert repair_causes(path) == [], edit_list
