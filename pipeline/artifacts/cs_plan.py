"""The Customer Success Plan deck: one per customer and locale, made from the plan alone."""

from __future__ import annotations

from pipeline.artifacts import Deck, fallback_announcer, job, localized, logo_bytes, output_locales
from pipeline.registry import Storyline, register


class CsPlan(Deck):
    """The CS plan deck a CS manager reviews with the customer."""

    name = "cs-plan"
    output = "{customer}/{customer}-cs-plan-{locale}{variant}.pptx"
    description = "Customer Success Plan deck"
    # shared/deck-design.md, "CS plan deck (≤ 15 main slides)": the cover and one slide per main part
    # (process-change and results make two), then the supporting detail of every section in the appendix.
    storyline = Storyline(
        main=("summary", "solution", "scorecard", "stakeholders", "use-cases", "roadmap", "barriers",
              "process-change", "communication", "results", "story", "next-steps"),
        appendix=("agenda", "account", "profile", "solution-details", "outcome-details", "kpi-definitions", "kpi-charts",
                  "measurement-log", "statements", "stakeholder-table", "use-case-table", "barrier-table",
                  "adoption-plan", "process-table", "communication-table"),
        # Segment, contract value and renewal: the internal variant only (shared/deck-design.md).
        internal=("account",),
    )

    def views(self, project, target):
        """Check the customer's plan and return its deck view in each locale."""
        from pipeline.check import check_customer
        from pipeline.clock import stamp_on

        checked = check_customer(project, target.customer, [self.name])
        if not checked.ok:
            return checked.problems, None
        plan = checked.plan
        storyline = self.story(project, checked.problems)
        from pipeline.view.cs_plan import cs_plan_view

        content_rel = project.rel(project.content / target.customer)
        logo = logo_bytes(plan)
        files = localized(project, checked.problems, output_locales(plan.customer.output_locales, target.locale),
                          lambda locale, _: cs_plan_view(plan, locale, _, content_rel, logo, storyline,
                                                         target.audience),
                          lambda locale: self.output.format(customer=target.customer, locale=locale,
                                                            variant=target.variant),
                          announce=fallback_announcer(project, plan, target.customer, target.audience))
        return job(checked.problems, files, stamp_on(plan.customer.plan.date))


register(CsPlan())
