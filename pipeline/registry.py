"""What csplan can build: artifacts registered by name, and the locales it speaks.

The CLI lists and dispatches artifacts from here and the validator reads the
sections each one requires, so adding an artifact is one entry in this file.
This module imports nothing from the pipeline: every stage may read it.
"""

from __future__ import annotations

from dataclasses import dataclass

SUPPORTED_LOCALES = ("en", "ru", "pl", "sv")

# The section files of a CS plan, in the order of the plan (domain.md §3).
PLAN_SECTIONS = (
    "customer",
    "solution",
    "outcomes",
    "stakeholders",
    "use-cases",
    "barriers",
    "adoption-plan",
    "process-change",
    "communication",
    "measurements",
)


@dataclass(frozen=True)
class Artifact:
    """One kind of output: how it is named, what it needs, which builder makes it."""

    name: str
    format: str
    output: str  # relative to build/, with {customer} and {locale}
    requires: tuple[str, ...]
    builder: str  # "module:function", imported only when this artifact is built
    description: str = ""


ARTIFACTS: dict[str, Artifact] = {}


def register(artifact: Artifact) -> Artifact:
    """Add an artifact to the registry and return it."""
    ARTIFACTS[artifact.name] = artifact
    return artifact


register(Artifact(
    name="cs-plan",
    format="pptx",
    output="{customer}/{customer}-cs-plan-{locale}.pptx",
    requires=PLAN_SECTIONS,
    builder="pipeline.build:build_cs_plan",
    description="Customer Success Plan deck",
))


def required_sections(artifacts=None) -> tuple[str, ...]:
    """Return the sections required by ``artifacts`` (default: all), in plan order."""
    names = artifacts or list(ARTIFACTS)
    needed: list[str] = []
    for name in names:
        for section in ARTIFACTS[name].requires:
            if section not in needed:
                needed.append(section)
    return tuple(needed)
