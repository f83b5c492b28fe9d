"""Publish stage: built artifacts → ``dist/`` with PDFs, thumbnails, contact sheets, a manifest and an index page.

Reads ``build/manifest.json`` (written by the batch build), checks every
listed file against its recorded sha256, and assembles a complete ``dist/``
in a temporary folder beside it that replaces the old one only once
everything succeeded, so a failed publish leaves the previous ``dist/``
as it was.

LibreOffice takes about a second just to start, so each worker starts it
once, with a profile of its own (two instances cannot share one), and
converts its whole batch in that one run; workers run in parallel.
"""

from __future__ import annotations

import gc
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote
from xml.etree import ElementTree

from pipeline.problems import Problem, Problems
from pipeline.project import Project, UsageError
from pipeline.write import pid_alive

MANIFEST = "manifest.json"
MANIFEST_VERSION = 1
INDEX = "index.html"
THUMBNAIL_PX = 480
CONTACT_SHEET = ".contact-sheet.png"  # beside a deck's PDF: every slide on one PNG (pipeline/preview.py)
RUN_MAKE_ALL = "run `make all` first to build the artifacts and write it"
# Leftovers of a killed publish carry its pid, so a later run can tell them from a running one's.
_STAGE = re.compile(r"\.(?P<name>.+)\.csplan-(?P<pid>\d+)-[^.]+\.tmp")
_ENTRY_FIELDS = {"customer": str, "artifact": str, "locale": str, "path": str, "sha256": str, "inputs": str}
_CORE = "docProps/core.xml"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


@dataclass(frozen=True)
class Entry:
    """One artifact listed in ``build/manifest.json``, with where its object starts in that file."""

    customer: str
    artifact: str
    locale: str
    period: str | None
    path: str  # relative to build/, POSIX separators
    sha256: str
    inputs: str
    audience: str = "customer"  # "internal" for a deck's internal variant
    stale: str | None = None  # the error of the build that failed since this file was written (batch keeps it)
    index: int = field(default=0, compare=False)
    line: int = field(default=0, compare=False)
    col: int = field(default=0, compare=False)
    folder: Path | None = field(default=None, compare=False)  # the build folder it was listed in

    def source(self, project: Project) -> Path:
        """Return the built file this entry lists."""
        return (self.folder or project.build_dir) / self.path

    def sort_key(self) -> tuple:
        """Return the order of the published list: customer, artifact, period, locale."""
        return (self.customer, self.artifact, self.period or "", self.locale, self.path)


@dataclass(frozen=True)
class Published:
    """One artifact in ``dist/``: its entry, document title and the dist-relative PDF, thumbnail and contact sheet."""

    entry: Entry
    title: str
    pdf: str
    thumbnail: str
    width: int = 0
    height: int = 0
    contact_sheet: str = ""  # decks only


@dataclass
class PublishResult:
    """The outcome of a publish: what went into ``dist`` and every problem found on the way."""

    dist: Path
    items: list[Published] = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)

    @property
    def ok(self) -> bool:
        """Return True when ``dist`` was replaced."""
        return not self.problems.errors


# ----------------------------------------------------------------- reading build/manifest.json


class _Located(dict):
    """A JSON object that remembers the offset of its opening brace."""

    offset = 0


