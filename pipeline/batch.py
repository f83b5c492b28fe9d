"""Batch builds: every customer × artifact × locale, in parallel, rebuilding only what changed.

A *target* is one artifact file (one customer, artifact, locale and review
period). Its *inputs hash* covers everything it is built from: the customer's
folder, the shared content the artifact reads, the artifact's templates, the
locale's catalog and the csplan code. ``build/.csplan/state.json`` records, per
target, the inputs hash and the files written; a target is up to date when
both still match. The record is written after each artifact's atomic rename,
so an interrupted run never marks a half-written file as done, and
``build/manifest.json`` lists every artifact the record holds.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import __version__
from pipeline.policy import POLICY_FILE, PYPROJECT
from pipeline.project import Project, UsageError
from pipeline import registry
from pipeline.registry import SUPPORTED_LOCALES, Target, get

STATE = ".csplan/state.json"
MANIFEST = "manifest.json"


@dataclass
class Outcome:
    """What happened to one target."""

    target: Target
    status: str  # built | up-to-date | failed
    inputs: str = ""
    outputs: list[dict] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0
    peak_kib: int = 0


# ----------------------------------------------------------------- hashing


def _hash_tree(path: Path, h) -> None:
    """Feed every file under ``path`` (names and bytes, sorted) into ``h``."""
    if path.is_file():
        files = [path]
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".csplan-"))
    else:
        h.update(b"<missing>")
        return
    for p in files:
        h.update(str(p.relative_to(path.parent)).encode() + b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())


class Inputs:
    """Computes (and caches within one run) the inputs hash of targets."""

    def __init__(self, project: Project):
        self.project = project
        self._cache: dict[str, str] = {}

    def _of(self, key: str, *paths: Path) -> str:
        if key not in self._cache:
            h = hashlib.sha256()
            for p in paths:
                _hash_tree(p, h)
            self._cache[key] = h.hexdigest()
        return self._cache[key]

    def code(self) -> str:
        """Return the hash of the csplan package (version and sources)."""
        if "code" not in self._cache:
            package = Path(__file__).resolve().parent
            self._of("code", *sorted(package.rglob("*.py")))
        return self._cache["code"] + __version__

    def customer(self, name: str) -> str:
        """Return the hash of one customer's folder."""
        return self._of(f"path:{self.project.content / name}", self.project.content / name)

    def target(self, t: Target) -> str:
        """Return the inputs hash of target ``t``: the code, what the target is, and every file it is made from."""
        art = get(t.artifact)
        parts = [self.code(), art.name, t.period or "", t.locale or "*"]
        parts += [self._of(f"path:{p}", p) for p in art.inputs(self.project, t)]
        catalogs = [t.locale] if t.locale else list(SUPPORTED_LOCALES)
        parts += [self._of(f"locale:{c}", self.project.locales / c) for c in catalogs]
        # The team's policy decides which problems stop a build (pipeline.policy): a change re-checks everything.
        parts.append(self._of("policy", *(self.project.root / f for f in (POLICY_FILE, PYPROJECT))))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


# ----------------------------------------------------------------- targets


def display_name(value) -> str | None:
    """Return a name as written in YAML (text, or the first of a per-language mapping), or None."""
    if isinstance(value, dict):
        value = next((v for v in value.values() if isinstance(v, str)), None)
    return (value.strip() or None) if isinstance(value, str) else None


def customer_facts(project: Project, name: str) -> dict:
    """Return what decides a customer's targets (output locales, reviews' kinds, optional files) and its name."""
    from pipeline.load import read_mapping

    folder = project.customer_dir(name)
    profile = read_mapping(folder / "customer.yaml")
    found = profile.get("output_locales")
    only = sorted({a.only_with for a in registry.artifacts().values() if a.only_with})
    return {
        "name": display_name(profile.get("name")),  # for the published index page
        "locales": [x for x in found if isinstance(x, str)] if isinstance(found, list) else [],
        "reviews": {f.stem: str(read_mapping(f).get("kind")) for f in sorted((folder / "reviews").glob("*.yaml"))},
        "files": [f for f in only if (folder / f).is_file()],
    }


