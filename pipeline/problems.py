"""Problems found anywhere in the pipeline, and the reports that print them.

Every stage reports user mistakes as :class:`Problem` values instead of
raising, so one run can show all of them at once.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is: errors fail a build, warnings only with --strict."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the user's input, located as precisely as known."""

    path: str
    line: int = 0
    col: int = 0
    field: str = ""
    message: str = ""
    code: str = ""
    severity: Severity = Severity.ERROR
    # Set when the repository's policy changed the rule's severity, e.g. "warning in csplan.toml" (pipeline.policy).
    policy: str = ""

    @property
    def is_error(self) -> bool:
        """Return True when this problem fails the build."""
        return self.severity is Severity.ERROR

    def location(self) -> str:
        """Return ``path:line:col`` (line and column only when known)."""
        loc = self.path
        if self.line:
            loc += f":{self.line}"
            if self.col:
                loc += f":{self.col}"
        return loc

    def format(self) -> str:
        """Return the one-line form ``path:line:col: field: message [code]``."""
        head = self.location()
        if self.severity is Severity.WARNING:
            head += ": warning"
        body = f"{self.field}: {self.message}" if self.field else self.message
        return f"{head}: {body} [{self.tag()}]"

    def tag(self) -> str:
        """Return the problem's code, with the policy that set its severity when one did."""
        return f"{self.code}; {self.policy}" if self.policy else self.code


@dataclass
class Problems:
    """An ordered collection of problems with de-duplication."""

    items: list[Problem] = field(default_factory=list)
    _seen: set = field(default_factory=set, init=False, repr=False)

    def add(self, problem: Problem) -> None:
        """Record one problem (identical repeats are dropped)."""
        if problem not in self._seen:
            self._seen.add(problem)
            self.items.append(problem)

    def extend(self, problems) -> None:
        """Record several problems."""
        for p in problems:
            self.add(p)

    def error(self, path, message, code, *, line=0, col=0, field="") -> None:
        """Record an error."""
        self.add(Problem(str(path), line, col, field, message, code, Severity.ERROR))

    def warning(self, path, message, code, *, line=0, col=0, field="") -> None:
        """Record a warning."""
        self.add(Problem(str(path), line, col, field, message, code, Severity.WARNING))

    @property
    def errors(self) -> list[Problem]:
        """Return the errors only."""
        return [p for p in self.items if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        """Return the warnings only."""
        return [p for p in self.items if not p.is_error]

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def sort_key(p: Problem):
    """Return the order problems are reported in: by file, then position."""
    return (p.path, p.line, p.col, p.field, p.code, p.message)


def format_text(problems: list[Problem], *, color: bool = False) -> str:
    """Return a text report grouped by file, one problem a line."""
    out: list[str] = []
    red, yellow, bold, reset = ("\x1b[31m", "\x1b[33m", "\x1b[1m", "\x1b[0m") if color else ("",) * 4
    current = None
    for p in sorted(problems, key=sort_key):
        if p.path != current:
            if current is not None:
                out.append("")
            out.append(f"{bold}{p.path}{reset}")
            current = p.path
        line = p.format()
        tint = red if p.is_error else yellow
        out.append(f"  {tint}{line}{reset}" if color else f"  {line}")
    return "\n".join(out)


def format_json(problems: list[Problem]) -> str:
    """Return the problems as a JSON array of objects."""
    rows = []
    for p in sorted(problems, key=sort_key):
        row = asdict(p)
        row["severity"] = p.severity.value
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2)


def _gh_escape(text: str, *, prop: bool = False) -> str:
    # GitHub's workflow-command escaping; properties also escape ':' and ','.
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(problems: list[Problem]) -> str:
    """Return one GitHub Actions ``::error``/``::warning`` annotation a problem."""
    out = []
    for p in sorted(problems, key=sort_key):
        kind = "error" if p.is_error else "warning"
        props = [f"file={_gh_escape(p.path, prop=True)}"]
        if p.line:
            props.append(f"line={p.line}")
        if p.col:
            props.append(f"col={p.col}")
        props.append(f"title={_gh_escape(p.code, prop=True)}")
        body = f"{p.field}: {p.message}" if p.field else p.message
        out.append(f"::{kind} {','.join(props)}::{_gh_escape(body)} [{p.tag()}]")
    return "\n".join(out)
