"""Rules of building one artifact: the files it is made from exist, and the reference may be used.

``csplan check`` looks at the plan as it is; a build also needs what its
artifact is made from (a review, a reference the customer agreed to). These
rules run for a build, on top of :func:`pipeline.validate.validate`.
"""

from __future__ import annotations

from pipeline.model import Plan
from pipeline.problems import Problem, Problems
from pipeline.registry import REFERENCE_FILE


def reviews_present(plan: Plan, content_rel: str) -> Problems:
    """Return an error when the customer has no review to build a review deck from."""
    from pipeline.model.review import REVIEWS_DIR

    problems = Problems()
    # A review file that failed to load is reported already; "no reviews" would only add noise.
    if not plan.reviews and not any(b.startswith(f"{REVIEWS_DIR}/") for b in plan.broken):
        problems.error(f"{content_rel}/{REVIEWS_DIR}/", f"{plan.name} has no reviews yet; write one per quarter "
                       f"as {REVIEWS_DIR}/<period>.yaml, e.g. {REVIEWS_DIR}/2026-Q3.yaml (see README, "
                       f"'Quarterly reviews')", "review.none")
    return problems


def reference_usable(plan: Plan, content_rel: str, purpose: str, problems: Problems) -> Problems:
    """Return ``problems`` with the rules of using the customer's reference for ``purpose``.

    ``purpose`` is "reference" (the reference document) or "questionnaire"
    (one of the questionnaire's two references). The reference must exist and
    the customer's consent must allow the use: the consent gate's verdicts,
    warnings in ``csplan check``, become errors here.
    """
    from pipeline.validate.reference import consent_gate

    out = Problems()
    if REFERENCE_FILE not in plan.documents:
        out.add(Problem(f"{content_rel}/{REFERENCE_FILE}", message="missing; write the customer reference (see "
                        "README, 'Customer references and the questionnaire')", code="section.missing"))
    if REFERENCE_FILE not in plan.documents or "reference" not in plan.sections:
        out.extend(problems)  # the reference is missing or broken: nothing to gate
        return out
    gate = consent_gate(plan, content_rel, purpose)
    where = {(p.path, p.line, p.col, p.code) for p in gate}
    out.extend(p for p in problems if p.is_error or (p.path, p.line, p.col, p.code) not in where)
    out.extend(gate)
    return out


def artifact_problems(plan: Plan, content_rel: str, artifact, problems: Problems, purpose: str | None = None) -> Problems:
    """Return ``problems`` with the rules of building ``artifact`` (a registry entry) from ``plan``."""
    if artifact.scope == "review":
        problems.extend(reviews_present(plan, content_rel))
    if purpose is None and artifact.only_with == REFERENCE_FILE:
        purpose = "reference"
    if purpose is not None:
        problems = reference_usable(plan, content_rel, purpose, problems)
    return problems
