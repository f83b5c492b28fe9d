"""Publishing (pipeline/publish.py, ``csplan publish``): build/manifest.json → dist/.

The decks are built once per module in-process with ``build_cs_plan`` and the
manifest is written here (:func:`write_manifest`), so these tests do not
depend on the batch build. Each test works on its own copy of that project.

Proves:
  * a missing or malformed build/manifest.json is one line naming `make all`
    (exit 2); a listed file that is missing or changed is a located problem
    (exit 1) and nothing is published;
  * dist/ gets a byte-identical copy, a PDF (one page per slide) and a
    480-pixel PNG thumbnail of each artifact, manifest.json and index.html;
  * index.html escapes user text (a hostile customer name in the deck title);
  * a failure at any point leaves the previous dist/ untouched, and no
    temporary folders behind;
  * headless Chromium finds every link and image of index.html and the
    filters (select boxes and URL hash) show the right cards.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
from pathlib import Path

import pytest
import yaml

from conftest import EPOCH_2026_11_22, EXAMPLES, TESTS, copy_fixture
from pipeline import publish as pub
from pipeline.project import Project, UsageError
from deck_helpers import INPUTS, cli_env, manifest_rows, pdf_pages, run_csplan, write_manifest

ROOT = TESTS.parent
HOSTILE = '<script>alert("x")</script> & </li><img src=x onerror=alert(2)> \'Co\''
# (customer, locale) of the artifacts the module builds, in the order dist lists them.
BUILT = [("alpha", "en"), ("alpha", "pl"), ("beta", "en"), ("hostile", "en")]


# ----------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """Return a project root with alpha (en, pl), beta (en) and hostile (en) built, and no manifest."""
    from pipeline.build import build
    from pipeline.registry import Target

    root = tmp_path_factory.mktemp("publish") / "project"
    for name in ("templates", "locales"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("alpha", "beta", "hostile"):
        copy_fixture("valid/minimal", root, name)
        # The fixture's logo is a stand-in that checks but does not render.
        shutil.copyfile(EXAMPLES / "acme" / "assets" / "logo.png",
                        root / "content" / name / "assets" / "logo.png")
    customer = root / "content" / "hostile" / "customer.yaml"
    data = yaml.safe_load(customer.read_text("utf-8"))
    data["name"] = HOSTILE
    customer.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    project = Project(root)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))
        for name, lang in (("alpha", None), ("beta", "en"), ("hostile", "en")):
            result = build(project, Target(name, "cs-plan", lang))
            assert result.ok, "\n".join(p.format() for p in result.problems)
    return root


@pytest.fixture
def project(built, tmp_path) -> Project:
    """Return a private copy of the built project."""
    shutil.copytree(built, tmp_path / "project")
    return Project(tmp_path / "project")


def fake_convert(worker, jobs, tools, work, done=None):
    """Stand in for LibreOffice and pdftoppm: write a tiny PDF and PNG for each job."""
    for job in jobs:
        job.pdf.parent.mkdir(parents=True, exist_ok=True)
        job.pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
        job.thumbnail.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0\0\0\x0dIHDR" + (480).to_bytes(4, "big")
                                  + (270).to_bytes(4, "big"))
        if done is not None:
            done(job, 0.5)
    return []


@pytest.fixture
def fake_tools(monkeypatch):
    """Publish without LibreOffice: conversions are :func:`fake_convert`, tools are found."""
    monkeypatch.setattr(pub, "_convert_batch", fake_convert)
    monkeypatch.setattr(pub, "require_tools", lambda: {"soffice": "soffice", "pdftoppm": "pdftoppm"})


def leftovers(dist: Path) -> list[str]:
    """Return the temporary folders a publish left beside ``dist``."""
    return sorted(p.name for p in dist.parent.iterdir() if p.name.startswith(f".{dist.name}.csplan-"))


def old_dist(dist: Path) -> dict[str, bytes]:
    """Make ``dist`` a previous publish with one marker file and return its contents."""
    (dist / "acme").mkdir(parents=True)
    (dist / "index.html").write_text("previous publish", encoding="utf-8")
    (dist / "acme" / "old.pptx").write_bytes(b"old deck")
    return snapshot(dist)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under ``folder`` by relative path."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fake_bin(folder: Path, **scripts: str) -> str:
    """Write executable shell scripts named after the keywords and return a PATH that finds them first."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in scripts.items():
        path = folder / name
        path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
        path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return f"{folder}{os.pathsep}{os.environ.get('PATH', '')}"


