"""End-to-end builds of the Word documents: customer references and the CX questionnaire.

The tmp projects come from docx_helpers.py: :func:`docx_project` (two tiny
referenced customers and a tiny partner) and :func:`repo_project` (a copy of
the repository's content, templates and locales).

Proves, through the command line:
  * ``csplan build acme --artifact reference`` and ``csplan build --artifact
    questionnaire`` write their files, and every question has an answer;
  * withdrawing consent on one referenced customer makes the questionnaire
    build fail with a message naming the customer and the file, and leaves the
    previous questionnaire untouched;
  * an anonymized reference holds no customer name, person's name or picture
    in any part of the package;
  * a second build gives identical bytes.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from conftest import copy_fixture
from docx_helpers import copy_shared, docx_project, repo_project, run_csplan
from pipeline.dump import dump

pytestmark = pytest.mark.cli  # runs csplan in subprocesses; `make test-fast` leaves it out


# ----------------------------------------------------------------- helpers


def all_text(docx: Path) -> str:
    """Return every XML part of a .docx joined, for searching raw content."""
    with zipfile.ZipFile(docx) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith((".xml", ".rels")))


# ----------------------------------------------------------------- the command line


def test_reference_and_questionnaire_build_through_the_cli(tmp_path):
    root = repo_project(tmp_path).root
    ref = run_csplan(root, "build", "acme", "--artifact", "reference", "--lang", "en")
    assert ref.returncode == 0, ref.stderr
    assert ref.stdout == "wrote build/acme/acme-reference-en.docx\n"
    q = run_csplan(root, "build", "--artifact", "questionnaire", "--lang", "en")
    assert q.returncode == 0, q.stderr
    assert q.stdout == "wrote build/_partner/cx-questionnaire-en.docx\n"
    text = dump(root / "build" / "_partner" / "cx-questionnaire-en.docx")
    for n in range(1, 8):
        assert f"\n# {n}. " in text
    assert "## Reference 1: Acme Logistics" in text
    assert "## Reference 2: A Swedish energy utility" in text


def test_every_question_has_a_non_empty_answer(tmp_path):
    root = repo_project(tmp_path).root
    assert run_csplan(root, "build", "--artifact", "questionnaire", "--lang", "en").returncode == 0
    text = dump(root / "build" / "_partner" / "cx-questionnaire-en.docx")
    sections = text.split("\n# ")[1:]
    assert len(sections) == 7
    for section in sections:
        heading, question, *answer = [line for line in section.split("\n") if line.strip()]
        assert question.endswith(("?", ".")), heading
        assert len("".join(answer)) > 100, f"question {heading!r} has no real answer"


def test_withdrawn_consent_fails_the_questionnaire_and_keeps_the_old_file(tmp_path):
    root = repo_project(tmp_path).root
    assert run_csplan(root, "build", "--artifact", "questionnaire", "--lang", "en").returncode == 0
    out = root / "build" / "_partner" / "cx-questionnaire-en.docx"
    before, mtime = out.read_bytes(), out.stat().st_mtime_ns
    ref = root / "content" / "acme" / "reference.yaml"
    ref.write_text(ref.read_text(encoding="utf-8").replace("  until: 2027-11-04\n",
                                                            "  until: 2027-11-04\n  withdrawn: 2026-11-20\n"),
                   encoding="utf-8")
    run = run_csplan(root, "build", "--artifact", "questionnaire", "--lang", "en")
    assert run.returncode == 1
    line = next(n for n, text in enumerate(ref.read_text(encoding="utf-8").splitlines(), 1) if "withdrawn:" in text)
    assert (f"content/acme/reference.yaml:{line}:14: consent.withdrawn: customer 'acme' withdrew its consent on "
            f"2026-11-20" in run.stderr)
    assert "nothing was written (earlier files are untouched)" in run.stderr
    assert out.read_bytes() == before and out.stat().st_mtime_ns == mtime


def test_questionnaire_is_a_partner_artifact(tmp_path):
    root = repo_project(tmp_path).root
    run = run_csplan(root, "build", "acme", "--artifact", "questionnaire")
    assert run.returncode == 2
    assert "questionnaire is built for the partner" in run.stderr


def test_reference_needs_reference_yaml(tmp_path):
    root = repo_project(tmp_path).root
    run = run_csplan(root, "build", "volga-bank", "--artifact", "reference", "--lang", "en")
    assert run.returncode == 1
    assert "content/volga-bank/reference.yaml: missing; write the customer reference" in run.stderr


def test_check_all_includes_the_partner(tmp_path):
    root = docx_project(tmp_path).root
    run = run_csplan(root, "check")
    assert run.returncode == 0, run.stdout
    assert run.stdout.endswith("alpha: ok\nbeta: ok\n_partner: ok\n")


# ----------------------------------------------------------------- in process


def test_anonymized_reference_shows_no_names_and_no_logo(tmp_path):
    from pipeline.build import build
    from pipeline.registry import Target
    from pipeline.model import build_plan
    from pipeline.load import load_customer

    project = repo_project(tmp_path)
    result = build(project, Target("nordvik-energi", "reference", "en"))
    assert result.ok, [p.format() for p in result.problems]
    docx = result.written[0]
    raw = all_text(docx)
    plan, _ = build_plan(load_customer(project.content / "nordvik-energi", "nordvik-energi", project.root))
    names = ["Nordvik", plan.customer.name, "nordvikenergi"] + [
        p.name for p in plan.stakeholders.stakeholders if not p.end_user_group]
    for name in names:
        assert name not in raw, f"{name!r} appears in the anonymized reference"
    with zipfile.ZipFile(docx) as z:
        media = [z.read(n) for n in z.namelist() if n.startswith("word/media/")]
    # The partner's logo only: the customer is not named, the partner is.
    assert media == [(project.partner / "assets" / "logo.png").read_bytes()]
    assert "A Swedish energy utility" in dump(docx)


def test_external_reference_has_its_logo(tmp_path):
    from pipeline.build import build
    from pipeline.registry import Target

    result = build(repo_project(tmp_path), Target("acme", "reference", "en"))
    assert result.ok
    with zipfile.ZipFile(result.written[0]) as z:
        assert [n for n in z.namelist() if n.startswith("word/media/")]
    assert '[picture "Acme Logistics logo"]' in dump(result.written[0])


def test_builds_are_byte_identical(tmp_path):
    from pipeline.build import build
    from pipeline.registry import Target, partner_target

    project = docx_project(tmp_path)

    def build_both() -> list[bytes]:
        reference, questionnaire = build(project, Target("alpha", "reference", "en")), build(project, partner_target("questionnaire"))
        assert reference.ok and questionnaire.ok
        return [p.read_bytes() for p in reference.written + questionnaire.written]

    first = build_both()
    assert len(first) == 2 and build_both() == first


@pytest.mark.parametrize(("fixture", "code"), [
    ("consent-expired", "consent.expired"),
    ("consent-withdrawn", "consent.withdrawn"),
])
def test_reference_build_refuses_lapsed_consent(tmp_path, fixture, code):
    from pipeline.build import build
    from pipeline.registry import Target

    project = copy_fixture(f"references/{fixture}", tmp_path, "alpha")
    copy_shared(tmp_path)
    result = build(project, Target("alpha", "reference", "en"))
    assert not result.ok and not result.written
    assert [p.code for p in result.problems.errors] == [code]


def test_internal_consent_builds_a_reference_but_not_the_questionnaire(tmp_path):
    from pipeline.build import build
    from pipeline.registry import Target, partner_target

    project = docx_project(tmp_path)
    shutil.rmtree(project.content / "beta")
    copy_fixture("references/consent-internal-only", tmp_path, "beta")
    ref = build(project, Target("beta", "reference", "en"))
    assert ref.ok
    assert "For internal use only" in dump(ref.written[0])
    q = build(project, partner_target("questionnaire"))
    assert not q.ok and not q.written
    [problem] = q.problems.errors
    assert problem.format() == (
        "content/beta/reference.yaml:17:8: consent.use: customer 'beta' approved the reference for internal use "
        "only; the questionnaire goes to the vendor, so it needs use: external or anonymized (approved by the "
        "customer) [consent.internal]")
