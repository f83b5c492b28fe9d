"""The ``csplan`` command line: thin commands over the orchestrator in ``build``.

Expected failures end in one line and a non-zero exit; a traceback appears
only for internal bugs and only with ``--debug``.
"""

from __future__ import annotations

import argparse
import os
import sys

from pipeline import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 70


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="csplan", description="Customer Success plans as code.")
    p.add_argument("--root", metavar="DIR", help="project folder with content/, templates/, locales/ "
                   "(default: the current directory)")
    p.add_argument("--debug", action="store_true", help="show a traceback on internal errors")
    p.add_argument("--version", action="version", version=f"csplan {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("check", help="validate customers' content (all when none is named)")
    c.add_argument("customers", nargs="*", metavar="CUSTOMER")
    c.add_argument("--format", choices=("text", "json", "github"), default="text")
    c.add_argument("--strict", action="store_true", help="fail on warnings too")

    n = sub.add_parser("new", help="create a customer folder with every section file, commented")
    n.add_argument("customer", metavar="CUSTOMER")

    b = sub.add_parser("build", help="check a customer and build an artifact")
    b.add_argument("customer", metavar="CUSTOMER")
    b.add_argument("--artifact", default="cs-plan", help="what to build (default: cs-plan)")
    b.add_argument("--lang", metavar="LOCALE", help="build one locale (default: the customer's output_locales)")

    t = sub.add_parser("template", help="deck template tools")
    tsub = t.add_subparsers(dest="template_command", metavar="SUBCOMMAND")
    tc = tsub.add_parser("check", help="lint a .pptx template and its role mapping")
    tc.add_argument("file", metavar="FILE")

    d = sub.add_parser("dump", help="print a readable text of a .pptx or .docx (for diffs and snapshots)")
    d.add_argument("file", metavar="FILE")
    return p


def cmd_check(args, project) -> int:
    """Run ``csplan check``: report every problem of the named (or all) customers."""
    from pipeline.build import check_customer
    from pipeline.problems import format_github, format_json, format_text

    names = args.customers or project.customers()
    if not names:
        print(f"csplan check: no customers in {project.rel(project.content)}/; create one with: csplan new NAME",
              file=sys.stderr)
        return EXIT_USAGE
    for name in names:
        project.customer_dir(name)  # refuse bad names before doing any work
    results = [check_customer(project, name) for name in names]
    problems = [p for r in results for p in r.problems]
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
    from pipeline.scaffold import scaffold

    files = scaffold(project, args.customer)
    folder = project.rel(files[0].parent)
    print(f"created {folder}/ with {len(files)} section files; fill them in, then run: "
          f"csplan check {args.customer}")
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
    from pipeline.problems import format_text
    from pipeline.project import UsageError
    from pipeline.registry import ARTIFACTS

    artifact = ARTIFACTS.get(args.artifact)
    if artifact is None:
        raise UsageError(f"unknown artifact {args.artifact!r}; artifacts: {', '.join(ARTIFACTS)}")
    project.customer_dir(args.customer)
    from importlib import import_module

    module, func = artifact.builder.split(":")
    result = getattr(import_module(module), func)(project, args.customer, args.lang)
    if result.problems:
        color = sys.stderr.isatty() and not os.environ.get("NO_COLOR")
        print(format_text(list(result.problems), color=color), file=sys.stderr)
    if not result.ok:
        n = len(result.problems.errors)
        print(f"csplan build: {args.customer}: {n} error{'s' * (n != 1)}; nothing was written "
              f"(earlier files are untouched)", file=sys.stderr)
        return EXIT_PROBLEMS
    for path in result.written:
        print(f"wrote {project.rel(path)}")
    return EXIT_OK


def cmd_template(args, project) -> int:
    """Run ``csplan template check``: lint a deck template and its mapping."""
    from pipeline.template import check_template

    if args.template_command != "check":
        print("csplan template: use 'csplan template check FILE'", file=sys.stderr)
        return EXIT_USAGE
    problems = check_template(args.file)
    for message in problems:
        print(message)
    if problems:
        return EXIT_PROBLEMS
    print(f"{args.file}: ok")
    return EXIT_OK


COMMANDS = {"check": cmd_check, "new": cmd_new, "build": cmd_build, "template": cmd_template, "dump": cmd_dump}


def main(argv: list[str] | None = None) -> int:
    """Run the csplan command line and return its exit code."""
    args = _parser().parse_args(argv)
    if not args.command:
        _parser().print_help()
        return EXIT_USAGE
    from pipeline.project import UsageError, find_project

    try:
        project = find_project(args.root)
        return COMMANDS[args.command](args, project)
    except UsageError as exc:
        print(f"csplan {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("csplan: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the one place internal bugs are caught
        if args.debug:
            raise
        print(f"csplan: internal error ({type(exc).__name__}: {exc}); this is a bug in csplan, please "
              f"report it with the output of the same command run with --debug", file=sys.stderr)
        return EXIT_BUG
