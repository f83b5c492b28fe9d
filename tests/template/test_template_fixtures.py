"""Corporate templates as teams make them: LibreOffice exports, two masters, other fonts, 4:3.

The fixtures in tests/fixtures/templates/pptx/ are made by make_templates.py
there; each has the mapping `csplan template init` writes beside it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TESTS
from deck_helpers import copy_project, decks_layout_problems, run_csplan
from pipeline import measure
from pipeline.problems import Severity
from pipeline.template import ROLES, check_template, inventory, load_template
from pipeline.template_init import mapping_text

FIXTURES = TESTS / "fixtures" / "templates" / "pptx"
NAMES = ["lo-plain", "lo-two-masters", "lo-dejavu", "lo-4x3"]


def copy_fixture_template(name: str, dest: Path) -> Path:
    """Copy a fixture template and its mapping into ``dest`` as corp.pptx/corp.yaml; return the .pptx."""
    pptx = dest / "corp.pptx"
    shutil.copyfile(FIXTURES / f"{name}.pptx", pptx)
    shutil.copyfile(FIXTURES / f"{name}.yaml", dest / "corp.yaml")
    return pptx


def errors(problems):
    return [p for p in problems if p.severity is Severity.ERROR]


@pytest.mark.parametrize("name", NAMES)
def test_init_writes_the_committed_mapping_and_the_check_accepts_it(name):
    pptx, found = inventory(FIXTURES / f"{name}.pptx")
    assert found == []
    assert mapping_text(pptx, f"{name}.pptx") == (FIXTURES / f"{name}.yaml").read_text(encoding="utf-8")
    assert errors(check_template(FIXTURES / f"{name}.pptx")) == []


def test_libreoffice_placeholders_have_no_idx_yet_each_gets_its_own():
    import zipfile

    with zipfile.ZipFile(FIXTURES / "lo-plain.pptx") as z:
        layout = next(n for n in z.namelist() if n.startswith("ppt/slideLayouts/slideLayout") and
                      b'name="Title, 2 Content"' in z.read(n))
        assert z.read(layout).count(b"<p:ph/>") == 2  # the two content placeholders: no type, no idx
    pptx, _ = inventory(FIXTURES / "lo-plain.pptx")
    two = next(l for l in pptx.layouts if l.name == "Title, 2 Content")
    idx = [p.idx for p in two.placeholders]
    assert len(set(idx)) == len(idx)
    t = load_template(FIXTURES / "lo-plain.pptx")
    left, right = t.role("two_column").boxes["left"], t.role("two_column").boxes["right"]
    assert left.right <= right.left and left.top == right.top


def test_two_masters_repeat_layout_names_and_a_master_tells_them_apart(tmp_path):
    pptx = copy_fixture_template("lo-two-masters", tmp_path)
    t = load_template(pptx)
    assert (t.role("title").master, t.role("content").master) == (1, 0)
    # The dark cover keeps the template's light text on its navy background.
    assert t.backgrounds["title"] == "12263F" and t.text_colors["title"]["title"][0] == "FFFFFF"
    mapping = tmp_path / "corp.yaml"
    mapping.write_text(mapping.read_text().replace('layout: "2 / Title Slide"', "layout: Title Slide", 1))
    (p,) = check_template(pptx)
    assert p.code == "template.layout-ambiguous" and p.field == "roles.title.layout" and (p.line, p.col) == (14, 13)
    assert "'1 / Title Slide', '2 / Title Slide'" in p.message
    mapping.write_text(mapping.read_text().replace("layout: Title Slide", 'layout: "3 / Title Slide"', 1))
    (p,) = check_template(pptx)
    assert p.code == "template.layout-unknown" and "no slide master '3'" in p.message


def test_template_fonts_are_measured_with_the_font_that_draws_them():
    t = load_template(FIXTURES / "lo-dejavu.pptx")
    assert t.font("content", "body") == "DejaVu Sans"
    choice = measure.use_font("DejaVu Sans")
    try:
        assert choice.found and choice.used == "DejaVu Sans"
        dejavu = measure.text_width("Złoty wniosek, Ärende, Рубль", 18)
    finally:
        measure.use_font("Calibri")
    assert dejavu > measure.text_width("Złoty wniosek, Ärende, Рубль", 18) * 1.1


def test_a_font_that_is_not_installed_is_a_warning_naming_where_to_put_it(tmp_path):
    pptx = copy_fixture_template("lo-dejavu", tmp_path)
    import zipfile

    # Rename the font in every part: a font this machine does not have.
    rewritten = tmp_path / "rewritten.pptx"
    with zipfile.ZipFile(pptx) as zin, zipfile.ZipFile(rewritten, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename).replace(b"DejaVu Sans", b"Nowhere Grotesk"))
    shutil.move(rewritten, pptx)
    found = check_template(pptx)
    assert errors(found) == []
    (w,) = found
    assert w.code == "template.font-missing" and w.severity is Severity.WARNING
    assert "font 'Nowhere Grotesk' is not installed here" in w.message and f"{tmp_path / 'fonts'}/" in w.message


@pytest.mark.cli
def test_init_then_check_through_the_cli(tmp_path):
    corp = str(tmp_path / "corp.pptx")
    shutil.copyfile(FIXTURES / "lo-4x3.pptx", corp)
    run = run_csplan(tmp_path, "template", "init", corp)
    assert run.returncode == 0, run.stderr
    assert f"wrote {tmp_path / 'corp.yaml'}" in run.stdout
    again = run_csplan(tmp_path, "template", "init", corp)
    assert again.returncode == 1 and "already exists" in again.stderr and "[template.mapping-exists]" in again.stderr
    check = run_csplan(tmp_path, "template", "check", corp)
    assert check.returncode == 0 and "corp.pptx: ok" in check.stdout, check.stdout
    (tmp_path / "corp.yaml").write_text((tmp_path / "corp.yaml").read_text().replace("body: body,", "body: date,"))
    check = run_csplan(tmp_path, "template", "check", corp)
    assert check.returncode == 1
    assert "corp.yaml:25:40: roles.content.placeholders.body: placeholder" in check.stdout and "roles.content.placeholders.body: placeholder" in check.stdout
    assert "[template.placeholder-type]" in check.stdout


# ---------------------------------------------------------------- every example deck in each fixture
def _content_bottom_pt(name: str) -> float:
    """Return where the content ends on the fixture's slides (the lowest body or content area), in points."""
    t = load_template(FIXTURES / f"{name}.pptx")
    bottoms = [b.bottom for r in t.roles.values() for sub, b in r.boxes.items() if sub not in ("footer", "slide_number")]
    bottoms += [r.content_area.bottom for r in t.roles.values() if r.content_area is not None]
    return max(bottoms) / 12700