def _located_decoder() -> json.JSONDecoder:
    """Return a JSON decoder whose objects are :class:`_Located` (the pure-Python scanner keeps offsets)."""
    decoder = json.JSONDecoder()

    def parse_object(s_and_end, *args, **kwargs):
        """Return the object that starts at ``s_and_end``, remembering where."""
        obj, end = json.decoder.JSONObject(s_and_end, *args, **kwargs)
        located = _Located(obj)
        located.offset = s_and_end[1] - 1
        return located, end

    decoder.parse_object = parse_object
    decoder.scan_once = json.scanner.py_make_scanner(decoder)
    return decoder


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_manifest(project: Project, folder: Path | None = None) -> list[Entry]:
    """Return the entries of ``folder/manifest.json`` (default build/), or raise UsageError when it is unusable."""
    folder = folder or project.build_dir
    path = folder / MANIFEST
    where = project.rel(path)
    if not path.is_file():
        raise UsageError(f"{where} does not exist; {RUN_MAKE_ALL}")
    try:
        text = path.read_text(encoding="utf-8")
        data = _located_decoder().decode(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{where}: cannot read it ({exc}); {RUN_MAKE_ALL}") from None
    except json.JSONDecodeError as exc:
        raise UsageError(f"{where}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); {RUN_MAKE_ALL}") from None

    def bad(obj, what: str) -> UsageError:
        """Return the one-line error for ``what`` is wrong with ``obj``, located at its brace."""
        line, col = _line_col(text, getattr(obj, "offset", 0))
        return UsageError(f"{where}:{line}:{col}: {what}; {RUN_MAKE_ALL}")

    if not isinstance(data, dict):
        raise bad(data, "expected an object with version and artifacts")
    if data.get("version") != MANIFEST_VERSION:
        raise bad(data, f"version: expected {MANIFEST_VERSION}, got {data.get('version')!r}")
    items = data.get("artifacts")
    if not isinstance(items, list):
        raise bad(data, "artifacts: expected a list")
    entries, seen = [], {}
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise bad(data, f"artifacts[{i}]: expected an object")
        for key, kind in _ENTRY_FIELDS.items():
            if not isinstance(item.get(key), kind) or not item[key]:
                raise bad(item, f"artifacts[{i}].{key}: expected a non-empty string, got {item.get(key)!r}")
        period = item.get("period")
        if period is not None and not isinstance(period, str):
            raise bad(item, f"artifacts[{i}].period: expected a string or null, got {period!r}")
        rel = PurePosixPath(item["path"])
        if rel.is_absolute() or "\\" in item["path"] or any(p in ("", ".", "..") for p in item["path"].split("/")):
            raise bad(item, f"artifacts[{i}].path: expected a path inside build/ such as acme/acme-cs-plan-en.pptx, "
                            f"got {item['path']!r}")
        if item["path"] in seen:
            raise bad(item, f"artifacts[{i}].path: {item['path']!r} is listed twice "
                            f"(also artifacts[{seen[item['path']]}])")
        seen[item["path"]] = i
        line, col = _line_col(text, item.offset)
        audience = item.get("audience", "customer")
        if audience not in ("customer", "internal"):
            raise bad(item, f"artifacts[{i}].audience: expected 'customer' or 'internal', got {audience!r}")
        stale = (str(item.get("error") or "its last build failed")) if item.get("stale") else None
        entries.append(Entry(item["customer"], item["artifact"], item["locale"], period, item["path"],
                             item["sha256"].lower(), item["inputs"], audience, stale, i, line, col, folder))
    return entries


def read_names(folders: list[Path]) -> tuple[str | None, dict[str, str]]:
    """Return the partner's name and the customers' names the manifests of ``folders`` carry (for people).

    Names are optional in a manifest (one from an older csplan has none): the
    index page then shows the folder ids.
    """
    partner, names = None, {}
    for folder in folders:
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # read_manifest has said why
        if isinstance(data.get("partner"), str) and data["partner"].strip():
            partner = data["partner"].strip()
        if isinstance(data.get("customers"), dict):
            names.update({k: v for k, v in data["customers"].items() if isinstance(v, str) and v.strip()})
    return partner, names


def read_manifests(project: Project, folders: list[Path]) -> list[Entry]:
    """Return the entries of several build folders (CI shards), which must not list the same path twice."""
    entries, seen = [], {}
    for folder in folders:
        for entry in read_manifest(project, folder):
            if entry.path in seen:
                where = project.rel(folder / MANIFEST)
                raise UsageError(f"{where}:{entry.line}:{entry.col}: artifacts[{entry.index}].path: {entry.path!r} "
                                 f"is also listed in {project.rel(seen[entry.path] / MANIFEST)}; publish shards of "
                                 f"one build (csplan build --all --shard K/N), which never overlap")
            seen[entry.path] = folder
            entries.append(entry)
    return entries


def _problem(project: Project, entry: Entry, key: str, message: str, code: str) -> Problem:
    """Return a problem located at ``entry``'s object in build/manifest.json."""
    return Problem(project.rel((entry.folder or project.build_dir) / MANIFEST), entry.line, entry.col,
                   f"artifacts[{entry.index}].{key}", message, code)


def _copy_checked(project: Project, entry: Entry, dest: Path) -> Problem | None:
    """Copy ``entry``'s file to ``dest`` when it exists and matches its sha256; else return the problem."""
    src = entry.source(project)
    shown = project.rel(src)
    build = (entry.folder or project.build_dir).resolve()
    if not src.is_file() or build not in src.resolve().parents:
        return _problem(project, entry, "path", f"{shown} does not exist; the manifest is out of date, rebuild with "
                        f"`make all`", "publish.missing-file")
    data = src.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry.sha256:
        return _problem(project, entry, "sha256", f"{shown} has sha256 {digest[:12]}…, the manifest says "
                        f"{entry.sha256[:12]}…: it changed after the build; rebuild with `make all`",
                        "publish.sha256-mismatch")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return None


# ----------------------------------------------------------------- tools


def require_tools() -> dict[str, str]:
    """Return the paths of soffice and pdftoppm, or raise UsageError naming the package to install."""
    tools = {}
    for name, package in (("soffice", "libreoffice-impress libreoffice-writer"), ("pdftoppm", "poppler-utils")):
        found = shutil.which(name)
        if found is None:
            raise UsageError(f"{name} is not installed; install it with: apt-get install {package} "
                             f"(bash .ci/run does this)")
        tools[name] = found
    return tools


def document_title(path: Path) -> str:
    """Return the title stored in an Office file's core properties ("" when it has none)."""
    try:
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read(_CORE))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return ""
    node = root.find(_DC_TITLE)
    return (node.text or "").strip() if node is not None else ""