def _check_error(project: Project, customer: str) -> str | None:
    """Return the first error of the customer's check (why it may list no targets), or None when it is clean."""
    from pipeline.check import check_customer

    errors = check_customer(project, customer).problems.errors
    return errors[0].format() if errors else None


def _facts_of(entry, h: str) -> bool:
    """Return True when a recorded entry is for folder hash ``h`` and well formed."""
    if not isinstance(entry, dict) or entry.get("hash") != h or not isinstance(entry.get("facts"), dict):
        return False
    f = entry["facts"]
    return (isinstance(f.get("locales"), list) and isinstance(f.get("reviews"), dict)
            and isinstance(f.get("files"), list) and "name" in f)


def all_targets(project: Project, artifacts: list[str] | None = None, lang: str | None = None,
                shard: tuple[int, int] | None = None, inputs: Inputs | None = None,
                known: dict | None = None, audience: str = "customer") -> list[Target]:
    """Return every target of ``artifacts`` (names; default: all) in the project, or one shard of them.

    ``known`` maps customer → {"hash", "facts"} from the last run: a customer
    whose folder hash is unchanged is not read again (it is updated in place).
    """
    inputs = inputs or Inputs(project)
    known = {} if known is None else known
    for gone in set(known) - set(project.customers()):
        del known[gone]

    def facts(name: str) -> dict:
        h = inputs.customer(name)
        if not _facts_of(known.get(name), h):
            known[name] = {"hash": h, "facts": customer_facts(project, name)}
        return known[name]["facts"]

    targets: list[Target] = []
    for name in artifacts or list(registry.artifacts()):
        targets += get(name).targets(project, facts, lang, audience)
    if shard:
        k, n = shard
        targets = [t for t in targets if int(hashlib.sha256(t.key.encode()).hexdigest(), 16) % n == k - 1]
    return sorted(targets)


def parse_shard(text: str) -> tuple[int, int]:
    """Return (k, n) from ``K/N``, or raise UsageError."""
    try:
        k, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise UsageError(f"--shard takes K/N, e.g. 1/4 (found {text!r})") from None
    if not 1 <= k <= n:
        raise UsageError(f"--shard {text}: K must be between 1 and N")
    return k, n


# ----------------------------------------------------------------- the record


