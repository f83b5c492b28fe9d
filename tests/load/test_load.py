"""Tests for pipeline.load: YAML text/bytes → plain data with positions, or located problems."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import MINIMAL, SECTIONS
from pipeline.load import (
    MAX_DEPTH, MAX_FILE_BYTES, Document, Pos, decode, field_path, inside, load_customer, parse_yaml, read_file,
)
from pipeline.problems import Problems


def parse(text: str):
    problems = Problems()
    doc = parse_yaml(text, "f.yaml", problems)
    return doc, problems


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def only(problems):
    assert len(problems) == 1, [p.format() for p in problems]
    return problems.items[0]


# ------------------------------------------------------------------ values as typed

@pytest.mark.parametrize("typed", [
    "NO", "no", "yes", "Yes", "on", "off", "y", "n", "true", "False",
    "012345", "0x1F", "0o17", "1.10", "1.0", "1e3", ".5", "+1", "1_000",
    "2026-11-01", "12:30:00", "1:20", ".inf", ".NaN", "=", "<<",
])
def test_plain_scalars_stay_exactly_as_typed(typed):
    doc, problems = parse(f"a: {typed}\nb: [{typed}]\nc: {{d: {typed}}}\n")
    assert not problems, [p.format() for p in problems]
    assert doc.data == {"a": typed, "b": [typed], "c": {"d": typed}}


@pytest.mark.parametrize("text", ["a:\n", "a: ~\n", "a: null\n", "a: Null\n", "a: NULL\n", "a: []\nb: \n"])
def test_plain_nulls_become_none(text):
    doc, problems = parse(text)
    assert not problems
    assert doc.data["a"] in (None, []) and doc.data.get("b") is None


@pytest.mark.parametrize("text, value", [
    ("a: 'null'\n", "null"), ('a: "~"\n', "~"), ("a: ''\n", ""), ('a: "NO"\n', "NO"),
    ("a: |\n  two\n  lines\n", "two\nlines\n"), ("a: >-\n  folded\n  text\n", "folded text"),
    ('a: "tab\\there"\n', "tab\there"), ("a: 'it''s'\n", "it's"),
])
def test_quoted_and_block_scalars(text, value):
    doc, problems = parse(text)
    assert not problems
    assert doc.data == {"a": value}


def test_keys_are_kept_as_typed_too():
    doc, problems = parse("1: a\nyes: b\n1.10: c\n")
    assert not problems
    assert list(doc.data) == ["1", "yes", "1.10"]


# ------------------------------------------------------------------ positions

NESTED = """\
# comment
top: 1
outer:
  inner:
    - first
    - {k: v, n: 2}
  last: x