def png_size(path: Path) -> tuple[int, int]:
    """Return the width and height of a PNG from its header ((0, 0) when it is not one)."""
    head = path.read_bytes()[:24]
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return 0, 0
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


class ToolFailed(Exception):
    """LibreOffice or pdftoppm failed on one file; the message says how, in one line."""


def _tail(text: str) -> str:
    """Return the last non-empty line of a tool's output, for a one-line message."""
    lines = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


@dataclass(frozen=True)
class _Job:
    """One conversion: the staged copy, and where its PDF, thumbnail and (for a deck) contact sheet go."""

    source: Path
    pdf: Path
    thumbnail: Path
    shown: str  # the build/ path, for messages
    sheet: Path | None = None


# LibreOffice's PDF export filter per source format, with the option that makes a tagged PDF: the
# structure (headings, tables, reading order), alternative texts and each span's language for screen readers.
PDF_FILTERS = {".pptx": "impress_pdf_Export", ".docx": "writer_pdf_Export"}
TAGGED_PDF = '{"UseTaggedPDF":{"type":"boolean","value":"true"}}'


def pdf_filter(suffix: str) -> str:
    """Return soffice's --convert-to argument for a tagged PDF of a ``suffix`` (.pptx, .docx) file."""
    name = PDF_FILTERS.get(suffix)
    return f"pdf:{name}:{TAGGED_PDF}" if name else "pdf"


# Word documents go through this Basic macro instead of --convert-to: it updates the tables of contents
# (their page numbers) before exporting, which a plain conversion leaves as the document has them.
# Its one argument holds "input<TAB>output" lines.
_EXPORT_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ExportWithIndexes(sList As String)
  Dim aLoad(0) As New com.sun.star.beans.PropertyValue
  aLoad(0).Name = &quot;Hidden&quot;
  aLoad(0).Value = True
  Dim aTagged(0) As New com.sun.star.beans.PropertyValue
  aTagged(0).Name = &quot;UseTaggedPDF&quot;
  aTagged(0).Value = True
  Dim aSave(1) As New com.sun.star.beans.PropertyValue
  aSave(0).Name = &quot;FilterName&quot;
  aSave(0).Value = &quot;writer_pdf_Export&quot;
  aSave(1).Name = &quot;FilterData&quot;
  aSave(1).Value = aTagged()
  aLines = Split(sList, Chr(10))
  n = UBound(aLines) + 1
  For k = 0 To n - 1
    aPair = Split(aLines(k), Chr(9))
    If UBound(aPair) = 1 Then
      oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(aPair(0)), &quot;_blank&quot;, 0, aLoad())
      If Not IsNull(oDoc) Then
        oIndexes = oDoc.getDocumentIndexes()
        For i = 0 To oIndexes.getCount() - 1
          oIndexes.getByIndex(i).update()
        Next i
        oDoc.storeToURL(ConvertToURL(aPair(1)), aSave())
        oDoc.close(True)
      End If
    End If
  Next k