_BUILT: dict[str, tuple[Path, list[Path]]] = {}


def _built_in(name: str, tmp_path_factory) -> tuple[Path, list[Path]]:
    """Return the project and every example plan and review deck built into fixture ``name`` (once a session).

    Built with ``--template`` (the fixture and its mapping where they are), every customer in every locale.
    """
    if name not in _BUILT:
        root = copy_project(tmp_path_factory.mktemp(f"in-{name}") / "project")
        run = run_csplan(root, "build", "--all", "--artifact", "cs-plan", "--artifact", "qbr", "--artifact", "ebr",
                         "--template", str(FIXTURES / f"{name}.pptx"))
        assert run.returncode == 0, run.stdout + run.stderr
        _BUILT[name] = root, sorted((root / "build").glob("*/*.pptx"))
    return _BUILT[name]


def _one_locale_each(name: str, decks: list[Path]) -> list[Path]:
    """Return the decks of one locale per customer: each fixture takes a customer's next locale in turn.

    Over the four fixtures every locale of every example customer is drawn by LibreOffice once
    (the lint covers every deck in every fixture); converting them all would take minutes more.
    """
    from deck_helpers import example_locales

    turn = NAMES.index(name)
    chosen = []
    for customer in sorted({d.parent.name for d in decks}):
        locales = example_locales(customer)
        locale = locales[turn % len(locales)]
        chosen += [d for d in decks if d.parent.name == customer and d.stem.endswith(f"-{locale}")]
    return chosen


@pytest.mark.examples
@pytest.mark.cli
@pytest.mark.parametrize("name", NAMES)
def test_every_example_deck_in_every_fixture_template_passes_the_design_lint(tmp_path_factory, name):
    root, decks = _built_in(name, tmp_path_factory)
    assert len({d.parent.name for d in decks}) == 4 and any("-cs-plan-" in d.name for d in decks)
    lint = run_csplan(root, "lint", "--template", str(FIXTURES / f"{name}.pptx"), *map(str, decks))
    assert lint.returncode == 0, lint.stdout + lint.stderr


@pytest.mark.examples
@pytest.mark.cli
@pytest.mark.libreoffice
@pytest.mark.parametrize("name", NAMES)
def test_every_example_deck_builds_in_the_fixture_and_its_words_stay_in_their_shapes(tmp_path_factory, name):
    _, decks = _built_in(name, tmp_path_factory)
    import deck_helpers

    bottom = deck_helpers.CONTENT_BOTTOM_PT
    deck_helpers.CONTENT_BOTTOM_PT = _content_bottom_pt(name)
    try:
        problems = decks_layout_problems(_one_locale_each(name, decks), tmp_path_factory.mktemp(f"pdf-{name}"))
    finally:
        deck_helpers.CONTENT_BOTTOM_PT = bottom
    assert problems == []


# ---------------------------------------------------------------- mutated mappings: a located problem, or decks
_VIEWS: list = []


def _example_views():
    """Return one view of each example deck kind of every customer (their first locale), made once."""
    if _VIEWS:
        return _VIEWS
    from pipeline.project import Project
    from pipeline.registry import Target, get

    project = Project(TESTS.parent)
    for customer in project.customers():
        for artifact in ("cs-plan", "qbr"):
            problems, job = get(artifact).views(project, Target(customer, artifact))
            if job is not None:
                _VIEWS.append(job.files[0][1])
    return _VIEWS


