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


# Customer files that only some artifacts are made from (the plan sections are always read).
_REVIEW_FILES = ("reviews/", "health.yaml")


def _unneeded(artifacts) -> tuple[tuple[str, ...], bool]:
    """Return the customer files ``artifacts`` are not made from, and whether they read _partner/.

    A plan deck is built from the plan alone: a half-written review or the
    shared health model's warnings must not hold it up or clutter its output.
    ``csplan check`` (no artifacts) reads everything.
    """
    from pipeline.registry import ARTIFACTS

    if not artifacts:
        return (), True
    arts = [ARTIFACTS[a] for a in artifacts]
    needed = {f for a in arts if a.scope == "review" for f in _REVIEW_FILES}
    needed |= {a.only_with for a in arts if a.only_with}
    optional = set(_REVIEW_FILES) | {a.only_with for a in ARTIFACTS.values() if a.only_with}
    partner = any(a.shared or a.scope != "customer" for a in arts)
    return tuple(sorted(optional - needed)), partner


def check_customer(project: Project, name: str, artifacts=None) -> Checked:
    """Return the plan and every problem of customer ``name``."""
    from pipeline.load import load_customer
    from pipeline.model import build_plan
    from pipeline.validate import validate

    folder = project.customer_dir(name)
    source = load_customer(folder, name, project.root, *_unneeded(artifacts))
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
    return _stamp_on(plan.customer.plan.date)


def require_locale(lang: str) -> str:
    """Return ``lang`` when csplan can build it (a supported locale or the pseudo-locale), else raise UsageError."""
    from pipeline.i18n import PSEUDO_LOCALE
    from pipeline.project import UsageError
    from pipeline.registry import SUPPORTED_LOCALES

    if lang not in SUPPORTED_LOCALES and lang != PSEUDO_LOCALE:
        raise UsageError(f"unsupported locale {lang!r}; supported: {', '.join(SUPPORTED_LOCALES)} "
                         f"(and {PSEUDO_LOCALE}, a pseudo-locale for developers)")
    return lang


def output_locales(plan, lang: str | None) -> list[str]:
    """Return the locales to build: ``lang`` when given, else the customer's output locales."""
    if lang:
        return [require_locale(lang)]
    return list(plan.customer.output_locales)


_DECK_TEMPLATES: dict = {}


def deck_template(project: Project):
    """Return the deck template of the project and its bytes, or raise TemplateError."""
    from pipeline.template import load_template

    path = project.templates / "pptx" / "default.pptx"
    # A batch worker builds many decks from one template: inspect it once, and
    # again only when the file or its role mapping changes.
    key = tuple((str(p), st.st_mtime_ns, st.st_size) for p in (path, path.with_suffix(".yaml"))
                if (st := _stat(p)) is not None)
    if key not in _DECK_TEMPLATES:
        template = load_template(path)
        _DECK_TEMPLATES.clear()
        _DECK_TEMPLATES[key] = (template, path.read_bytes())
    return _DECK_TEMPLATES[key]


def _stat(path):
    try:
        return path.stat()
    except OSError:
        return None


def build_cs_plan(project: Project, name: str, lang: str | None = None) -> Built:
    """Check customer ``name`` and, when clean, write its CS plan deck in each locale."""
    return _build_decks(project, name, lambda: _cs_plan_views(project, name, lang))


def _cs_plan_views(project: Project, name: str, lang: str | None) -> tuple[Problems, DeckJob | None]:
    """Return the problems of customer ``name`` and, when there are no errors, its plan deck views."""
    checked = check_customer(project, name, ["cs-plan"])
    if not checked.ok:
        return checked.problems, None
    plan = checked.plan
    from pipeline.registry import ARTIFACTS
    from pipeline.view.cs_plan import cs_plan_view

    content_rel = project.rel(project.content / name)
    return deck_views(
        project, checked.problems, plan, output_locales(plan, lang),
        lambda locale, _, logo: cs_plan_view(plan, locale, _, content_rel, logo),
        lambda locale: ARTIFACTS["cs-plan"].output.format(customer=name, locale=locale),
        _stamp(plan),
    )


# ----------------------------------------------------------------- Word documents: reference and questionnaire

PARTNER_FOLDER = "_partner"


def docx_template(project: Project, name: str, problems: Problems) -> bytes | None:
    """Return the bytes of Word template ``name`` (templates/docx/<name>.docx), or None after a problem."""
    from pipeline.problems import Problem

    path = project.templates / "docx" / f"{name}.docx"
    try:
        return path.read_bytes()
    except OSError:
        problems.add(Problem(project.rel(path), message="the Word template is missing; restore it or regenerate "
                             "it with: .venv/bin/python templates/docx/make_template.py", code="template.missing"))
        return None