End Sub
</script:module>
"""


def _soffice(cmd: list[str], count: int) -> str:
    """Run soffice; return what it said, for a message about missing PDFs."""
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=120 + 60 * count,
                             stdin=subprocess.DEVNULL)
        return f"soffice exited {res.returncode}: {_tail(res.stderr or res.stdout)}"
    except subprocess.TimeoutExpired:
        return "soffice did not finish in time"


def _export_documents(documents: list[tuple[Path, Path]], tools: dict[str, str], profile_dir: Path) -> str:
    """Export Word documents to PDF with their tables of contents updated (the Basic macro above)."""
    profile = profile_dir.resolve().as_uri()
    module = profile_dir / "user" / "basic" / "Standard" / "Module1.xba"
    said = ""
    if not module.is_file():
        # The first start writes the profile, Standard library included; the macro replaces its empty module.
        said = _soffice([tools["soffice"], "--headless", "--norestore", "--nolockcheck",
                         f"-env:UserInstallation={profile}", "--terminate_after_init"], 1)
    if not module.is_file():
        return said or "soffice did not create its profile"
    module.write_text(_EXPORT_MACRO, encoding="utf-8")
    # The paths are csplan's own numbered links under ``work``: no quote or newline in them.
    pairs = "\n".join(f"{src.resolve()}\t{pdf.resolve()}" for src, pdf in documents)
    return _soffice([tools["soffice"], "--headless", "--norestore", "--nolockcheck", f"-env:UserInstallation={profile}",
                     f'macro:///Standard.Module1.ExportWithIndexes("{pairs}")'], len(documents))


def convert_to_pdf(sources: list[Path], tools: dict[str, str], work: Path) -> tuple[list[Path | None], str]:
    """Convert ``sources`` to PDF with LibreOffice and a private profile in ``work``.

    Decks go in one ``--convert-to`` run; Word documents in one run of a macro that updates their tables
    of contents first. Returns each source's PDF (in ``work``; None when LibreOffice made none) and what
    soffice said, for a one-line message about the missing ones.
    """
    inbox, outbox = work / "in", work / "out"
    inbox.mkdir(parents=True)
    outbox.mkdir(parents=True, exist_ok=True)
    # Numbered hard links: two artifacts with the same file name in different folders
    # would otherwise overwrite each other's PDF in the one --outdir.
    links = []
    for n, source in enumerate(sources):
        link = inbox / f"{n:05d}{source.suffix}"
        try:
            os.link(source, link)
        except OSError:
            shutil.copyfile(source, link)
        links.append(link)
    made = [outbox / f"{n:05d}.pdf" for n in range(len(sources))]
    documents = [(link, pdf) for link, pdf in zip(links, made) if link.suffix.lower() == ".docx"]
    others = [link for link in links if link.suffix.lower() != ".docx"]
    said = []
    if others:
        profile = (work / "lo-profile").resolve().as_uri()
        said.append(_soffice([tools["soffice"], "--headless", "--norestore", "--nolockcheck",
                              f"-env:UserInstallation={profile}", "--convert-to", pdf_filter(".pptx"), "--outdir",
                              str(outbox),
                              *map(str, others)], len(others)))
    if documents:
        said.append(_export_documents(documents, tools, work / "lo-profile-docx"))
    return [pdf if pdf.is_file() else None for pdf in made], "; ".join(said)


def _pdftoppm(tools: dict[str, str], pdf: Path, prefix: Path, *options: str) -> subprocess.CompletedProcess:
    """Run pdftoppm on ``pdf`` writing PNGs named from ``prefix``."""
    return subprocess.run([tools["pdftoppm"], "-png", *options, str(pdf), str(prefix)], capture_output=True,
                          text=True, timeout=120, stdin=subprocess.DEVNULL)


def draw_pages(pdf: Path, prefix: Path, width: int, tools: dict[str, str]) -> list[Path]:
    """Draw every page of ``pdf`` ``width`` pixels wide; return the PNGs in page order, or raise ToolFailed."""
    prefix.parent.mkdir(parents=True, exist_ok=True)
    res = _pdftoppm(tools, pdf, prefix, "-scale-to-x", str(width), "-scale-to-y", "-1")
    if res.returncode != 0:
        raise ToolFailed(f"pdftoppm could not draw the pages of its PDF (exit {res.returncode}: "
                         f"{_tail(res.stderr)})")
    # pdftoppm numbers the pages prefix-1.png, prefix-01.png… with as many digits as the last page needs.
    pages = [p for p in prefix.parent.glob(f"{prefix.name}-*.png") if p.stem[len(prefix.name) + 1:].isdigit()]
    return sorted(pages, key=lambda p: int(p.stem[len(prefix.name) + 1:]))


def _convert_batch(worker: int, jobs: list[_Job], tools: dict[str, str], work: Path, done=None) -> list[Problem]:
    """Convert ``jobs`` to PDF in one LibreOffice run with a private profile, then thumbnail each PDF.

    ``done(job, seconds)`` is called as each file is finished, for progress.
    """
    work = work / f"worker-{worker}"
    started = time.monotonic()
    pdfs, said = convert_to_pdf([job.source for job in jobs], tools, work)
    # One LibreOffice run converts the whole batch: each file is given its share of that time.
    share = (time.monotonic() - started) / max(len(jobs), 1)
    problems = []
    for n, (job, made) in enumerate(zip(jobs, pdfs)):
        begun = time.monotonic()
        problems += _finish_job(job, made, said, tools, work / f"pages-{n}")
        if done is not None:
            done(job, share + time.monotonic() - begun)
    return problems


def _finish_job(job: _Job, made: Path | None, said: str, tools: dict[str, str], pages: Path) -> list[Problem]:
    """Put one converted file's PDF in place and draw its thumbnail and contact sheet; return what failed."""
    from pipeline.preview import sheet_from_pdf  # preview imports this module

    if made is None:
        return [Problem(job.shown, message=f"LibreOffice could not convert it to PDF ({said}); open it "
                        f"in LibreOffice to see why, then rebuild with `make all`", code="publish.pdf")]
    problems = []
    job.pdf.parent.mkdir(parents=True, exist_ok=True)
    os.replace(made, job.pdf)
    res = _pdftoppm(tools, job.pdf, job.thumbnail.with_suffix(""), "-f", "1", "-l", "1",
                    "-scale-to", str(THUMBNAIL_PX), "-singlefile")
    if res.returncode != 0 or not job.thumbnail.is_file():
        problems.append(Problem(job.shown, message=f"pdftoppm could not draw the first page of its PDF "
                                f"(exit {res.returncode}: {_tail(res.stderr)})", code="publish.thumbnail"))
    if job.sheet is None:
        return problems
    # The sheet is drawn from the PDF just published, not from a second LibreOffice run.
    try:
        data = sheet_from_pdf(job.pdf, job.source.name, tools, pages)
    except ToolFailed as exc:
        problems.append(Problem(job.shown, message=f"no contact sheet: {exc}", code="publish.contact-sheet"))
        return problems
    if data is not None:  # a PDF without pages (a deck without slides) has nothing to show
        job.sheet.write_bytes(data)
    return problems


