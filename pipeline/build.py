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


@dataclass
class Built:
    """The outcome of building one artifact for one customer."""

    name: str
    written: list = field(default_factory=list)
    problems: Problems = field(default_factory=Problems)

    @property
    def ok(self) -> bool:
        """Return True when the build wrote its files."""
        return not self.problems.errors


def _stamp(plan) -> str:
    """Return the ISO timestamp stored in documents: SOURCE_DATE_EPOCH, else the plan date."""
    import os
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{plan.customer.plan.date.isoformat()}T00:00:00Z"


def output_locales(plan, lang: str | None) -> list[str]:
    """Return the locales to build: ``lang`` when given, else the customer's output locales."""
    from pipeline.project import UsageError
    from pipeline.registry import SUPPORTED_LOCALES

    if lang:
        if lang not in SUPPORTED_LOCALES:
            raise UsageError(f"unsupported locale {lang!r}; supported: {', '.join(SUPPORTED_LOCALES)}")
        return [lang]
    return list(plan.customer.output_locales)


def deck_template(project: Project):
    """Return the deck template of the project and its bytes, or raise TemplateError."""
    from pipeline.template import load_template

    path = project.templates / "pptx" / "default.pptx"
    template = load_template(path)
    return template, path.read_bytes()


def build_cs_plan(project: Project, name: str, lang: str | None = None) -> Built:
    """Check customer ``name`` and, when clean, write its CS plan deck in each locale."""
    from pipeline.problems import Problem

    result = Built(name)
    checked = check_customer(project, name, ["cs-plan"])
    result.problems.extend(checked.problems)
    if not checked.ok:
        return result
    plan = checked.plan
    locales = output_locales(plan, lang)
    from pipeline.template import TemplateError

    try:
        template, template_bytes = deck_template(project)
    except TemplateError as exc:
        for message in exc.problems:
            result.problems.add(Problem(project.rel(project.templates / "pptx" / "default.pptx"), message=message,
                                        code="template.invalid"))
        return result
    from pipeline.i18n import translator
    from pipeline.registry import ARTIFACTS
    from pipeline.render.pptx import render_deck
    from pipeline.view.cs_plan import cs_plan_view
    from pipeline.write import atomic_write, clean_stale, normalize_zip

    logo = None
    if plan.customer.logo:
        logo = plan.assets[plan.customer.logo].read_bytes()
    content_rel = project.rel(project.content / name)
    stamp = _stamp(plan)
    for locale in locales:
        deck = cs_plan_view(plan, locale, translator(locale, project.locales), content_rel, logo)
        data = normalize_zip(render_deck(deck, template, template_bytes), stamp)
        out = project.build_dir / ARTIFACTS["cs-plan"].output.format(customer=name, locale=locale)
        clean_stale(out.parent)
        atomic_write(out, data)
        result.written.append(out)
    return result
