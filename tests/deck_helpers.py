"""Helpers of the deck tests: tmp copies of the project, csplan subprocesses, the session builds, PDF checks.

Shared by the tests that build decks (tests/cli/test_deck_build.py and those that
reuse its session builds or helpers). Kept out of the test modules so a test
module in any folder imports them by this one name.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from conftest import EPOCH_2026_11_22, EXAMPLES, copy_examples, example_customers
from pipeline.project import Project

ROOT = Path(__file__).resolve().parents[1]
CUSTOMERS = example_customers()  # the pinned examples (conftest.EXAMPLES), never the team's content/

# Geometry of templates/pptx/default.pptx (13.333 × 7.5 in): the content area
# ends 6.6 in from the top, above the footer rule; a PDF page is 540 pt high.
EMU_PER_PT = 12700
CONTENT_BOTTOM_EMU = 6035040
CONTENT_BOTTOM_PT = CONTENT_BOTTOM_EMU / EMU_PER_PT  # 475.2
TOLERANCE_PT = 1.5


# ----------------------------------------------------------------- project copies and csplan runs


def copy_project(dest: Path) -> Path:
    """Copy the example project (examples/ as content/, templates/, locales/) to ``dest`` and return it."""
    copy_examples(dest)
    return dest


def cli_env(**extra: str) -> dict[str, str]:
    """Return the environment of a csplan subprocess: reproducible date, no colour codes."""
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env["SOURCE_DATE_EPOCH"] = str(EPOCH_2026_11_22)
    env["PYTHONHASHSEED"] = "0"
    env.update(extra)
    return env


def csplan(root: Path, *args: str, env: dict | None = None) -> subprocess.Popen:
    """Start ``python -m pipeline --root ROOT ARGS…`` (from the repository, so ``pipeline`` imports)."""
    return subprocess.Popen([sys.executable, "-m", "pipeline", "--root", str(root), *args], cwd=ROOT,
                            env=env or cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen, timeout: float = 300) -> subprocess.CompletedProcess:
    """Wait for ``proc`` and return its exit code and output."""
    out, err = proc.communicate(timeout=timeout)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def run_csplan(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run csplan to completion."""
    return finish(csplan(root, *args, env=env))


def run_parallel(jobs: dict, limit: int = 4) -> dict:
    """Run ``{key: (root, args, env)}`` csplan jobs, ``limit`` at a time; return ``{key: CompletedProcess}``."""
    results, pending, running = {}, list(jobs.items()), []
    while pending or running:
        while pending and len(running) < limit:
            key, (root, args, env) = pending.pop(0)
            running.append((key, csplan(root, *args, env=env)))
        key, proc = running.pop(0)
        results[key] = finish(proc)
    return results


def output_locales(root: Path, customer: str) -> list[str]:
    """Return the customer's output locales as written in its customer.yaml."""
    return _locales_in(root / "content", customer)


def example_locales(customer: str) -> list[str]:
    """Return an example customer's output locales (from examples/, for parametrizing tests)."""
    return _locales_in(EXAMPLES, customer)


def _locales_in(content: Path, customer: str) -> list[str]:
    data = yaml.safe_load((content / customer / "customer.yaml").read_text(encoding="utf-8"))
    return list(data["output_locales"])


def deck_path(root: Path, customer: str, locale: str) -> Path:
    """Return where ``csplan build`` writes a customer's CS plan deck."""
    return root / "build" / customer / f"{customer}-cs-plan-{locale}.pptx"