def _batches(jobs: list[_Job], workers: int) -> list[list[_Job]]:
    """Return ``jobs`` dealt into at most ``workers`` batches, largest files first, each to the lightest batch."""
    batches: list[list[_Job]] = [[] for _ in range(max(1, min(workers, len(jobs))))]
    load = [0] * len(batches)
    for job in sorted(jobs, key=lambda j: (-j.source.stat().st_size, j.shown)):
        k = load.index(min(load))
        batches[k].append(job)
        load[k] += job.source.stat().st_size
    return [b for b in batches if b]


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# ----------------------------------------------------------------- dist/manifest.json and index.html


def _derived(path: str, suffix: str, taken: set[str]) -> str:
    """Return ``path`` with ``suffix`` for its extension, or with ``suffix`` appended when that name is taken."""
    name = str(PurePosixPath(path).with_suffix(suffix))
    if name in taken:
        name = path + suffix
    taken.add(name)
    return name


def dist_manifest(items: list[Published]) -> str:
    """Return the text of ``dist/manifest.json``."""
    rows = [{
        "customer": p.entry.customer, "artifact": p.entry.artifact, "locale": p.entry.locale,
        "period": p.entry.period, "title": p.title, "path": p.entry.path, "sha256": p.entry.sha256,
        "inputs": p.entry.inputs, "pdf": p.pdf, "thumbnail": p.thumbnail,
        **({"contact_sheet": p.contact_sheet} if p.contact_sheet else {}),  # decks only
        **({"stale": True, "error": p.entry.stale} if p.entry.stale else {}),  # an older file, kept
    } for p in items]
    return json.dumps({"version": MANIFEST_VERSION, "artifacts": rows}, ensure_ascii=False, indent=2) + "\n"


def _e(text) -> str:
    """Return ``text`` escaped for HTML text and attribute values."""
    return html.escape(str(text), quote=True)


def _url(path: str) -> str:
    """Return a dist-relative path as an escaped relative URL."""
    return _e(quote(path, safe="/"))


def _locale_label(code: str) -> str:
    """Return ``code`` with its English name, e.g. "pl — Polish"."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name("en")
    except (ValueError, UnknownLocaleError):
        return code
    return f"{code} — {name}" if name else code


def _artifact_label(name: str) -> str:
    """Return an artifact's description from the registry, or its name."""
    from pipeline.registry import ARTIFACTS

    known = ARTIFACTS.get(name)
    return f"{name} — {known.description}" if known and known.description else name


