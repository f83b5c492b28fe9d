"""The built-in artifacts, one module each, and what the decks and the Word documents share.

An artifact module defines a subclass of :class:`Deck` or :class:`Document`
(themselves :class:`pipeline.registry.Artifact`) and registers one instance.
Stages are imported inside the methods, so listing the artifacts (``csplan
build --all`` planning its targets) costs no renderer import.
"""

from __future__ import annotations

from typing import ClassVar

from pipeline.problems import Problem, Problems
from pipeline.project import Project, UsageError
from pipeline.registry import AUDIENCES, SUPPORTED_LOCALES, Artifact, Job, Storyline, TemplateProblems


def require_locale(lang: str) -> str:
    """Return ``lang`` when csplan can build it (a supported locale or the pseudo-locale), else raise UsageError."""
    from pipeline.i18n import PSEUDO_LOCALE

    if lang not in SUPPORTED_LOCALES and lang != PSEUDO_LOCALE:
        raise UsageError(f"unsupported locale {lang!r}; supported: {', '.join(SUPPORTED_LOCALES)} "
                         f"(and {PSEUDO_LOCALE}, a pseudo-locale for developers)")
    return lang


def output_locales(declared, lang: str | None) -> list[str]:
    """Return the locales to build: ``lang`` when given, else the ``declared`` output locales."""
    if lang:
        return [require_locale(lang)]
    return list(declared)


def logo_bytes(plan) -> bytes | None:
    """Return the customer's logo as every artifact embeds it (checked by validate), or None when it has none."""
    from pipeline import logo

    if not plan.customer.logo:
        return None
    return logo.fit(plan.assets[plan.customer.logo].read_bytes())


def partner_cover(project: Project) -> tuple[str, bytes | None] | None:
    """Return the partner's name and logo for a document's cover, or None without a partner.yaml.

    Read as plain data: a reference does not depend on the rest of partner.yaml being valid (``csplan
    check`` reports that). An unusable logo is left out here; the check names what is wrong with it.
    """
    from pipeline import logo as logo_rules
    from pipeline.load import read_mapping
    from pipeline.validate import logo_problem

    facts = read_mapping(project.partner / "partner.yaml")
    name = facts.get("name")
    if not isinstance(name, str):
        return None
    logo = facts.get("logo")
    path = project.partner / logo if isinstance(logo, str) else None
    if path is None or logo_problem(logo, {logo: path} if path.is_file() else {}):
        return name, None
    return name, logo_rules.fit(path.read_bytes())  # the same bytes as the deck would embed


def localized(project: Project, problems: Problems, locales: list[str], make_view, output, *,
              announce=None) -> list:
    """Return (output under build/, view) per locale; an untranslated message becomes an error in ``problems``.

    ``make_view(locale, translator)`` returns the view, ``output(locale)`` its file name; ``announce(locale)``,
    when given, returns what the build says about content falling back to another language in that locale.
    """
    from pipeline.i18n import translator, untranslated_problems

    files = []
    for locale in locales:
        _ = translator(locale, project.locales)
        files.append((output(locale), make_view(locale, _)))
        # A message without a translation would put English into a localized file: refuse instead.
        problems.extend(untranslated_problems(_, project.rel))
        if announce is not None:
            problems.extend(announce(locale))
    return files


def fallback_announcer(project: Project, plan, customer: str, audience: str):
    """Return the ``announce`` of a customer-facing build (None for the internal variant)."""
    if audience != "customer":
        return None
    from pipeline.i18n_fallback import fallback_notice

    where = project.rel(project.content / customer)
    return lambda locale: fallback_notice(plan, locale, customer, where)


def job(problems: Problems, files: list, stamp: str) -> tuple[Problems, Job | None]:
    """Return ``problems`` and the job of ``files``, or no job when there are errors."""
    return problems, (None if problems.errors else Job(files, stamp))


# ----------------------------------------------------------------- decks

_DECK_TEMPLATES: dict = {}


def _stat(path):
    try:
        return path.stat()
    except OSError:
        return None


def deck_template(path):
    """Return the deck template at ``path`` (its description and bytes), or raise TemplateError."""
    from pipeline.template import load_template

    # A batch worker builds many decks from one template: inspect it once, and
    # again only when the file or its role mapping changes.
    key = tuple((str(p), st.st_mtime_ns, st.st_size) for p in (path, path.with_suffix(".yaml"))
                if (st := _stat(p)) is not None)
    if key not in _DECK_TEMPLATES:
        template = load_template(path)
        _DECK_TEMPLATES.clear()
        _DECK_TEMPLATES[key] = (template, path.read_bytes())
    from pipeline import measure

    # Text is measured in the font the template sets its body text in (a fonts/ folder beside it first).
    measure.use_font(_DECK_TEMPLATES[key][0].font("content", "body"), path.parent / "fonts")
    return _DECK_TEMPLATES[key]


