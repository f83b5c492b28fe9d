"""Tests for pipeline.problems: the one-line format and the text, JSON and GitHub reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.problems import (
    Problem, Problems, Severity, format_github, format_json, format_text, sort_key,
)

E = Severity.ERROR
W = Severity.WARNING

SAMPLE = [
    Problem("content/b/x.yaml", 3, 4, "a.b[0]", "is wrong", "model.x"),
    Problem("content/a/y.yaml", 0, 0, "", "missing section file", "section.missing"),
    Problem("content/b/x.yaml", 1, 2, "", "old plan", "plan.stale", W),
    Problem("content/b/x.yaml", 3, 0, "k", "line only", "c.line"),
]


def test_format_full():
    p = Problem("content/a/outcomes.yaml", 14, 9, "outcomes[1].initiatives[0].kpis[2].baseline",
                "required; add baseline: {value: …, unit: …, date: YYYY-MM-DD}", "model.missing")
    assert p.format() == ("content/a/outcomes.yaml:14:9: outcomes[1].initiatives[0].kpis[2].baseline: required; "
                          "add baseline: {value: …, unit: …, date: YYYY-MM-DD} [model.missing]")


@pytest.mark.parametrize("problem, text", [
    (Problem("f.yaml", 0, 0, "", "m", "c"), "f.yaml: m [c]"),
    (Problem("f.yaml", 2, 0, "", "m", "c"), "f.yaml:2: m [c]"),
    (Problem("f.yaml", 0, 5, "", "m", "c"), "f.yaml: m [c]"),  # a column without a line means nothing
    (Problem("f.yaml", 2, 5, "x", "m", "c", W), "f.yaml:2:5: warning: x: m [c]"),
])
def test_format_variants(problem, text):
    assert problem.format() == text


def test_problems_collection():
    problems = Problems()
    problems.error("f", "m", "c", line=1, col=2, field="x")
    problems.error("f", "m", "c", line=1, col=2, field="x")  # identical: dropped
    problems.warning("f", "m", "c", line=1, col=2, field="x")  # differs by severity: kept
    problems.extend([Problem("g", message="n", code="d")])
    assert len(problems) == 3 and bool(problems)
    assert [p.code for p in problems.errors] == ["c", "d"]
    assert [p.severity for p in problems.warnings] == [W]
    assert not Problems()
    assert problems.items[0].is_error and not problems.items[1].is_error
    assert Path(problems.items[0].path) == Path("f")


def test_text_report_groups_by_file_in_position_order():
    assert format_text(SAMPLE) == "\n".join([
        "content/a/y.yaml",
        "  content/a/y.yaml: missing section file [section.missing]",
        "",
        "content/b/x.yaml",
        "  content/b/x.yaml:1:2: warning: old plan [plan.stale]",
        "  content/b/x.yaml:3: k: line only [c.line]",
        "  content/b/x.yaml:3:4: a.b[0]: is wrong [model.x]",
    ])
    assert format_text([]) == ""


def test_text_report_color():
    text = format_text(SAMPLE, color=True)
    assert "\x1b[31m  content/b/x.yaml:3:4" not in text  # the indent stays outside the color
    assert "  \x1b[31mcontent/b/x.yaml:3:4: a.b[0]: is wrong [model.x]\x1b[0m" in text
    assert "  \x1b[33mcontent/b/x.yaml:1:2: warning: old plan [plan.stale]\x1b[0m" in text
    assert "\x1b[1mcontent/a/y.yaml\x1b[0m" in text
    assert "\x1b" not in format_text(SAMPLE)


def test_json_lists_the_same_problems_as_text():
    rows = json.loads(format_json(SAMPLE))
    assert [r["path"] for r in rows] == [p.path for p in sorted(SAMPLE, key=sort_key)]
    text_lines = [line.strip() for line in format_text(SAMPLE).splitlines() if line.startswith("  ")]
    rebuilt = [Problem(r["path"], r["line"], r["col"], r["field"], r["message"], r["code"],
                       Severity(r["severity"])).format() for r in rows]
    assert rebuilt == text_lines
    assert set(rows[0]) == {"path", "line", "col", "field", "message", "code", "severity", "policy"}
    assert rows[1]["severity"] == "warning"
    assert format_json([]) == "[]"


def test_json_keeps_unicode():
    text = format_json([Problem("f", 1, 1, "", "zażółć …", "c")])
    assert "zażółć …" in text
    assert json.loads(text)[0]["message"] == "zażółć …"


def test_github_annotations():
    lines = format_github(SAMPLE).splitlines()
    assert lines == [
        "::error file=content/a/y.yaml,title=section.missing::missing section file [section.missing]",
        "::warning file=content/b/x.yaml,line=1,col=2,title=plan.stale::old plan [plan.stale]",
        "::error file=content/b/x.yaml,line=3,title=c.line::k: line only [c.line]",
        "::error file=content/b/x.yaml,line=3,col=4,title=model.x::a.b[0]: is wrong [model.x]",
    ]
    assert format_github([]) == ""


def test_github_escaping():
    p = Problem("content/a,b/x:y%.yaml", 2, 3, "f", "100% wrong: a, b\nnext\rline", "c:d,e")
    (line,) = format_github([p]).splitlines()
    assert line == ("::error file=content/a%2Cb/x%3Ay%25.yaml,line=2,col=3,title=c%3Ad%2Ce::"
                    "f: 100%25 wrong: a, b%0Anext%0Dline [c:d,e]")


def test_github_lists_the_same_problems_as_text():
    assert len(format_github(SAMPLE).splitlines()) == len([l for l in format_text(SAMPLE).splitlines()
                                                           if l.startswith("  ")])
    for p in SAMPLE:
        assert f"[{p.code}]" in format_github([p])


def test_sort_is_by_file_then_position():
    ordered = sorted(SAMPLE, key=sort_key)
    assert [(p.path, p.line, p.col) for p in ordered] == [
        ("content/a/y.yaml", 0, 0), ("content/b/x.yaml", 1, 2), ("content/b/x.yaml", 3, 0),
        ("content/b/x.yaml", 3, 4)]
