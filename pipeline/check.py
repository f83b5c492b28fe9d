"""The content half's orchestrator: content folder → load → model → validate.

``csplan check`` and every artifact's :meth:`~pipeline.registry.Artifact.views`
start here. An artifact reads only the files it is made from, so a half-written
review does not hold up the plan deck.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.policy import load_policy
from pipeline.problems import Problem, Problems
from pipeline.project import PARTNER_DIR, Project
from pipeline.registry import OPTIONAL_FILES, get


@dataclass
class Checked:
    """The outcome of checking one customer (or the partner): what was modelled, and every problem."""

    name: str
    plan: object = None  # a Plan; None when nothing could be modelled
    problems: Problems = field(default_factory=Problems)
    health_model: object = None  # the partner's health model (check_partner only)

    @property
    def ok(self) -> bool:
        """Return True when there are no errors."""
        return not self.problems.errors


def _reads(artifacts) -> tuple[tuple[str, ...], bool]:
    """Return the optional customer files ``artifacts`` are not made from, and whether they read _partner/.

    ``csplan check`` (no artifacts) reads everything.
    """
    if not artifacts:
        return (), True
    arts = [get(a) for a in artifacts]
    needed = {f for a in arts for f in a.reads}
    return tuple(sorted(set(OPTIONAL_FILES) - needed)), any(a.partner for a in arts)


def check_customer(project: Project, name: str, artifacts=None, purpose: str | None = None) -> Checked:
    """Return the plan and every problem of customer ``name``, with the rules of building ``artifacts``.

    ``purpose`` ("reference" or "questionnaire") says what the customer's reference is used for.
    """
    from pipeline.load import load_customer
    from pipeline.model import build_plan
    from pipeline.validate import validate
    from pipeline.validate.artifact import artifact_problems

    folder = project.customer_dir(name)
    source = load_customer(folder, name, project.root, *_reads(artifacts))
    plan, problems = build_plan(source)
    result = Checked(name, plan)
    result.problems.extend(source.problems)
    result.problems.extend(problems)
    content_rel = project.rel(folder)
    result.problems.extend(validate(plan, content_rel, artifacts))
    for artifact in artifacts or ():
        result.problems = artifact_problems(plan, content_rel, get(artifact), result.problems, purpose)
    if not artifacts:  # csplan check: the team's deck storylines too (a deck build reads them itself)
        from pipeline.artifacts import deck_storylines
        from pipeline.validate.decks import read_storylines

        result.problems.extend(read_storylines(project.partner, project.rel(project.partner), deck_storylines())[1])
    result.problems = load_policy(project.root).apply(result.problems)
    return result


def check_partner(project: Project) -> Checked:
    """Return content/_partner/partner.yaml modelled (with the health model) and every problem of it."""
    from pipeline.load import load_partner
    from pipeline.model import validate_document
    from pipeline.model.health import model_partner
    from pipeline.model.partner import PartnerFile
    from pipeline.validate.partner import validate_partner

    folder = project.partner
    result = Checked(PARTNER_DIR)
    source = load_partner(folder, project.root)
    if source is None or "partner.yaml" not in source.documents:
        result.problems.add(Problem(project.rel(folder / "partner.yaml"), message="missing; write the partner's "
                                    "answers to the questionnaire there (see README)", code="section.missing"))
        return result
    result.problems.extend(source.problems)
    doc = source.documents["partner.yaml"]
    partner = validate_document(PartnerFile, doc, result.problems) if doc.data is not None else None
    shared = model_partner(source, project.rel(folder), result.problems)
    if partner is not None:
        customers = {c: (project.content / c / "reference.yaml").is_file() for c in project.customers()}
        result.problems.extend(validate_partner(partner, doc, customers, shared.health_model is not None,
                                                source.assets))
        from pipeline.model import Plan
        from pipeline.validate.spelling import spelling_problems

        result.problems.extend(spelling_problems(Plan(PARTNER_DIR, documents=source.documents), project.rel(folder),
                                                 partner.source_language == "en"))
        result.plan, result.health_model = partner, shared.health_model
    result.problems = load_policy(project.root).apply(result.problems)
    return result