# Nothing but the page's own files: no fonts, scripts or trackers from the network.
_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"

_CSS = """
:root { color-scheme: light; --ink: #15243a; --muted: #5b6b80; --line: #d7dee8; --accent: #1f7a8c; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
       background: #f4f6f9; }
header { background: var(--ink); color: #fff; padding: 1rem 1.5rem; }
header h1 { margin: 0 0 .6rem; font-size: 1.35rem; }
#filters { display: flex; flex-wrap: wrap; gap: .6rem 1.2rem; align-items: end; }
#filters label { display: flex; flex-direction: column; font-size: .8rem; gap: .2rem; }
#filters select { font: inherit; padding: .25rem .4rem; min-width: 11rem; max-width: 24rem; }
#filters button { font: inherit; padding: .25rem .8rem; }
#count { margin: .6rem 0 0; font-size: .85rem; opacity: .85; }
main { padding: 1.5rem; }
#artifacts { list-style: none; margin: 0; padding: 0; display: grid; gap: 1.2rem;
             grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; overflow: hidden;
        display: flex; flex-direction: column; }
/* Slides and portrait pages share one 16:9 frame, so the rows stay even. */
.card img { display: block; width: 100%; height: auto; aspect-ratio: 16 / 9; object-fit: contain;
            background: #e9edf2; border-bottom: 1px solid var(--line); }
.card h2 { font-size: 1rem; margin: .7rem .9rem .2rem; overflow-wrap: anywhere; }
.card .meta { margin: 0 .9rem; color: var(--muted); font-size: .85rem; }
.card .links { margin: auto .9rem .8rem; padding-top: .6rem; display: flex; gap: .8rem; }
.card .links a { color: var(--accent); font-weight: 600; }
.card.stale { border: 2px solid #b3261e; }
.card .stale { margin: .4rem .9rem 0; padding: .3rem .5rem; background: #fbe9e7; color: #8c1d18; font-size: .85rem;
               border-radius: 4px; overflow-wrap: anywhere; }
[hidden] { display: none !important; }
"""

# Filters live in the select boxes and in the URL hash (#customer=acme&locale=pl),
# so a filtered view can be bookmarked or shared; cards keep their values in data-*.
_JS = """
(function () {
  "use strict";
  var keys = ["customer", "artifact", "locale"];
  var selects = {};
  keys.forEach(function (k) { selects[k] = document.getElementById("filter-" + k); });
  var cards = Array.prototype.slice.call(document.querySelectorAll("#artifacts > li"));
  var count = document.getElementById("count");
  var empty = document.getElementById("empty");

  function apply() {
    var shown = 0;
    cards.forEach(function (card) {
      var match = keys.every(function (k) { return !selects[k].value || card.dataset[k] === selects[k].value; });
      card.hidden = !match;
      if (match) { shown += 1; }
    });
    count.textContent = shown + " of " + cards.length + " artifacts shown";
    empty.hidden = shown > 0;
  }

  function fromHash() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    keys.forEach(function (k) {
      var want = params.get(k) || "";
      var known = Array.prototype.some.call(selects[k].options, function (o) { return o.value === want; });
      selects[k].value = known ? want : "";
    });
    apply();
  }

  function toHash() {
    var params = new URLSearchParams();
    keys.forEach(function (k) { if (selects[k].value) { params.set(k, selects[k].value); } });
    var hash = params.toString();
    var url = window.location.pathname + window.location.search + (hash ? "#" + hash : "");
    try {
      window.history.replaceState(null, "", url);
    } catch (err) {
      window.location.hash = hash;
    }
    apply();
  }

  keys.forEach(function (k) { selects[k].addEventListener("change", toHash); });
  document.getElementById("reset").addEventListener("click", function () {
    keys.forEach(function (k) { selects[k].value = ""; });
    toHash();
  });
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
"""


def _select(key: str, label: str, values: list[str], describe) -> str:
    """Return one filter select box with an "all" option and one option per value."""
    options = ['<option value="">All</option>']
    options += [f'<option value="{_e(v)}">{_e(describe(v))}</option>' for v in values]
    return (f'<label for="filter-{key}">{label}<select id="filter-{key}" name="{key}">'
            + "".join(options) + "</select></label>")