# ----------------------------------------------------------------- reading build/manifest.json


def test_a_missing_manifest_says_run_make_all(tmp_path):
    with pytest.raises(UsageError, match=r"^build/manifest.json does not exist; run `make all` first"):
        pub.read_manifest(Project(tmp_path))


@pytest.mark.parametrize("text, where, what", [
    ('{"version": 1, "artifacts": [', "1:30", "not valid JSON"),
    ('[]', "1:1", "expected an object with version and artifacts"),
    ('{"version": 2, "artifacts": []}', "1:1", "version: expected 1, got 2"),
    ('{"version": 1}', "1:1", "artifacts: expected a list"),
    ('{"version": 1, "artifacts": [\n  {"customer": "acme"}\n]}', "2:3",
     "artifacts[0].artifact: expected a non-empty string, got None"),
    ('{"version": 1, "artifacts": [\n  {"customer": "acme", "artifact": "cs-plan", "locale": "en", "period": 3,\n'
     '   "path": "acme/a.pptx", "sha256": "ab", "inputs": "cd"}]}', "2:3", "artifacts[0].period: expected a string"),
    ('{"version": 1, "artifacts": [\n\n    {"customer": "acme", "artifact": "cs-plan", "locale": "en",\n'
     '   "path": "../secrets.pptx", "sha256": "ab", "inputs": "cd"}]}', "3:5", "artifacts[0].path: expected a path "
     "inside build/"),
])
def test_a_malformed_manifest_is_one_located_line(tmp_path, text, where, what):
    project = Project(tmp_path)
    write_manifest(project, text=text)
    with pytest.raises(UsageError) as err:
        pub.read_manifest(project)
    message = str(err.value)
    assert message.startswith(f"build/manifest.json:{where}: {what}"), message
    assert message.endswith("run `make all` first to build the artifacts and write it")
    assert "\n" not in message


def test_a_path_listed_twice_is_malformed(tmp_path):
    project = Project(tmp_path)
    row = {"customer": "acme", "artifact": "cs-plan", "locale": "en", "period": None, "path": "acme/a.pptx",
           "sha256": "ab", "inputs": "cd"}
    write_manifest(project, [row, dict(row, locale="pl")])
    with pytest.raises(UsageError, match=r"artifacts\[1\]\.path: 'acme/a.pptx' is listed twice \(also art"):
        pub.read_manifest(project)


def test_entries_keep_their_fields_and_position(project):
    write_manifest(project)
    entries = pub.read_manifest(project)
    assert [(e.customer, e.locale) for e in entries] == BUILT
    first = entries[0]
    assert (first.artifact, first.period, first.path, first.inputs) == (
        "cs-plan", None, "alpha/alpha-cs-plan-en.pptx", INPUTS)
    assert (first.line, first.col) == (4, 5)  # json.dumps(indent=2): the object's brace


def test_missing_and_changed_files_are_located_problems_and_nothing_is_published(project, fake_tools):
    rows = manifest_rows(project)
    (project.build_dir / rows[1]["path"]).unlink()
    (project.build_dir / rows[2]["path"]).write_bytes(b"edited by hand")
    write_manifest(project, rows)
    dist = project.root / "dist"
    before = old_dist(dist)
    result = pub.publish(project)
    assert not result.ok
    lines = [p.format() for p in result.problems]
    assert len(lines) == 2
    assert re.fullmatch(r"build/manifest.json:13:5: artifacts\[1\]\.path: build/alpha/alpha-cs-plan-pl.pptx does "
                        r"not exist; .* rebuild with `make all` \[publish.missing-file\]", lines[0]), lines[0]
    assert re.fullmatch(r"build/manifest.json:22:5: artifacts\[2\]\.sha256: build/beta/beta-cs-plan-en.pptx has "
                        r"sha256 \w{12}…, the manifest says \w{12}…: .*`make all` \[publish.sha256-mismatch\]",
                        lines[1]), lines[1]
    assert snapshot(dist) == before
    assert leftovers(dist) == []