@dataclass
class CustomerBuild:
    """One customer's first build in the session root."""

    name: str
    skip: str | None = None
    result: subprocess.CompletedProcess | None = None
    locales: list[str] = field(default_factory=list)
    decks: dict[str, Path] = field(default_factory=dict)
    data: dict[str, bytes] = field(default_factory=dict)
    tokyo: dict[str, bytes] = field(default_factory=dict)
    _dumps: dict[str, str] = field(default_factory=dict)

    def require(self) -> None:
        """Skip the calling test when the customer folder does not check clean yet."""
        if self.skip:
            pytest.skip(self.skip)

    def dump(self, locale: str) -> str:
        """Return (and cache) the ``csplan dump`` text of the deck in ``locale``."""
        if locale not in self._dumps:
            from pipeline.dump import dump

            self._dumps[locale] = dump(self.decks[locale])
        return self._dumps[locale]


@dataclass
class SessionBuilds:
    """Every example customer built once into ``root`` (and once more with TZ=Asia/Tokyo)."""

    root: Path
    tokyo_root: Path
    customers: dict[str, CustomerBuild]


_SESSION: dict[str, SessionBuilds] = {}


def session_builds(tmp_path_factory) -> SessionBuilds:
    """Return the session's builds, running them on first use (shared with test_deck_snapshots).

    Each customer is built twice, in parallel: into ``root`` with TZ=UTC and
    into a second copy with TZ=Asia/Tokyo. ``csplan build`` checks first, so
    a build that stops on content problems (exit 1, problems located in
    content/<name>/) marks a customer folder that is still being written.
    """
    if "builds" in _SESSION:
        return _SESSION["builds"]
    root = copy_project(tmp_path_factory.mktemp("decks") / "project")
    tokyo_root = copy_project(tmp_path_factory.mktemp("decks-tokyo") / "project")
    customers = {name: CustomerBuild(name) for name in Project(root).customers()}
    jobs = {}
    for name in customers:
        jobs[("utc", name)] = (root, ("build", name), cli_env(TZ="UTC"))
        jobs[("tokyo", name)] = (tokyo_root, ("build", name), cli_env(TZ="Asia/Tokyo"))
    results = run_parallel(jobs, limit=max(2, os.cpu_count() or 2))
    for name, c in customers.items():
        c.result = res = results[("utc", name)]
        if res.returncode == 1 and f"content/{name}/" in res.stderr:
            report = res.stderr.strip().splitlines()
            c.skip = (f"content/{name}/ does not check clean yet (csplan build stopped at the check): "
                      + " | ".join(line.strip() for line in report[:6]))
            continue
        try:
            c.locales = output_locales(root, name)
        except Exception as exc:  # noqa: BLE001 - reported by the test that needs the locales
            c.skip = f"content/{name}/customer.yaml: cannot read output_locales ({exc})"
            continue
        for locale in c.locales:
            c.decks[locale] = deck_path(root, name, locale)
            if c.decks[locale].exists():
                c.data[locale] = c.decks[locale].read_bytes()
            tokyo = deck_path(tokyo_root, name, locale)
            if tokyo.exists():
                c.tokyo[locale] = tokyo.read_bytes()
    _SESSION["builds"] = SessionBuilds(root, tokyo_root, customers)
    return _SESSION["builds"]



def customer_build(builds: SessionBuilds, name: str) -> CustomerBuild:
    """Return a customer's build, skipping when it is not buildable yet."""
    if name not in builds.customers:
        pytest.skip(f"content/{name}/ appeared after the session build started")
    c = builds.customers[name]
    c.require()
    return c


def every_example_deck(tmp_path_factory) -> dict[str, Path]:
    """Return every example deck by file name, built once per session in-process (shared by the tests over all).

    Every customer's plan deck and every review deck (QBR or EBR) in every
    output locale, customer and internal variants, from a tmp copy of the
    project (SOURCE_DATE_EPOCH fixed). A build that fails fails the caller.
    """
    if "every_deck" in _SESSION:
        return _SESSION["every_deck"]
    from pipeline.build import build
    from pipeline.registry import Target

    root = copy_project(tmp_path_factory.mktemp("every-deck") / "project")
    project = Project(root)
    targets = []
    for name in project.customers():
        for audience in ("customer", "internal"):
            targets.append(Target(name, "cs-plan", None, None, audience))
            for review in sorted((root / "content" / name / "reviews").glob("*.yaml")):
                kind = yaml.safe_load(review.read_text("utf-8"))["kind"]
                targets.append(Target(name, kind, None, review.stem, audience))
    out: dict[str, Path] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))
        for target in targets:
            result = build(project, target)
            assert result.ok, (target, [str(p) for p in result.problems])
            out.update({p.name: p for p in result.written})
    _SESSION["every_deck"] = out
    return out


