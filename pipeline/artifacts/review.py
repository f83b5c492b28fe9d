"""Review decks: a QBR, or its executive cut (EBR), per review file of content/<customer>/reviews/ and locale.

``--artifact qbr`` builds a review as its file's kind says (an EBR review
becomes an EBR deck); ``--artifact ebr`` builds the executive cut of any review.
"""

from __future__ import annotations

from pipeline.artifacts import Deck, fallback_announcer, job, localized, logo_bytes, output_locales
from pipeline.registry import REVIEW_FILES, Storyline, Target, locales_of, register


class Review(Deck):
    """A review deck (QBR or EBR) of one period."""

    scope = "review"
    reads = REVIEW_FILES
    partner = True  # the shared health model

    def __init__(self, name: str, description: str, storyline: Storyline):
        self.name = name
        self.description = description
        self.storyline = storyline
        self.output = "{customer}/{customer}-" + name + "-{period}-{locale}{variant}.pptx"

    def targets(self, project, facts, lang, audience="customer"):
        """Return one target per review whose kind is this artifact (QBR also takes reviews of unknown kind)."""
        kinds = {"qbr", "ebr"}
        out = []
        if audience not in self.audiences:
            return out
        for customer in project.customers():
            f = facts(customer)
            for period, kind in f["reviews"].items():
                if kind == self.name or (kind not in kinds and self.name == "qbr"):
                    out += [Target(customer, self.name, loc, period, audience)
                            for loc in locales_of(f["locales"], lang)]
        return out

    def views(self, project, target):
        """Check the customer with its reviews and return the deck view of one review in each locale."""
        from pipeline.asof import latest_held_review
        from pipeline.check import check_customer
        from pipeline.clock import stamp_on, today
        from pipeline.model.health import is_quarter, quarter_key
        from pipeline.model.review import REVIEWS_DIR, ReviewKind
        from pipeline.project import UsageError
        from pipeline.registry import get

        name, period = target.customer, target.period
        if period is not None and not is_quarter(period):
            raise UsageError(f"--period {period!r} is not a quarter; write YYYY-Qn, e.g. 2026-Q3")
        checked = check_customer(project, name, [self.name])
        if not checked.ok:
            return checked.problems, None
        plan = checked.plan
        content_rel = project.rel(project.content / name)
        # Without a period: the latest review held by today (check warns about one dated later,
        # review.future), or the latest of all when none is held yet. The file name says which.
        chosen = period.strip().upper() if period else (latest_held_review(plan, today())
                                                       or max(plan.reviews, key=quarter_key))
        if chosen not in plan.reviews:
            raise UsageError(f"{name} has no review for {chosen} ({content_rel}/{REVIEWS_DIR}/{chosen}.yaml does not "
                             f"exist); reviews: {', '.join(sorted(plan.reviews, key=quarter_key))}")
        review = plan.reviews[chosen]
        kind = ReviewKind.EBR if self.name == "ebr" else review.kind
        deck = get(kind.value)  # an EBR review built as --artifact qbr is an EBR deck
        storyline = deck.story(project, checked.problems)
        from pipeline.view.review import review_view

        logo = logo_bytes(plan)
        files = localized(project, checked.problems, output_locales(plan.customer.output_locales, target.locale),
                          lambda locale, _: review_view(plan, chosen, kind, locale, _, content_rel, logo,
                                                        storyline, target.audience),
                          lambda locale: deck.output.format(customer=name, period=chosen, locale=locale,
                                                            variant=target.variant),
                          announce=fallback_announcer(project, plan, name, target.audience))
        return job(checked.problems, files, stamp_on(review.date))


# The storylines of shared/deck-design.md: the main flow answers "did it pay back, what did we learn, is the
# next quarter set up"; everything else is supporting detail behind the appendix divider. The health formula,
# renewal and commercial status and upsell opportunities are for the internal variant only.
INTERNAL = ("health-detail", "renewal", "opportunities")

register(Review("qbr", "Quarterly business review deck", Storyline(
    main=("executive-summary", "value-delivered", "kpi-scorecard", "kpi-movers", "health", "adoption", "barriers",
          "wins", "roadmap", "asks", "actions"),
    appendix=("attendees", "summary-detail", "kpi-progress", "kpi-trends", "delivered", "success-story",
              *INTERNAL),
    internal=INTERNAL,
)))
register(Review("ebr", "Executive business review deck", Storyline(
    main=("executive-summary", "value-delivered", "health", "roadmap", "asks", "actions"),
    appendix=("attendees", "summary-detail", "kpi-scorecard", "kpi-progress", "barriers", "wins", "adoption",
              *INTERNAL),
    internal=INTERNAL,
)))
