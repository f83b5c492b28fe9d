"""The customer reference (case study, docs/domain.md §8) as a Word view (a :class:`~pipeline.view.DocView`).

**Anonymized references.** When the customer approved the reference with
``consent.use: anonymized``, every text of the document goes through
:meth:`ReferenceView.scrub`: the customer's name and the spellings in
``consent.hide`` become ``consent.anonymized_as``, each person's full name
becomes their job title, links are dropped (their addresses can name the
customer), and the logo and website are left out. Only names csplan knows
are replaced, so inflected forms (``Kamińskiego``) in free text must be
avoided in an anonymized reference.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from pipeline.i18n import Translator
from pipeline.model import Plan, Status
from pipeline.model.reference import ConsentUse, ReferenceFile
from pipeline.view import Callout, Cell, DocView, Heading, Para, Picture, Run, Table, bullets, cell, plain
from pipeline.view.common import user_story
from pipeline.view.cs_plan import PlanView
from pipeline.view.visuals import kpi_change
from pipeline.view.lang import note

# ----------------------------------------------------------------- document blocks


def map_texts(blocks: list, fn) -> list:
    """Return ``blocks`` with ``fn`` applied to every text they hold."""

    def para(p: Para) -> Para:
        return replace(p, runs=tuple(replace(r, text=fn(r.text)) for r in p.runs))

    out = []
    for b in blocks:
        if isinstance(b, Heading):
            out.append(replace(b, text=fn(b.text)))
        elif isinstance(b, Para):
            out.append(para(b))
        elif isinstance(b, Table):
            out.append(replace(b, header=[fn(h) for h in b.header],
                               rows=[[replace(c, paras=[para(p) for p in c.paras]) for c in row] for row in b.rows]))
        elif isinstance(b, Callout):
            out.append(Callout(tuple(para(p) for p in b.paras)))
        else:
            out.append(b)
    return out


def facts(rows, header: list[str] | None = None) -> Table:
    """Return a two-column label/value table of the non-empty rows."""
    return Table(header or [], [[Cell([plain(k, bold=True)]), cell(v)] for k, v in rows if v], [1, 3])


# ----------------------------------------------------------------- the reference

# The tags of a reference template (templates/docx/reference.docx); the view provides exactly these.
REFERENCE_FIELDS = ("title", "subtitle", "headline", "notice", "footer")
REFERENCE_SECTIONS = ("profile", "challenge", "solution", "outcomes", "execution", "results", "quote",
                      "next_steps")
REFERENCE_BLOCKS = ("logo", "cover", *REFERENCE_SECTIONS)
REFERENCE_DICTS = {"labels": REFERENCE_SECTIONS}


class ReferenceView(PlanView):
    """Builds the sections of one customer reference in one locale."""

    def __init__(self, plan: Plan, locale: str, _: Translator, content_rel: str, logo: bytes | None = None,
                 audience: str = "customer", partner: tuple[str, bytes | None] | None = None):
        super().__init__(plan, locale, _, content_rel, logo, audience=audience)
        # The partner's name and logo (content/_partner/partner.yaml), for the cover; None when there is none.
        self.partner_name, self.partner_logo = partner or ("", None)
        self.internal = audience == "internal"
        self.ref: ReferenceFile = plan.sections["reference"]
        self.anonymized = self.ref.consent.use is ConsentUse.ANONYMIZED
        self._hidden: list[tuple[re.Pattern, str]] = []
        if self.anonymized:
            self.logo = None
            self._hidden = self._hidden_names()

    # ------------------------------------------------------------- anonymization

    def _hidden_names(self) -> list[tuple[re.Pattern, str]]:
        """Return (pattern, replacement) for every name an anonymized reference must not show."""
        pairs: dict[str, str] = {}
        for p in self.plan.stakeholders.stakeholders:
            if not p.end_user_group:
                pairs[p.name] = PlanView.t(self, p.title)
        alias = PlanView.t(self, self.ref.consent.anonymized_as) if self.ref.consent.anonymized_as else \
            self._("the customer")
        for name in (self.plan.customer.name, *self.ref.consent.hide):
            pairs[name] = alias
        # Longest first, so "Acme Logistics" is replaced before "Acme".
        # A space in a name matches a no-break one too: names the views show keep first and last name together.
        return [(re.compile(r"(?<!\w)" + r"[ \u00a0]".join(map(re.escape, name.split(" "))) + r"(?!\w)"), pairs[name])
                for name in sorted(pairs, key=len, reverse=True)]

    def scrub(self, text: str) -> str:
        """Return ``text`` with hidden names replaced (anonymized references only)."""
        for pattern, repl in self._hidden:
            text = pattern.sub(lambda _m, r=repl: r, text)
        return text

    def t(self, value) -> str:
        """Return a content text in the output locale, scrubbed of hidden names."""
        text = self.scrub(super().t(value))
        if value is not None:
            note(self.foreign, text, self.written(value)[1], self.locale)
        return text

    def md(self, value) -> list[Para]:
        """Return a prose field as paragraphs (without links when anonymized)."""
        paras = super().md(value)
        if self.anonymized:
            paras = [replace(p, runs=tuple(replace(r, link=None) for r in p.runs)) for p in paras]
        return paras

    def who(self, ref: str | None) -> str:
        """Return a person's name and title, or only the title when anonymized."""
        p = self.people.get(ref) if ref else None
        if self.anonymized and p:
            return self.t(p.title)
        return super().who(ref)

    def name(self, ref: str | None) -> str:
        """Return a person's name, or their title when anonymized."""
        p = self.people.get(ref) if ref else None
        if self.anonymized and p:
            return self.t(p.title)
        return super().name(ref)

    def customer_name(self) -> str:
        """Return the customer's name as the document shows it."""
        if not self.anonymized:
            return self.plan.customer.name
        text = self.scrub(self.plan.customer.name)
        return text[:1].upper() + text[1:]

    def region(self) -> str:
        """Return the customer's region, or the anonymized one (empty when none is given)."""
        if self.anonymized:
            return self.t(self.ref.consent.anonymized_region)
        return self.t(self.plan.customer.region)

    # ------------------------------------------------------------- helpers

    def h(self, text: str, level: int) -> Heading:
        """Return a heading."""
        return Heading(text, level)

    def solutions(self, ids: list[str]):
        """Return the solutions named by ``ids`` (all of them when empty), in plan order."""
        return [s for s in self.plan.solution.solutions if not ids or s.id in ids]

    def achieved(self, kpi_id: str):
        """Return the latest reading of a KPI, or None."""
        readings = self.readings(kpi_id)
        return readings[-1] if readings else None

    def change(self, baseline, value, unit: str) -> str:
        """Return the change from baseline to value: percentage points for %, else absolute and relative."""
        f, diff = self.f, value - baseline
        # A minus sign, not a hyphen: a line never breaks after it ("−91 seconds (−63%)").
        sign = "+" if diff > 0 else "\u2212" if diff < 0 else ""
        if unit.strip() == "%":
            return self._("{value} pp", value=sign + f.number(abs(diff)))
        text = sign + f.measure(abs(diff), unit)
        if baseline:
            relative = (Decimal(abs(diff)) * 100 / Decimal(baseline)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            text += f" ({sign}{f.percent(relative)})"
        return text

    # ------------------------------------------------------------- sections

    def headings(self) -> dict[str, str]:
        """Return the section headings."""
        _ = self._
        return {
            "profile": _("Customer profile"), "challenge": _("Challenge"), "solution": _("Solution"),
            "outcomes": _("Business outcomes and KPIs"), "execution": _("How we delivered customer success"),
            "results": _("Results"), "quote": _("Customer quote"), "next_steps": _("Next steps"),
        }

    def sections(self, level: int = 1) -> dict[str, list]:
        """Return the blocks of every section; their own sub-headings are at ``level`` + 1."""
        sub = level + 1
        out = {
            "profile": self.profile(sub), "challenge": self.challenge(sub), "solution": self.solution_part(sub),
            "outcomes": self.outcome_table(sub), "execution": self.execution(sub), "results": self.results(sub),
            # The quote is a call-out inside the results; the block stays (empty) for team templates that name it.
            "quote": [], "next_steps": self.md(self.ref.next_steps),
        }
        return {k: map_texts(v, self.scrub) for k, v in out.items()}

    def profile(self, level: int) -> list:
        """Return the customer profile table and summary."""
        _ = self._
        c, r = self.plan.customer, self.ref.profile
        products = [self.t(s.solution) for s in self.solutions(r.products)]
        rows = [
            (_("Customer"), self.customer_name()), (_("Industry"), self.t(c.industry)),
            (_("Region"), self.region()), (_("Size"), self.t(c.size)),
            # Segment and service tier are the partner's internal labels: only the internal variant shows them.
            (_("Segment"), self.enum(c.segment) if self.internal else ""),
            (_("Products in use"), bullets(products)),
            (_("CS service tier"), self.t(r.service_tier) if self.internal else ""),
            (_("Customer since"), self.f.date(c.contract.start)),
        ]
        if c.website and not self.anonymized:
            rows.append((_("Website"), [Para((Run(c.website, link=c.website),))]))
        return [facts(rows), *self.md(r.summary)]

    def challenge(self, level: int) -> list:
        """Return the pain points and why the customer bought."""
        _ = self._
        ch = self.ref.challenge
        return [self.h(_("Pain points"), level), *self.md(ch.pain_points),
                self.h(_("Why the customer bought"), level), *self.md(ch.why_they_bought)]

    def solution_part(self, level: int) -> list:
        """Return the products and services sold."""
        _ = self._
        sp = self.ref.solution
        rows = [[Cell([Para((Run(self.t(s.solution), bold=True),))]), Cell(self.md(s.business_case))]
                for s in self.solutions(sp.solutions)]
        blocks = [*self.md(sp.summary),
                  Table([_("Solution"), _("Business case: why the solution was bought")], rows, [2, 5])]
        services = [self.t(x) for x in sp.services]
        if self.ref.profile.service_tier and self.internal:
            services.append(_("Customer Success service, {tier} tier", tier=self.t(self.ref.profile.service_tier)))
        elif self.ref.profile.service_tier:
            # TRANSLATORS: a service in a customer-facing reference, without the partner's internal tier name.
            services.append(_("Customer Success service"))
        if services:
            blocks += [self.h(_("Services"), level), *bullets(services)]
        return blocks

    def outcome_table(self, level: int) -> list:
        """Return business outcome → initiative → KPI rows with baseline and target."""
        _ = self._
        f = self.f
        chosen = set(self.ref.execution.outcomes)
        rows = []
        for o, ini, k in self.kpi_index():
            if o.id not in chosen:
                continue
            rows.append([Cell([plain(self.t(o.title), bold=True), plain(self.enum(o.category), italic=True)]),
                         cell(self.t(ini.title)), cell(self.t(k.description)),
                         cell(_("{value} ({date})", value=f.measure(k.baseline.value, k.baseline.unit),
                                date=f.date(k.baseline.date))),
                         cell(_("{value} by {date}", value=f.measure(k.target.value, k.target.unit),
                                date=f.date(k.target.date)))])
        return [Table([_("Business outcome"), _("Initiative"), _("KPI"), _("Baseline"), _("Target")], rows,
                      [2.2, 2.4, 2.4, 1.6, 1.6], group=0, group_span=2)]

    def execution(self, level: int) -> list:
        """Return how the plan was run: stages, people, use cases, barriers, change and communication."""
        _ = self._
        f = self.f
        ex = self.ref.execution
        s = self.plan
        blocks: list = [*self.md(ex.summary)]
        # The partner's lifecycle stage names are internal labels; a vendor's assessor (the questionnaire) reads them.
        if ex.lifecycle_stages and self.internal:
            blocks += [self.h(_("Lifecycle stages covered"), level), *bullets(self.t(x) for x in ex.lifecycle_stages)]
        if ex.stakeholders:
            rows = [[cell(self.name(i)), cell(self.t(self.people[i].role)), cell(self.enum(self.people[i].side))]
                    for i in ex.stakeholders if i in self.people]
            blocks += [self.h(_("Stakeholders"), level),
                       Table([_("Name"), _("Role"), _("Side")], rows, [2, 3, 1])]
        if ex.use_cases:
            cases = {u.id: u for u in s.use_cases.use_cases}
            blocks += [self.h(_("Use cases and personas"), level), *bullets(
                user_story(_, self.locale, self.t(u.persona), self.t(u.want), self.t(u.so_that))
                for u in (cases[i] for i in ex.use_cases if i in cases))]
        ap = s.adoption_plan
        milestones = sorted(ap.milestones, key=lambda m: m.date)
        blocks += [self.h(_("Adoption plan"), level), *self.md(ap.strategy),
                   Table([_("Date"), _("Milestone"), _("Status")],
                         [[cell(f.date(m.date)), cell(self.t(m.name)), self.status(m.status)] for m in milestones],
                         [1.2, 4, 1.2])]
        if ex.barriers:
            by_id = {b.id: b for b in s.barriers.barriers}
            rows = [[cell(self.t(b.barrier)), cell(self.enum(b.type)), self.status(b.status),
                     Cell(self.md(b.resolution_path))] for b in (by_id[i] for i in ex.barriers if i in by_id)]
            blocks += [self.h(_("Adoption barriers overcome"), level),
                       Table([_("Adoption issue"), _("Type"), _("Status"), _("Resolution path")], rows,
                             [2.5, 1, 1.2, 4])]
        if ex.change_management or ex.processes:
            blocks += [self.h(_("Change management"), level), *self.md(ex.change_management)]
            by_id = {p.id: p for p in s.process_change.processes}
            rows = [[Cell([plain(self.t(p.name), bold=True), plain(_("Owner: {name}", name=self.who(p.owner)))]),
                     cell(bullets(self.t(x) for x in p.changes)), self.status(p.status)]
                    for p in (by_id[i] for i in ex.processes if i in by_id)]
            if rows:
                blocks.append(Table([_("Process and owner"), _("Changes"), _("Status")], rows, [2.2, 4, 1.2]))
        if ex.communication_training:
            st = s.communication.strategy
            blocks += [self.h(_("Communication and training"), level), *self.md(ex.communication_training)]
            if st.channels:
                # One line, not a column of one-word bullets.
                blocks.append(Para((Run(_("Channels") + ": ", bold=True),
                                    Run(", ".join(self.t(c) for c in st.channels)))))
        return blocks

    def results(self, level: int) -> list:
        """Return KPIs before and after (from the readings), outcome status and training evidence."""
        _ = self._
        f = self.f
        kpis = {k.id: (o, i, k) for o, i, k in self.kpi_index()}
        rows = []
        for kid in self.ref.results.kpis:
            if kid not in kpis:
                continue
            _o, _i, k = kpis[kid]
            r = self.achieved(kid)
            if r is None:
                continue
            rows.append([
                Cell([plain(self.t(k.description), bold=True), plain(self.enum(k.data_kind), italic=True)]),
                cell(_("{value} ({date})", value=f.measure(k.baseline.value, k.baseline.unit),
                       date=f.date(k.baseline.date))),
                cell(_("{value} ({date})", value=f.measure(r.value, k.baseline.unit), date=f.date(r.date))),
                cell(self.change(k.baseline.value, r.value, k.baseline.unit)),
                cell(f.measure(k.target.value, k.target.unit)),
                cell(self.t(r.source) or self.t(k.how_measured)),
            ])
        blocks: list = [*self.md(self.ref.results.summary),
                        Table([_("KPI"), _("Baseline"), _("Achieved"), _("Change"), _("Target"), _("How measured")],
                              rows, [2.6, 1.5, 1.5, 1.4, 1.2, 2])]
        # The customer's own words right after the numbers they speak about, set apart as a call-out.
        blocks.append(Callout(tuple(self.quote())))
        chosen = set(self.ref.execution.outcomes)
        status_rows = [[cell(self.t(o.title)), self.status(o.status)]
                       for o in self.plan.outcomes.outcomes if o.id in chosen]
        blocks += [self.h(_("Business outcome status"), level),
                   Table([_("Business outcome"), _("Status")], status_rows, [5, 1.2])]
        done = [a for a in self.plan.communication.activities if a.evidence and a.status is Status.COMPLETED]
        if done:
            rows = [[Cell([plain(self.t(a.activity), bold=True), plain(self.enum(a.kind), italic=True)]),
                     cell(self.t(a.audience)), cell(self.t(a.evidence)), cell(f.date(a.completed or a.when))]
                    for a in sorted(done, key=lambda a: a.completed or a.when)]
            blocks += [self.h(_("Communication and training evidence"), level),
                       Table([_("Activity"), _("Audience (Who)"), _("Evidence"), _("Date completed")], rows,
                             [2.2, 1.6, 3, 1.3])]
        return blocks

    def quote(self) -> list:
        """Return the executive statement and its speaker."""
        q = self.ref.quote
        paras = [replace(p, runs=tuple(replace(r, italic=True) for r in p.runs)) for p in self.md(q.text)]
        if q.by:
            speaker = self.who(q.by)
        else:
            speaker = q.name if not self.anonymized else ""
            speaker = ", ".join(x for x in (speaker, self.t(q.title)) if x)
        return [*paras, plain(f"— {speaker}", bold=True)]

    # ------------------------------------------------------------- the document

    def cover_headline(self) -> str:
        """Return the cover's headline: per business outcome, its first result that moved the way its target wants.

        E.g. "Average speed of answer for shipper calls down 63 % to 54 seconds; Total telephony cost per
        month down 20 % to 146,500 PLN" (a KPI's description up to its first comma or bracket; two at most).
        """
        _ = self._
        kpis = {k.id: (o, k) for o, _i, k in self.kpi_index()}
        parts, outcomes = [], set()
        for kid in self.ref.results.kpis:
            o, k = kpis.get(kid, (None, None))
            r = self.achieved(kid)
            if k is None or r is None or o.id in outcomes or len(parts) == 2:
                continue
            change, direction, good = kpi_change(self, k, r.value)
            if not good:
                continue
            outcomes.add(o.id)
            name = re.split(r"\s*[,(;:]", self.t(k.description), maxsplit=1)[0]
            value = self.f.measure(r.value, k.baseline.unit)
            if direction == "down":
                # TRANSLATORS: part of a reference's cover headline: a KPI fell by {change} (e.g. "63 %") to {value}.
                parts.append(_("{kpi} down {change} to {value}", kpi=name, change=change, value=value))
            else:
                # TRANSLATORS: part of a reference's cover headline: a KPI rose by {change} to {value}.
                parts.append(_("{kpi} up {change} to {value}", kpi=name, change=change, value=value))
        return self.scrub(self.headline(*parts))

    def notice(self) -> str:
        """Return the consent notice shown on the cover."""
        _ = self._
        cs = self.ref.consent
        if cs.use is ConsentUse.EXTERNAL:
            return _("Approved for external use by {name} on {date}; valid until {until}.",
                     name=self.who(cs.approved_by), date=self.f.date(cs.date), until=self.f.date(cs.until))
        if cs.use is ConsentUse.ANONYMIZED:
            return _("Anonymized reference approved by the customer on {date}; valid until {until}. The customer's "
                     "name and the names of people are withheld.", date=self.f.date(cs.date),
                     until=self.f.date(cs.until))
        return _("For internal use only: the customer has not approved publication.")

    def document(self) -> DocView:
        """Return the whole reference document."""
        _ = self._
        c = self.plan.customer
        name = self.customer_name()
        title = self.t(self.ref.title) if self.ref.title else _("{customer}: customer reference", customer=name)
        cover = facts([
            (_("Customer"), name), (_("Industry"), self.t(c.industry)), (_("Region"), self.region()),
            (_("Partner"), self.partner_name),
            (_("Customer Success manager"), self.who(c.cs_manager)),
            (_("Plan version"), _("v{version} of {date}", version=c.plan.version, date=self.f.date(c.plan.date))),
        ])
        # The customer's and the partner's logos side by side, equally tall.
        logo = [Picture(self.logo, None, _("{customer} logo", customer=name), 1.6)] if self.logo else []
        if self.partner_logo:
            logo.append(Picture(self.partner_logo, None, _("{partner} logo", partner=self.partner_name), 1.6))
        return DocView(
            locale=self.locale, title=self.scrub(title), author=self.name(c.cs_manager),
            subject=_("Customer reference"), created=c.plan.date,
            fields={
                "title": self.scrub(title),
                "subtitle": _("Customer reference · {customer}", customer=name),
                "headline": self.cover_headline(),
                "notice": self.scrub(self.notice()),
                "footer": _("{customer} · Customer reference · {date}", customer=name, date=self.f.date(c.plan.date)),
            },
            dicts={"labels": self.headings()},
            blocks={"logo": logo, "cover": map_texts([cover], self.scrub), **self.sections(1)},
            foreign=self.foreign,
        )


def reference_view(plan: Plan, locale: str, translate: Translator, content_rel: str,
                   logo: bytes | None = None, audience: str = "customer",
                   partner: tuple[str, bytes | None] | None = None) -> DocView:
    """Return the customer reference document of ``plan`` in ``locale`` for ``audience``."""
    return ReferenceView(plan, locale, translate, content_rel, logo, audience, partner).document()


def reference_tags() -> dict[str, set[str] | None]:
    """Return every tag a reference view provides: name → keys of a dictionary tag, or None."""
    tags: dict[str, set[str] | None] = {n: None for n in (*REFERENCE_FIELDS, *REFERENCE_BLOCKS)}
    tags.update({k: set(v) for k, v in REFERENCE_DICTS.items()})
    return tags
