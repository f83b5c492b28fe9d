"""What csplan can build: artifacts registered by name, and the locales it speaks.

An artifact is one object with the same small set of methods (see
:class:`Artifact`); each lives in a module of ``pipeline/artifacts/`` and is
registered there. The CLI, ``build --all`` and the validator read this
registry; nothing here imports a stage, so every stage may read it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from pipeline.project import PARTNER_DIR, UsageError

if TYPE_CHECKING:  # pragma: no cover - names for annotations only
    from pipeline.problems import Problems
    from pipeline.project import Project

SUPPORTED_LOCALES = ("en", "ru", "pl", "sv")

# The section files of a CS plan, in the order of the plan (docs/domain.md §3).
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

# Customer files and folders that only some artifacts are made from (the plan sections are always read).
REVIEW_FILES = ("reviews/", "health.yaml")
REFERENCE_FILE = "reference.yaml"
OPTIONAL_FILES = (*REVIEW_FILES, REFERENCE_FILE)

# Built-in artifacts: each module registers its artifacts when imported.
BUILTIN_MODULES = (
    "pipeline.artifacts.cs_plan",
    "pipeline.artifacts.review",
    "pipeline.artifacts.reference",
    "pipeline.artifacts.questionnaire",
)


AUDIENCES = ("customer", "internal")


@dataclass(frozen=True)
class Storyline:
    """The parts of a deck by name: the main flow, the appendix, and those shown only to the internal audience."""

    main: tuple[str, ...]
    appendix: tuple[str, ...] = ()
    internal: tuple[str, ...] = ()  # wherever they sit, these parts are left out of the customer's variant

    @property
    def parts(self) -> tuple[str, ...]:
        """Return every part the storyline shows, in order."""
        return self.main + self.appendix

    def shown(self, names: tuple[str, ...], audience: str) -> list[str]:
        """Return the parts of ``names`` that ``audience`` sees."""
        return [n for n in names if audience == "internal" or n not in self.internal]


@dataclass(frozen=True, order=True)
class Target:
    """One build request: an artifact of a customer (or of the partner) in a locale, for a review period.

    ``locale`` None means every locale the content declares; ``period`` None,
    for a review artifact, the latest review. ``audience`` is "customer" (the
    default) or "internal", the variant with the internal parts.
    """

    customer: str
    artifact: str
    locale: str | None = None
    period: str | None = None
    audience: str = "customer"

    @property
    def key(self) -> str:
        """Return the stable name of the target, e.g. ``acme/qbr@2026-Q3/pl`` (``…/pl/internal`` for that variant)."""
        period = f"@{self.period}" if self.period else ""
        variant = "/internal" if self.audience == "internal" else ""
        return f"{self.customer}/{self.artifact}{period}/{self.locale or '*'}{variant}"

    @property
    def variant(self) -> str:
        """Return what the file name adds for the audience: "" for the customer, "-internal" otherwise."""
        return "" if self.audience == "customer" else f"-{self.audience}"


@dataclass
class Job:
    """What the render half needs, made by the content half: one (output under build/, view) per file.

    ``stamp`` is the ISO time stored in the files' metadata.
    """

    files: list
    stamp: str


class Artifact:
    """One kind of output. Subclasses set the class attributes and implement the methods.

    The build calls, in order: :meth:`views` (the content half: check the
    content, make plain-data views; may run in a forked child), :meth:`template`
    (load and lint the template), then :meth:`render` once per file.
    """

    name: ClassVar[str]
    format: ClassVar[str]  # the file extension: "pptx" or "docx"
    # under build/, with {customer}, {locale}, {variant} ("" or "-internal") and, for reviews, {period}
    output: ClassVar[str]
    description: ClassVar[str] = ""
    # customer: one per customer and locale; review: one per review file and locale;
    # partner: one per locale for the whole partner (the questionnaire).
    scope: ClassVar[str] = "customer"
    requires: ClassVar[tuple[str, ...]] = PLAN_SECTIONS  # section files that must exist
    reads: ClassVar[tuple[str, ...]] = ()  # optional customer files it is made from (OPTIONAL_FILES)
    partner: ClassVar[bool] = False  # whether it reads content/_partner/ (the health model, the answers)
    only_with: ClassVar[str] = ""  # a customer file without which a customer has no such artifact
    audiences: ClassVar[tuple[str, ...]] = ("customer",)  # the variants it has (decks: customer and internal)

    def targets(self, project: Project, facts, lang: str | None, audience: str = "customer") -> list[Target]:
        """Return every target of the project for ``audience``; ``facts(customer)`` decides them (``batch.customer_facts``)."""
        out = []
        if audience not in self.audiences:
            return out
        for customer in project.customers():
            f = facts(customer)
            if self.only_with and self.only_with not in f["files"]:
                continue  # e.g. no reference.yaml: the customer has no reference to build
            out += [Target(customer, self.name, loc, audience=audience) for loc in locales_of(f["locales"], lang)]
        return out

    def inputs(self, project: Project, target: Target) -> list[Path]:
        """Return the files and folders ``target`` is made from (for the batch's inputs hash)."""
        paths = [project.content / target.customer]
        if self.partner:
            paths.append(project.partner)
        paths.append(project.templates / self.format)
        return paths

    def views(self, project: Project, target: Target) -> tuple[Problems, Job | None]:
        """Return the problems of the content and, when there are no errors, the job to render."""
        raise NotImplementedError

    def template_path(self, project: Project) -> Path:
        """Return the template file this artifact is rendered into."""
        raise NotImplementedError

    def warm(self, project: Project) -> None:
        """Import and prepare what :meth:`render` needs (while the content half runs elsewhere)."""

    def template(self, project: Project, problems: Problems):
        """Return the loaded template, or None after adding its problems to ``problems``."""
        raise NotImplementedError

    def render(self, view, template) -> list[tuple[str, bytes]]:
        """Return the package entries (name, bytes) of one file; raise TemplateProblems when the template fails."""
        raise NotImplementedError


class TemplateProblems(Exception):
    """Rendering found the template unusable: (message, code) per problem, reported at the template's path."""

    def __init__(self, findings: list[tuple[str, str]]):
        super().__init__(f"{len(findings)} template problem(s)")
        self.findings = findings


def locales_of(declared: list[str], lang: str | None) -> list[str | None]:
    """Return the locales to build from those ``declared``, narrowed to ``lang`` ([None] when none are known)."""
    if lang:
        return [lang] if not declared or lang in declared else []
    return list(declared) or [None]


ARTIFACTS: dict[str, Artifact] = {}
_loaded = False


def register(artifact: Artifact) -> Artifact:
    """Add ``artifact`` to the registry and return it; a name already registered is refused."""
    if artifact.name in ARTIFACTS:
        raise ValueError(f"an artifact named {artifact.name!r} is already registered "
                         f"({type(ARTIFACTS[artifact.name]).__module__}); choose another name")
    ARTIFACTS[artifact.name] = artifact
    return artifact


def unregister(name: str) -> None:
    """Remove artifact ``name`` from the registry (tests register toy artifacts)."""
    ARTIFACTS.pop(name, None)


def artifacts() -> dict[str, Artifact]:
    """Return every registered artifact by name, the built-in ones first."""
    global _loaded
    if not _loaded:
        from importlib import import_module

        _loaded = True
        for module in BUILTIN_MODULES:
            import_module(module)
    return ARTIFACTS


def get(name: str) -> Artifact:
    """Return artifact ``name``, or raise UsageError listing the known ones."""
    known = artifacts()
    if name not in known:
        raise UsageError(f"unknown artifact {name!r}; artifacts: {', '.join(known)}")
    return known[name]


def required_sections(names=None) -> tuple[str, ...]:
    """Return the sections required by artifacts ``names`` (default: all), in plan order."""
    known = artifacts()
    needed: list[str] = []
    for name in names or list(known):
        for section in known[name].requires:
            if section not in needed:
                needed.append(section)
    return tuple(needed)


def partner_target(name: str, locale: str | None = None) -> Target:
    """Return the target of partner-wide artifact ``name``."""
    return Target(PARTNER_DIR, name, locale)
