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
    # customer: one per customer and locale; review: one per review file and
    # locale; partner: one per locale for the whole partner (the questionnaire).
    scope: str = "customer"
    shared: tuple[str, ...] = ()  # files or folders under content/ it also reads
    only_with: str = ""  # a customer file it is built from: customers without it have no such artifact


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


register(Artifact(
    name="reference",
    format="docx",
    output="{customer}/{customer}-reference-{locale}.docx",
    requires=PLAN_SECTIONS,  # and reference.yaml, which the builder asks for: not every customer has one
    builder="pipeline.build:build_reference",
    description="Customer reference (case study)",
    only_with="reference.yaml",
))

register(Artifact(
    name="questionnaire",
    format="docx",
    output="_partner/cx-questionnaire-{locale}.docx",
    requires=(),
    builder="pipeline.build:build_questionnaire",
    description="CX Specialization questionnaire with two customer references",
    scope="partner",
))


# Review decks: one per file of content/<customer>/reviews/ (its period) and locale; they read the
# shared health model. --artifact qbr builds a review as its file's kind says, ebr its executive cut.
register(Artifact(
    name="qbr",
    format="pptx",
    output="{customer}/{customer}-qbr-{period}-{locale}.pptx",
    requires=PLAN_SECTIONS,
    builder="pipeline.build:build_qbr",
    description="Quarterly business review deck",
    scope="review",
    shared=("_partner",),
))

register(Artifact(
    name="ebr",
    format="pptx",
    output="{customer}/{customer}-ebr-{period}-{locale}.pptx",
    requires=PLAN_SECTIONS,
    builder="pipeline.build:build_ebr",
    description="Executive business review deck",
    scope="review",
    shared=("_partner",),
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
