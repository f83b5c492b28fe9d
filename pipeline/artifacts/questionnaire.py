"""The CX Specialization questionnaire: one Word document per locale for the whole partner.

It answers from content/_partner/ (partner.yaml and the health model) and
draws on the two customers that partner.yaml names as references.
"""

from __future__ import annotations

from pipeline.artifacts import Document, job, localized, output_locales, partner_cover
from pipeline.problems import Problems
from pipeline.project import PARTNER_DIR
from pipeline.registry import SUPPORTED_LOCALES, Target, locales_of, register


def _partner_facts(project) -> dict:
    """Return partner.yaml as plain data ({} when missing or broken: the build reports why)."""
    from pipeline.load import read_mapping

    return read_mapping(project.partner / "partner.yaml")


def _references(project, facts: dict) -> tuple[str, ...]:
    """Return the customers partner.yaml names as references (those that exist)."""
    refs = facts.get("references")
    if not isinstance(refs, list):
        return ()
    return tuple(sorted(r for r in refs if isinstance(r, str) and r in project.customers()))


class Questionnaire(Document):
    """The partner's answers to the vendor's CX Specialization questionnaire."""

    name = "questionnaire"
    output = PARTNER_DIR + "/cx-questionnaire-{locale}{variant}.docx"
    description = "CX Specialization questionnaire with two customer references"
    scope = "partner"
    requires = ()
    partner = True

    def tags(self):
        """Return the tags and block tags of a questionnaire view."""
        from pipeline.view.questionnaire import QUESTIONNAIRE_BLOCKS, questionnaire_tags

        return questionnaire_tags(), QUESTIONNAIRE_BLOCKS

    def targets(self, project, facts, lang, audience="customer"):
        """Return one target per locale of partner.yaml (every supported locale when it declares none)."""
        if audience not in self.audiences or not project.partner.is_dir():
            return []
        found = _partner_facts(project).get("output_locales")
        declared = [x for x in found if isinstance(x, str)] if isinstance(found, list) else []
        locales = locales_of(declared, lang)
        if locales == [None]:
            locales = [lang] if lang else list(SUPPORTED_LOCALES)
        return [Target(PARTNER_DIR, self.name, loc) for loc in locales]

    def inputs(self, project, target):
        """Return the partner folder, the two references' folders and the Word templates."""
        refs = _references(project, _partner_facts(project))
        return [project.partner, *(project.content / r for r in refs), project.templates / self.format]

    def views(self, project, target):
        """Check the partner and its two references (consent included) and return the questionnaire views."""
        from pipeline.check import check_customer, check_partner
        from pipeline.clock import stamp_on

        checked = check_partner(project)
        problems = checked.problems
        if not checked.ok:
            return problems, None
        partner = checked.plan
        references = []
        for name in partner.references:
            ref = check_customer(project, name, ["reference"], purpose="questionnaire")
            problems.extend(ref.problems)
            references.append((ref.plan, project.rel(project.content / name)))
        if problems.errors:
            return problems, None
        from pipeline.view.questionnaire import questionnaire_view

        from pipeline.i18n_fallback import refused_fallbacks

        _name, logo = partner_cover(project) or ("", None)

        def refuse(locale: str) -> Problems:
            # The questionnaire goes to the vendor: a reference's text in another language is refused.
            out = Problems()
            for plan, _rel in references:
                out.extend(refused_fallbacks(plan, locale))
            return out

        files = localized(project, problems, output_locales(partner.output_locales, target.locale),
                          lambda locale, _: questionnaire_view(partner, references, locale, _, checked.health_model,
                                                               logo),
                          lambda locale: self.output.format(locale=locale, variant=target.variant),
                          announce=refuse)
        return job(problems, files, stamp_on(partner.edition.date))


register(Questionnaire())