def _card(p: Published, names: dict[str, str]) -> str:
    """Return the list item of one published artifact (``names``: customer id → the customer's name)."""
    e = p.entry
    customer = names.get(e.customer, e.customer)
    title = p.title or f"{customer} {e.artifact} ({e.locale})"
    kind = PurePosixPath(e.path).suffix.lstrip(".").upper() or "file"
    meta = " · ".join(_e(x) for x in (customer, e.artifact, e.locale, e.period) if x)
    size = f' width="{p.width}" height="{p.height}"' if p.width and p.height else ""
    # A file kept from before a failed build says so on its card, with the error.
    stale = (f'  <p class="stale" title="{_e(e.stale)}"><strong>Stale</strong>: its last build failed, this is the '
             f"previous file. {_e(e.stale)}</p>\n") if e.stale else ""
    return (f'<li class="card{" stale" if e.stale else ""}" data-customer="{_e(e.customer)}" '
            f'data-artifact="{_e(e.artifact)}" data-locale="{_e(e.locale)}">\n'
            f'  <a href="{_url(p.pdf)}"><img src="{_url(p.thumbnail)}"{size} '
            f'alt="{_e("First page of " + title)}"></a>\n'
            f"  <h2>{_e(title)}</h2>\n"
            f"{stale}"
            f'  <p class="meta">{meta}</p>\n'
            f'  <p class="links"><a class="file" href="{_url(e.path)}">{_e(kind)}</a> '
            f'<a class="pdf" href="{_url(p.pdf)}">PDF</a></p>\n'
            f"</li>")


def render_index(items: list[Published], partner: str | None = None, names: dict[str, str] | None = None) -> str:
    """Return ``index.html``: every artifact with its thumbnail and links, filterable, with no network use.

    The page is titled with the partner's name and shows customers by name
    (``names``, from the manifest); the filters keep the ids in the URL.
    """
    names = names or {}
    customers = sorted({p.entry.customer for p in items}, key=lambda c: (names.get(c, c).casefold(), c))
    artifacts = sorted({p.entry.artifact for p in items})
    locales = sorted({p.entry.locale for p in items})
    n = len(items)
    heading = _e(f"{partner}: customer success plans and reviews" if partner else "csplan artifacts")
    filters = "\n".join([
        _select("customer", "Customer", customers, lambda c: names.get(c, c)),
        _select("artifact", "Artifact", artifacts, _artifact_label),
        _select("locale", "Language", locales, _locale_label),
        '<button type="button" id="reset">Show all</button>',
    ])
    cards = "\n".join(_card(p, names) for p in items)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<title>{heading}</title>
