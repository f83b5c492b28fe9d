"""publish's PDFs of Word documents: LibreOffice updates the questionnaire's table of contents first."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pipeline import publish as pub
from docx_helpers import build_documents


@pytest.mark.libreoffice
def test_the_questionnaires_pdf_has_its_table_of_contents_with_page_numbers(tmp_path):
    if shutil.which("soffice") is None or shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and poppler are needed")
    documents = build_documents(tmp_path / "project", [("questionnaire", "_partner", "en"),
                                                       ("reference", "acme", "en")])
    pdfs, said = pub.convert_to_pdf(documents, pub.require_tools(), tmp_path / "work")
    assert all(pdfs), said
    first = subprocess.run(["pdftotext", "-l", "1", "-layout", str(pdfs[0]), "-"], capture_output=True, text=True,
                           check=True).stdout
    entries = [line.split() for line in first.splitlines() if ".........." in line]
    # One entry per question, each with the page it starts on, in page order.
    assert len(entries) == 7, first
    pages = [int(words[-1].rsplit(".", 1)[-1]) for words in entries]
    assert pages == sorted(pages) and pages[0] >= 2, first