# ----------------------------------------------------------------- LibreOffice and PDF


def soffice_to_pdf(pptx: Path, outdir: Path, profile: Path) -> Path:
    """Convert ``pptx`` to PDF with LibreOffice in a private profile and return the PDF."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    outdir.mkdir(parents=True, exist_ok=True)
    res = subprocess.run([soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}", "--convert-to",
                          "pdf", "--outdir", str(outdir), str(pptx)], capture_output=True, text=True, timeout=300)
    pdf = outdir / (pptx.stem + ".pdf")
    assert res.returncode == 0 and pdf.is_file(), f"soffice failed ({res.returncode}): {res.stdout}\n{res.stderr}"
    return pdf


def pdf_pages(pdf: Path) -> int:
    """Return the page count of a PDF (pdfinfo, else counting page objects)."""
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


@dataclass
class Word:
    """One word of a PDF page with its box in points (origin top left)."""

    page: int
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def pdf_words(pdf: Path) -> tuple[list[tuple[float, float]], list[Word]]:
    """Return the page sizes and every word of a PDF, in reading order (pdftotext -bbox-layout)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler (pdftotext) is not installed")
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml)
    tree = ElementTree.fromstring(xml)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    sizes, words = [], []
    for n, page in enumerate(tree.iter("{http://www.w3.org/1999/xhtml}page"), 1):
        sizes.append((float(page.get("width")), float(page.get("height"))))
        for w in page.iterfind(".//h:word", ns):
            words.append(Word(n, w.text or "", *(float(w.get(k)) for k in ("xMin", "yMin", "xMax", "yMax"))))
    return sizes, words


def footer_texts(pptx: Path) -> list[str]:
    """Return each slide's footer placeholder text ("" when the slide has none)."""
    from pptx import Presentation

    out = []
    for slide in Presentation(str(pptx)).slides:
        text = ""
        for ph in slide.placeholders:
            if ph.placeholder_format.type is not None and ph.placeholder_format.type.name == "FOOTER":
                # A word joiner (view.common.keep_together) takes no room and is not in the PDF's words.
                text = ph.text_frame.text.replace("\u2060", "")
        out.append(text)
    return out


def layout_problems(pptx: Path, pdf: Path) -> list[str]:
    """Return every word that leaves its page or sits below the content area (other than the footer line),

    every shape outside its slide, and every word of a drawn visual outside the visual's text boxes.
    """
    sizes, words = pdf_words(pdf)
    footers = footer_texts(pptx)
    problems = shape_problems(pptx) + drawn_text_problems(pptx, pdf)
    below: dict[int, list[Word]] = {}
    for w in words:
        width, height = sizes[w.page - 1]
        if w.x0 < -TOLERANCE_PT or w.y0 < -TOLERANCE_PT or w.x1 > width + TOLERANCE_PT or \
                w.y1 > height + TOLERANCE_PT:
            problems.append(f"page {w.page}: {w.text!r} lies outside the page at "
                            f"({w.x0:.1f}, {w.y0:.1f})–({w.x1:.1f}, {w.y1:.1f})")
        if w.y1 > CONTENT_BOTTOM_PT + TOLERANCE_PT:
            below.setdefault(w.page, []).append(w)
    for page, ws in sorted(below.items()):
        footer = footers[page - 1] if page <= len(footers) else ""
        allowed = Counter(footer.split()) + Counter([str(page)])
        got = Counter(w.text for w in ws)
        extra = got - allowed
        if extra:
            sample = [w for w in ws if w.text in extra][:8]
            problems.append(f"page {page}: words below the content area (y > {CONTENT_BOTTOM_PT} pt) that are not "
                            f"the footer: " + ", ".join(f"{w.text!r}@{w.y1:.1f}" for w in sample))
    return problems


