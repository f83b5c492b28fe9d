"""The ``csplan`` command line: thin commands over the orchestrator in ``build``.

Expected failures end in one line and a non-zero exit; a traceback appears
only for internal bugs and only with ``--debug``.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from pipeline import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 70


def _count(text: str) -> int:
    """Return a positive whole number given on the command line."""
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="csplan", description="Customer Success plans as code.")
    p.add_argument("--root", metavar="DIR", help="project folder with content/, templates/, locales/ "
                   "(default: the nearest folder upwards from here that holds content/ or csplan.toml)")
    p.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    p.add_argument("--version", action="version", version=f"csplan {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("check", help="validate customers' content (all when none is named)")
    c.add_argument("customers", nargs="*", metavar="CUSTOMER", help="a customer's name, or a file in its folder "
                   "(as pre-commit passes them); default: every customer")
    c.add_argument("--format", choices=("text", "json", "github"), default="text")
    c.add_argument("--strict", action="store_true", help="fail on warnings too")
    c.add_argument("--lang", metavar="LOCALE", help="also warn about every text that has no LOCALE version "
                   "(the deck in LOCALE falls back to the customer's source language there)")

    n = sub.add_parser("new", help="create a customer folder with every section file, commented (or one more "
                       "file of an existing customer)")
    n.add_argument("customer", metavar="CUSTOMER")
    more = n.add_mutually_exclusive_group()
    more.add_argument("--review", metavar="YYYY-Qn", help="write reviews/YYYY-Qn.yaml, pre-filled from the plan "
                      "(outcome and KPI ids, attendees, open barriers, the previous review's open actions)")
    more.add_argument("--reference", action="store_true", help="write reference.yaml (the customer reference)")
    more.add_argument("--health", action="store_true", help="write health.yaml with the shared health model's "
                      "fields and components")

    s = sub.add_parser("schema", help="write a JSON Schema per content file (for editors) into schemas/, and "
                       "optionally the content reference")
    s.add_argument("--dir", metavar="DIR", help="folder to write the schemas to (default: schemas/ in the project)")
    s.add_argument("--reference", metavar="FILE", help="also write the content reference (Markdown), e.g. "
                   "docs/content-reference.md")
    s.add_argument("--validate", nargs="+", metavar="FILE", help="instead, check content files against their "
                   "schema as an editor does (needs the jsonschema package; csplan check checks more)")

    b = sub.add_parser("build", help="check a customer and build an artifact (or everything: --all)")
    b.add_argument("customer", metavar="CUSTOMER", nargs="?")
    b.add_argument("--artifact", action="append", help="what to build (default: cs-plan; with --all: every "
                   "artifact); repeatable")
    b.add_argument("--all", action="store_true", help="every customer × artifact × locale, in parallel, "
                   "skipping what is up to date")
    b.add_argument("-j", "--jobs", type=int, metavar="N", help="with --all: parallel workers (default: all cores)")
    b.add_argument("--force", action="store_true", help="with --all: rebuild even what is up to date")
    b.add_argument("--shard", metavar="K/N", help="with --all: build only shard K of N (stable split for CI)")
    b.add_argument("--lang", metavar="LOCALE", help="build one locale (default: the customer's output_locales)")
    b.add_argument("--period", metavar="YYYY-Qn", help="with --artifact qbr/ebr: the review to build "
                   "(default: the latest)")
    b.add_argument("--audience", choices=("customer", "internal"), default="customer",
                   help="customer (default): what the customer sees; internal: adds the health formula, renewal "
                   "and commercial status, upsell and segment labels (file name ends in -internal)")
    b.add_argument("--lint", action="store_true", help="run the design lint (csplan lint) on the decks just written")
    b.add_argument("--template", metavar="PPTX", help="deck template to build into, its role mapping (.yaml) and "
                   "fonts/ beside it (default: templates/pptx/default.pptx)")

    t = sub.add_parser("template", help="deck template tools")
    tsub = t.add_subparsers(dest="template_command", metavar="SUBCOMMAND")
    tc = tsub.add_parser("check", help="lint a .pptx template and its role mapping, or a .docx template's tags")
    tc.add_argument("file", metavar="FILE")
    tc.add_argument("--artifact", metavar="NAME", help="for a .docx: the artifact it is a template of "
                    "(default: the one named like the file, e.g. reference.docx)")
    ti = tsub.add_parser("init", help="write a commented role mapping beside a .pptx template, guessed from its layouts")
    ti.add_argument("file", metavar="FILE")
    ti.add_argument("--force", action="store_true", help="replace a mapping file that already exists")

    i = sub.add_parser("i18n", help="translation tools")
    isub = i.add_subparsers(dest="i18n_command", metavar="SUBCOMMAND")
    ic = isub.add_parser("check", help="lint the gettext catalogs in locales/ (missing, fuzzy, obsolete, "
                         "duplicates, plural forms, placeholders)")
    ic.add_argument("--locale", metavar="LOCALE", action="append",
                    help="check only this locale (repeatable; default: every catalog)")

    pub = sub.add_parser("publish", help="copy the built artifacts to dist/ with PDFs, thumbnails and index.html")
    pub.add_argument("--dist", metavar="DIR", help="folder to publish to, replaced whole (default: dist/)")
    pub.add_argument("-j", "--jobs", type=_count, metavar="N", help="LibreOffice workers (default: all cores)")
    pub.add_argument("--internal", action="store_true", help="also publish the internal variants of the decks "
                     "(kept out of dist/ by default)")
    pub.add_argument("--no-stale", action="store_true", help="refuse to publish when an artifact is stale (its last "
                     "build failed; by default the previous file is published marked stale)")
    pub.add_argument("--from", dest="sources", action="append", metavar="DIR",
                     help="publish this build folder instead of build/; repeat to merge CI shards")

    pv = sub.add_parser("preview", help="draw a contact sheet (every slide on one PNG) of each deck built for a "
                        "customer, into build/CUSTOMER/preview/")
    pv.add_argument("customer", metavar="CUSTOMER")
    pv.add_argument("--lang", metavar="LOCALE", help="only the decks in this locale")
    pv.add_argument("--artifact", metavar="NAME", help="only the decks of this artifact (cs-plan, qbr, ebr)")

    lt = sub.add_parser("lint", help="check built decks against the design rules (shared/deck-design.md): small "
                        "text, thin continuations, empty columns, too-wide words, contrast, charts, raw ids, budget")
    lt.add_argument("files", nargs="+", metavar="FILE")
    lt.add_argument("--budget", type=_count, metavar="N", help="main-flow slide budget (default: by the deck's kind "
                    "from its file name: cs-plan 15, qbr 12, ebr 8)")
    lt.add_argument("--format", choices=("text", "json", "github"), default="text")
    lt.add_argument("--template", metavar="PPTX", help="the deck template the decks were built into (its section "
                    "layout, fonts/ beside it; default: templates/pptx/default.pptx)")

    d = sub.add_parser("dump", help="print a readable text of a .pptx or .docx (for diffs and snapshots)")
    d.add_argument("file", metavar="FILE")
    return p


def _customers_named(project, words: list[str]) -> list[str] | None:
    """Return the customers that ``words`` name: customer names, or files inside their folders.

    A file of content/_partner/ (shared by every customer) means every
    customer: None. Existing files outside content/ name no customer. So a pre-commit
    hook can pass the changed files: csplan check content/acme/outcomes.yaml.
    """
    from pathlib import Path

    from pipeline.project import CUSTOMER_NAME, PARTNER_DIR

    names: list[str] = []
    for word in words:
        # A name cannot hold '/' or '.'; an existing file is taken as one a hook passed.
        if CUSTOMER_NAME.fullmatch(word) or not Path(word).is_file():
            names.append(word)
            continue
        path = Path(word).resolve()
        try:
            first = path.relative_to(project.content.resolve()).parts[0]
        except (ValueError, IndexError):
            continue
        if first == PARTNER_DIR:
            return None
        names.append(first)
    return list(dict.fromkeys(names))


def cmd_check(args, project) -> int:
    """Run ``csplan check``: report every problem of the named (or all) customers."""
    from pipeline.check import check_customer
    from pipeline.problems import format_github, format_json, format_text

    names = _customers_named(project, args.customers)
    if args.customers and names == []:
        return EXIT_OK  # only files outside content/ were named (a pre-commit hook's list): nothing to check
    names = names or project.customers()
    if not names:
        print(f"csplan check: no customers in {project.rel(project.content)}/; create one with: "
              f"{project.command} new NAME", file=sys.stderr)
        return EXIT_USAGE
    for name in names:
        project.customer_dir(name)  # refuse bad names before doing any work
    if args.lang:
        from pipeline.artifacts import require_locale

        require_locale(args.lang)
    results = [check_customer(project, name) for name in names]
    if args.lang:
        from pipeline.i18n_fallback import fallbacks

        for r in results:
            r.problems.extend(fallbacks(r.plan, args.lang))
    if not args.customers and (project.partner / "partner.yaml").is_file():
        from pipeline.check import check_partner

        results.append(check_partner(project))  # the questionnaire's answers and its two references
    # Problems of the shared content/_partner/ files come with every customer: print them once.
    problems = list(dict.fromkeys(p for r in results for p in r.problems))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if args.format == "json":
        print(format_json(problems))
    elif args.format == "github":
        if problems:
            print(format_github(problems))
    else:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        if problems:
            print(format_text(problems, color=color))
            print()
        for r in results:
            e = len(r.problems.errors)
            w = len(r.problems.warnings)
            state = "ok" if not e and not w else f"{e} error{'s' * (e != 1)}, {w} warning{'s' * (w != 1)}"
            print(f"{r.name}: {state}")
    failed = errors or (args.strict and warnings)
    if failed and args.format == "text":
        print(f"csplan check: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
              file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_new(args, project) -> int:
    """Run ``csplan new``: scaffold a customer folder."""
    from pipeline.scaffold import missing_schemas, scaffold, scaffold_health, scaffold_reference, scaffold_review

    one = (scaffold_review(project, args.customer, args.review) if args.review else
           scaffold_reference(project, args.customer) if args.reference else
           scaffold_health(project, args.customer) if args.health else None)
    if one is not None:
        print(f"created {project.rel(one)}; fill it in, then run: {project.command} check {args.customer}")
    else:
        files = scaffold(project, args.customer)
        folder = project.rel(files[0].parent)
        print(f"created {folder}/ with {len(files)} section files; fill them in, then run: "
              f"{project.command} check {args.customer}")
    schemas = missing_schemas(project)
    if schemas:
        # The new files' first line points the editor there; `csplan schema` rewrites them after an upgrade.
        print(f"wrote {len(schemas)} schema{'s' * (len(schemas) != 1)} to {project.rel(schemas[0].parent)}/ "
              f"for editors (yaml-language-server); refresh them with: {project.command} schema")
    return EXIT_OK


def cmd_schema(args, project) -> int:
    """Run ``csplan schema``: write the content files' JSON Schemas (and the content reference)."""
    from pathlib import Path

    from pipeline.schema import SCHEMA_DIR, reference_markdown, validate_files, write_schemas

    if args.validate:
        from pipeline.problems import format_text

        problems = validate_files(project, [Path(f) for f in args.validate])
        if problems:
            print(format_text(problems))
        return EXIT_PROBLEMS if any(p.is_error for p in problems) else EXIT_OK
    dest = Path(args.dir) if args.dir else project.root / SCHEMA_DIR
    written = write_schemas(dest)
    print(f"wrote {len(written)} schemas to {project.rel(dest)}/")
    if args.reference:
        path = Path(args.reference)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(reference_markdown(), encoding="utf-8")
        print(f"wrote {project.rel(path)}")
    return EXIT_OK