class State:
    """The record of what was built from what: ``build/.csplan/state.json``."""

    def __init__(self, project: Project):
        from pipeline.load import read_mapping

        self.path = project.build_dir / STATE
        self.build_dir = project.build_dir
        self.partner = display_name(read_mapping(project.partner / "partner.yaml").get("name"))
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.targets: dict[str, dict] = data["targets"] if data.get("version") == 1 else {}
            self.customers: dict[str, dict] = data.get("customers", {}) if data.get("version") == 1 else {}
            if not isinstance(self.targets, dict) or not isinstance(self.customers, dict):
                raise TypeError
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            # No record (or a damaged one): everything is read and rebuilt.
            self.targets, self.customers = {}, {}

    def up_to_date(self, t: Target, inputs: str) -> bool:
        """Return True when ``t`` was built from ``inputs`` and its files are still as written."""
        entry = self.targets.get(t.key)
        if not entry or entry.get("stale") or entry.get("inputs") != inputs or not entry.get("outputs"):
            return False
        for out in entry["outputs"]:
            try:
                st = (self.build_dir / out["path"]).stat()
            except OSError:
                return False
            if st.st_size != out.get("size") or st.st_mtime_ns != out.get("mtime_ns"):
                return False
        return True

    def record(self, o: Outcome) -> None:
        """Remember a built target."""
        t = o.target
        self.targets[t.key] = {"customer": t.customer, "artifact": t.artifact, "locale": t.locale,
                               "period": t.period, "audience": t.audience, "inputs": o.inputs,
                               "outputs": o.outputs}

    def forget(self, t: Target) -> None:
        """Drop a target's record (its files, if any, are no longer listed)."""
        self.targets.pop(t.key, None)

    def mark_stale(self, o: Outcome) -> None:
        """Keep a failed target's last good files listed, marked stale with the error; forget it when they are gone.

        A customer whose content broke keeps what it last shipped (publish
        shows it marked stale, or refuses with --no-stale) instead of silently
        dropping out of the manifest; the next run builds it again.
        """
        entry = self.targets.get(o.target.key)
        if not entry or not entry.get("outputs") or not all(
                (self.build_dir / out["path"]).is_file() for out in entry["outputs"]):
            self.forget(o.target)
            return
        entry["stale"] = o.error or "the build failed"

    def save(self) -> None:
        """Write the record atomically."""
        from pipeline.write import atomic_write

        data = {"version": 1, "targets": dict(sorted(self.targets.items())),
                "customers": dict(sorted(self.customers.items()))}
        atomic_write(self.path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())

    def manifest(self) -> dict:
        """Return the manifest of every recorded artifact file."""
        rows = []
        for entry in self.targets.values():
            for out in entry["outputs"]:
                rows.append({"customer": entry["customer"], "artifact": entry["artifact"],
                             "locale": out.get("locale") or entry["locale"], "period": entry["period"],
                             "audience": entry.get("audience", "customer"),
                             "path": out["path"], "sha256": out["sha256"], "inputs": entry["inputs"],
                             **({"stale": True, "error": entry["stale"]} if entry.get("stale") else {})})
        rows.sort(key=lambda r: (r["customer"], r["artifact"], r["period"] or "", r["locale"] or "", r["path"]))
        names = {c: v["facts"]["name"] for c, v in sorted(self.customers.items())
                 if isinstance(v, dict) and _facts_of(v, v.get("hash")) and v["facts"]["name"]}
        # Names for people (the index page's title and customer filter); ids stay the keys.
        return {"version": 1, "partner": self.partner, "customers": names, "artifacts": rows}

    def save_manifest(self) -> Path:
        """Write ``build/manifest.json`` atomically and return its path."""
        from pipeline.write import atomic_write

        path = self.build_dir / MANIFEST
        atomic_write(path, (json.dumps(self.manifest(), indent=1, ensure_ascii=False) + "\n").encode())
        return path


# ----------------------------------------------------------------- building


def _peak_kib() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def build_target(project: Project, t: Target, inputs: str) -> Outcome:
    """Build one target and return what happened (never raises for bad content)."""
    from pipeline.build import build

    start = time.perf_counter()
    try:
        result = build(project, t)
    except UsageError as exc:
        return Outcome(t, "failed", inputs, error=str(exc), seconds=time.perf_counter() - start,
                       peak_kib=_peak_kib())
    except Exception as exc:  # noqa: BLE001 - one bad target must not stop the batch
        return Outcome(t, "failed", inputs, error=f"internal error ({type(exc).__name__}: {exc}); "
                       f"re-run `csplan --debug build` for this target", seconds=time.perf_counter() - start,
                       peak_kib=_peak_kib())
    if not result.ok:
        first = result.problems.errors[0].format()
        return Outcome(t, "failed", inputs, error=first, seconds=time.perf_counter() - start,
                       peak_kib=_peak_kib())
    return Outcome(t, "built", inputs, result.outputs, seconds=time.perf_counter() - start, peak_kib=_peak_kib())


_STAGES = (
    "pipeline.build", "pipeline.check", *registry.BUILTIN_MODULES, "pipeline.model", "pipeline.model.review", "pipeline.model.health",
    "pipeline.model.reference", "pipeline.model.partner", "pipeline.validate", "pipeline.i18n",
    "pipeline.view.cs_plan", "pipeline.view.review", "pipeline.view.reference", "pipeline.view.questionnaire",
    "pipeline.render.pptx", "pipeline.render.docx",
)


def _warm_up() -> None:
    """Import the build stages once (before forking workers), not once per target."""
    from importlib import import_module

    for name in _STAGES:
        import_module(name)
    # What the stages import lives as long as the process: keep the collector
    # from rescanning it in every worker (and from touching the pages the
    # forked workers share), as the gc module's documentation advises.
    gc.freeze()


