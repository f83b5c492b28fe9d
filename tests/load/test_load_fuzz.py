"""Property tests: no input, however broken, makes the input side raise; it only reports problems.

(a) random text and YAML-ish token soup → parse_yaml
(b) random bytes → read_file
(c) mutations of the valid fixture's files → parse_yaml, and the whole check
    (load → model → validate) on a project where that one file is mutated.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL, SECTIONS
from pipeline.check import check_customer
from pipeline.load import parse_yaml, read_file
from pipeline.problems import Problem, Problems, format_github, format_json, format_text
from pipeline.project import Project

FUZZ = settings(max_examples=200, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

# Characters that mean something to YAML, or to csplan's checks.
SPECIAL = list(":-[]{},#&*!|>'\"%@`?\t\n \u00a0\u2003\ufeff\x00\x01\x7f\x85\u2028\ud800\\") + ["\r\n"]
TOKENS = SPECIAL + ["a", "key", ": ", "- ", "  ", "\n  ", "\n- ", "---\n", "...\n", "~", "null", "yes", "NO",
                    "012", "1.10", "2026-02-30", "2026-11-01", "!!int ", "!x ", "&a ", "*a", "<<: ", "? ",
                    '"\\ud800"', '"\\x00"', "'", "|\n", ">-\n", "# c\n", "\\u", "{a: 1}", "[1, 2]"]
yamlish = st.lists(st.sampled_from(TOKENS), max_size=80).map("".join)


def assert_only_problems(text: str | None, doc, problems: Problems, rel: str) -> None:
    """Check the contract of the loader on any input."""
    assert isinstance(problems, Problems)
    for p in problems:
        assert isinstance(p, Problem)
        assert p.path == rel
        assert p.message and p.code
        assert isinstance(p.line, int) and isinstance(p.col, int) and p.line >= 0 and p.col >= 0
        if text is not None:
            assert p.line <= len(_BREAKS.findall(text)) + 2, p.format()
        p.format()
    if doc is None:
        assert problems.errors, "a file was refused without saying why"
    else:
        assert isinstance(doc.data, dict)
        assert doc.rel == rel


@FUZZ
@given(st.text(max_size=400))
def test_random_text(text):
    problems = Problems()
    doc = parse_yaml(text, "f.yaml", problems)
    assert_only_problems(text, doc, problems, "f.yaml")


@FUZZ
@given(yamlish)
def test_yamlish_token_soup(text):
    problems = Problems()
    doc = parse_yaml(text, "f.yaml", problems)
    assert_only_problems(text, doc, problems, "f.yaml")


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(tmp_path_factory, raw):
    path = tmp_path_factory.getbasetemp() / "fuzz-bytes.yaml"
    path.write_bytes(raw)
    problems = Problems()
    doc = read_file(path, "f.yaml", problems)
    assert_only_problems(None, doc, problems, "f.yaml")


# ------------------------------------------------------------------ mutations of valid files

ORIGINALS = {s: (MINIMAL / f"{s}.yaml").read_text(encoding="utf-8") for s in SECTIONS}
chars = st.one_of(st.sampled_from(SPECIAL), st.characters())


@st.composite
def mutated(draw):
    """Return (section, text): one fixture file with a few random edits."""
    section = draw(st.sampled_from(SECTIONS))
    text = ORIGINALS[section]
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["insert", "delete", "replace", "dup-line", "indent", "dedent", "swap-lines"]))
        lines = text.split("\n")
        if op in ("insert", "delete", "replace") and text:
            i = draw(st.integers(0, len(text) - 1))
            if op == "insert":
                text = text[:i] + draw(chars) + text[i:]
            elif op == "delete":
                text = text[:i] + text[i + draw(st.integers(1, 12)):]
            else:
                text = text[:i] + draw(chars) + text[i + 1:]
        elif op == "dup-line":
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif op in ("indent", "dedent"):
            i = draw(st.integers(0, len(lines) - 1))
            n = draw(st.integers(1, 4))
            lines[i] = (" " * n + lines[i]) if op == "indent" else re.sub(f"^ {{0,{n}}}", "", lines[i])
            text = "\n".join(lines)
        elif op == "swap-lines" and len(lines) > 1:
            i = draw(st.integers(0, len(lines) - 2))
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
            text = "\n".join(lines)
    return section, text


@FUZZ
@given(mutated())
def test_mutated_file_parse(case):
    section, text = case
    problems = Problems()
    doc = parse_yaml(text, f"{section}.yaml", problems)
    assert_only_problems(text, doc, problems, f"{section}.yaml")


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz-project")
    (root / "content").mkdir()
    shutil.copytree(MINIMAL, root / "content" / "fuzz")
    return Project(root)


@FUZZ
@given(case=mutated(), as_bytes=st.booleans())
def test_mutated_file_full_check(fuzz_project, case, as_bytes):
    section, text = case
    path = fuzz_project.content / "fuzz" / f"{section}.yaml"
    try:
        if as_bytes:
            path.write_bytes(text.encode("utf-8", "surrogatepass"))
        else:
            path.write_text(text, encoding="utf-8", errors="surrogatepass", newline="")
        result = check_customer(fuzz_project, "fuzz")
    finally:
        path.write_text(ORIGINALS[section], encoding="utf-8")
    problems = list(result.problems)
    for p in problems:
        assert isinstance(p, Problem)
        assert p.path.startswith("content/fuzz/"), p.format()
        assert p.message and p.code and p.line >= 0 and p.col >= 0
    if result.ok:
        # No error means every section was modelled: nothing was dropped silently.
        assert set(result.plan.sections) == set(SECTIONS)
    else:
        assert f"content/fuzz/{section}.yaml" in {p.path for p in problems} or any(
            p.code.startswith(("ref.", "kpi.", "date.", "reading.", "plan.", "asset.", "model.duplicate"))
            for p in problems), [p.format() for p in problems]
    # Every report format copes with whatever the messages contain.
    assert len(json.loads(format_json(problems))) == len(problems)
    assert len(format_github(problems).split("\n")) == len(problems) or not problems
    format_text(problems, color=True)


def test_originals_check_clean(fuzz_project):
    # The property above is only meaningful if the unmutated project is clean.
    assert list(check_customer(fuzz_project, "fuzz").problems) == []


@FUZZ
@given(st.one_of(yamlish, st.text(max_size=200)))
def test_libyaml_and_python_parser_agree(text):
    # The loader reads clean text with LibYAML for speed. Where the Python
    # parser accepts a file, LibYAML must give exactly the same data, positions
    # and warnings; where either refuses it, both must (their wording differs
    # on a few exotic inputs, e.g. '|# c').
    import yaml

    fast = Problems()
    doc_fast = parse_yaml(text, "f.yaml", fast)
    saved = getattr(yaml, "CSafeLoader", None)
    try:
        yaml.CSafeLoader = None
        slow = Problems()
        doc_slow = parse_yaml(text, "f.yaml", slow)
    finally:
        yaml.CSafeLoader = saved
    assert bool(fast.errors) == bool(slow.errors), (fast, slow)
    if not slow.errors:
        assert [p.format() for p in fast] == [p.format() for p in slow]
        assert (doc_fast is None) == (doc_slow is None)
        if doc_fast is not None:
            assert doc_fast.data == doc_slow.data
            assert doc_fast.values == doc_slow.values