def cmd_dump(args, project) -> int:
    """Run ``csplan dump``: print the readable text of a document."""
    from pipeline.dump import DumpError, dump

    try:
        text = dump(args.file)
    except DumpError as exc:
        print(f"csplan dump: {exc}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return EXIT_OK


def cmd_build(args, project) -> int:
    """Run ``csplan build``: check, then write the artifact in each locale."""
    from pipeline.build import build
    from pipeline.project import PARTNER_DIR, UsageError
    from pipeline.registry import Target, get

    for name in args.artifact or ():
        get(name)  # an unknown name is a usage error listing the artifacts
    if args.all:
        if args.customer:
            raise UsageError("--all builds every customer; drop the customer name or --all")
        if args.period:
            raise UsageError("--all builds every review; --period goes with one customer's qbr or ebr")
        if args.lint:
            raise UsageError("--lint goes with one build; after --all, run: csplan lint build/*/*.pptx")
        return cmd_build_all(args, project)
    artifact = get(args.artifact[0] if args.artifact else "cs-plan")
    if args.lint and artifact.format != "pptx":
        raise UsageError(f"--lint checks decks; {artifact.name} is a .{artifact.format}")
    if artifact.scope == "partner":
        if args.customer not in (None, PARTNER_DIR):
            raise UsageError(f"{artifact.name} is built for the partner ({project.rel(project.partner)}/), not for "
                             f"a customer; run: csplan build --artifact {artifact.name}")
    elif not args.customer:
        raise UsageError("name a customer (csplan build acme) or build everything with --all")
    if args.jobs or args.force or args.shard:
        raise UsageError("-j, --force and --shard go with --all")
    if len(args.artifact or ()) > 1:
        raise UsageError("build one artifact at a time, or every artifact with --all")
    if args.period and artifact.scope != "review":
        raise UsageError(f"--period picks a review; use it with --artifact qbr or ebr, not {artifact.name}")
    if args.audience not in artifact.audiences:
        raise UsageError(f"{artifact.name} has no {args.audience} variant; it is built for: "
                         f"{', '.join(artifact.audiences)}")
    if artifact.scope == "partner":
        target = Target(PARTNER_DIR, artifact.name, args.lang, audience=args.audience)
    else:
        project.customer_dir(args.customer)
        target = Target(args.customer, artifact.name, args.lang, args.period, args.audience)
    result = build(project, target)
    code = _report_build(result, target.customer, project)
    if args.lint and code == EXIT_OK:
        return _lint_report(project, [(path, project.rel(path)) for path in result.written], None, "text")
    return code


def _report_build(result, label: str, project) -> int:
    """Print a build's problems and written files; return the exit code."""
    from pipeline.problems import format_text

    if result.problems:
        color = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
        print(format_text(list(result.problems), color=color), file=sys.stderr)
    if not result.ok:
        n = len(result.problems.errors)
        for path in result.written:  # files written before one that could not be (io.write)
            print(f"wrote {project.rel(path)}")
        print(f"csplan build: {label}: {n} error{'s' * (n != 1)}; nothing {'else ' * bool(result.written)}was "
              f"written (earlier files are untouched)", file=sys.stderr)
        return EXIT_PROBLEMS
    for path in result.written:
        print(f"wrote {project.rel(path)}")
    return EXIT_OK


def cmd_lint(args, project) -> int:
    """Run ``csplan lint``: report every design problem of the named decks."""
    return _lint_report(project, [(name, name) for name in args.files], args.budget, args.format)


def _lint_report(project, files, budget: int | None, fmt: str) -> int:
    """Lint each (path, shown name) of ``files``, print the problems and a ``NAME: ok`` or count line each."""
    from pipeline.lint import LintError, lint_deck, section_layout
    from pipeline.problems import Problem, format_github, format_json, format_text

    template = project.pptx_template
    layout = section_layout(template)
    found, counts = [], {}
    for path, shown in files:
        try:
            problems = lint_deck(path, display=shown, budget=budget, section_layout=layout,
                                 fonts=template.parent / "fonts")
        except LintError as exc:  # reported with the rest, so one run shows everything
            problems = [Problem(shown, message=str(exc).removeprefix(f"{shown}: "), code="lint.unreadable")]
        found += problems
        counts[shown] = len(problems)
    if fmt == "json":
        print(format_json(found))
    elif fmt == "github":
        if found:
            print(format_github(found))
    else:
        if found:
            print(format_text(found, color=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
            print()
        for shown, n in counts.items():
            print(f"{shown}: {'ok' if not n else f'{n} problem' + 's' * (n != 1)}")
    return EXIT_PROBLEMS if found else EXIT_OK


def cmd_i18n(args, project) -> int:
    """Run ``csplan i18n check``: report every problem of the catalogs, per locale."""
    from pipeline.i18n_check import catalog_locales, check_catalogs
    from pipeline.problems import format_text
    from pipeline.project import UsageError
    from pipeline.registry import SUPPORTED_LOCALES

    if args.i18n_command != "check":
        print("csplan i18n: use 'csplan i18n check [--locale LOCALE]'", file=sys.stderr)
        return EXIT_USAGE
    known = catalog_locales(project.locales, SUPPORTED_LOCALES)
    locales = args.locale or known
    for locale in locales:
        if locale not in known:
            raise UsageError(f"no catalog for locale {locale!r}; catalogs: {', '.join(known)}")
    results = check_catalogs(project.locales, project.rel, locales)
    problems = [p for r in results.values() for p in r]
    if problems:
        color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        print(format_text(problems, color=color))
        print()
    for locale, found in results.items():
        n = len(found)
        print(f"{locale or project.rel(project.locales / 'csplan.pot')}: "
              f"{'ok' if not n else f'{n} problem' + 's' * (n != 1)}")
    if problems:
        print(f"csplan i18n check: {len(problems)} problem{'s' * (len(problems) != 1)}; see TRANSLATING.md",
              file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


def _progress(tty: bool, done: int, total: int, label: str, line: str) -> None:
    """Show progress on stderr: a bar redrawn in place on a terminal, else ``line``, one a finished item."""
    if tty:
        width = 30
        bar = "#" * (width * done // max(total, 1))
        print(f"\r[{bar:<{width}}] {done}/{total} {label[:40]:<40}", end="", file=sys.stderr, flush=True)
    else:
        print(line, file=sys.stderr, flush=True)


def cmd_build_all(args, project) -> int:
    """Run ``csplan build --all``: every target, in parallel, with a summary at the end."""
    from pipeline.artifacts import require_locale
    from pipeline.batch import build_all, format_summary, parse_shard

    if args.lang:
        require_locale(args.lang)
    if args.jobs is not None and args.jobs < 1:
        from pipeline.project import UsageError

        raise UsageError("-j takes a number of workers, 1 or more")
    shard = parse_shard(args.shard) if args.shard else None
    if not project.customers():
        from pipeline.project import UsageError

        raise UsageError(f"no customers in {project.rel(project.content)}/; create one with: "
                         f"{project.command} new NAME")
    tty = sys.stderr.isatty()

    def progress(done: int, total: int, o) -> None:
        _progress(tty, done, total, o.target.key, f"{o.status:10} {o.target.key} ({o.seconds:.1f} s)")

    report = build_all(project, artifacts=args.artifact, lang=args.lang, audience=args.audience, jobs=args.jobs,
                       force=args.force, shard=shard, progress=progress)
    if tty and report.outcomes:
        print(file=sys.stderr)
    print(format_summary(report, color=sys.stdout.isatty() and not os.environ.get("NO_COLOR")))
    return EXIT_PROBLEMS if report.failed else EXIT_OK


def cmd_template(args, project) -> int:
    """Run ``csplan template check`` (lint a deck template and its mapping, or a Word template's tags) or ``init``."""
    from pipeline.problems import format_text

    color = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if args.template_command == "init":
        from pipeline.template_init import init_mapping

        written, found = init_mapping(args.file, force=args.force)
        if found:
            print(format_text(found, color=color), file=sys.stderr)
        if written is None:
            return EXIT_PROBLEMS
        print(f"wrote {written}; check each guess, then run: csplan template check {args.file}")
        return EXIT_OK
    if args.template_command != "check":
        print("csplan template: use 'csplan template check FILE' or 'csplan template init FILE'", file=sys.stderr)
        return EXIT_USAGE
    if args.file.lower().endswith(".docx"):
        from pipeline.template_docx import check_docx_template

        artifact = _docx_artifact(args.file, args.artifact)
        problems = check_docx_template(args.file, artifact.name, *artifact.tags())
    else:
        from pipeline.template import check_template

        found = check_template(args.file)
        if found:
            print(format_text(found, color=color))
        if any(p.is_error for p in found):
            return EXIT_PROBLEMS
        print(f"{args.file}: ok")
        return EXIT_OK
    for message in problems:
        print(message)
    if any(": warning:" not in message for message in problems):
        return EXIT_PROBLEMS
    print(f"{args.file}: ok")
    return EXIT_OK


def _docx_artifact(path: str, name: str | None):
    """Return the Word artifact whose template ``path`` is.

    ``name`` (--artifact) decides; else the artifact named like the file
    (reference.docx); else the one whose view provides most of the tags the
    template uses.
    """
    from pathlib import Path

    from pipeline.registry import artifacts, get

    if name:
        return get(name)
    words = [a for a in artifacts().values() if a.format == "docx"]
    by_name = {a.name: a for a in words}
    if Path(path).stem in by_name:
        return by_name[Path(path).stem]
    from pipeline.template_docx import tag_names

    try:
        used = tag_names(Path(path).read_bytes())
    except OSError:
        used = set()  # check_docx_template reports the file it cannot read
    return max(words, key=lambda a: len(used & set(a.tags()[0])))  # the first registered on a tie


def cmd_publish(args, project) -> int:
    """Run ``csplan publish``: copy the built artifacts to dist/ with PDFs, thumbnails and an index page."""
    from pipeline.problems import format_text
    from pipeline.publish import publish

    tty = sys.stderr.isatty()

    def progress(done: int, total: int, shown: str, seconds: float) -> None:
        _progress(tty, done, total, shown, f"published  {shown} ({seconds:.1f} s)")

    result = publish(project, args.dist, args.jobs, args.sources, args.internal, args.no_stale, progress=progress)
    if tty and (result.items or result.problems):
        print(file=sys.stderr)
    where = project.rel(result.dist)
    if not result.ok:
        color = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
        print(format_text(list(result.problems), color=color), file=sys.stderr)
        n = len(result.problems.errors)
        print(f"csplan publish: {n} problem{'s' * (n != 1)}; nothing was published ({where}/ is untouched)",
              file=sys.stderr)
        return EXIT_PROBLEMS
    n = len(result.items)
    print(f"published {n} artifact{'s' * (n != 1)} to {where}/ (with PDFs, thumbnails and manifest.json); "
          f"open {where}/index.html")
    for item in result.items:
        if item.entry.stale:
            print(f"csplan publish: {item.entry.path} is stale (published marked stale): {item.entry.stale}",
                  file=sys.stderr)
    return EXIT_OK


def cmd_preview(args, project) -> int:
    """Run ``csplan preview``: a contact sheet of each deck already built for a customer."""
    from pipeline.preview import preview
    from pipeline.problems import format_text

    result = preview(project, args.customer, args.lang, args.artifact)
    for path in result.written:
        print(f"wrote {project.rel(path)}")
    if result.problems:
        color = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
        print(format_text(list(result.problems), color=color), file=sys.stderr)
        n = len(result.problems)
        print(f"csplan preview: {n} deck{'s' * (n != 1)} not drawn", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK


COMMANDS = {"check": cmd_check, "new": cmd_new, "build": cmd_build, "template": cmd_template, "dump": cmd_dump,
            "i18n": cmd_i18n, "publish": cmd_publish, "preview": cmd_preview, "lint": cmd_lint, "schema": cmd_schema}


def with_template(project, given: str):
    """Return ``project`` building into the deck template at ``given`` (a .pptx; relative to the current folder)."""
    from dataclasses import replace
    from pathlib import Path

    from pipeline.project import UsageError

    path = Path(given).expanduser().resolve()
    if path.suffix.lower() != ".pptx":
        raise UsageError(f"--template {given}: a deck template is a .pptx file")
    if not path.is_file():
        raise UsageError(f"--template {given}: no such file")
    return replace(project, deck_template=path)


def project_rel(path) -> str:
    """Return ``path`` relative to the working directory when inside it (for one-line I/O messages)."""
    from pipeline.project import relative

    return relative(os.fsdecode(path), Path.cwd()) if isinstance(path, (str, bytes, os.PathLike)) else str(path)


def main(argv: list[str] | None = None) -> int:
    """Run the csplan command line and return its exit code."""
    args = _parser().parse_args(argv)
    if not args.command:
        _parser().print_help()
        return EXIT_USAGE
    from pipeline.project import UsageError, find_project

    from pipeline.clock import ClockError, source_date_epoch

    try:
        source_date_epoch()  # validated once, before anything reads the date
        project = find_project(args.root)
        if getattr(args, "template", None):
            project = with_template(project, args.template)
        return COMMANDS[args.command](args, project)
    except (UsageError, ClockError) as exc:
        print(f"csplan {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("csplan: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (csplan check | head): not an error of csplan's; silence the flush at exit.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until the interpreter exits
        return EXIT_OK
    except OSError as exc:
        # The machine, not csplan: a full disk, a read-only folder, a file size limit. One line, exit 1.
        where = f"{project_rel(exc.filename)}: " if exc.filename else ""
        print(f"csplan {args.command}: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as exc:  # noqa: BLE001 - the one place internal bugs are caught
        if args.debug:
            raise
        print(f"csplan: internal error ({type(exc).__name__}: {exc}); this is a bug in csplan, please "
              f"report it with the output of the same command run with --debug", file=sys.stderr)
        return EXIT_BUG


def run() -> None:
    """Run the command line as a process (``csplan``, ``python -m pipeline``) and exit with its code."""
    import gc

    # A command is short-lived. The cyclic collector would rescan every
    # imported object (pydantic schemas, python-pptx's element classes) again
    # and again while a deck is built, and tearing the interpreter down frees
    # all of it one object at a time: together a sixth of building one deck,
    # for no memory a command needs back (RSS grows by ~2 %). Long runs
    # (build --all, publish) switch the collector back on.
    gc.disable()
    import signal

    # Over a file size limit (ulimit -f) a write then fails with EFBIG, reported
    # like a full disk, instead of the signal killing the process silently.
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    from pipeline import overlap

    overlap.enable()  # a one-shot build may check the content in a child while this process warms the renderer
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a reader that went away, or a closed stream
            pass
    # Every file is written, renamed and closed by now; only memory is left.
    os._exit(code)