<style>{_CSS}</style>
</head>
<body>
<header>
<h1>{heading}</h1>
<form id="filters" onsubmit="return false">
{filters}
</form>
<p id="count" aria-live="polite">{n} of {n} artifacts shown</p>
</header>
<main>
<ul id="artifacts">
{cards}
</ul>
<p id="empty"{"" if not items else " hidden"}>No artifact matches these filters.</p>
</main>
<script>{_JS}</script>
</body>
</html>
"""


# ----------------------------------------------------------------- publish


def _stage_name(dist: Path, tag: str) -> str:
    """Return the prefix of a temporary folder beside ``dist`` that names this process."""
    return f".{dist.name}.csplan-{os.getpid()}-{tag}"


def _clean_leftovers(dist: Path) -> None:
    """Remove temporary folders of earlier publishes into ``dist`` whose process is gone."""
    if not dist.parent.is_dir():
        return
    for p in dist.parent.iterdir():
        m = _STAGE.fullmatch(p.name)
        if not m or m["name"] != dist.name or not p.is_dir():
            continue
        if not pid_alive(int(m["pid"])):
            shutil.rmtree(p, ignore_errors=True)


def _check_dist(project: Project, dist: Path, sources: list[Path]) -> None:
    """Refuse a ``dist`` that would replace the project, its builds or its sources."""
    dist, root = dist.resolve(), project.root.resolve()
    if dist == root or dist in root.parents:
        raise UsageError(f"--dist {dist}: would replace the project folder; choose a folder of its own, e.g. dist")
    for source in sources:
        source = source.resolve()
        if dist == source or dist in source.parents or source in dist.parents:
            raise UsageError(f"--dist {dist}: overlaps the build folder {project.rel(source)}/ it publishes; "
                             f"choose a folder of its own, e.g. dist")
    for keep in (project.build_dir, project.content, project.templates, project.locales):
        keep = keep.resolve()
        if dist == keep or keep in dist.parents:
            raise UsageError(f"--dist {dist}: lies in {project.rel(keep)}/, which publish must not replace; "
                             f"choose a folder of its own, e.g. dist")
    if dist.exists() and not dist.is_dir():
        raise UsageError(f"--dist {dist}: exists and is not a folder")


def publish(project: Project, dist: Path | None = None, jobs: int | None = None,
            sources: list[Path] | None = None, internal: bool = False, no_stale: bool = False,
            progress=None) -> PublishResult:
    """Publish the artifacts listed in build/manifest.json (or in each of ``sources``) to ``dist``, atomically.

    Internal variants (decks with the health formula, renewal and upsell) stay
    out unless ``internal`` asks for them: dist/ is what customers may see.
    A stale artifact (its last build failed; the batch kept the previous file)
    is published marked stale on its card and in dist/manifest.json, or, with
    ``no_stale``, refused: nothing is published and each one is named.

    ``progress(done, total, shown, seconds)`` is called as each file is published.
    """
    gc.enable()  # a long run: collect its garbage (the CLI turns the collector off for short commands)
    dist = Path(dist) if dist else project.root / "dist"
    dist = dist if dist.is_absolute() else Path.cwd() / dist
    folders = [Path(s) if Path(s).is_absolute() else Path.cwd() / s for s in sources or [project.build_dir]]
    _check_dist(project, dist, folders)
    entries = sorted((e for e in read_manifests(project, folders) if internal or e.audience == "customer"),
                     key=Entry.sort_key)
    result = PublishResult(dist)
    dist.parent.mkdir(parents=True, exist_ok=True)
    _clean_leftovers(dist)
    stage = Path(tempfile.mkdtemp(prefix=_stage_name(dist, "new-"), suffix=".tmp", dir=dist.parent))
    stage.chmod(0o755)  # mkdtemp's 0700 would hide the published site from a web server
    try:
        if no_stale:
            for entry in entries:
                if entry.stale:
                    result.problems.add(_problem(project, entry, "stale", f"{entry.path} is stale: {entry.stale}; "
                                                 f"fix it and run `make all`, or publish without --no-stale to ship "
                                                 f"the previous file marked stale", "publish.stale"))
            if result.problems:
                return result
        for entry in entries:
            problem = _copy_checked(project, entry, stage / entry.path)
            if problem:
                result.problems.add(problem)
        if result.problems:
            return result
        tools = require_tools()
        taken = {e.path for e in entries}
        pending, convert = [], []
        for entry in entries:
            pdf, png = _derived(entry.path, ".pdf", taken), _derived(entry.path, ".png", taken)
            sheet = _derived(entry.path, CONTACT_SHEET, taken) if entry.path.endswith(".pptx") else ""
            pending.append((entry, pdf, png, sheet))
            convert.append(_Job(stage / entry.path, stage / pdf, stage / png,
                                project.rel(entry.source(project)), stage / sheet if sheet else None))
        work = stage / ".work"
        batches = _batches(convert, jobs or default_jobs())
        lock, finished = threading.Lock(), [0]

        def done(job: _Job, seconds: float) -> None:
            with lock:  # the workers finish files concurrently; one line at a time
                finished[0] += 1
                if progress is not None:
                    progress(finished[0], len(convert), job.shown, seconds)

        with ThreadPoolExecutor(max_workers=max(1, len(batches))) as pool:
            for problems in pool.map(lambda nb: _convert_batch(nb[0], nb[1], tools, work, done),
                                     enumerate(batches)):
                result.problems.extend(problems)
        shutil.rmtree(work, ignore_errors=True)
        if result.problems:
            return result
        for entry, pdf, png, sheet in pending:
            width, height = png_size(stage / png)
            sheet = sheet if sheet and (stage / sheet).is_file() else ""
            result.items.append(Published(entry, document_title(stage / entry.path), pdf, png, width, height, sheet))
        (stage / MANIFEST).write_text(dist_manifest(result.items), encoding="utf-8")
        (stage / INDEX).write_text(render_index(result.items, *read_names(folders)), encoding="utf-8")
        _swap(stage, dist)
        stage = None
        return result
    finally:
        if stage is not None:
            shutil.rmtree(stage, ignore_errors=True)


def _swap(stage: Path, dist: Path) -> None:
    """Put ``stage`` in place of ``dist``; the old one is moved aside first and removed last."""
    old = None
    if dist.exists():
        old = Path(tempfile.mkdtemp(prefix=_stage_name(dist, "old-"), suffix=".tmp", dir=dist.parent))
        os.replace(dist, old / dist.name)
    try:
        os.replace(stage, dist)
    except BaseException:
        if old is not None:
            os.replace(old / dist.name, dist)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