# ----------------------------------------------------------------- dist/ without LibreOffice


def test_dist_gets_copies_manifest_and_index(project, fake_tools):
    write_manifest(project)
    result = pub.publish(project, jobs=2)
    assert result.ok, [p.format() for p in result.problems]
    dist = project.root / "dist"
    for row in manifest_rows(project):
        assert (dist / row["path"]).read_bytes() == (project.build_dir / row["path"]).read_bytes()
    data = json.loads((dist / "manifest.json").read_text("utf-8"))
    assert data["version"] == 1
    assert [(r["customer"], r["locale"]) for r in data["artifacts"]] == BUILT
    alpha = data["artifacts"][0]
    assert alpha == {
        "customer": "alpha", "artifact": "cs-plan", "locale": "en", "period": None,
        "title": "Minimal Logistics — Customer Success Plan", "path": "alpha/alpha-cs-plan-en.pptx",
        "sha256": hashlib.sha256((dist / "alpha/alpha-cs-plan-en.pptx").read_bytes()).hexdigest(),
        "inputs": INPUTS, "pdf": "alpha/alpha-cs-plan-en.pdf", "thumbnail": "alpha/alpha-cs-plan-en.png",
    }
    assert data["artifacts"][3]["title"].startswith(HOSTILE)
    assert leftovers(dist) == []


def test_progress_is_reported_once_per_file(project, fake_tools):
    write_manifest(project)
    seen = []
    result = pub.publish(project, jobs=2, progress=lambda done, total, shown, s: seen.append((done, total, shown)))
    assert result.ok
    assert [d for d, _t, _s in seen] == [1, 2, 3, 4] and {t for _d, t, _s in seen} == {4}
    assert sorted(s for _d, _t, s in seen) == sorted(f"build/{r['path']}" for r in manifest_rows(project))


def test_the_index_is_titled_with_the_partners_name_and_shows_customer_names(project, fake_tools):
    path = write_manifest(project)
    data = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps({**data, "partner": "Nordic Partner AB", "customers": {"alpha": "Alpha Freight"}}),
                    "utf-8")
    assert pub.publish(project).ok
    page = (project.root / "dist" / "index.html").read_text("utf-8")
    assert "<title>Nordic Partner AB: customer success plans and reviews</title>" in page
    assert "<h1>Nordic Partner AB: customer success plans and reviews</h1>" in page
    assert '<option value="alpha">Alpha Freight</option>' in page  # the filter keeps the id, shows the name
    assert '<option value="beta">beta</option>' in page  # no name in the manifest: the id
    assert '<p class="meta">Alpha Freight · ' in page


STALE_ERROR = "content/alpha/barriers.yaml:6:24: barriers[0].timeframe.start: '2026-02-30' is not a day [model.date]"


def _stale_manifest(project: Project) -> None:
    rows = manifest_rows(project)
    rows[0].update(stale=True, error=STALE_ERROR)
    write_manifest(project, rows)


def test_a_stale_artifact_is_published_with_a_visible_mark(project, fake_tools, capsys):
    _stale_manifest(project)
    result = pub.publish(project, jobs=1)
    assert result.ok, [p.format() for p in result.problems]
    dist = project.root / "dist"
    data = json.loads((dist / "manifest.json").read_text("utf-8"))["artifacts"]
    assert (data[0]["stale"], data[0]["error"]) == (True, STALE_ERROR)
    assert not [r for r in data[1:] if "stale" in r]
    index = (dist / "index.html").read_text("utf-8")
    assert index.count('class="card stale"') == 1
    assert "<strong>Stale</strong>: its last build failed, this is the previous file." in index


def test_no_stale_refuses_to_publish_naming_each_stale_artifact(project, fake_tools):
    _stale_manifest(project)
    before = old_dist(project.root / "dist")
    result = pub.publish(project, jobs=1, no_stale=True)
    assert [p.format() for p in result.problems] == [
        f"build/manifest.json:4:5: artifacts[0].stale: alpha/alpha-cs-plan-en.pptx is stale: {STALE_ERROR}; fix it "
        "and run `make all`, or publish without --no-stale to ship the previous file marked stale [publish.stale]"]
    assert snapshot(project.root / "dist") == before


