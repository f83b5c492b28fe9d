"""Tests for the default deck template, its mapping, and the template lint."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
import io
from pathlib import Path

import pytest
import yaml
from pptx import Presentation

from conftest import TESTS
from pipeline.template import (
    DEFAULT_TEMPLATE,
    ROLES,
    Box,
    TemplateError,
    check_template,
    load_template,
    mapping_path_for,
)

ROOT = TESTS.parent
MAKE_TEMPLATE = ROOT / "templates" / "pptx" / "make_template.py"
DEFAULT_MAPPING = DEFAULT_TEMPLATE.with_suffix(".yaml")
LAYOUT_NAMES = ["Title", "Section", "Title and Content", "Table", "Chart", "Two Column"]


def copy_default(tmp_path: Path, stem: str = "corp") -> tuple[Path, Path]:
    pptx = tmp_path / f"{stem}.pptx"
    mapping = tmp_path / f"{stem}.yaml"
    shutil.copyfile(DEFAULT_TEMPLATE, pptx)
    shutil.copyfile(DEFAULT_MAPPING, mapping)
    return pptx, mapping


def edit_mapping(mapping: Path, change) -> None:
    data = yaml.safe_load(mapping.read_text(encoding="utf-8"))
    change(data)
    mapping.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


# ---------------------------------------------------------------- default template
def test_default_template_passes_the_lint():
    assert check_template(DEFAULT_TEMPLATE) == []


def test_default_template_description():
    t = load_template()
    assert (t.slide_width, t.slide_height) == (12192000, 6858000)  # 13.333 x 7.5 in
    assert set(t.roles) == set(ROLES)
    assert t.layout_name("table") == "Table"
    assert t.placeholder_idx("content", "body") == 1
    assert t.placeholder_idx("two_column", "right") == 2
    assert t.placeholder_idx("table", "body") is None
    for role in ("table", "chart"):
        area = t.role(role).content_area
        assert isinstance(area, Box)
        assert 0 <= area.left < area.right <= t.slide_width
        assert t.role(role).boxes["title"].bottom <= area.top <= area.bottom <= t.role(role).boxes["footer"].top
    assert t.role("title").logo is not None
    assert set(t.status_colors) == {"red", "amber", "green", "grey"}
    assert all(re.fullmatch(r"[0-9A-F]{6}", c) for c in (*t.status_colors.values(), *t.series_colors))
    assert t.text_sizes == {"title": 28.0, "body": 18.0, "body_min": 11.0}
    with pytest.raises(KeyError, match="roles:"):
        t.role("agenda")


def test_default_template_layouts_theme_and_fonts():
    prs = Presentation(str(DEFAULT_TEMPLATE))
    assert [layout.name for layout in prs.slide_layouts] == LAYOUT_NAMES
    assert len(prs.slide_masters) == 1
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as zf:
        theme = zf.read("ppt/theme/theme1.xml").decode()
        infos = zf.infolist()
    assert re.search(r'<a:majorFont><a:latin typeface="Calibri"', theme)
    assert re.search(r'<a:minorFont><a:latin typeface="Calibri"', theme)
    scheme = re.search(r"<a:clrScheme .*?</a:clrScheme>", theme).group(0)
    series = load_template().series_colors
    for n, color in enumerate(series, start=1):  # chart series follow the theme accents
        assert f'<a:accent{n}><a:srgbClr val="{color}"/>' in scheme
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert not any(info.filename.endswith(".jpeg") for info in infos)  # no stale thumbnail


def test_mapping_agrees_with_the_layouts():
    prs = Presentation(str(DEFAULT_TEMPLATE))
    layouts = {layout.name: layout for layout in prs.slide_layouts}
    t = load_template()
    for role in t.roles.values():
        idxs = {ph.placeholder_format.idx for ph in layouts[role.layout].placeholders}
        assert set(role.placeholders.values()) <= idxs


def test_make_template_is_deterministic_and_matches_the_committed_file(tmp_path):
    outputs = []
    for name in ("a.pptx", "b.pptx"):
        out = tmp_path / name
        subprocess.run([sys.executable, str(MAKE_TEMPLATE), str(out)], check=True, capture_output=True, cwd=tmp_path)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]

    # Compare contents rather than bytes with the committed file: a different
    # zlib build may compress differently without anything having changed.
    def members(data: bytes) -> list[tuple[str, bytes]]:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return [(info.filename, zf.read(info)) for info in zf.infolist()]

    assert members(outputs[0]) == members(DEFAULT_TEMPLATE.read_bytes()), "run templates/pptx/make_template.py"


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_every_layout_renders_in_libreoffice(tmp_path):
    prs = Presentation(str(DEFAULT_TEMPLATE))
    t = load_template()
    for role_name, role in t.roles.items():
        layout = next(layout for layout in prs.slide_layouts if layout.name == role.layout)
        slide = prs.slides.add_slide(layout)
        for sub, idx in role.placeholders.items():
            if idx in {ph.placeholder_format.idx for ph in slide.placeholders}:
                slide.placeholders[idx].text = f"{role_name} {sub} zażółć åäö ещё"
        if role.content_area is not None:
            a = role.content_area
            slide.shapes.add_table(3, 3, a.left, a.top, a.width, a.height // 2)
    deck = tmp_path / "deck.pptx"
    prs.save(str(deck))
    # A private profile: LibreOffice refuses to run twice on one profile,
    # and other tests may be converting at the same time.
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = (tmp_path / "deck.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == len(t.roles)


# ---------------------------------------------------------------- lint: broken templates
def text(problems) -> str:
    """Return the problems as the printer shows them, one a line."""
    return "\n".join(p.format() for p in problems)


def test_missing_layout_is_reported_with_the_layouts_present(tmp_path):
    pptx, mapping = copy_default(tmp_path)
    prs = Presentation(str(pptx))
    table = next(layout for layout in prs.slide_layouts if layout.name == "Table")
    prs.slide_layouts.remove(table)
    prs.save(str(pptx))

    problems = check_template(pptx)
    assert len(problems) == 1
    (p,) = problems
    line = next(n for n, text in enumerate(mapping.read_text().splitlines(), 1) if "layout: Table" in text)
    assert (p.path, p.line, p.field, p.code) == (str(mapping), line, "roles.table.layout", "template.layout-unknown")
    assert p.message.startswith("layout 'Table' not found")
    assert "layouts in this file: 'Title', 'Section', 'Title and Content', 'Chart', 'Two Column'" in p.message
    with pytest.raises(TemplateError) as err:
        load_template(pptx)
    assert err.value.problems == problems


def test_relative_paths_are_shown_as_given(tmp_path, monkeypatch):
    pptx, mapping = copy_default(tmp_path)
    edit_mapping(mapping, lambda d: d["roles"]["chart"].update(layout="Graph"))
    monkeypatch.chdir(tmp_path)
    (p,) = check_template("corp.pptx")
    assert p.format().startswith("corp.yaml:") and "roles.chart.layout: layout 'Graph' not found" in p.format()


@pytest.mark.parametrize(
    "content,expected",
    [
        (b"just some notes, renamed to .pptx\n", "is not a PowerPoint .pptx file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "old binary PowerPoint (.ppt)"),
        (b"", "is not a PowerPoint .pptx file"),
    ],
)
def test_a_file_that_is_not_a_pptx(tmp_path, content, expected):
    _, mapping = copy_default(tmp_path)
    bogus = tmp_path / "corp.pptx"
    bogus.write_bytes(content)
    problems = check_template(bogus)
    assert len(problems) == 1
    assert problems[0].path == str(bogus) and expected in problems[0].message
    assert "save it as a .pptx" in problems[0].message and problems[0].code == "template.not-pptx"


def test_a_zip_that_is_not_a_presentation(tmp_path):
    _, mapping = copy_default(tmp_path)
    bogus = tmp_path / "corp.pptx"
    with zipfile.ZipFile(bogus, "w") as zf:
        zf.writestr("hello.txt", "not a presentation")
    problems = check_template(bogus)
    assert len(problems) == 1 and "is not a valid PowerPoint .pptx file" in problems[0].message


def test_missing_file_and_missing_mapping(tmp_path):
    (p,) = check_template(tmp_path / "nope.pptx")
    assert p.path == str(tmp_path / "nope.pptx") and p.message.startswith("file not found; check the path")
    pptx = tmp_path / "corp.pptx"
    shutil.copyfile(DEFAULT_TEMPLATE, pptx)
    (p,) = check_template(pptx)
    assert f"mapping file {mapping_path_for(pptx)} not found" in p.message and p.code == "template.mapping-missing"
    assert "csplan template init" in p.message and "'Title and Content'" in p.message


def test_grey_status_colour_is_optional_with_a_default(tmp_path):
    # Mappings written before drawn visuals have red, amber and green only.
    pptx, mapping = copy_default(tmp_path)
    edit_mapping(mapping, lambda d: d["colors"]["status"].pop("grey"))
    assert load_template(pptx).status_colors["grey"] == "8A939E"
    edit_mapping(mapping, lambda d: d["colors"]["status"].update(grey="#5a6270"))
    assert load_template(pptx).status_colors["grey"] == "5A6270"
    edit_mapping(mapping, lambda d: d["colors"]["status"].update(grey="grey"))
    assert "colors.status.grey: must be a hex RGB colour" in text(check_template(pptx))


def test_unknown_keys_are_reported(tmp_path):
    pptx, mapping = copy_default(tmp_path)

    def typos(d):
        d["colours"] = d.pop("colors")
        d["roles"]["content"]["layuot"] = "Title and Content"
        d["roles"]["content"]["placeholders"]["bdy"] = 1
        d["roles"]["agenda"] = {"layout": "Title"}

    edit_mapping(mapping, typos)
    problems = check_template(pptx)
    shown = text(problems)
    assert "colours: unknown key 'colours'" in shown
    assert "colors: missing or not a mapping" in shown
    assert "roles.content.layuot: unknown key 'layuot'" in shown
    assert "roles.content.placeholders.bdy: unknown sub-role 'bdy'" in shown
    assert "roles.agenda: unknown key 'agenda'" in shown
    assert all(p.path == str(mapping) and p.line > 0 and p.code.startswith("template.") for p in problems)


def test_placeholder_idx_not_in_layout(tmp_path):
    pptx, mapping = copy_default(tmp_path)
    edit_mapping(mapping, lambda d: d["roles"]["content"]["placeholders"].update(body=7))
    (p,) = check_template(pptx)
    assert p.field == "roles.content.placeholders.body" and p.code == "template.placeholder"
    assert "layout 'Title and Content' has no placeholder idx 7" in p.message
    assert "placeholders in that layout: 0 (title 'Title 1'), 1 (object 'Content Placeholder 2')" in p.message


def test_role_and_sub_role_problems(tmp_path):
    pptx, mapping = copy_default(tmp_path)

    def change(d):
        del d["roles"]["section"]
        d["roles"]["two_column"]["placeholders"].pop("right")
        d["roles"]["two_column"]["placeholders"]["footer"] = 1  # already 'left'
        d["roles"]["content"]["placeholders"].pop("slide_number")
        d["roles"]["content"]["placeholders"]["footer"] = 12  # the slide number placeholder
        d["roles"]["table"].pop("content_area")
        d["roles"]["chart"]["content_area"] = {"left": 0, "top": 0, "width": "14in", "height": "1in"}
        d["colors"]["status"]["amber"] = "amber"
        d["colors"]["series"] = []
        d["text_sizes"]["body_min"] = 30

    edit_mapping(mapping, change)
    shown = text(check_template(pptx))
    assert "roles: role 'section' is not mapped" in shown
    assert "roles.two_column.placeholders: 'right' is not mapped" in shown
    assert "roles.two_column.placeholders.footer: is the placeholder already mapped to 'left'" in shown
    assert "roles.content.placeholders.footer: placeholder 12 ('Slide Number Placeholder') is a slide number placeholder" in shown
    assert "roles.table: 'content_area' is missing" in shown
    assert "roles.chart.content_area: " in shown and "extends past the slide" in shown
    assert "colors.status.amber: must be a hex RGB colour" in shown
    assert "colors.series: must be a non-empty list" in shown
    assert "text_sizes.body_min: (30) is larger than text_sizes.body (18)" in shown


def test_a_body_on_a_date_or_footer_placeholder_is_refused(tmp_path):
    # The build used to die with exit 70 (a new slide has no date or footer placeholder to write into).
    pptx, mapping = copy_default(tmp_path)
    edit_mapping(mapping, lambda d: d["roles"]["content"]["placeholders"].update(body=11, footer=12,
                                                                                  slide_number=None))
    edit_mapping(mapping, lambda d: d["roles"]["content"]["placeholders"].pop("slide_number"))
    problems = check_template(pptx)
    assert [p.code for p in problems] == ["template.placeholder-type", "template.placeholder-type"]
    assert "a footer placeholder, which a new slide does not get from its layout" in problems[0].message


def test_content_area_can_name_a_placeholder_and_use_units(tmp_path):
    pptx, mapping = copy_default(tmp_path)

    def change(d):
        d["roles"]["table"]["layout"] = "Title and Content"
        d["roles"]["table"]["content_area"] = {"placeholder": 1}
        d["roles"]["chart"]["content_area"] = {"left": "0.6in", "top": "1.5in", "width": "12cm", "height": "72pt"}

    edit_mapping(mapping, change)
    assert check_template(pptx) == []
    t = load_template(pptx)
    assert t.role("table").content_area == t.role("content").boxes["body"]
    assert t.role("chart").content_area == Box(548640, 1371600, 4320000, 914400)


def test_placeholders_by_type_and_by_name(tmp_path):
    pptx, mapping = copy_default(tmp_path)

    def change(d):
        d["roles"]["two_column"]["placeholders"].update(title="title", left="body", right="body 2",
                                                        footer="footer", slide_number="slide number placeholder")

    edit_mapping(mapping, change)
    assert check_template(pptx) == []
    t = load_template(pptx)
    assert t.role("two_column").placeholders == {"title": 0, "left": 1, "right": 2, "footer": 11, "slide_number": 12}
    edit_mapping(mapping, lambda d: d["roles"]["two_column"]["placeholders"].update(right="body 3"))
    (p,) = check_template(pptx)
    assert "has 2 body placeholders, so 'body 3' names none" in p.message


@pytest.mark.parametrize(
    "text_,code",
    [
        ("roles: [unclosed\n", "yaml.syntax"),
        ("- just\n- a list\n", "yaml.not-mapping"),
        ("", "file.empty"),
    ],
)
def test_unusable_mapping_files(tmp_path, text_, code):
    pptx, mapping = copy_default(tmp_path)
    mapping.write_text(text_, encoding="utf-8")
    (p,) = check_template(pptx)
    assert p.path == str(mapping) and p.code == code


def test_lint_never_raises_on_garbage(tmp_path):
    pptx, mapping = copy_default(tmp_path)
    for text_ in ("roles: 5\ncolors: x\nversion: two\n", "roles: {title: 1, content: {layout: 3, placeholders: [1]}}\n",
                  "roles: {table: {layout: Table, placeholders: {title: true}, content_area: {placeholder: x}}}\n",
                  "roles: {chart: {layout: Chart, placeholders: {title: 0}, content_area: {left: a, top: 0, width: 1, height: 1}}}\n"):
        mapping.write_text(text_, encoding="utf-8")
        problems = check_template(pptx)
        assert problems and all(p.path == str(mapping) and p.code != "template.internal" for p in problems)
    # Binary junk in the mapping file.
    mapping.write_bytes(b"\xff\xfe\x00garbage")
    assert check_template(pptx)