class Deck(Artifact):
    """A PowerPoint deck rendered into templates/pptx/default.pptx, its parts ordered by a storyline."""

    format: ClassVar[str] = "pptx"
    audiences: ClassVar[tuple[str, ...]] = AUDIENCES
    storyline: ClassVar[Storyline]  # the default; content/_partner/decks.yaml may change it

    def story(self, project: Project, problems: Problems) -> Storyline:
        """Return this deck's storyline: the default, or the team's from decks.yaml (its problems to ``problems``)."""
        from pipeline.validate.decks import read_storylines

        found, more = read_storylines(project.partner, project.rel(project.partner), deck_storylines())
        problems.extend(more)
        return found[self.name]

    def inputs(self, project: Project, target) -> list:
        """Return what the deck is made from, the team's storylines included."""
        from pipeline.validate.decks import DECKS_FILE

        return [*super().inputs(project, target), project.partner / DECKS_FILE]

    def template_path(self, project: Project):
        """Return the path of the deck template."""
        return project.templates / "pptx" / "default.pptx"

    def warm(self, project: Project) -> None:
        """Import python-pptx, lint the template, load the font metrics and Pillow's formats."""
        from pipeline.template import TemplateError

        try:
            deck_template(self.template_path(project))
        except TemplateError:
            pass  # reported with the content check's problems (template())
        from PIL import Image

        import pipeline.render.pptx  # noqa: F401
        import pipeline.write  # noqa: F401
        from pipeline import measure

        measure.line_height(10)  # loads the font metrics
        Image.preinit()  # Pillow's image formats, for a logo

    def template(self, project: Project, problems: Problems):
        """Return the deck template and its bytes, or None after adding its problems to ``problems``."""
        from pipeline.template import TemplateError

        try:
            return deck_template(self.template_path(project))
        except TemplateError:
            # Checked again to name the files as the project does (deck_template's lint names them from the cwd).
            from pipeline.template import check_template

            problems.extend(p for p in check_template(self.template_path(project), show=project.rel) if p.is_error)
            return None

    def render(self, view, template) -> list[tuple[str, bytes]]:
        """Return the deck's package members."""
        from pipeline.render.pptx import render_deck

        description, template_bytes = template
        return render_deck(view, description, template_bytes)


def deck_storylines() -> dict[str, Storyline]:
    """Return the default storyline of every registered deck artifact."""
    from pipeline.registry import artifacts

    return {a.name: a.storyline for a in artifacts().values() if isinstance(a, Deck)}


# ----------------------------------------------------------------- Word documents


class Document(Artifact):
    """A Word document rendered into templates/docx/<name>.docx (a docxtpl template)."""

    format: ClassVar[str] = "docx"

    def tags(self) -> tuple[dict, tuple[str, ...]]:
        """Return the tags the view provides (name → keys of a dictionary tag, or None) and its block tags."""
        raise NotImplementedError

    def template_path(self, project: Project):
        """Return the path of the Word template."""
        return project.templates / "docx" / f"{self.name}.docx"

    def warm(self, project: Project) -> None:
        """Import docxtpl and the renderer."""
        import pipeline.render.docx  # noqa: F401
        import pipeline.write  # noqa: F401

    def template(self, project: Project, problems: Problems) -> bytes | None:
        """Return the bytes of the Word template, or None after a problem."""
        path = self.template_path(project)
        try:
            return path.read_bytes()
        except OSError:
            problems.add(Problem(project.rel(path), message="the Word template is missing; restore it or "
                                 "regenerate it with: .venv/bin/python templates/docx/make_template.py",
                                 code="template.missing"))
            return None

    def render(self, view, template: bytes) -> list[tuple[str, bytes]]:
        """Return the document's package members; raise TemplateProblems when the template does not fit the view."""
        from pipeline.render.docx import DocxTemplateError, render_document
        from pipeline.write import unzip

        try:
            return unzip(render_document(view, template, set(self.tags()[1]), self.name))
        except DocxTemplateError as exc:
            raise TemplateProblems([(f.message, f.code) for f in exc.findings]) from None