def _render_docx(project: Project, name: str, views, blocks, kind: str, stamp: str, result: Built) -> list:
    """Return (locale, bytes) of each view rendered into template ``name``, or [] after recording problems."""
    from pipeline.problems import Problem
    from pipeline.render.docx import DocxTemplateError, render_document
    from pipeline.write import normalize_zip

    template = docx_template(project, name, result.problems)
    if template is None:
        return []
    rendered = []
    for locale, view in views:
        try:
            rendered.append((locale, normalize_zip(render_document(view, template, set(blocks), kind), stamp)))
        except DocxTemplateError as exc:
            rel = project.rel(project.templates / "docx" / f"{name}.docx")
            result.problems.extend(Problem(rel, message=f.message, code=f.code) for f in exc.findings)
            return []
    return rendered


def _write_all(project: Project, artifact: str, rendered: list, customer: str, result: Built) -> None:
    """Write every rendered file atomically (only once all of them rendered)."""
    from pipeline.registry import ARTIFACTS
    from pipeline.write import atomic_write, clean_stale

    for locale, data in rendered:
        out = project.build_dir / ARTIFACTS[artifact].output.format(customer=customer, locale=locale)
        clean_stale(out.parent)
        atomic_write(out, data)
        result.written.append(out)


def _gate(checked: Checked, content_rel: str, purpose: str, problems: Problems) -> None:
    """Add the consent gate's errors for ``purpose`` and the check's problems (minus the gate's own warnings)."""
    from pipeline.validate.reference import consent_gate

    gate = consent_gate(checked.plan, content_rel, purpose)
    where = {(p.path, p.line, p.col, p.code) for p in gate}
    problems.extend(p for p in checked.problems if p.is_error or (p.path, p.line, p.col, p.code) not in where)
    problems.extend(gate)


def _reference_missing(project: Project, name: str, checked: Checked, problems: Problems) -> bool:
    """Record a problem and return True when customer ``name`` has no usable reference.yaml."""
    from pipeline.problems import Problem

    if "reference.yaml" not in checked.plan.documents:
        problems.add(Problem(project.rel(project.content / name / "reference.yaml"), message="missing; write the "
                             "customer reference (see README, 'Customer references and the questionnaire')",
                             code="section.missing"))
        return True
    return "reference" not in checked.plan.sections


def _docx_logo(plan, problems: Problems) -> bytes | None:
    """Return the customer's logo when Word can show it; warn (and show none) when it cannot be read."""
    from docx.image.image import Image

    if not plan.customer.logo:
        return None
    data = plan.assets[plan.customer.logo].read_bytes()
    try:
        Image.from_blob(data)
    except Exception:  # noqa: BLE001 - python-docx raises several kinds for a broken image
        doc = plan.documents["customer.yaml"]
        pos = doc.pos(("logo",))
        problems.warning(doc.rel, f"{plan.customer.logo} cannot be read as an image, so the reference shows no "
                         f"logo; save it again as PNG or JPEG", "asset.unreadable", line=pos.line, col=pos.col,
                         field="logo")
        return None
    return data


def build_reference(project: Project, name: str, lang: str | None = None) -> Built:
    """Check customer ``name`` and its consent and, when clean, write its customer reference in each locale."""
    from pipeline.i18n import translator, untranslated_problems
    from pipeline.view.reference import REFERENCE_BLOCKS, reference_view

    result = Built(name)
    checked = check_customer(project, name, ["reference"])
    if checked.plan is None or _reference_missing(project, name, checked, result.problems):
        result.problems.extend(checked.problems)
        return result
    content_rel = project.rel(project.content / name)
    _gate(checked, content_rel, "reference", result.problems)
    if not result.ok:
        return result
    plan = checked.plan
    logo = _docx_logo(plan, result.problems)
    views = []
    for locale in output_locales(plan, lang):
        _ = translator(locale, project.locales)
        views.append((locale, reference_view(plan, locale, _, content_rel, logo)))
        result.problems.extend(untranslated_problems(_, project.rel))
    if not result.ok:
        return result
    rendered = _render_docx(project, "reference", views, REFERENCE_BLOCKS, "reference", _stamp(plan), result)
    if result.ok:
        _write_all(project, "reference", rendered, name, result)
    return result


