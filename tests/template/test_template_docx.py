"""`csplan template check FILE.docx` and the Word template lint (pipeline/template_docx.py)."""

from __future__ import annotations

import shutil

import docx
import pytest

from conftest import FIXTURES
from pipeline.template_docx import STYLES, missing_styles, template_problems
from pipeline.view.questionnaire import QUESTIONNAIRE_BLOCKS, questionnaire_tags
from pipeline.view.reference import REFERENCE_BLOCKS, reference_tags
from docx_helpers import REPO, run_csplan

TEMPLATES = REPO / "templates" / "docx"


@pytest.mark.cli
@pytest.mark.parametrize("name", ["reference", "questionnaire"])
def test_shipped_templates_check_clean(tmp_path, name):
    run = run_csplan(tmp_path, "template", "check", str(TEMPLATES / f"{name}.docx"))
    assert (run.returncode, run.stdout) == (0, f"{TEMPLATES / f'{name}.docx'}: ok\n")


def test_shipped_templates_use_every_tag_and_have_every_style():
    for name, tags, blocks in (("reference", reference_tags(), REFERENCE_BLOCKS),
                               ("questionnaire", questionnaire_tags(), QUESTIONNAIRE_BLOCKS)):
        data = (TEMPLATES / f"{name}.docx").read_bytes()
        assert template_problems(data, tags, set(blocks), name) == []
        assert missing_styles(data) == []
        text = "\n".join(p.text for p in docx.Document(str(TEMPLATES / f"{name}.docx")).paragraphs)
        for block in blocks:
            assert f"{{{{p {block} }}}}" in text


def test_make_template_is_deterministic(tmp_path):
    import subprocess
    import sys

    for out in ("a", "b"):
        (tmp_path / out).mkdir()
        subprocess.run([sys.executable, str(TEMPLATES / "make_template.py"), str(tmp_path / out)], check=True,
                       capture_output=True)
    for name in ("reference.docx", "questionnaire.docx"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
        assert (tmp_path / "a" / name).read_bytes() == (TEMPLATES / name).read_bytes(), \
            f"templates/docx/{name} is stale: run templates/docx/make_template.py"


@pytest.mark.cli
@pytest.mark.parametrize(("defect", "code"), [
    ("template-unknown-tag", "template.unknown-tag"),
    ("template-jinja-syntax-error", "template.syntax"),
    ("template-inline-block-tag", "template.block-tag"),
])
def test_check_names_the_defect_and_exits_1(tmp_path, defect, code):
    path = tmp_path / "team.docx"
    document = docx.Document(str(TEMPLATES / "reference.docx"))
    paragraph = (FIXTURES / "templates" / defect / "paragraph.txt").read_text(encoding="utf-8").strip()
    document.paragraphs[1].insert_paragraph_before(paragraph)
    document.save(str(path))
    run = run_csplan(tmp_path, "template", "check", str(path))
    assert run.returncode == 1
    [line] = run.stdout.splitlines()
    assert line.startswith(f"{path}: ") and line.endswith(f"[{code}]")
    assert f"(“{paragraph}”)" in line


@pytest.mark.cli
def test_a_plain_word_document_warns_about_missing_styles(tmp_path):
    path = tmp_path / "plain.docx"
    document = docx.Document()
    for line in ("{{ title }}", "{{p cover }}", "{{p profile }}"):
        document.add_paragraph(line)
    document.save(str(path))
    run = run_csplan(tmp_path, "template", "check", str(path))
    assert run.returncode == 0, run.stdout
    assert "warning: styles missing" in run.stdout and "csplan Table" in run.stdout
    assert set(STYLES) - set(missing_styles(path.read_bytes())) >= {"Heading 1", "List Bullet"}


@pytest.mark.cli
def test_a_file_that_is_not_a_docx_is_refused(tmp_path):
    path = tmp_path / "notes.docx"
    shutil.copy(REPO / "README.md", path)
    run = run_csplan(tmp_path, "template", "check", str(path))
    assert run.returncode == 1
    assert run.stdout == f"{path}: not a Word .docx file; save the template as a Word document (.docx)\n"