"""


def test_positions_of_keys_and_values():
    doc, problems = parse(NESTED)
    assert not problems
    assert doc.keys[("top",)] == Pos(2, 1)
    assert doc.values[("top",)] == Pos(2, 6)
    assert doc.keys[("outer", "inner")] == Pos(4, 3)
    assert doc.values[("outer", "inner")] == Pos(5, 5)  # the sequence starts at its first '-'
    assert doc.values[("outer", "inner", 0)] == Pos(5, 7)
    assert doc.values[("outer", "inner", 1)] == Pos(6, 7)
    assert doc.keys[("outer", "inner", 1, "n")] == Pos(6, 14)
    assert doc.values[("outer", "inner", 1, "n")] == Pos(6, 17)
    assert doc.keys[("outer", "last")] == Pos(7, 3)


def test_pos_falls_back_to_the_nearest_located_parent():
    doc, _ = parse(NESTED)
    assert doc.pos(("outer", "inner", 1, "missing")) == Pos(6, 7)
    assert doc.pos(("outer", "nope", 3)) == doc.values[("outer",)]
    assert doc.pos(("nothing",)) == doc.values[()]
    assert doc.pos(("outer", "last"), key=True) == Pos(7, 3)
    assert doc.pos(("outer", "last")) == Pos(7, 9)


def test_crlf_and_bom_do_not_shift_positions():
    problems = Problems()
    text = decode(b"\xef\xbb\xbfa: 1\r\nb:\r\n  c: 2\r\n", "f.yaml", problems)
    doc = parse_yaml(text, "f.yaml", problems)
    assert not problems
    assert doc.data == {"a": "1", "b": {"c": "2"}}
    assert doc.keys[("b", "c")] == Pos(3, 3)


def test_field_path():
    assert field_path(()) == ""
    assert field_path(("outcomes", 1, "initiatives", 0, "kpis", 2, "baseline")) == \
        "outcomes[1].initiatives[0].kpis[2].baseline"
    assert field_path((0, "a")) == "[0].a"
    assert field_path(("a", "\0dropped", "b")) == "a.b"


# ------------------------------------------------------------------ YAML features refused

def test_duplicate_key_block():
    doc, problems = parse("a: 1\nb: 2\na: 3\n")
    p = only(problems)
    assert (p.code, p.line, p.col, p.field) == ("yaml.duplicate-key", 3, 1, "a")
    assert "first at line 1" in p.message
    assert doc.data == {"a": "1", "b": "2"}  # the first one is kept, the value of the second dropped


def test_duplicate_key_flow_and_nested():
    doc, problems = parse("x:\n  - {k: 1, k: 2}\n")
    p = only(problems)
    assert (p.code, p.line, p.col, p.field) == ("yaml.duplicate-key", 2, 12, "x[0].k")


def test_duplicate_key_with_a_mapping_value_is_dropped_whole():
    doc, problems = parse("a:\n  b: 1\na:\n  c: 2\nd: 3\n")
    assert codes(problems) == ["yaml.duplicate-key"]
    assert doc.data == {"a": {"b": "1"}, "d": "3"}


def test_anchor_and_alias_are_reported_and_not_expanded():
    doc, problems = parse("a: &x\n  k: v\nb: *x\n")
    assert codes(problems) == ["yaml.anchor", "yaml.alias"]
    anchor, alias = problems.items
    assert (anchor.line, anchor.col, anchor.field) == (1, 4, "a")
    assert (alias.line, alias.col, alias.field) == (3, 4, "b")
    assert "'*x'" in alias.message
    assert doc.data["b"] is None
    assert ("b",) in doc.reported


def test_alias_in_a_list():
    doc, problems = parse("a: [1, *x]\n")
    p = only(problems)
    assert (p.code, p.field, p.col) == ("yaml.alias", "a[1]", 8)
    assert ("a", 1) in doc.reported


@pytest.mark.parametrize("text, tag", [
    ("a: !!int 1\n", "!!int"), ("a: !!str yes\n", "!!str"), ("a: !local x\n", "!local"),
    ("a: !!binary aGk=\n", "!!binary"), ("!!map {a: 1}\n", "!!map"), ("a: !!seq [1]\n", "!!seq"),
    ("a: !!python/object:os.system x\n", "!!python/object:os.system"),
])
def test_explicit_tags_are_reported_and_values_kept_as_text(text, tag):
    doc, problems = parse(text)
    p = only(problems)
    assert p.code == "yaml.tag"
    assert f"'{tag}'" in p.message


def test_non_specific_tag_is_fine():
    doc, problems = parse("a: ! 1\n")
    assert not problems and doc.data == {"a": "1"}


def test_multi_document():
    doc, problems = parse("a: 1\n---\nb: 2\n")
    p = only(problems)
    assert (p.code, p.line, p.col) == ("yaml.multi-doc", 2, 1)


def test_single_explicit_document_is_fine():
    doc, problems = parse("%YAML 1.1\n---\na: 1\n...\n")
    assert not problems and doc.data == {"a": "1"}


@pytest.mark.parametrize("text", ["", "\n\n", "# only\n# comments\n", "---\n", "~\n", "null\n"])
def test_empty_documents(text):
    doc, problems = parse(text)
    assert doc is None
    p = only(problems)
    assert (p.code, p.line, p.col) == ("file.empty", 1, 1)


@pytest.mark.parametrize("text, line, is_list", [("- a\n- b\n", 1, True), ("just text\n", 1, False),
                                                ("# c\n[1, 2]\n", 2, True)])
def test_top_level_must_be_a_mapping(text, line, is_list):
    doc, problems = parse(text)
    assert doc is None
    p = only(problems)
    assert (p.code, p.line) == ("yaml.not-mapping", line)
    assert ("put the list under its key" in p.message) is is_list


def test_complex_and_empty_keys():
    doc, problems = parse("? [a]\n: b\n~: c\nok: d\n")
    assert codes(problems) == ["yaml.complex-key", "yaml.empty-key"]
    assert doc.data == {"ok": "d"}
    assert "key is empty" in problems.items[1].message


def test_nesting_depth_is_limited():
    deep = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    doc, problems = parse(deep)
    assert doc is None
    assert codes(problems) == ["yaml.too-deep"]
    ok = "a: " + "[" * (MAX_DEPTH - 2) + "]" * (MAX_DEPTH - 2) + "\n"
    doc, problems = parse(ok)
    assert doc is not None and not problems


# ------------------------------------------------------------------ syntax errors, with hints

@pytest.mark.parametrize("text, line, col, hint", [
    ("title: Goal: cut costs\n", 1, 12, "put the value in quotes"),
    ("a: 'open\nb: 1\n", 3, 1, "a quote is not closed"),
    ("a: [1, 2\n", 2, 1, ""),
    ("a: @handle\n", 1, 4, "in quotes"),
    ("a: `cmd`\n", 1, 4, "in quotes"),
    ("a: %x\n", 1, 4, "in quotes"),
    ("a: b\tc\n", 1, 5, "a tab inside a line"),
    ("a:\n  b: 1\n c: 2\n", 3, 2, ""),
    ("a:\n  - b: 1\n    - c\n", 3, 5, ""),
])
def test_syntax_errors_are_located(text, line, col, hint):
    doc, problems = parse(text)
    assert doc is None
    p = only(problems)
    assert p.code == "yaml.syntax"
    assert (p.line, p.col) == (line, col), p.format()
    assert p.message.startswith("YAML syntax error: ")
    assert hint in p.message


# ------------------------------------------------------------------ whitespace and characters

def test_tab_indentation():
    doc, problems = parse("a:\n\tb: 1\n")
    assert doc is None
    p = only(problems)
    assert (p.code, p.line, p.col) == ("yaml.tab", 2, 1)


def test_tab_after_spaces_is_located_at_the_tab():
    doc, problems = parse("a:\n  \tb: 1\n")
    p = only(problems)
    assert (p.code, p.line, p.col) == ("yaml.tab", 2, 3)


@pytest.mark.parametrize("text, data", [
    ("a: 1\n\t\nb: 2\n", {"a": "1", "b": "2"}),
    ("a: 1\n  \t  \nb: 2\n", {"a": "1", "b": "2"}),
    ("a: 1 \t\nb: 2\t\n", {"a": "1", "b": "2"}),
    ("a: |\n  x\n\t\n  y\nb: 1\n", {"a": "x\n\ny\n", "b": "1"}),
])
def test_invisible_tabs_are_harmless(text, data):
    # PyYAML alone refuses every one of these.
    doc, problems = parse(text)
    assert not problems, [p.format() for p in problems]
    assert doc.data == data


@pytest.mark.parametrize("space", ["\u00a0", "\u2003", "\u3000", "\u200b"])
def test_lookalike_space_indentation(space):
    doc, problems = parse(f"a:\n {space}b: 1\n")
    assert doc is None
    p = only(problems)
    assert (p.code, p.line, p.col) == ("yaml.lookalike-space", 2, 2)
    assert f"U+{ord(space):04X}" in p.message


@pytest.mark.parametrize("text, col, after", [("a:\u00a0b\n", 3, "':'"), ("-\u00a0b\n", 2, "'-'"),
                                              ("key_1:\u00a0b\n", 7, "':'")])
def test_lookalike_space_after_indicator(text, col, after):
    doc, problems = parse(text)
    p = only(problems)
    assert (p.code, p.line, p.col) == ("yaml.lookalike-space", 1, col)
    assert after in p.message


def test_nbsp_inside_text_is_kept():
    doc, problems = parse("a: 10\u00a0000 EUR\nb: x-\u00a0y\nc: 'k:\u00a0v'\n")
    assert not problems
    assert doc.data["a"] == "10\u00a0000 EUR"


@pytest.mark.parametrize("ch", ["\x00", "\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x9f", "\ufffe"])
def test_raw_control_characters_are_located_and_blanked(ch):
    doc, problems = parse(f"a: 1\nb: x{ch}y\n")
    p = only(problems)
    assert (p.code, p.line, p.col) == ("text.control-char", 2, 5)
    assert doc.data == {"a": "1", "b": "x y"}


def test_many_control_characters_are_capped():
    doc, problems = parse("a: " + "\x01" * 100 + "\n")
    assert codes(problems) == ["text.control-char"] * 20


@pytest.mark.parametrize("escape, name", [
    ("\\ud800", "U+D800 lone surrogate"), ("\\udfff", "U+DFFF lone surrogate"),
    ("\\x00", "U+0000 control character"), ("\\x07", "U+0007 control character"),
    ("\\uFFFF", "U+FFFF noncharacter"),
])
def test_bad_characters_from_escapes(escape, name):
    doc, problems = parse(f'a: "x{escape}y"\n')
    p = only(problems)
    assert (p.code, p.line, p.col, p.field) == ("text.control-char", 1, 4, "a")
    assert name in p.message and "escape sequence" in p.message
    assert doc.data == {"a": "x y"}


def test_allowed_whitespace_and_unicode():
    doc, problems = parse('a: "tab\\tnew\\nline"\nb: Zażółć 😀\nc: "\\u00e9"\n')
    assert not problems
    assert doc.data == {"a": "tab\tnew\nline", "b": "Zażółć 😀", "c": "é"}


# ------------------------------------------------------------------ decoding

def test_decode_utf8_and_bom():
    problems = Problems()
    assert decode("zażółć: 1\n".encode(), "f", problems) == "zażółć: 1\n"
    assert decode(b"\xef\xbb\xbfa: 1\n", "f", problems) == "a: 1\n"
    assert decode(b"a: 1\rb: 2\r\n", "f", problems) == "a: 1\nb: 2\n"
    assert not problems


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_decode_refuses_utf16_with_bom(codec):
    raw = "\ufeffa: 1\n".encode(codec) if codec != "utf-16" else "a: 1\n".encode(codec)
    problems = Problems()
    assert decode(raw, "f.yaml", problems) is None
    p = only(problems)
    assert (p.code, p.line, p.col) == ("text.encoding", 1, 1)
    assert "UTF-16" in p.message


def test_decode_refuses_latin1_with_position():
    problems = Problems()
    raw = "a: 1\nregion: Kraków\n".encode("latin-1")
    assert decode(raw, "f.yaml", problems) is None
    p = only(problems)
    assert (p.code, p.line, p.col) == ("text.encoding", 2, 13)
    assert "0xF3" in p.message


def test_decode_column_counts_characters_not_bytes():
    problems = Problems()
    raw = "ża: \xf3\n".encode("utf-8").replace("\xf3".encode(), b"\xf3")
    decode(raw, "f.yaml", problems)
    assert only(problems).col == 5


# ------------------------------------------------------------------ files

def test_read_file_ok(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("a: 1\n")
    problems = Problems()
    doc = read_file(path, "content/x/a.yaml", problems)
    assert not problems
    assert doc.data == {"a": "1"} and doc.rel == "content/x/a.yaml" and doc.path == path


@pytest.mark.parametrize("raw", [b"", b"   \n\n", b"\n"])
def test_read_file_empty(tmp_path, raw):
    path = tmp_path / "a.yaml"
    path.write_bytes(raw)
    problems = Problems()
    assert read_file(path, "a.yaml", problems) is None
    assert codes(problems) == ["file.empty"]


def test_read_file_too_large_is_not_read(tmp_path, monkeypatch):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read a too-large file"))
    problems = Problems()
    assert read_file(path, "a.yaml", problems) is None
    p = only(problems)
    assert p.code == "file.too-large" and "1024 KiB" in p.message


def test_read_file_at_the_limit_is_read(tmp_path):
    path = tmp_path / "a.yaml"
    body = b"a: x\n" + b"#" * (MAX_FILE_BYTES - 6) + b"\n"
    assert len(body) == MAX_FILE_BYTES
    path.write_bytes(body)
    problems = Problems()
    assert read_file(path, "a.yaml", problems) is not None
    assert not problems


def test_read_file_unreadable(tmp_path):
    problems = Problems()
    assert read_file(tmp_path, "dir.yaml", problems) is None
    assert codes(problems) == ["file.unreadable"]
    assert read_file(tmp_path / "missing.yaml", "missing.yaml", problems) is None
    assert codes(problems) == ["file.unreadable"] * 2


def test_inside(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a").write_text("x")
    (tmp_path / "out").write_text("x")
    (folder / "link").symlink_to(tmp_path / "out")
    (folder / "inlink").symlink_to(folder / "a")
    assert inside(folder / "a", folder)
    assert inside(folder / "inlink", folder)
    assert not inside(folder / "link", folder)
    assert not inside(folder / ".." / "out", folder)


# ------------------------------------------------------------------ a customer folder

@pytest.fixture
def folder(make_customer):
    project, folder = make_customer()
    return project, folder


def test_load_customer_reads_every_section(folder):
    project, path = folder
    source = load_customer(path, "minimal", project.root)
    assert not source.problems
    assert sorted(source.documents) == sorted(f"{s}.yaml" for s in SECTIONS)
    assert source.documents["customer.yaml"].rel == "content/minimal/customer.yaml"
    assert source.documents["customer.yaml"].data["plan"] == {"version": "1.0", "date": "2026-11-01"}
    assert source.assets == {"assets/logo.png": path / "assets" / "logo.png"}


def test_load_customer_skips_hidden_files_and_folders(folder):
    project, path = folder
    (path / ".notes.yaml").write_text("::: not yaml")
    (path / ".git").mkdir()
    (path / ".git" / "x.yaml").write_text("::: not yaml")
    (path / "assets" / ".gitkeep").write_text("")
    source = load_customer(path, "minimal", project.root)
    assert not source.problems
    assert ".notes.yaml" not in source.documents
    assert "assets/.gitkeep" not in source.assets


def test_load_customer_keeps_placeholders_for_unusable_files(folder):
    project, path = folder
    (path / "barriers.yaml").write_text("barriers: [\n")
    source = load_customer(path, "minimal", project.root)
    assert codes(source.problems) == ["yaml.syntax"]
    assert source.documents["barriers.yaml"].data is None
    assert source.documents["barriers.yaml"].rel == "content/minimal/barriers.yaml"


def test_load_customer_other_extensions(folder):
    project, path = folder
    (path / "barriers.yaml").rename(path / "barriers.yml")
    (path / "notes.YAML").write_text("a: 1\n")
    (path / "readme.txt").write_text("ignored")
    source = load_customer(path, "minimal", project.root)
    assert sorted((p.path, p.code) for p in source.problems) == [
        ("content/minimal/barriers.yml", "file.extension"),
        ("content/minimal/notes.YAML", "file.extension"),
    ]
    assert "rename to barriers.yaml" in source.problems.items[0].message
    # The section exists under a wrong name: a placeholder, so it is not also "missing".
    assert source.documents["barriers.yaml"].data is None
    assert "notes.yaml" not in source.documents


def test_load_customer_refuses_links_outside(folder, tmp_path):
    project, path = folder
    secret = tmp_path / "secret.yaml"
    secret.write_text("a: 1\n")
    (path / "barriers.yaml").unlink()
    (path / "barriers.yaml").symlink_to(secret)
    (path / "assets" / "evil.png").symlink_to(secret)
    (path / "linked-dir").symlink_to(tmp_path, target_is_directory=True)
    source = load_customer(path, "minimal", project.root)
    assert sorted((p.path, p.code) for p in source.problems) == [
        ("content/minimal/assets/evil.png", "file.outside"),
        ("content/minimal/barriers.yaml", "file.outside"),
    ]
    assert source.documents["barriers.yaml"].data is None
    assert "assets/evil.png" not in source.assets
    assert all(str(tmp_path) not in p.format() for p in source.problems)


def test_load_customer_follows_links_inside(folder):
    project, path = folder
    (path / "assets" / "logo2.png").symlink_to(path / "assets" / "logo.png")
    source = load_customer(path, "minimal", project.root)
    assert not source.problems
    assert "assets/logo2.png" in source.assets


def test_document_default_position():
    doc = Document(Path("x.yaml"), "x.yaml")
    assert doc.pos(("a", 1)) == Pos(1, 1)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read anything")
def test_load_customer_unreadable_file(folder):
    project, path = folder
    (path / "barriers.yaml").chmod(0)
    source = load_customer(path, "minimal", project.root)
    assert codes(source.problems) == ["file.unreadable"]