# ----------------------------------------------------------------- text values

# Keys whose values are ids, references, enums, dates, numbers, urls or units:
# they are shown as labels, names or formatted values, not as written.
NOT_TEXT = {
    "id", "owner", "outcomes", "kpis", "people", "members", "champion", "adoption_lead", "groups", "milestone",
    "by", "kpi", "outcome", "initiative", "validated_with", "cs_manager", "account_team", "category", "status",
    "type", "side", "frequency", "data_kind", "persona_type", "kind", "segment", "source_language",
    "output_locales", "date", "start", "end", "due", "when", "completed", "validated_on", "renewal", "until",
    "value", "amount", "quantity", "priority", "unit", "currency", "period", "logo", "sponsor",
    "end_user_group", "url", "website", "version",
}
# Prose fields written in Markdown (rendered as paragraphs, not as typed).
MARKDOWN = {"summary", "description", "business_case", "resolution_path", "current_process", "strategy",
            "statement", "success_story"}


def _is_localized(value) -> bool:
    from pipeline.registry import SUPPORTED_LOCALES

    return isinstance(value, dict) and bool(value) and all(
        k in SUPPORTED_LOCALES and isinstance(v, str) for k, v in value.items())


def text_values(data, locale: str, source: str, path: str = "", key: str | None = None):
    """Yield (path, key, text) for every text leaf of a section, in ``locale`` where translated."""
    if key in NOT_TEXT:
        return
    if _is_localized(data):
        yield path, key, data.get(locale, data.get(source, next(iter(data.values()))))
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from text_values(v, locale, source, f"{path}.{k}" if path else str(k), str(k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from text_values(v, locale, source, f"{path}[{i}]", key)
    elif isinstance(data, str) and data.strip():
        yield path, key, data


def _squash(text: str) -> str:
    return " ".join(text.split())


def markdown_plain(text: str) -> list[str]:
    """Return the paragraphs of Markdown ``text`` as plain text (markdown-it-py tokens, syntax stripped)."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False})
    paras, current = [], []
    for tok in md.parse(text):
        if tok.type == "inline":
            parts = []
            for child in tok.children or []:
                if child.type in ("text", "code_inline", "html_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
                elif child.type == "image":
                    parts.append(child.content)
            current.append("".join(parts))
            paras.append(_squash("".join(parts)))
        elif tok.type in ("fence", "code_block"):
            paras.extend(_squash(line) for line in tok.content.splitlines() if line.strip())
    return [p for p in paras if p]


_LINK = re.compile(r"\[([^\[\]]*)\]\((?:https?://|mailto:|#slide-)[^()\s]*(?:\([^()\s]*\)[^()\s]*)*\)")


def strip_marks(text: str) -> str:
    """Return dump or value text without the dump's ** _ [](…) ⟦sv: …⟧ marks, table escapes and spacing."""
    text = re.sub(r"⟦[a-z]{2,3}: ", "", text).replace("⟧", "")
    text = text.replace("\\|", "|")
    for _ in range(3):  # links may nest marks: [**x**](url)
        text = _LINK.sub(r"\1", text)
    text = text.replace("**", "").replace("_", "").replace("*", "")
    return _squash(text)


def deck_haystack(dump_text: str) -> str:
    """Return the searchable text of a dump: marks stripped, table cells and lines joined."""
    lines = []
    for line in dump_text.splitlines():
        s = line.strip()
        if s.startswith("|") and s.endswith("|"):
            # Cells are "a / b" (paragraphs) separated by " | ": search each cell part on its own line.
            for cell_text in re.split(r"(?<!\\)\|", s.strip("|")):
                lines.extend(cell_text.split(" / "))
                lines.append(cell_text)
        else:
            lines.append(re.sub(r"^(?:• |\d+\. )", "", s))
            lines.append(s)
    return "\n".join(strip_marks(x) for x in lines)


# A manifest's inputs hash for decks built outside build --all (publish and preview tests).
INPUTS = "0123456789abcdef" * 4


def manifest_rows(project: Project) -> list[dict]:
    """Return build/manifest.json rows for every deck under build/, as the batch build writes them."""
    rows = []
    for path in sorted(project.build_dir.rglob("*.pptx")):
        customer, locale = path.parent.name, path.stem.rsplit("-", 1)[1]
        rows.append({"customer": customer, "artifact": "cs-plan", "locale": locale, "period": None,
                     "path": path.relative_to(project.build_dir).as_posix(),
                     "sha256": hashlib.sha256(path.read_bytes()).hexdigest(), "inputs": INPUTS})
    return rows


def write_manifest(project: Project, rows: list[dict] | None = None, *, text: str | None = None) -> Path:
    """Write build/manifest.json (``rows``, default every built deck; or raw ``text``) and return it."""
    path = project.build_dir / "manifest.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    if text is None:
        text = json.dumps({"version": 1, "artifacts": manifest_rows(project) if rows is None else rows}, indent=2)
    path.write_text(text, encoding="utf-8")
    return path

# ----------------------------------------------------------------- drawn visuals

EMU_PER_PT = 12700


def visual_group(slide):
    """Return the group of shapes a drawn visual is on ``slide``, or None."""
    found = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.GROUP and s.name.startswith("Visual: ")]
    return found[0] if found else None


def leaves(shapes):
    """Yield every shape of ``shapes``, groups flattened."""
    for s in shapes:
        if s.shape_type == MSO_SHAPE_TYPE.GROUP:
            yield from leaves(s.shapes)
        else:
            yield s


def shape_problems(pptx: Path) -> list[str]:
    """Return every shape (drawn visuals' members included) that does not lie inside its slide."""
    prs = Presentation(str(pptx))
    problems = []
    for n, slide in enumerate(prs.slides, 1):
        for s in leaves(slide.shapes):
            if s.left is None or s.width is None:
                continue  # a placeholder that inherits its position from the layout
            if s.left < 0 or s.top < 0 or s.left + s.width > prs.slide_width or s.top + s.height > prs.slide_height:
                problems.append(f"slide {n}: shape {s.name!r} lies outside the slide")
    return problems


def drawn_text_problems(pptx: Path, pdf: Path) -> list[str]:
    """Return every PDF word inside a drawn visual that LibreOffice set outside all of the visual's text boxes."""
    _sizes, words = pdf_words(pdf)
    pt = EMU_PER_PT
    problems = []
    for n, slide in enumerate(Presentation(str(pptx)).slides, 1):
        group = visual_group(slide)
        if group is None:
            continue
        area = (group.left / pt, group.top / pt, (group.left + group.width) / pt, (group.top + group.height) / pt)
        boxes = [(s.left / pt, s.top / pt, (s.left + s.width) / pt, (s.top + s.height) / pt)
                 for s in leaves(group.shapes) if s.has_text_frame and s.text_frame.text.strip()]
        for w in words:
            cx, cy = (w.x0 + w.x1) / 2, (w.y0 + w.y1) / 2
            if w.page != n or not (area[0] <= cx <= area[2] and area[1] <= cy <= area[3]):
                continue
            # pdftotext's word boxes are the font's glyph box, a little taller than
            # and below the line PowerPoint and LibreOffice set: a tenth of it is slack.
            dy = max(TOLERANCE_PT, 0.1 * (w.y1 - w.y0))
            if not any(b[0] - TOLERANCE_PT <= w.x0 and w.x1 <= b[2] + TOLERANCE_PT and
                       b[1] - dy <= w.y0 and w.y1 <= b[3] + dy for b in boxes):
                problems.append(f"page {n}: {w.text!r} at ({w.x0:.1f}, {w.y0:.1f})–({w.x1:.1f}, {w.y1:.1f}) "
                                f"lies outside every text box of the visual")
    return problems


def decks_layout_problems(decks: list[Path], work: Path) -> list[str]:
    """Convert ``decks`` to PDF in one LibreOffice run and return every page-count and layout problem of them."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = work / "pdf"
    # One LibreOffice process converts every deck: starting it is most of the cost.
    res = subprocess.run([soffice, "--headless", f"-env:UserInstallation={(work / 'lo').as_uri()}",
                          "--convert-to", "pdf", "--outdir", str(out), *map(str, decks)],
                         capture_output=True, text=True, timeout=1800)
    assert res.returncode == 0, res.stderr
    problems = []
    for deck in decks:
        pdf = out / (deck.stem + ".pdf")
        assert pdf.is_file(), f"{deck.name}: no PDF\n{res.stdout}\n{res.stderr}"
        slides = len(Presentation(str(deck)).slides)
        if pdf_pages(pdf) != slides:
            problems.append(f"{deck.name}: {pdf_pages(pdf)} PDF pages for {slides} slides")
        problems += [f"{deck.name}: {p}" for p in layout_problems(deck, pdf)]
    return problems


# ----------------------------------------------------------------- every example artifact


def example_artifacts(tmp_path_factory) -> dict[str, Path]:
    """Return every example artifact by file name, built once per session in process.

    Every customer, locale, artifact (cs-plan, qbr/ebr of every review,
    reference, questionnaire) and variant (customer and internal), as
    ``csplan build --all`` and ``--all --audience internal`` would list them,
    from a tmp copy of the project with SOURCE_DATE_EPOCH fixed.
    """
    if "artifacts" in _SESSION:
        return _SESSION["artifacts"]
    from pipeline.batch import all_targets
    from pipeline.build import build

    project = Project(copy_project(tmp_path_factory.mktemp("artifacts") / "project"))
    out: dict[str, Path] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(EPOCH_2026_11_22))
        for audience in ("customer", "internal"):
            for target in all_targets(project, audience=audience):
                result = build(project, target)
                assert result.ok, (target, [p.format() for p in result.problems])
                out.update({p.name: p for p in result.written})
    _SESSION["artifacts"] = out
    return out


# ----------------------------------------------------------------- repair causes beyond the schema

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
# Attributes that hold numbers in DrawingML, PresentationML and WordprocessingML parts.
_NUMERIC = {"x", "y", "cx", "cy", "w", "h", "sz", "id", "idx", "rot", "spc", "kern", "lIns", "tIns", "rIns",
            "bIns", "marL", "marR", "indent", "lvl", "pos", "cap"}
_NOT_A_NUMBER = {"", "nan", "-nan", "inf", "-inf", "infinity", "-infinity"}
# ECMA-376 part 2 leaves the core properties unbounded, but Office repairs (and
# python-docx/python-pptx refuse) a text property over 255 characters.
CORE_TEXT_LIMIT = 255


def _rels_name(member: str) -> str:
    folder, _, name = member.rpartition("/")
    return f"{folder}/_rels/{name}.rels" if folder else f"_rels/{name}.rels"


def _resolve(member: str, target: str) -> str:
    import posixpath

    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(member), target))


def repair_causes(path: Path) -> list[str]:
    """Return what would make PowerPoint or Word repair ``path`` though the schema passes it.

    Content types for exactly the parts present; unique shape ids per slide;
    unique relationship ids that every reference resolves, with internal
    targets present; no empty or NaN numeric attribute or chart value; a text
    body with a paragraph on every text shape and table cell; core properties
    within their limits.
    """
    import math
    import zipfile

    from lxml import etree

    out: list[str] = []
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if not n.endswith("/")]
        parts = {n: z.read(n) for n in names}
    types = etree.fromstring(parts.pop("[Content_Types].xml"))
    defaults = {d.get("Extension").lower() for d in types.iter(f"{_CT}Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{_CT}Override")}
    for name in sorted(set(parts) - overrides):
        if name.rsplit(".", 1)[-1].lower() not in defaults:
            out.append(f"{name}: no content type")
    for name in sorted(overrides - set(parts)):
        out.append(f"[Content_Types].xml: override for a missing part {name}")
    for name, blob in sorted(parts.items()):
        if not (name.endswith(".xml") or name.endswith(".rels")):
            continue
        root = etree.fromstring(blob)
        if name.endswith(".rels"):
            ids = [r.get("Id") for r in root.iter(f"{_RELS}Relationship")]
            for dup in sorted({i for i in ids if ids.count(i) > 1}):
                out.append(f"{name}: relationship id {dup} twice")
            source = name.replace("_rels/", "").removesuffix(".rels")
            for r in root.iter(f"{_RELS}Relationship"):
                if r.get("TargetMode") != "External" and _resolve(source, r.get("Target")) not in parts:
                    out.append(f"{name}: {r.get('Id')} points to a missing part {r.get('Target')}")
            continue
        rels = parts.get(_rels_name(name))
        known = set() if rels is None else {r.get("Id") for r in etree.fromstring(rels).iter(f"{_RELS}Relationship")}
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for attr, value in el.attrib.items():
                if attr.startswith(f"{{{_R}}}") and value and value not in known:
                    out.append(f"{name}: {etree.QName(el).localname} refers to unknown relationship {value}")
                elif attr in _NUMERIC and value.strip().lower() in _NOT_A_NUMBER:
                    out.append(f"{name}: {etree.QName(el).localname} has {attr}={value!r}")
        if name.startswith("ppt/slides/slide"):
            ids = [e.get("id") for e in root.iter(f"{_P}cNvPr")]
            for dup in sorted({i for i in ids if ids.count(i) > 1}):
                out.append(f"{name}: shape id {dup} twice")
            for sp in root.iter(f"{_P}sp"):
                text_shape = sp.find(f"{_P}nvSpPr/{_P}cNvSpPr[@txBox='1']") is not None or \
                    sp.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph") is not None
                if text_shape and sp.find(f"{_P}txBody") is None:
                    out.append(f"{name}: text shape {sp.find(f'{_P}nvSpPr/{_P}cNvPr').get('name')!r} has no text body")
            for tc in root.iter(f"{_A}tc"):
                if tc.find(f"{_A}txBody") is None:
                    out.append(f"{name}: a table cell has no text body")
        for body in list(root.iter(f"{_P}txBody")) + list(root.iter(f"{_A}txBody")):
            if body.find(f"{_A}p") is None:
                out.append(f"{name}: a text body without a paragraph")
        for v in root.iter(f"{_C}v"):
            parent = v.getparent().getparent()
            if parent is not None and etree.QName(parent).localname == "numCache":
                try:
                    ok = math.isfinite(float(v.text))
                except (TypeError, ValueError):
                    ok = False
                if not ok:
                    out.append(f"{name}: chart value {v.text!r} is not a number")
        if name == "docProps/core.xml":
            for el in root:
                text = el.text or ""
                if len(text) > CORE_TEXT_LIMIT:
                    out.append(f"{name}: {etree.QName(el).localname} is {len(text)} characters (limit {CORE_TEXT_LIMIT})")
                if etree.QName(el).localname in ("created", "modified") and not re.fullmatch(
                        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", text):
                    out.append(f"{name}: {etree.QName(el).localname} {text!r} is not a W3CDTF UTC time")
    return out