def check_partner(project: Project) -> Checked:
    """Return content/_partner/partner.yaml modelled (with the health model) and every problem of it."""
    from pipeline.load import load_partner
    from pipeline.model import validate_document
    from pipeline.model.health import model_partner
    from pipeline.model.partner import PartnerFile
    from pipeline.problems import Problem
    from pipeline.validate.partner import validate_partner

    folder = project.content / PARTNER_FOLDER
    result = Checked(PARTNER_FOLDER)
    source = load_partner(folder, project.root)
    if source is None or "partner.yaml" not in source.documents:
        result.problems.add(Problem(project.rel(folder / "partner.yaml"), message="missing; write the partner's "
                                    "answers to the questionnaire there (see README)", code="section.missing"))
        return result
    result.problems.extend(source.problems)
    doc = source.documents["partner.yaml"]
    partner = validate_document(PartnerFile, doc, result.problems) if doc.data is not None else None
    shared = model_partner(source, project.rel(folder), result.problems)
    if partner is None:
        return result
    customers = {c: (project.content / c / "reference.yaml").is_file() for c in project.customers()}
    result.problems.extend(validate_partner(partner, doc, customers, shared.health_model is not None))
    result.plan = (partner, shared.health_model)
    return result


def build_questionnaire(project: Project, lang: str | None = None) -> Built:
    """Check the partner and its two references (consent included) and, when clean, write the questionnaire."""
    from types import SimpleNamespace

    from pipeline.i18n import translator, untranslated_problems
    from pipeline.view.questionnaire import QUESTIONNAIRE_BLOCKS, questionnaire_view

    result = Built(PARTNER_FOLDER)
    partner_check = check_partner(project)
    result.problems.extend(partner_check.problems)
    if not partner_check.ok:
        return result
    partner, health_model = partner_check.plan
    references = []
    for name in partner.references:
        checked = check_customer(project, name, ["reference"])
        if _reference_missing(project, name, checked, result.problems):
            result.problems.extend(checked.problems)
            continue
        content_rel = project.rel(project.content / name)
        _gate(checked, content_rel, "questionnaire", result.problems)
        references.append((checked.plan, content_rel))
    if not result.ok:
        return result
    locales = [require_locale(lang)] if lang else list(partner.output_locales)
    views = []
    for locale in locales:
        _ = translator(locale, project.locales)
        views.append((locale, questionnaire_view(partner, references, locale, _, health_model)))
        result.problems.extend(untranslated_problems(_, project.rel))
    if not result.ok:
        return result
    # _stamp reads the date a document falls back to from plan.customer.plan.date.
    edition = SimpleNamespace(customer=SimpleNamespace(plan=partner.edition))
    rendered = _render_docx(project, "questionnaire", views, QUESTIONNAIRE_BLOCKS, "questionnaire",
                            _stamp(edition), result)
    if result.ok:
        _write_all(project, "questionnaire", rendered, PARTNER_FOLDER, result)
    return result


# ----------------------------------------------------------------- review decks (QBR / EBR)


def _stamp_on(day) -> str:
    """Return the ISO timestamp stored in documents: SOURCE_DATE_EPOCH, else midnight of ``day``."""
    import os
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{day.isoformat()}T00:00:00Z"


@dataclass
class DeckJob:
    """What the render half of a deck build needs: (locale, view, output under build/) per deck, and the stamp."""

    decks: list
    stamp: str


def deck_views(project: Project, problems: Problems, plan, locales: list[str], make_deck, output,
               stamp: str) -> tuple[Problems, DeckJob | None]:
    """Return ``problems`` and, when there are no errors, one deck view per locale.

    ``make_deck(locale, translator, logo)`` returns the view and ``output(locale)``
    the file name under build/.
    """
    from pipeline.i18n import translator, untranslated_problems

    logo = None
    if plan.customer.logo:
        logo = plan.assets[plan.customer.logo].read_bytes()
    decks = []
    for locale in locales:
        _ = translator(locale, project.locales)
        decks.append((locale, make_deck(locale, _, logo), output(locale)))
        # A message without a translation would put English into a localized deck: refuse instead.
        problems.extend(untranslated_problems(_, project.rel))
    return problems, (None if problems.errors else DeckJob(decks, stamp))


def _build_decks(project: Project, name: str, views) -> Built:
    """Return the outcome of a deck build: ``views()`` checks and makes the views, then each deck is written.

    In a one-shot process the content half (``views``) runs in a forked child
    while this process warms the render stage (see ``pipeline.overlap``).
    """
    from pipeline import overlap

    result = Built(name)
    problems, job = overlap.run(views, lambda: _warm_decks(project))
    result.problems.extend(problems)
    template = _deck_template_or_problems(project, result.problems)  # all problems at once: the template's too
    if template is not None and job is not None and result.ok:
        write_decks(project, result, job, template)
    return result


