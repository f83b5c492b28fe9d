"""The Word renderer (pipeline/render/docx.py): user text stays data, Markdown becomes Word formatting.

Also: tables repeat their header row, team templates with a bad tag are
refused with the template, tag and paragraph named, and LibreOffice turns a
questionnaire into a PDF.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from conftest import FIXTURES, copy_fixture
from pipeline.build import build as build_target
from pipeline.registry import Target, partner_target
from pipeline.dump import dump
from deck_helpers import soffice_to_pdf
from docx_helpers import copy_shared, docx_project, repo_project


def build(tmp_path, fixture: str, name: str = "alpha"):
    project = copy_fixture(fixture, tmp_path, name)
    copy_shared(tmp_path)
    result = build_target(project, Target(name, "reference", "en"))
    assert result.ok, [p.format() for p in result.problems]
    return result.written[0]


# ----------------------------------------------------------------- user text is data


def test_template_syntax_in_user_text_comes_out_literally(tmp_path):
    path = build(tmp_path, "references/template-injection")
    text = dump(path)
    for literal in ("Budget {{ 7*7 }} for R&D <Q3>", "Totals like {{ 7*7 }} and {% if true %}yes{% endif %} are "
                    "text, and so is </w:t><w:t>.", "Also {_{ stays as typed, and {# not a comment #}.",
                    "R&D <Q3> & \"quotes\" 'single'", "{{ title }} {{ labels.profile }}",
                    "{%p if x %} </w:p> ]]> <![CDATA[ x"):
        assert literal in text, literal
    assert "49" not in text
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert "R&amp;D &lt;Q3&gt;" in xml and "&lt;/w:t&gt;&lt;w:t&gt;" in xml


def test_user_text_in_the_customer_name_comes_out_literally(tmp_path):
    project = copy_fixture("valid/referenced", tmp_path, "alpha")
    customer = project.content / "alpha" / "customer.yaml"
    customer.write_text(customer.read_text(encoding="utf-8").replace(
        "name: Minimal Logistics", 'name: "{{ 7*7 }} R&D <Q3> {_{"'), encoding="utf-8")
    copy_shared(tmp_path)
    result = build_target(project, Target("alpha", "reference", "en"))
    assert result.ok
    text = dump(result.written[0])
    assert "Customer reference · {{ 7*7 }} R&D <Q3> {_{" in text  # a plain tag: subtitle
    assert "{{ 7*7 }} R&D <Q3> {_{ · Customer reference" in text  # the footer


# ----------------------------------------------------------------- Markdown → Word


def _paragraph(document, start: str):
    return next(p for p in document.paragraphs if p.text.startswith(start))


def test_markdown_becomes_real_word_formatting(tmp_path):
    path = build(tmp_path, "references/markdown-formatting")
    document = docx.Document(str(path))
    p = _paragraph(document, "Managers drove")
    runs = {r.text: r for r in p.runs}
    assert runs["three hours"].bold and not runs["three hours"].italic
    assert runs["every"].italic and not runs["every"].bold
    [link] = p.hyperlinks
    assert (link.text, link.url) == ("the audit", "https://audit.example/2025")
    assert link.runs[0].style.name == "Hyperlink"
    styles = {q.text: q.style.name for q in document.paragraphs}
    assert styles["First numbered"] == styles["Again first"] == "List Number"
    assert styles["nested bullet"] == "List Bullet 2"
    assert styles["plain bullet"] == "List Bullet"
    assert styles["A paragraph between the lists."] == "Normal"
    assert _paragraph(document, "<b>raw HTML</b> stays text.").runs[0].bold is None


def test_each_numbered_list_starts_at_one(tmp_path):
    text = dump(build(tmp_path, "references/markdown-formatting"))
    assert re.search(r"^1\. First numbered\n2\. Second numbered\n  • nested bullet\n", text, re.M)
    assert re.search(r"^1\. Again first\n2\. Again second\n• plain bullet\n", text, re.M)


def test_tables_repeat_their_header_row_and_use_the_table_style(tmp_path):
    document = docx.Document(str(build(tmp_path, "valid/referenced")))
    headed = [t for t in document.tables if t.rows[0]._tr.trPr is not None
              and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(headed) >= 5
    assert {t.style.name for t in document.tables} == {"csplan Table"}
    for t in headed:
        assert all(r.bold for c in t.rows[0].cells for r in c.paragraphs[0].runs)


def test_headings_have_levels(tmp_path):
    text = dump(build(tmp_path, "valid/referenced"))
    assert "\n# Customer profile\n" in text and "\n## Pain points\n" in text
    # Six sections (the quote is a call-out inside the results): no next steps in this reference.
    assert text.count("\n# ") == 6


# ----------------------------------------------------------------- team templates


def _team_template(project, defect: str) -> str:
    """Put a copy of the default reference template with the defect's paragraph into the project."""
    paragraph = (FIXTURES / "templates" / defect / "paragraph.txt").read_text(encoding="utf-8").strip()
    path = project.templates / "docx" / "reference.docx"
    document = docx.Document(str(path))
    document.paragraphs[1].insert_paragraph_before(paragraph)
    document.save(str(path))
    return paragraph


