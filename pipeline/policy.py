"""Team policy: the severity of each rule, set per repository.

Teams differ on which rules block a first draft (a plan may lack a business
sponsor for a while; a team may want a stale plan to fail CI). The project's
``csplan.toml`` (table ``[severity]``) or, without one, its ``pyproject.toml``
(table ``[tool.csplan.severity]``) maps problem codes to ``error``,
``warning`` or ``off``::

    [severity]
    "plan.no-sponsor" = "warning"   # a first draft may lack one
    "plan.stale" = "error"

A problem whose severity the policy changed says so after its code
(``[plan.no-sponsor; warning in csplan.toml]``), so nobody wonders why a
rule behaves differently here.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pipeline.problems import Problem, Problems, Severity

POLICY_FILE = "csplan.toml"
PYPROJECT = "pyproject.toml"
OFF = "off"
LEVELS = (Severity.ERROR.value, Severity.WARNING.value, OFF)
_CODE = re.compile(r"[a-z0-9_-]+(\.[a-z0-9_-]+)+")


@dataclass(frozen=True)
class Policy:
    """The severities a repository sets, where they come from, and the problems of the policy file itself."""

    severity: dict[str, str] = field(default_factory=dict)
    source: str = ""
    problems: tuple[Problem, ...] = ()

    def apply(self, problems) -> Problems:
        """Return ``problems`` with this policy's severities: changed ones say so, ``off`` ones are dropped."""
        out = Problems()
        out.extend(self.problems)
        for p in problems:
            level = self.severity.get(p.code)
            if level is None or p.code.startswith("policy."):
                out.add(p)
            elif level != OFF:
                out.add(dataclasses.replace(p, severity=Severity(level), policy=f"{level} in {self.source}"))
        return out


# Quoted words shaped like a code that are file names or modules, not codes ("customer.yaml", "pipeline.check").
_NOT_CODES = re.compile(r"^(pipeline|pptx|tool)\.|\.(yaml|yml|toml|json|pptx|docx|html|dtd|png|md|po|pot|py|txt)$")
# Families whose codes are made at run time ("model." + the value's error type, "schema." + the JSON Schema
# keyword, "template." + the failure): any code in them is known.
_OPEN_FAMILIES = ("model.", "schema.", "template.")


@lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Return the problem codes csplan reports: the quoted code-shaped strings of its own sources.

    Codes are written where each rule reports (``"plan.no-sponsor"``), so reading them from the sources keeps
    this list complete without a second copy to maintain.
    """
    found = set()
    for path in Path(__file__).resolve().parent.rglob("*.py"):
        for code in re.findall(r"""["']([a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+)["']""", path.read_text("utf-8")):
            if _CODE.fullmatch(code) and not _NOT_CODES.search(code):
                found.add(code)
    return frozenset(found)


def _unknown_code(rel: str, line: int, table_name: str, code: str) -> Problem | None:
    """Return a warning when ``code`` is no code csplan reports (a typo would silently change nothing)."""
    if code in known_codes() or code.startswith(_OPEN_FAMILIES):
        return None
    close = difflib.get_close_matches(code, sorted(known_codes()), n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]!r}?" if close else "; codes are the words in [brackets] at the end of a problem"
    return Problem(rel, line, 0, f"{table_name}.{code}", f"{code!r} is not a code csplan reports, so this line "
                   f"changes nothing{hint}", "policy.unknown-code", Severity.WARNING)


def _line_of(text: str, key: str) -> int:
    """Return the line where ``key`` is written in a TOML text (0 when it cannot be found)."""
    written = re.compile(rf"""\s*["']?{re.escape(key)}["']?\s*=""")
    for n, line in enumerate(text.splitlines(), 1):
        if written.match(line):
            return n
    return 0


def load_policy(root: Path) -> Policy:
    """Return the policy of the project at ``root`` (empty when it sets none)."""
    path = root / POLICY_FILE
    table_name = "severity"
    if not path.is_file():
        path = root / PYPROJECT
        table_name = "tool.csplan.severity"
        if not path.is_file():
            return Policy()
    rel = path.name
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Policy(source=rel, problems=(Problem(rel, message=f"not valid TOML: {exc}", code="policy.syntax"),))
    table = data
    for part in table_name.split("."):
        table = table.get(part, {}) if isinstance(table, dict) else {}
    if not isinstance(table, dict):
        return Policy(source=rel, problems=(Problem(rel, message=f"[{table_name}] must be a table of "
                                                    f"\"code\" = \"error|warning|off\"", code="policy.value"),))
    severity, problems = {}, []
    for code, level in table.items():
        line = _line_of(text, code)
        if not _CODE.fullmatch(code):
            problems.append(Problem(rel, line, 0, f"{table_name}.{code}", f"{code!r} is not a problem code; codes "
                                    f"are the words in [brackets] at the end of a problem, e.g. plan.no-sponsor",
                                    "policy.code"))
        elif level not in LEVELS:
            problems.append(Problem(rel, line, 0, f"{table_name}.{code}", f"{level!r} is not a severity; write "
                                    f"{', '.join(LEVELS)}", "policy.value"))
        else:
            severity[code] = level
            unknown = _unknown_code(rel, line, table_name, code)
            if unknown:
                problems.append(unknown)
    return Policy(severity, rel, tuple(problems))