def _deck_template_or_problems(project: Project, problems: Problems):
    """Return the deck template and its bytes, or None after adding its problems to ``problems``."""
    from pipeline.problems import Problem
    from pipeline.template import TemplateError

    try:
        return deck_template(project)
    except TemplateError as exc:
        rel = project.rel(project.templates / "pptx" / "default.pptx")
        for message in exc.problems:
            # The lint's messages start with the file they are about, which the problem names already.
            problems.add(Problem(rel, message=message.removeprefix(f"{rel}: "), code="template.invalid"))
        return None


def _warm_decks(project: Project) -> None:
    """Import and prepare what rendering a deck needs (run while the content half works elsewhere)."""
    from pipeline.template import TemplateError

    try:
        deck_template(project)
    except TemplateError:
        pass  # reported with the content check's problems (_deck_template_or_problems)
    from PIL import Image

    import pipeline.render.pptx  # noqa: F401
    import pipeline.write  # noqa: F401
    from pipeline import measure

    measure.line_height(10)  # loads the font metrics
    Image.preinit()  # Pillow's image formats, for a logo


def write_decks(project: Project, result: Built, job: DeckJob, template) -> None:
    """Render each deck of ``job`` into ``template`` (the description and bytes) and write it atomically."""
    from pipeline.render.pptx import render_deck
    from pipeline.write import atomic_write, clean_stale, zip_entries

    description, template_bytes = template
    for _locale, deck, output in job.decks:
        data = zip_entries(render_deck(deck, description, template_bytes), job.stamp)
        out = project.build_dir / output
        clean_stale(out.parent)
        atomic_write(out, data)
        result.written.append(out)


def build_review(project: Project, name: str, lang: str | None = None, period: str | None = None,
                 artifact: str = "qbr") -> Built:
    """Check customer ``name`` and, when clean, write the deck of one review in each locale.

    The review of ``period`` (default: the latest) is built as its file's kind
    says (QBR or EBR); ``artifact="ebr"`` builds the executive cut of any review.
    """
    return _build_decks(project, name, lambda: _review_views(project, name, lang, period, artifact))


def _review_views(project: Project, name: str, lang: str | None, period: str | None,
                  artifact: str) -> tuple[Problems, DeckJob | None]:
    """Return the problems of customer ``name`` and, when there are no errors, the views of one review deck."""
    from pipeline.model.health import is_quarter, quarter_key
    from pipeline.model.review import REVIEWS_DIR, ReviewKind
    from pipeline.project import UsageError
    from pipeline.registry import ARTIFACTS

    if period is not None and not is_quarter(period):
        raise UsageError(f"--period {period!r} is not a quarter; write YYYY-Qn, e.g. 2026-Q3")
    checked = check_customer(project, name, [artifact])
    problems = checked.problems
    plan = checked.plan
    content_rel = project.rel(project.content / name)
    if not plan.reviews and not any(b.startswith(f"{REVIEWS_DIR}/") for b in plan.broken):
        problems.error(f"{content_rel}/{REVIEWS_DIR}/", f"{name} has no reviews yet; write one per quarter "
                       f"as {REVIEWS_DIR}/<period>.yaml, e.g. {REVIEWS_DIR}/2026-Q3.yaml (see README, "
                       f"'Quarterly reviews')", "review.none")
    if problems.errors:
        return problems, None
    chosen = period.strip().upper() if period else max(plan.reviews, key=quarter_key)
    if chosen not in plan.reviews:
        raise UsageError(f"{name} has no review for {chosen} ({content_rel}/{REVIEWS_DIR}/{chosen}.yaml does not "
                         f"exist); reviews: {', '.join(sorted(plan.reviews, key=quarter_key))}")
    review = plan.reviews[chosen]
    kind = ReviewKind.EBR if artifact == "ebr" else review.kind
    from pipeline.view.review import review_view

    return deck_views(
        project, problems, plan, output_locales(plan, lang),
        lambda locale, _, logo: review_view(plan, chosen, kind, locale, _, content_rel, logo),
        lambda locale: ARTIFACTS[kind.value].output.format(customer=name, period=chosen, locale=locale),
        _stamp_on(review.date),
    )


def build_qbr(project: Project, name: str, lang: str | None = None, period: str | None = None) -> Built:
    """Write the deck of a review (default: the latest) as its kind says: QBR, or EBR for an EBR review."""
    return build_review(project, name, lang, period, "qbr")


def build_ebr(project: Project, name: str, lang: str | None = None, period: str | None = None) -> Built:
    """Write the executive cut (EBR) of a review (default: the latest)."""
    return build_review(project, name, lang, period, "ebr")