def _refs() -> list:
    """Return every way the mutated mappings name a placeholder or a layout of lo-two-masters."""
    pptx, _ = inventory(FIXTURES / "lo-two-masters.pptx")
    refs: list = sorted({p.idx for l in pptx.layouts for p in l.placeholders})
    refs += ["title", "subtitle", "body", "body 2", "body 3", "object", "date", "footer", "slide number",
             "picture", "PlaceHolder 2", "PlaceHolder 5"]
    return refs


_MAPPING = yaml.safe_load((FIXTURES / "lo-two-masters.yaml").read_text(encoding="utf-8"))
_LAYOUTS = ["1 / Title Slide", "2 / Title Slide", "Title Slide", "1 / Title, Content", "2 / Title, 2 Content",
            "1 / Title Only", "1 / Blank Slide", "2 / Centered Text", "3 / Title Only", "Nope"]
_JUNK = [None, 5, "x", [1], {}, {"left": 0}, -1, True]
_SUBS = sorted({s for required, optional in ROLES.values() for s in (*required, *optional)})

_mutation = st.one_of(
    st.tuples(st.just("placeholder"), st.sampled_from(list(ROLES)), st.sampled_from(_SUBS),
              st.sampled_from(_refs() + _JUNK)),
    st.tuples(st.just("layout"), st.sampled_from(list(ROLES)), st.sampled_from(_LAYOUTS + _JUNK)),
    st.tuples(st.just("drop"), st.sampled_from(list(ROLES)),
              st.sampled_from(["layout", "placeholders", "content_area", "role", "title", "body"])),
    st.tuples(st.just("top"), st.sampled_from(["colors", "text_sizes", "version", "roles"]), st.sampled_from(_JUNK)),
)


def _mutate(data: dict, mutations) -> dict:
    import copy

    data = copy.deepcopy(data)
    for m in mutations:
        roles = data.get("roles") if isinstance(data.get("roles"), dict) else {}
        if m[0] == "placeholder" and isinstance(roles.get(m[1]), dict):
            phs = roles[m[1]].setdefault("placeholders", {})
            if isinstance(phs, dict):
                phs[m[2]] = m[3]
        elif m[0] == "layout" and isinstance(roles.get(m[1]), dict):
            roles[m[1]]["layout"] = m[2]
        elif m[0] == "drop" and isinstance(roles.get(m[1]), dict):
            if m[2] == "role":
                roles.pop(m[1])
            elif m[2] in ("title", "body"):
                if isinstance(roles[m[1]].get("placeholders"), dict):
                    roles[m[1]]["placeholders"].pop(m[2], None)
            else:
                roles[m[1]].pop(m[2], None)
        elif m[0] == "top":
            data[m[1]] = m[2]
    return data


@pytest.mark.examples
@settings(max_examples=12, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mutations=st.lists(_mutation, min_size=1, max_size=3))
def test_a_mutated_mapping_is_a_located_problem_or_every_example_deck_renders(tmp_path_factory, mutations):
    from pipeline.render.pptx import render_deck

    work = tmp_path_factory.mktemp("mutated")
    pptx = copy_fixture_template("lo-two-masters", work)
    (work / "corp.yaml").write_text(yaml.safe_dump(_mutate(_MAPPING, mutations), sort_keys=False), encoding="utf-8")
    found = errors(check_template(pptx))
    if found:
        assert all(p.code.startswith(("template.", "yaml.", "file.")) and p.code != "template.internal"
                   for p in found), found
        assert all(p.path.endswith("corp.yaml") and p.line > 0 for p in found), found
        return
    template = load_template(pptx)
    data = pptx.read_bytes()
    for view in _example_views():
        assert render_deck(view, template, data)


@pytest.mark.libreoffice
def test_make_templates_makes_the_committed_fixtures(tmp_path):
    import subprocess
    import sys

    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    subprocess.run([sys.executable, str(FIXTURES / "make_templates.py"), str(tmp_path)], check=True,
                   capture_output=True, timeout=600)
    for name in NAMES:
        made, _ = inventory(tmp_path / f"{name}.pptx")
        committed, _ = inventory(FIXTURES / f"{name}.pptx")
        # The same layouts, placeholders and theme (bytes may differ with another LibreOffice version).
        assert made == committed, name
        assert mapping_text(made, f"{name}.pptx") == (FIXTURES / f"{name}.yaml").read_text(encoding="utf-8")


def test_init_on_the_default_template_finds_the_shipped_mapping(tmp_path):
    from pipeline.template import DEFAULT_TEMPLATE

    pptx = tmp_path / "corp.pptx"
    shutil.copyfile(DEFAULT_TEMPLATE, pptx)
    inv, _ = inventory(pptx)
    (tmp_path / "corp.yaml").write_text(mapping_text(inv, "corp.pptx"), encoding="utf-8")
    guessed, shipped = load_template(pptx), load_template(DEFAULT_TEMPLATE)
    for role in ROLES:
        g, s = guessed.role(role), shipped.role(role)
        assert (g.layout, g.content_area) == (s.layout, s.content_area), role
        assert {k: v for k, v in g.placeholders.items() if k in s.placeholders} == s.placeholders, role
