"""The CX Specialization questionnaire (docs/domain.md §9) as a view: every question answered.

Questions 1–6 are answered from ``content/_partner/partner.yaml``; the
health score model in question 2 comes from ``content/_partner/health-model.yaml``
(the model the QBR scores with) when there is one, else from
``lifecycle.health_score``. Question 7 holds the two customer references,
built by :class:`pipeline.view.reference.ReferenceView` with their headings
two levels down.
"""

from __future__ import annotations

from pipeline.fields import Localized
from pipeline.health import gaps, interval
from pipeline.i18n import Translator
from pipeline.model import Plan
from pipeline.model.partner import PartnerFile, raci_letter
from pipeline.view import (
    Cell, DocView, Formatter, Heading, OrgChart, OrgUnit, Para, Picture, Run, Table, bullets, cell, markdown, plain,
)
from pipeline.view.lang import note, note_paras
from pipeline.view.reference import ReferenceView, facts

QUESTIONS = ("q1", "q2", "q3", "q4", "q5", "q6", "q7")
QUESTIONNAIRE_FIELDS = ("title", "subtitle", "notice", "footer", "contents", "contents_hint")
QUESTIONNAIRE_BLOCKS = ("logo", "cover", *QUESTIONS)
QUESTIONNAIRE_DICTS = {"labels": QUESTIONS, "questions": QUESTIONS}


def questionnaire_tags() -> dict[str, set[str] | None]:
    """Return every tag a questionnaire view provides: name → keys of a dictionary tag, or None."""
    tags: dict[str, set[str] | None] = {n: None for n in (*QUESTIONNAIRE_FIELDS, *QUESTIONNAIRE_BLOCKS)}
    tags.update({k: set(v) for k, v in QUESTIONNAIRE_DICTS.items()})
    return tags