@dataclass
class Report:
    """The outcome of a batch build."""

    outcomes: list[Outcome]
    seconds: float
    workers: int

    @property
    def failed(self) -> list[Outcome]:
        """Return the targets that failed."""
        return [o for o in self.outcomes if o.status == "failed"]

    def count(self, status: str) -> int:
        """Return how many targets ended with ``status``."""
        return sum(o.status == status for o in self.outcomes)


def build_all(project: Project, *, artifacts: list[str] | None = None, lang: str | None = None,
              audience: str = "customer",
              jobs: int | None = None, force: bool = False, shard: tuple[int, int] | None = None,
              progress=None) -> Report:
    """Build every out-of-date target of the project and return what happened."""
    # A batch runs for minutes: collect its garbage (the CLI turns the
    # collector off for one-deck commands).
    gc.enable()
    # The workers are warm already: a child per target would only add processes.
    from pipeline import overlap

    overlap.enable(False)
    start = time.perf_counter()
    inputs = Inputs(project)
    state = State(project)
    targets = all_targets(project, artifacts, lang, shard, inputs, state.customers, audience)
    if not (artifacts or lang or shard):
        # A whole run knows every target of its audience: records of targets
        # that no longer exist (a locale or review removed) leave the manifest.
        # A customer whose files cannot be read lists no targets: its records
        # stay, as stale, with the reason (its check's first error).
        current = {t.key for t in targets}
        why: dict[str, str | None] = {}
        for key in sorted(set(state.targets) - current):
            entry = state.targets[key]
            if entry.get("audience", "customer") != audience:
                continue
            customer = entry.get("customer")
            if customer not in why:
                why[customer] = _check_error(project, customer) if customer in project.customers() else None
            if why[customer] is None:
                del state.targets[key]
            else:
                entry["stale"] = entry.get("stale") or why[customer]
    outcomes: list[Outcome] = []
    todo: list[tuple[Target, str]] = []
    for t in targets:
        h = inputs.target(t)
        if not force and state.up_to_date(t, h):
            outcomes.append(Outcome(t, "up-to-date", h))
        else:
            todo.append((t, h))
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    done = len(outcomes)
    last_save = time.monotonic()

    def finish(o: Outcome) -> None:
        nonlocal done, last_save
        outcomes.append(o)
        done += 1
        if o.status == "built":
            state.record(o)
        else:
            state.mark_stale(o)
        if time.monotonic() - last_save > 1.0:
            state.save()
            last_save = time.monotonic()
        if progress:
            progress(done, len(targets), o)

    try:
        if jobs == 1:
            for t, h in todo:
                finish(build_target(project, t, h))
        elif todo:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor, as_completed

            fork = sys.platform.startswith("linux")
            if fork:
                _warm_up()  # the workers inherit the imported stages
            ctx = multiprocessing.get_context("fork" if fork else "spawn")
            with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_warm_up) as pool:
                futures = [pool.submit(build_target, project, t, h) for t, h in todo]
                for fut in as_completed(futures):
                    finish(fut.result())
    finally:
        # Whatever finished is recorded, even when the run is interrupted.
        if todo or not state.path.exists():
            state.save()
        state.save_manifest()
    outcomes.sort(key=lambda o: o.target)
    return Report(outcomes, time.perf_counter() - start, jobs)


def format_summary(report: Report, color: bool = False) -> str:
    """Return the end-of-run summary: counts, then one row per target that failed with its first error."""
    built, fresh, failed = report.count("built"), report.count("up-to-date"), len(report.failed)
    lines = []
    if report.failed:
        width = max(len(o.target.key) for o in report.failed)
        lines.append(f"{'failed':<{width}}  first error")
        for o in report.failed:
            lines.append(f"{o.target.key:<{width}}  {o.error}")
        lines.append("(a failed target's last good files stay in build/manifest.json, marked stale; csplan publish "
                     "ships them marked stale, or refuses with --no-stale)")
        lines.append("")
    summary = (f"{built} built, {fresh} up to date, {failed} failed "
               f"({len(report.outcomes)} targets, {report.workers} worker{'s' * (report.workers != 1)}, "
               f"{report.seconds:.1f} s)")
    if color:
        summary = ("\033[31m" if failed else "\033[32m") + summary + "\033[0m"
    lines.append(summary)
    return "\n".join(lines)