@pytest.mark.parametrize(("defect", "code", "fragment"), [
    ("template-unknown-tag", "template.unknown-tag",
     "unknown tag {{ customer_nmae }} in paragraph 2 of the body (“Prepared for {{ customer_nmae }}”); the reference "
     "view provides: challenge, cover, execution, footer, headline, labels, logo, next_steps, notice, outcomes, "
     "profile, quote, results, solution, subtitle, title"),
    ("template-jinja-syntax-error", "template.syntax",
     "Jinja syntax error in paragraph 2 of the body (“Status: {% if title %}{{ title }}”): "),
    ("template-inline-block-tag", "template.block-tag",
     "block tag 'results' in paragraph 2 of the body (“Results in short: {{ results }}”) must be written "
     "{{p results }}, alone in its paragraph"),
])
def test_a_bad_team_template_is_refused_naming_template_tag_and_paragraph(tmp_path, defect, code, fragment):
    project = copy_fixture("valid/referenced", tmp_path, "alpha")
    copy_shared(tmp_path)
    _team_template(project, defect)
    result = build_target(project, Target("alpha", "reference", "en"))
    assert not result.ok and not result.written
    assert not (project.build_dir / "alpha").exists()
    [problem] = result.problems.errors
    assert (problem.path, problem.code) == ("templates/docx/reference.docx", code)
    assert fragment in problem.message


# ----------------------------------------------------------------- LibreOffice


@pytest.mark.libreoffice
def test_libreoffice_converts_the_questionnaire_to_pdf(tmp_path):
    project = repo_project(tmp_path / "project")
    result = build_target(project, partner_target("questionnaire", "en"))
    assert result.ok, [p.format() for p in result.problems]
    pdf = soffice_to_pdf(result.written[0], tmp_path / "pdf", tmp_path / "profile")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler (pdftotext) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.count("\f")
    assert pages >= 10
    for needle in ("CX Specialization", "All questions are mandatory.", "Reference 1: Acme Logistics",
                   "Reference 2: A Swedish energy utility", "Nexio Integration sp. z o.o."):
        assert needle in text, needle


@pytest.mark.libreoffice
def test_libreoffice_converts_a_reference_with_every_script(tmp_path):
    project = docx_project(tmp_path / "project")
    customer = project.content / "alpha" / "customer.yaml"
    customer.write_text(customer.read_text(encoding="utf-8").replace(
        "name: Minimal Logistics", "name: Łódź Åkeri Волга"), encoding="utf-8")
    result = build_target(project, Target("alpha", "reference", "en"))
    assert result.ok
    pdf = soffice_to_pdf(result.written[0], tmp_path / "pdf", tmp_path / "profile")
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler (pdffonts) is not installed")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "Carlito" in fonts or "Calibri" in fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Łódź Åkeri Волга" in text


def test_the_org_chart_is_native_word_shapes_with_alt_text(tmp_path):
    project = repo_project(tmp_path / "project")
    result = build_target(project, partner_target("questionnaire", "en"))
    assert result.ok, [p.format() for p in result.problems]
    xml = zipfile.ZipFile(result.written[0]).read("word/document.xml").decode()
    group = re.search(r'<wp:docPr id="\d+" name="Org chart \d+" descr="([^"]+)"/>.*?</wpg:wgp>', xml, re.S)
    assert group and "Customer Success Specialists" in group.group(1)
    assert group.group(0).count("<wps:txbx>") == 9  # one box per unit of partner.yaml


def test_the_questionnaire_has_a_table_of_contents_field(tmp_path):
    project = repo_project(tmp_path / "project")
    result = build_target(project, partner_target("questionnaire", "en"))
    package = zipfile.ZipFile(result.written[0])
    assert re.search(r'<w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z \\u </w:instrText>',
                     package.read("word/document.xml").decode())
    assert '<w:updateFields w:val="true"/>' in package.read("word/settings.xml").decode()


def test_the_reference_quote_is_a_call_out_after_the_results(tmp_path):
    document = docx.Document(str(build(tmp_path, "valid/referenced")))
    styles = [(p.style.name, p.text) for p in document.paragraphs]
    callout = [n for n, (style, _text) in enumerate(styles) if style == "csplan Callout"]
    results = next(n for n, (style, text) in enumerate(styles) if style == "Heading 1" and text == "Results")
    assert callout and callout[0] > results and styles[callout[-1]][1].startswith("—")
