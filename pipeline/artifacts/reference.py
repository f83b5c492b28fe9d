"""The customer reference (case study): a Word document per customer that has a reference.yaml, and locale."""

from __future__ import annotations

from pipeline.artifacts import (Document, fallback_announcer, job, localized, logo_bytes, output_locales,
                                partner_cover)
from pipeline.registry import AUDIENCES, REFERENCE_FILE, register


class Reference(Document):
    """The customer reference, built only where the customer's consent allows it."""

    name = "reference"
    output = "{customer}/{customer}-reference-{locale}{variant}.docx"
    description = "Customer reference (case study)"
    reads = (REFERENCE_FILE,)
    only_with = REFERENCE_FILE
    # Customer-facing by default; the internal variant adds the partner's segment, tier and stage labels.
    audiences = AUDIENCES
    partner = True  # its cover carries the partner's name and logo

    def tags(self):
        """Return the tags and block tags of a reference view."""
        from pipeline.view.reference import REFERENCE_BLOCKS, reference_tags

        return reference_tags(), REFERENCE_BLOCKS

    def views(self, project, target):
        """Check the customer, its reference and consent, and return the reference view in each locale."""
        from pipeline.check import check_customer
        from pipeline.clock import stamp_on

        checked = check_customer(project, target.customer, [self.name])
        if not checked.ok:
            return checked.problems, None
        plan = checked.plan
        from pipeline.view.reference import reference_view

        content_rel = project.rel(project.content / target.customer)
        logo = logo_bytes(plan)
        partner = partner_cover(project)
        files = localized(project, checked.problems, output_locales(plan.customer.output_locales, target.locale),
                          lambda locale, _: reference_view(plan, locale, _, content_rel, logo, target.audience,
                                                           partner),
                          lambda locale: self.output.format(customer=target.customer, locale=locale, variant=target.variant),
                          announce=fallback_announcer(project, plan, target.customer, target.audience))
        return job(checked.problems, files, stamp_on(plan.customer.plan.date))


register(Reference())
