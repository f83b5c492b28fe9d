"""The orchestrator: content folder → load → model → validate (→ view → render → write).

Each stage is imported only when a command needs it, so ``csplan check`` never
pays for python-pptx.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.problems import Problems
from pipeline.project import Project


@dataclass
class Checked:
    """The outcome of checking one customer: its plan (when modelled) and problems."""

    name: str
    plan: object = None
    problems: Problems = field(default_factory=Problems)

    @property
    def ok(self) -> bool:
        """Return True when there are no errors."""
        return not self.problems.errors


def check_customer(project: Project, name: str, artifacts=None) -> Checked:
    """Return the plan and every problem of customer ``name``."""
    from pipeline.load import load_customer
    from pipeline.model import build_plan
    from pipeline.validate import validate

    folder = project.customer_dir(name)
    source = load_customer(folder, name, project.root)
    plan, problems = build_plan(source)
    result = Checked(name, plan)
    result.problems.extend(source.problems)
    result.problems.extend(problems)
    result.problems.extend(validate(plan, project.rel(folder), artifacts))
    return result