def test_publish_is_deterministic_and_sorted(project, fake_tools):
    rows = manifest_rows(project)
    write_manifest(project, list(reversed(rows)))
    pub.publish(project, project.root / "one")
    pub.publish(project, project.root / "two", jobs=1)
    for name in ("index.html", "manifest.json"):
        assert (project.root / "one" / name).read_bytes() == (project.root / "two" / name).read_bytes()
    page = (project.root / "one" / "index.html").read_text("utf-8")
    order = re.findall(r'<li class="card" data-customer="([^"]*)" data-artifact="[^"]*" data-locale="([^"]*)"', page)
    assert order == BUILT


def test_a_new_publish_replaces_the_old_dist_whole(project, fake_tools):
    write_manifest(project)
    dist = project.root / "dist"
    old_dist(dist)
    assert pub.publish(project).ok
    assert not (dist / "acme" / "old.pptx").exists()
    assert (dist / "index.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    assert leftovers(dist) == []


def test_a_failure_mid_publish_leaves_the_old_dist(project, fake_tools, monkeypatch):
    write_manifest(project)
    dist = project.root / "dist"
    before = old_dist(dist)

    def crash(items, *names):
        raise RuntimeError("disk full")

    monkeypatch.setattr(pub, "render_index", crash)
    with pytest.raises(RuntimeError, match="disk full"):
        pub.publish(project)
    assert snapshot(dist) == before
    assert leftovers(dist) == []


def test_leftovers_of_a_killed_publish_are_removed(project, fake_tools):
    write_manifest(project)
    dist = project.root / "dist"
    dead = project.root / ".dist.csplan-999999999-new-x.tmp"  # no such pid
    dead.mkdir()
    mine = project.root / f".dist.csplan-{os.getpid()}-new-y.tmp"  # a live process's: kept
    mine.mkdir()
    assert pub.publish(project).ok
    assert leftovers(dist) == [mine.name]


def test_pdfs_are_exported_tagged_by_the_filter_of_their_kind():
    assert pub.pdf_filter(".pptx") == 'pdf:impress_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
    assert pub.pdf_filter(".docx").startswith("pdf:writer_pdf_Export:{")


def test_index_escapes_every_user_text():
    entry = pub.Entry(customer='a<b>"c"&\'d\'', artifact="cs-plan", locale="en", period="</script>",
                      path='x/<y>&"z".pptx', sha256="0" * 64, inputs="1" * 64)
    page = pub.render_index([pub.Published(entry, HOSTILE, "x/y.pdf", "x/y.png", 480, 270)])
    assert "<script>alert" not in page and "<img src=x" not in page and "</li><img" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;/li&gt;&lt;img src=x" in page
    assert 'data-customer="a&lt;b&gt;&quot;c&quot;&amp;&#x27;d&#x27;"' in page
    assert '<option value="a&lt;b&gt;&quot;c&quot;&amp;&#x27;d&#x27;">' in page
    assert 'href="x/%3Cy%3E%26%22z%22.pptx"' in page
    assert page.count("<script>") == 1  # only the page's own


def test_batches_split_the_work_without_loss(tmp_path):
    jobs = []
    for n, size in enumerate([5, 1, 9, 3, 3, 7, 2]):
        src = tmp_path / f"{n}.pptx"
        src.write_bytes(b"x" * size)
        jobs.append(pub._Job(src, tmp_path / f"{n}.pdf", tmp_path / f"{n}.png", f"build/{n}.pptx"))
    for workers in (1, 2, 3, 20):
        batches = pub._batches(jobs, workers)
        assert len(batches) == min(workers, len(jobs))
        assert sorted(j.shown for b in batches for j in b) == sorted(j.shown for j in jobs)
    sizes = [sum(j.source.stat().st_size for j in b) for b in pub._batches(jobs, 2)]
    assert sorted(sizes) == [15, 15]


def test_dist_must_not_replace_the_build_or_the_project(project, fake_tools):
    write_manifest(project)
    for bad in (project.build_dir, project.build_dir / "dist", project.root, project.content / "x"):
        with pytest.raises(UsageError, match="--dist"):
            pub.publish(project, bad)


def split_into_shards(project: Project, folder: Path, n: int = 2) -> list[Path]:
    """Deal the built decks into ``n`` shard folders, each with its own manifest.json, as CI's build jobs do."""
    rows = manifest_rows(project)
    shards = []
    for k in range(n):
        shard = folder / f"build-shard-{k + 1}"
        for row in rows[k::n]:
            (shard / row["path"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(project.build_dir / row["path"], shard / row["path"])
        (shard / "manifest.json").write_text(json.dumps({"version": 1, "artifacts": rows[k::n]}), "utf-8")
        shards.append(shard)
    return shards


def test_shards_are_published_as_one(project, fake_tools, tmp_path):
    shards = split_into_shards(project, tmp_path / "shards")
    shutil.rmtree(project.build_dir)
    result = pub.publish(project, sources=shards)
    assert result.ok, [p.format() for p in result.problems]
    data = json.loads((project.root / "dist" / "manifest.json").read_text("utf-8"))
    assert [(r["customer"], r["locale"]) for r in data["artifacts"]] == BUILT


def test_overlapping_shards_are_refused(project, fake_tools, tmp_path):
    shards = split_into_shards(project, tmp_path / "shards")
    shutil.copytree(shards[0], tmp_path / "again")
    with pytest.raises(UsageError, match=r"manifest.json:1:\d+: artifacts\[0\]\.path: 'alpha/alpha-cs-plan-en.pptx' is "
                                         r"also listed in .*build-shard-1/manifest.json; publish shards of one build"):
        pub.publish(project, sources=[shards[0], shards[1], tmp_path / "again"])


# ----------------------------------------------------------------- command line

# Stand-ins for LibreOffice and pdftoppm that write a file where the real ones would.
FAKE_SOFFICE = """out=.
while [ $# -gt 0 ]; do
  case "$1" in
    --outdir) out="$2"; shift 2 ;;
    -*|pdf) shift ;;
    *) mkdir -p "$out"; b=$(basename "$1"); printf '%%PDF-1.4' > "$out/${b%.*}.pdf"; shift ;;
  esac
done"""
FAKE_PDFTOPPM = 'for a; do last="$a"; done\nprintf png > "$last.png"'


@pytest.mark.cli
def test_cli_publishes_ci_shards_with_from(project, tmp_path):
    shards = split_into_shards(project, tmp_path / "shards")
    shutil.rmtree(project.build_dir)
    path = fake_bin(tmp_path / "bin", soffice=FAKE_SOFFICE, pdftoppm=FAKE_PDFTOPPM)
    res = run_csplan(project.root, "publish", "--from", str(shards[0]), "--from", str(shards[1]), "-j", "2",
                     env=cli_env(PATH=path))
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("published 4 artifacts to dist/")
    # Not a terminal: one line per file as it is published, instead of a progress bar.
    assert sorted(line.split()[1] for line in res.stderr.splitlines()) == sorted(
        f"{shard}/{r['path']}" for shard in shards for r in json.loads(
            (shard / "manifest.json").read_text("utf-8"))["artifacts"]), res.stderr
    data = json.loads((project.root / "dist" / "manifest.json").read_text("utf-8"))
    assert [(r["customer"], r["locale"]) for r in data["artifacts"]] == BUILT
    for row in data["artifacts"]:
        assert (project.root / "dist" / row["pdf"]).read_bytes() == b"%PDF-1.4"
        assert (project.root / "dist" / row["thumbnail"]).read_bytes() == b"png"


@pytest.mark.cli
def test_cli_without_a_manifest_is_one_line_exit_2(project):
    res = run_csplan(project.root, "publish")
    assert res.returncode == 2, res.stderr
    assert res.stderr == ("csplan publish: build/manifest.json does not exist; run `make all` first to build the "
                          "artifacts and write it\n")
    assert not (project.root / "dist").exists()


@pytest.mark.cli
def test_cli_names_the_package_of_a_missing_tool(project, tmp_path):
    write_manifest(project)
    env = cli_env(PATH=fake_bin(tmp_path / "bin", soffice="exit 0"))
    # pdftoppm may still be found in the real PATH; hide it by giving a PATH without it.
    env["PATH"] = str(tmp_path / "bin")
    res = run_csplan(project.root, "publish", env=env)
    assert res.returncode == 2, res.stderr
    assert res.stderr == ("csplan publish: pdftoppm is not installed; install it with: apt-get install "
                          "poppler-utils (bash .ci/run does this)\n")


@pytest.mark.cli
def test_cli_a_failing_conversion_publishes_nothing(project, tmp_path):
    write_manifest(project)
    dist = project.root / "dist"
    before = old_dist(dist)
    path = fake_bin(tmp_path / "bin", soffice='echo "Error: source file could not be loaded" >&2; exit 1',
                    pdftoppm="exit 1")
    res = run_csplan(project.root, "publish", "-j", "2", env=cli_env(PATH=path))
    assert res.returncode == 1, res.stderr
    lines = res.stderr.splitlines()
    assert "  build/alpha/alpha-cs-plan-en.pptx: LibreOffice could not convert it to PDF (soffice exited 1: " \
           "Error: source file could not be loaded); open it in LibreOffice to see why, then rebuild with " \
           "`make all` [publish.pdf]" in lines
    assert lines[-1] == "csplan publish: 4 problems; nothing was published (dist/ is untouched)"
    assert snapshot(dist) == before
    assert leftovers(dist) == []


@pytest.mark.cli
def test_cli_rejects_a_bad_job_count(project):
    res = run_csplan(project.root, "publish", "-j", "0")
    assert res.returncode == 2
    assert "expected a whole number of at least 1, got '0'" in res.stderr


# ----------------------------------------------------------------- the real thing: LibreOffice, poppler, Chromium


@pytest.fixture(scope="module")
def published(built, tmp_path_factory) -> Path:
    """Return a project published through ``csplan publish --dist site -j 2`` with the real tools."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler (pdftoppm) is not installed")
    root = tmp_path_factory.mktemp("published") / "project"
    shutil.copytree(built, root)
    write_manifest(Project(root))
    res = run_csplan(root, "publish", "--dist", str(root / "site"), "-j", "2")
    assert res.returncode == 0, res.stderr
    assert res.stdout == "published 4 artifacts to site/ (with PDFs, thumbnails and manifest.json); " \
                         "open site/index.html\n"
    return root / "site"


@pytest.mark.cli
@pytest.mark.libreoffice
def test_each_artifact_gets_a_pdf_and_a_thumbnail(published):
    from pptx import Presentation

    data = json.loads((published / "manifest.json").read_text("utf-8"))
    assert [(r["customer"], r["locale"]) for r in data["artifacts"]] == BUILT
    for row in data["artifacts"]:
        deck, pdf, png = (published / row[k] for k in ("path", "pdf", "thumbnail"))
        assert hashlib.sha256(deck.read_bytes()).hexdigest() == row["sha256"]
        assert pdf_pages(pdf) == len(Presentation(str(deck)).slides)
        assert b"/StructTreeRoot" in pdf.read_bytes()  # a tagged PDF: structure and languages for screen readers
        assert pub.png_size(png) == (480, 270)  # 16:9 slide, longest side 480
    assert sorted(p.name for p in published.parent.iterdir()) == ["build", "content", "locales", "site",
                                                                  "templates"]


@pytest.mark.cli
@pytest.mark.libreoffice
def test_index_lists_every_artifact_and_escapes_the_hostile_title(published):
    page = (published / "index.html").read_text("utf-8")
    assert page.count('<li class="card"') == len(BUILT)
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "the page must not load anything remote"


def _browser() -> str | None:
    """Return the Chromium binary (Debian names it chromium, Ubuntu chromium-browser)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture
def chrome(monkeypatch):
    """Return a headless Chromium driven by the system chromedriver (never a downloaded one)."""
    browser, driver_path = _browser(), shutil.which("chromedriver")
    if browser is None or driver_path is None:
        pytest.skip("chromium or chromedriver is not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    monkeypatch.setenv("SE_OFFLINE", "true")  # selenium-manager must not reach the network
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--allow-file-access-from-files"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


def visible_cards(driver) -> list[tuple[str, str, str]]:
    """Return (customer, artifact, locale) of every card shown."""
    return [tuple(card) for card in driver.execute_script(
        "return Array.from(document.querySelectorAll('#artifacts > li'))"
        ".filter(function (li) { return li.offsetParent !== null; })"
        ".map(function (li) { return [li.dataset.customer, li.dataset.artifact, li.dataset.locale]; });")]


def choose(driver, key: str, value: str) -> None:
    """Pick ``value`` in the ``key`` filter as a person would."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, f"filter-{key}")).select_by_value(value)


@pytest.mark.cli
@pytest.mark.libreoffice
@pytest.mark.chromium
def test_chromium_every_link_resolves_and_the_filters_work(published, chrome):
    from urllib.parse import unquote, urlparse

    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    index = published / "index.html"
    chrome.get(index.as_uri())
    assert chrome.title == "csplan artifacts"
    with pytest.raises(NoAlertPresentException):
        chrome.switch_to.alert.text  # noqa: B018 - the hostile name must not run

    # Every link and image points at a file inside dist/, and every image was drawn.
    urls = chrome.execute_script(
        "return Array.from(document.querySelectorAll('a[href]')).map(function (a) { return a.href; })"
        ".concat(Array.from(document.images).map(function (i) { return i.src; }));")
    assert len(urls) == 4 * len(BUILT)  # thumbnail link, image, file and PDF of each card
    for url in urls:
        parsed = urlparse(url)
        assert parsed.scheme == "file", url
        target = Path(unquote(parsed.path))
        assert target.is_file(), f"{url} does not resolve"
        assert published.resolve() in target.resolve().parents, f"{url} leaves dist/"
    images = chrome.execute_script(
        "return Array.from(document.images).map(function (i) { return [i.complete, i.naturalWidth]; });")
    assert images == [[True, 480]] * len(BUILT)
    titles = [h.text for h in chrome.find_elements(By.CSS_SELECTOR, "#artifacts h2")]
    assert titles[3].startswith(HOSTILE)

    # The filters: each select narrows the list and is mirrored in the URL hash.
    assert visible_cards(chrome) == [(c, "cs-plan", loc) for c, loc in BUILT]
    choose(chrome, "customer", "alpha")
    assert visible_cards(chrome) == [("alpha", "cs-plan", "en"), ("alpha", "cs-plan", "pl")]
    assert urlparse(chrome.current_url).fragment == "customer=alpha"
    choose(chrome, "locale", "pl")
    assert visible_cards(chrome) == [("alpha", "cs-plan", "pl")]
    assert urlparse(chrome.current_url).fragment == "customer=alpha&locale=pl"
    assert chrome.find_element(By.ID, "count").text == f"1 of {len(BUILT)} artifacts shown"
    choose(chrome, "customer", "beta")
    assert visible_cards(chrome) == []
    assert chrome.find_element(By.ID, "empty").is_displayed()

    # A shared URL opens on the same filtered view.
    chrome.get(index.as_uri() + "#customer=beta&locale=en")
    chrome.refresh()
    assert visible_cards(chrome) == [("beta", "cs-plan", "en")]
    assert chrome.execute_script("return ['customer', 'artifact', 'locale'].map(function (k) { "
                                 "return document.getElementById('filter-' + k).value; });") == ["beta", "", "en"]
    # An unknown value in the hash is ignored, not an empty list.
    chrome.get(index.as_uri() + "#locale=xx&artifact=cs-plan")
    chrome.refresh()
    assert len(visible_cards(chrome)) == len(BUILT)
    chrome.find_element(By.ID, "reset").click()
    assert len(visible_cards(chrome)) == len(BUILT)
    assert urlparse(chrome.current_url).fragment == ""


def test_internal_variants_stay_out_of_dist_unless_asked(project, fake_tools):
    rows = manifest_rows(project)
    rows[1] = dict(rows[1], audience="internal")  # as build --all --audience internal records it
    write_manifest(project, rows)
    result = pub.publish(project)
    assert result.ok, [p.format() for p in result.problems]
    published = json.loads((project.root / "dist" / "manifest.json").read_text("utf-8"))["artifacts"]
    assert rows[1]["path"] not in {r["path"] for r in published}
    assert len(published) == len(rows) - 1
    result = pub.publish(project, internal=True)
    assert result.ok
    published = json.loads((project.root / "dist" / "manifest.json").read_text("utf-8"))["artifacts"]
    assert rows[1]["path"] in {r["path"] for r in published}