class QuestionnaireView:
    """Builds the answers of the partner's questionnaire in one locale."""

    def __init__(self, partner: PartnerFile, references: list[tuple[Plan, str]], locale: str, _: Translator,
                 health_model=None, logo: bytes | None = None):
        self.p = partner
        self.logo = logo
        self.references = references
        self.locale = locale
        self._ = _
        self.f = Formatter(locale)
        self.health_model = health_model
        # Texts shown in a language other than ``locale`` (fallbacks), for the renderers' language tags.
        self.foreign: dict[str, str] = {}

    # ------------------------------------------------------------- helpers

    def t(self, value) -> str:
        """Return a content text in the output locale (falling back to the partner's source language)."""
        if value is None:
            return ""
        text, lang = self.written(value)
        note(self.foreign, text, lang, self.locale)
        return text

    def written(self, value) -> tuple[str, str]:
        """Return a content text in the output locale (else the partner's source language's) and its language."""
        if isinstance(value, Localized):
            return value.choose(self.locale, self.p.source_language)
        return str(value), self.p.source_language

    def md(self, value) -> list[Para]:
        """Return a prose field as paragraphs."""
        if value is None:
            return []
        paras = markdown(self.t(value))
        note_paras(self.foreign, paras, self.written(value)[1], self.locale)
        return paras

    def number(self, value) -> str:
        """Return a whole number or a decimal formatted for the locale (empty for None)."""
        return self.f.number(value) if value is not None else ""

    # ------------------------------------------------------------- questions

    def labels(self) -> dict[str, str]:
        """Return the short title of each question, numbered."""
        _ = self._
        titles = [_("Company overview & unique value proposition"), _("Differentiation through lifecycle services"),
                  _("Office locations & geographies served"),
                  _("Organization structure (org chart incl. CS organization)"),
                  _("Industry focus & ideal target customer"), _("Business plan"), _("Customer references (2)")]
        return {q: f"{n}. {title}" for n, (q, title) in enumerate(zip(QUESTIONS, titles), 1)}

    def questions(self) -> dict[str, str]:
        """Return the full text of each question."""
        _ = self._
        texts = [
            _("Please provide an overview of your company and your unique value proposition."),
            _("How does your company differentiate itself with lifecycle services?"),
            _("Where are your office locations and in which geographies do you serve customers?"),
            _("Please provide an overview of your organization structure. Attach an org chart that includes the "
              "Customer Success organization."),
            _("Describe your industry focus and ideal target customer."),
            _("Business plan: describe the business plan of your Customer Success practice and how you measure it."),
            _("Provide two customer references that show how you have executed your Customer Success practice."),
        ]
        return dict(zip(QUESTIONS, texts))

    def q1(self) -> list:
        """Return the company overview and value proposition."""
        _ = self._
        c = self.p.company
        link = [Para((Run(self.p.website, link=self.p.website),))] if self.p.website else ""
        table = facts([(_("Company"), self.p.name), (_("Founded"), str(c.founded) if c.founded else ""),
                       (_("Employees"), self.number(c.employees)),
                       (_("Certifications"), bullets(self.t(x) for x in c.certifications)), (_("Website"), link)])
        return [*self.md(c.overview), table, Heading(_("Unique value proposition"), 2), *self.md(c.value_proposition)]

    def q2(self) -> list:
        """Return the differentiation and the whole lifecycle methodology."""
        _ = self._
        lc = self.p.lifecycle
        blocks: list = [*self.md(lc.differentiation), Heading(_("Lifecycle methodologies"), 2),
                        *[Para((Run(self.t(m.name) + ": ", bold=True), Run(self.t(m.description))), kind="bullet")
                          for m in lc.methodologies]]
        blocks += [Heading(_("Lifecycle stages"), 2), Table(
            [_("Stage"), _("Market model"), _("Vendor lifecycle stages"), _("Activities"), _("Deliverables")],
            [[cell(self.t(s.name)), cell(self.t(s.market_model)), cell(", ".join(self.t(x) for x in s.vendor_stages)),
              cell(bullets(self.t(x) for x in s.activities)), cell(bullets(self.t(x) for x in s.deliverables))]
             for s in lc.stages], [1.6, 1.1, 1.6, 3, 2.4])]
        blocks += self.raci(lc)
        blocks.append(Heading(_("Hand-off processes"), 2))
        for h in lc.handoffs:
            blocks += self.handoff(h)
        blocks += self.health()
        stage_names = {s.id: self.t(s.name) for s in lc.stages}
        blocks += [Heading(_("Tools"), 2), Table(
            [_("Tool"), _("Purpose"), _("Used by"), _("Stages"), _("Input data from vendor tools")],
            [[Cell([plain(self.t(x.name), bold=True)]), cell(self.t(x.purpose)),
              cell(", ".join(self.t(u) for u in x.used_by)), cell(", ".join(stage_names.get(s, s) for s in x.stages)),
              cell(self.t(x.vendor_data))] for x in lc.tools],
            [1.6, 2.6, 1.6, 1.6, 2.2])]
        rows = []
        for tier in lc.service_tiers:
            response = _.plural("{count} minute", "{count} minutes", tier.initial_response_minutes) \
                if tier.initial_response_minutes is not None else "—"
            reviews = _.plural("{count} per year", "{count} per year", tier.business_reviews_per_year) \
                if tier.business_reviews_per_year else "—"
            name = [plain(self.t(tier.name), bold=True)] + ([plain(self.t(tier.summary))] if tier.summary else [])
            rows.append([Cell(name), cell(response), cell(reviews), cell(bullets(self.t(x) for x in tier.features))])
        blocks += [Heading(_("Service tiers"), 2), Table(
            [_("Tier"), _("Initial response, severity 1–2"), _("Adoption business reviews"), _("Includes")], rows,
            [2, 1.4, 1.4, 4])]
        if lc.services:
            blocks += [Heading(_("Customer Success service catalogue"), 2), *bullets(self.t(x) for x in lc.services)]
        return blocks

    def raci(self, lc) -> list:
        """Return the RACI per stage and its legend."""
        _ = self._
        stages = {s.id: s for s in lc.stages}

        def letter(row, role) -> Cell:
            # Centred; the one accountable role in bold, so A stands out without colour.
            text = (raci_letter(row.roles[role.id]) or "") if role.id in row.roles else ""
            return Cell([plain(text, bold="A" in text)] if text else [], align="center")

        rows = []
        for row in lc.raci:
            stage = stages.get(row.stage)
            # The stage repeats on each of its rows; the document merges the cells into one.
            rows.append([cell(self.t(stage.name) if stage else ""), Cell([plain(self.t(row.activity), bold=True)])] +
                        [letter(row, r) for r in lc.roles])
        table = Table([_("Stage"), _("Activity")] + [self.t(r.name) for r in lc.roles], rows,
                      [1.4, 1.3] + [1] * len(lc.roles), group=0)
        legend = [_("R – Responsible (does the work)"), _("A – Accountable (owns and approves; in bold)"),
                  _("C – Consulted"), _("I – Informed")]
        return [Heading(_("RACI per stage"), 2), table, plain("; ".join(legend), italic=True)]

    def handoff(self, h) -> list:
        """Return one hand-off process with its fields in the template's order."""
        _ = self._
        roles = [Para((Run(f"{letter}: ", bold=True), Run(", ".join(self.t(x) for x in names) or "—")))
                 for letter, names in (("R", h.roles.r), ("A", h.roles.a), ("C", h.roles.c), ("I", h.roles.i))]
        plan: list[Para] = []
        for n, step in enumerate(h.execution_plan, 1):
            plan.append(Para((Run(self.t(step.step)),), kind="number", number=n))
            plan.extend(bullets((self.t(x) for x in step.substeps), level=1))
        kind = {"generic": _("Generic hand-off (group to group)"),
                "specific": _("Specific hand-off (person to person)")}[h.kind.value]
        stage = next((self.t(s.name) for s in self.p.lifecycle.stages if s.id == h.stage), "")
        rows = [
            (_("Hand-off process"), ", ".join(x for x in (kind, stage) if x)), (_("Objective"), self.t(h.objective)),
            (_("Roles"), roles), (_("Execution plan"), plan),
            (_("Next steps"), bullets(self.t(x) for x in h.next_steps)),
            (_("Customer audience"), bullets(self.t(x) for x in h.customer_audience)),
            (_("Trigger / prerequisite"), self.t(h.trigger)), (_("Scope"), self.t(h.scope)),
            (_("Key resources"), bullets(self.t(x) for x in h.key_resources)),
            (_("Success criteria"), bullets(self.t(x) for x in h.success_criteria)),
        ]
        return [Heading(self.t(h.name), 3), facts(rows)]

    def health(self) -> list:
        """Return the health score model: from health-model.yaml when present, else as described in partner.yaml."""
        _ = self._
        blocks: list = [Heading(_("Health score model"), 2)]
        hm = self.health_model
        if hm is None:
            return blocks + self.md(self.p.lifecycle.health_score)
        f = self.f
        blocks += self.md(hm.description)
        blocks.append(plain(_("Overall score = {subjective} subjective scorecard + {objective} objective telemetry; "
                              "every answer and band scores {low}–{high} points.",
                              subjective=f.percent(hm.split.subjective), objective=f.percent(hm.split.objective),
                              low=f.number(hm.scale.min), high=f.number(hm.scale.max))))
        if hm.thresholds:
            blocks.append(plain(_("Green from {green}, amber from {amber}, red below.",
                                  green=f.number(hm.thresholds.green), amber=f.number(hm.thresholds.amber))))
        answers = {"yes": _("Yes or complete"), "in_progress": _("In progress, not complete"), "no": _("No")}
        points = "; ".join(f"{answers.get(k, k)} = {f.number(v)}" for k, v in hm.subjective.answers.items())
        rows = [[cell(self.t(x.name)), cell(f.percent(x.weight))] for x in hm.subjective.fields]
        rows.append([Cell([plain(_("Total"), bold=True)]),
                     Cell([plain(f.percent(sum(x.weight for x in hm.subjective.fields)), bold=True)])])
        blocks += [Heading(_("Subjective health score"), 3), plain(_("Points: {points}", points=points)),
                   Table([_("Scorecard field"), _("Weight to overall health score")], rows, [4, 1.5])]
        for offer in hm.offers:
            blocks.append(Heading(_("Objective health score: {offer}", offer=self.t(offer.name)), 3))
            if offer.applies_when:
                blocks.append(plain(self.t(offer.applies_when), italic=True))
            orows = [[Cell([plain(self.t(c.name), bold=True)]), cell(self.t(c.input)),
                      cell(self.bands(c)), cell(f.percent(c.weight))]
                     for c in offer.components]
            orows.append([Cell([plain(_("Total"), bold=True)]), cell(""), cell(""),
                          Cell([plain(f.percent(sum(c.weight for c in offer.components)), bold=True)])])
            blocks.append(Table([_("Component"), _("Input"), _("Bands → points"), _("Weight")], orows,
                                [1.8, 3, 2.6, 1]))
        return blocks

    def bands(self, component) -> list[Para]:
        """Return a component's bands as contiguous ranges in value order, each gap between them named as one.

        E.g. "over 40% to under 89% → 7", then "89% to under 90%: in no band …", then "90% and over → 10":
        an assessor sees that the ranges meet, or exactly where and why they do not.
        """
        _ = self._
        ivs = sorted(((interval(b, component.whole), b) for b in component.bands),
                     key=lambda x: (x[0].lower is not None, x[0].lower.value if x[0].lower else 0,
                                    not (x[0].lower.inclusive if x[0].lower else True)))
        after = {j: gap for _i, j, gap in gaps(component)}
        index = {id(b): n for n, b in enumerate(component.bands)}
        out = []
        for iv, b in ivs:
            if index[id(b)] in after:
                # TRANSLATORS: a range of an objective health component that no band scores (a gap in the model).
                out.append(plain(_("{range}: in no band of the model, not scored",
                                   range=self.range(after[index[id(b)]], component.unit)), italic=True))
            text = self._("{range} → {points}", range=self.range(iv, component.unit), points=self.f.number(b.score))
            out.append(plain(f"{text} ({self.t(b.label)})" if b.label else text))
        return out

    def range(self, iv, unit: str | None) -> str:
        """Return an interval of values in words: "over 40% to under 89%", "90% and over", "2–3"."""
        _ = self._
        f = self.f

        def value(v) -> str:
            return f.percent(v) if unit and unit.strip() == "%" else f.number(v)

        lo, hi = iv.lower, iv.upper
        if lo and hi and lo.value == hi.value:
            return value(lo.value)
        if lo and hi and lo.inclusive and hi.inclusive:
            return f"{value(lo.value)}–{value(hi.value)}"
        # TRANSLATORS: the lower end of a band that excludes its bound, e.g. "over 40%".
        low = (value(lo.value) if lo.inclusive else _("over {value}", value=value(lo.value))) if lo else ""
        # TRANSLATORS: the upper end of a band that excludes its bound, e.g. "under 89%".
        high = (value(hi.value) if hi.inclusive else _("under {value}", value=value(hi.value))) if hi else ""
        if low and high:
            # TRANSLATORS: a band from its lower to its upper end, e.g. "over 40% to under 89%".
            return _("{low} to {high}", low=low, high=high)
        if low:
            # TRANSLATORS: a band open at the top, e.g. "90% and over".
            return _("{low} and over", low=low) if lo.inclusive else low
        # TRANSLATORS: a band open at the bottom, e.g. "up to 40%".
        return _("up to {high}", high=high) if hi.inclusive else high

    def q3(self) -> list:
        """Return the offices and the geographies served."""
        _ = self._
        rows = []
        for o in self.p.offices:
            city = [plain(self.t(o.city), bold=True)] + ([plain(_("Headquarters"), italic=True)] if o.headquarters
                                                         else [])
            rows.append([Cell(city), cell(self.t(o.country)), cell(self.number(o.staff)),
                         cell(", ".join(self.t(x) for x in o.functions))])
        return [Table([_("Office"), _("Country"), _("Staff"), _("Functions")], rows, [1.6, 1.4, 0.8, 4]),
                Heading(_("Geographies served"), 2), *bullets(self.t(g) for g in self.p.geographies)]

    def q4(self) -> list:
        """Return the organisation: overview, units and the org chart drawn as a tree of boxes."""
        _ = self._
        org = self.p.organization
        units = {u.id: u for u in org.units}
        rows = []
        for u in org.units:
            lead = f"{u.lead.name}, {self.t(u.lead.title)}" if u.lead else ""
            name = [plain(self.t(u.name), bold=True)] + ([plain(_("Customer Success organization"), italic=True)]
                                                         if u.customer_success else [])
            rows.append([Cell(name), cell(lead), cell(self.number(u.headcount)),
                         cell(self.t(units[u.reports_to].name) if u.reports_to in units else ""),
                         cell(", ".join(self.t(r) for r in u.roles))])
        return [*self.md(org.overview),
                Table([_("Unit"), _("Lead"), _("Headcount"), _("Reports to"), _("Roles")], rows, [2, 2.4, 1, 1.6, 2.6]),
                Heading(_("Org chart"), 2), self.org_chart(),
                plain(_("Customer Success units are shaded, with a thick outline."), italic=True)]

    def org_chart(self) -> OrgChart:
        """Return the organisation as a tree of boxes (parents before children), described for screen readers."""
        _ = self._
        org = self.p.organization
        known = {u.id for u in org.units}
        order: list = []

        def walk(parent, depth):
            for u in org.units:
                if u.reports_to == parent or (parent is None and u.reports_to not in known):
                    order.append((u, depth))
                    walk(u.id, depth + 1)

        walk(None, 0)
        index = {u.id: n for n, (u, _d) in enumerate(order)}
        units, words = [], []
        for u, depth in order:
            people = _.plural("{count} person", "{count} people", u.headcount) if u.headcount is not None else ""
            lead = u.lead.name if u.lead else ""
            units.append(OrgUnit(self.t(u.name), tuple(x for x in (lead, people) if x), index.get(u.reports_to),
                                 u.customer_success))
            text = ", ".join(x for x in (lead, people) if x)
            text = f"{self.t(u.name)} ({text})" if text else self.t(u.name)
            if u.reports_to in known:
                # TRANSLATORS: one unit in the org chart's description for screen readers, e.g. "Sales (Joanna
                # Pietrzak, 42 people), reporting to Management board".
                text = _("{unit}, reporting to {parent}", unit=text,
                         parent=self.t(next(x.name for x in org.units if x.id == u.reports_to)))
            words.append(text)
        # TRANSLATORS: the org chart's alt text; {units} lists every unit, separated by semicolons.
        return OrgChart(tuple(units), _("Org chart: {units}", units="; ".join(words)))

    def q5(self) -> list:
        """Return the industry focus and the ideal target customer."""
        _ = self._
        rows = [[Cell([plain(self.t(i.name), bold=True)]), cell(self.f.percent(i.share) if i.share is not None else ""),
                 cell(self.t(i.note))] for i in self.p.industries]
        return [Heading(_("Industry focus"), 2), Table([_("Industry"), _("Share of revenue"), _("Note")], rows,
                                                       [2.4, 1.2, 4]),
                Heading(_("Ideal target customer"), 2), *self.md(self.p.ideal_customer)]

    def q6(self) -> list:
        """Return the business plan, its goals, how the practice is measured and the attachments."""
        _ = self._
        bp = self.p.business_plan
        blocks: list = [*self.md(bp.summary)]
        if bp.goals:
            blocks += [Heading(_("Goals"), 2), *bullets(self.t(g) for g in bp.goals)]
        if bp.metrics:
            area = {"business": _("Business"), "team": _("Team"), "customer": _("Customer")}
            rows = [[cell(area[m.area.value]), Cell([plain(self.t(m.name), bold=True)]), cell(self.t(m.target)),
                     cell(self.t(m.current))] for m in bp.metrics]
            blocks += [Heading(_("How we measure the practice"), 2),
                       Table([_("Area"), _("Metric"), _("Target"), _("Current")], rows, [1.2, 3, 2, 2])]
        if bp.attachments:
            blocks += [Heading(_("Attachments"), 2)]
            blocks += [Para((Run(self.t(a.title), link=a.url),), kind="bullet") for a in bp.attachments]
        return blocks

    def q7(self) -> list:
        """Return the two customer references, each with its sections two levels down."""
        _ = self._
        blocks: list = [plain(_("The two references below show how we ran our Customer Success practice with "
                                "customers, from the business outcomes to the measured results."))]
        for n, (plan, content_rel) in enumerate(self.references, 1):
            # The internal variant: a vendor's assessor reads the lifecycle stages, tier and segment.
            view = ReferenceView(plan, self.locale, self._, content_rel, audience="internal")
            headings = view.headings()
            blocks.append(Heading(_("Reference {number}: {customer}", number=n, customer=view.customer_name()), 2))
            blocks.append(plain(view.scrub(view.notice()), italic=True))
            for key, section in view.sections(level=3).items():
                if section:
                    blocks += [Heading(headings[key], 3), *section]
            for text, lang in view.foreign.items():
                self.foreign.setdefault(text, lang)
        return blocks

    # ------------------------------------------------------------- the document

    def document(self) -> DocView:
        """Return the whole questionnaire."""
        _ = self._
        p = self.p
        date = self.f.date(p.edition.date)
        cover = facts([
            (_("Partner"), p.name),
            # TRANSLATORS: the specialization the questionnaire applies for, on its cover.
            (_("Specialization"), _("Cisco Customer Experience (CX) Specialization: Customer Success practice")),
            (_("Date"), date), (_("Version"), p.edition.version),
            (_("Contact"), f"{p.contact.name}, {self.t(p.contact.title)}"), (_("Email"), p.contact.email or ""),
        ])
        logo = [Picture(self.logo, None, _("{partner} logo", partner=p.name), 1.6)] if self.logo else []
        return DocView(
            locale=self.locale,
            title=_("CX Specialization – Customer Success Practice Questionnaire"),
            author=p.contact.name, subject=_("Customer Success Practice Questionnaire"), created=p.edition.date,
            fields={
                "title": _("CX Specialization – Customer Success Practice Questionnaire"),
                "subtitle": p.name,
                "notice": _("All questions are mandatory."),
                "contents": _("Contents"),
                # TRANSLATORS: shown in place of the table of contents until the word processor fills it in.
                "contents_hint": _("The table of contents is filled in when the document is opened or printed."),
                "footer": _("{partner} · CX Specialization questionnaire · v{version} · {date}", partner=p.name,
                            version=p.edition.version, date=date),
            },
            dicts={"labels": self.labels(), "questions": self.questions()},
            blocks={"logo": logo, "cover": [cover], **{q: getattr(self, q)() for q in QUESTIONS}},
            foreign=self.foreign,
        )


def questionnaire_view(partner: PartnerFile, references: list[tuple[Plan, str]], locale: str,
                       translate: Translator, health_model=None, logo: bytes | None = None) -> DocView:
    """Return the questionnaire of ``partner`` with its two references, in ``locale``."""
    return QuestionnaireView(partner, references, locale, translate, health_model, logo).document()
