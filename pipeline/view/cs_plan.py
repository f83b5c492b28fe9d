"""The CS plan deck as a view: one part per plan section, in the order of docs/domain.md §3."""

from __future__ import annotations

from decimal import Decimal

from pipeline.fields import Localized
from pipeline.i18n import Translator
from pipeline.model import Plan, Status
from pipeline.registry import Storyline
from pipeline.view import (
    Cell, Chart, Deck, Formatter, Para, Run, Series, Slide, Table, bullets, cell, markdown, plain,
)
from pipeline.view.storyline import assemble

STATUS_COLOR = {Status.COMPLETED: "green", Status.IN_PROGRESS: "amber", Status.NOT_STARTED: "red"}


class PlanView:
    """Builds the slides of one plan in one locale."""

    def __init__(self, plan: Plan, locale: str, _: Translator, content_rel: str, logo: bytes | None = None,
                 storyline: Storyline | None = None, audience: str = "customer"):
        self.plan = plan
        self.storyline = storyline
        self.audience = audience
        self.locale = locale
        self._ = _
        self.f = Formatter(locale)
        self.src = content_rel
        self.logo = logo
        self.source_language = plan.customer.source_language
        self.fallbacks: list[str] = []
        people = plan.stakeholders.stakeholders
        self.people = {p.id: p for p in people}

    # ------------------------------------------------------------- helpers

    def t(self, value) -> str:
        """Return a content text in the output locale (falling back to the source language)."""
        if value is None:
            return ""
        if isinstance(value, Localized):
            text, fell_back = value.pick(self.locale, self.source_language)
            return text
        return str(value)

    def md(self, value) -> list[Para]:
        """Return a prose field as paragraphs."""
        return markdown(self.t(value)) if value is not None else []

    def who(self, ref: str | None) -> str:
        """Return a stakeholder's name (and title) for a reference."""
        if not ref:
            return ""
        p = self.people.get(ref)
        return f"{p.name} ({self.t(p.title)})" if p else ref

    def name(self, ref: str | None) -> str:
        """Return a stakeholder's name for a reference."""
        p = self.people.get(ref) if ref else None
        return p.name if p else (ref or "")

    def status(self, value: Status) -> Cell:
        """Return a status word in a RAG-coloured cell."""
        _ = self._
        label = {
            # TRANSLATORS: progress status of an outcome, barrier, task or activity, in a green table cell.
            Status.COMPLETED: _("Completed"),
            # TRANSLATORS: progress status, in an amber table cell.
            Status.IN_PROGRESS: _("In progress"),
            # TRANSLATORS: progress status, in a red table cell.
            Status.NOT_STARTED: _("Not started"),
        }[value]
        return Cell([plain(label, bold=True)], STATUS_COLOR[value])

    def note(self, *sections: str) -> list[str]:
        """Return speaker notes naming the source files of a slide."""
        files = ", ".join(f"{self.src}/{s}.yaml" for s in sections)
        # TRANSLATORS: speaker notes; {files} lists the content files (paths) the slide was built from.
        return [self._("Source: {files}", files=files)]

    def enum(self, value) -> str:
        """Return the label of an enum value."""
        return self.labels().get(value.value, value.value.replace("_", " ").capitalize())

    def labels(self) -> dict[str, str]:
        """Return the labels of every enum value, translated."""
        _ = self._
        return {
            # Business outcome categories.
            "cost_efficiency": _("Cost efficiency"), "business_growth": _("Business growth"),
            "security": _("Security"), "risk_management": _("Risk management"),
            "employee_satisfaction": _("Employee satisfaction"), "corporate_reputation": _("Corporate reputation"),
            "time_to_market": _("Time to market"),
            # TRANSLATORS: how often a KPI is measured (a table cell).
            "daily": _("Daily"),
            "weekly": _("Weekly"), "monthly": _("Monthly"), "quarterly": _("Quarterly"), "yearly": _("Yearly"),
            # TRANSLATORS: where a KPI's numbers come from: measured by systems, or asked in a survey.
            "objective": _("Objective (telemetry)"),
            "subjective": _("Subjective (survey)"),
            # TRANSLATORS: type of an adoption barrier (a problem or issue): technical or business.
            "technical": _.pgettext("barrier type", "Technical"),
            # TRANSLATORS: type of an adoption barrier (a problem or issue): technical or business.
            "business": _.pgettext("barrier type", "Business"),
            # TRANSLATORS: whether a persona works inside or outside the customer's organisation.
            "internal": _("Internal"),
            "external": _("External"),
            # TRANSLATORS: which organisation a person belongs to (the customer, a partner or the vendor);
            # "Customer" is also the label of the customer's name in the profile table.
            "customer": _("Customer"),
            "partner": _("Partner"), "vendor": _("Vendor"),
            # Customer segments (touch models): docs/glossary.md §11 keeps them in English in some languages.
            "low_touch": _("Low touch"), "middle_touch": _("Middle touch"), "high_touch": _("High touch"),
            # TRANSLATORS: status of a service contract (agree with your word for "Service contract").
            "active": _("Active"),
            # TRANSLATORS: status of a service contract that ends soon.
            "expiring": _("Expiring"),
            # TRANSLATORS: status of a service contract that has ended.
            "expired": _("Expired"),
            # TRANSLATORS: status of a service contract: there is none.
            "none": _("None"),
            # TRANSLATORS: the period of a recurring amount, shown after it ("PLN 86,000 per month").
            "month": _("per month"),
            "quarter": _("per quarter"), "year": _("per year"),
            # TRANSLATORS: kind of activity in the communication plan: a communication or a training.
            "communication": _("Communication"),
            "training": _("Training"),
            # Kinds of key wins (docs/domain.md §3 S8).
            "policy_governance": _("Policy & governance change"), "expand_opportunity": _("Expand opportunity"),
            "customer_celebration": _("Customer celebration"), "end_of_life": _("End-of-life products"),
            "customer_advocates": _("Customer advocates"), "case_studies": _("Case studies"),
        }

    def kpi_index(self):
        """Return every KPI with its outcome and initiative, in plan order."""
        for o in self.plan.outcomes.outcomes:
            for ini in o.initiatives:
                for k in ini.kpis:
                    yield o, ini, k

    def readings(self, kpi_id: str):
        """Return the readings of a KPI sorted by date."""
        return sorted((r for r in self.plan.measurements.readings if r.kpi == kpi_id), key=lambda r: r.date)

    # ------------------------------------------------------------- the deck

    def parts(self) -> dict:
        """Return every part of the deck by its storyline name: a function making its slides."""
        _ = self._
        sections = {
            "summary": (_("Executive summary"), self.summary),
            "solution": (_("Products & solution sold"), self.solution),
            "outcomes": (_("Business outcomes"), self.outcomes),
            "stakeholders": (_("Stakeholder mapping"), self.stakeholders),
            "kpis": (_("Key performance indicators (KPIs)"), self.kpis),
            "use-cases": (_("Use case & persona identification"), self.use_cases),
            "barriers": (_("Adoption barriers"), self.barriers),
            "adoption": (_("Adoption plan & strategy"), self.adoption),
            "process-change": (_("Business process integration – change management"), self.process_change),
            "communication": (_("Communication, training & timelines"), self.communication),
            "measurements": (_("Measurement results"), self.measurements),
            "next-steps": (_("Next steps"), self.next_steps),
        }
        shown = [title for name, (title, _f) in sections.items() if name in self.storyline.main]
        parts = {"agenda": lambda: [Slide("content", _("Agenda"),
                                          body=[Para((Run(t),), kind="number", number=i)
                                                for i, t in enumerate(shown, 1)],
                                          notes=self.note("customer"))]}
        for name, (title, build) in sections.items():
            parts[name] = (lambda title=title, build=build: build(title))
        return parts

    def deck(self) -> Deck:
        """Return the whole deck: the cover, the storyline's main flow, then its appendix."""
        _ = self._
        c = self.plan.customer
        # TRANSLATORS: title of the divider slide before the appendix (supporting detail) of a deck.
        slides = assemble([self.title_slide()], self.parts(), self.storyline, self.audience, _("Appendix"))
        # TRANSLATORS: title of a slide continued from the previous one because its table or text did not fit.
        continued = _("{title} (cont.)")
        for s in slides:
            s.continued = continued
        return Deck(
            locale=self.locale,
            title=_("{customer} — Customer Success Plan", customer=c.name),
            author=self.name(c.cs_manager),
            subject=_("Customer Success Plan v{version}", version=c.plan.version),
            created=c.plan.date,
            slides=slides,
            footer=_("{customer} · Customer Success Plan v{version} · {date}", customer=c.name,
                     version=c.plan.version, date=self.f.date(c.plan.date)),
        )

    def title_slide(self) -> Slide:
        """Return the cover: customer, plan version and date, CS manager, logo."""
        _ = self._
        c = self.plan.customer
        return Slide(
            "title", _("{customer} — Customer Success Plan", customer=c.name),
            subtitle=[
                # TRANSLATORS: cover slide; {version} is the plan's version (e.g. 2.1), {date} the plan date.
                _("Plan v{version} · {date}", version=c.plan.version, date=self.f.date(c.plan.date)),
                _("Customer Success Manager: {name}", name=self.who(c.cs_manager)),
            ],
            picture=self.logo,
            notes=self.note("customer"),
        )

    def summary(self, title: str) -> list[Slide]:
        """Return the executive summary and the customer profile."""
        _ = self._
        c = self.plan.customer
        f = self.f
        profile = [
            # Labels of the customer profile table (label | value).
            (_("Customer"), c.name), (_("Industry"), self.t(c.industry)), (_("Region"), self.t(c.region)),
            # TRANSLATORS: the customer's touch model (low, middle or high touch).
            (_("Segment"), self.enum(c.segment)),
            # TRANSLATORS: size of the customer's company (e.g. employees, revenue).
            (_("Size"), self.t(c.size)),
            (_("Website"), c.website or ""),
            (_("CS manager"), self.who(c.cs_manager)),
            (_("Account team"), ", ".join(self.who(x) for x in c.account_team)),
            (_("Plan version"), c.plan.version), (_("Plan date"), f.date(c.plan.date)),
            # TRANSLATORS: the period of the customer's contract (start – end dates).
            (_("Contract"), f"{f.date(c.contract.start)} – {f.date(c.contract.end)}"),
            # TRANSLATORS: the date the contract is up for renewal.
            (_("Renewal"), f.date(c.contract.renewal)),
            (_("Contract value"), self.money(c.contract.value)),
            # TRANSLATORS: the languages the plan is written and presented in (a list of language names).
            (_("Languages"), ", ".join(f.language(x) for x in dict.fromkeys([c.source_language, *c.output_locales]))),
            # TRANSLATORS: size of the plan: counts of business outcomes, KPIs and stakeholders.
            (_("Plan scope"), self.scope()),
        ]
        rows = [[cell(k), cell(v)] for k, v in profile if v]
        if c.website:
            rows[[r[0].text for r in rows].index(_("Website"))][1] = Cell([Para((Run(c.website, link=c.website),))])
        return [
            Slide("content", title, body=self.md(c.summary), notes=self.note("customer")),
            # TRANSLATORS: column headers of a two-column table of labels and their values.
            Slide("table", _("Customer profile"), table=Table([_("Field"), _("Value")], rows, [1, 3]),
                  notes=self.note("customer")),
        ]

    def scope(self) -> str:
        """Return the counts of outcomes, KPIs and stakeholders, each in its plural form."""
        _ = self._
        n_outcomes = len(self.plan.outcomes.outcomes)
        n_kpis = sum(1 for _k in self.kpi_index())
        n_people = len(self.plan.stakeholders.stakeholders)
        return " · ".join((
            _.plural("{count} business outcome", "{count} business outcomes", n_outcomes,
                     count=self.f.number(n_outcomes)),
            # TRANSLATORS: give KPI a noun that declines (e.g. "ключевых показателей", "wskaźników KPI").
            _.plural("{count} KPI", "{count} KPIs", n_kpis, count=self.f.number(n_kpis)),
            _.plural("{count} stakeholder", "{count} stakeholders", n_people, count=self.f.number(n_people)),
        ))

    def money(self, m) -> str:
        """Return a Money value formatted, with its period."""
        if m is None:
            return ""
        text = self.f.money(m.amount, m.currency)
        # TRANSLATORS: a recurring amount and its period, e.g. "PLN 86,000 per year".
        return self._("{amount} {period}", amount=text, period=self.enum(m.period)) if m.period else text

    def solution(self, title: str) -> list[Slide]:
        """Return the solution table and one detail table per solution."""
        _ = self._
        sol = self.plan.solution
        outcome_titles = {o.id: self.t(o.title) for o in self.plan.outcomes.outcomes}
        rows = []
        for s in sol.solutions:
            name = [Para((Run(self.t(s.solution), bold=True, link=s.url),))]
            if s.url:
                name.append(Para((Run(s.url, link=s.url),)))
            rows.append([Cell(name), Cell(self.md(s.business_case)),
                         cell(bullets(outcome_titles.get(o, o) for o in s.outcomes))])
        slides = []
        if sol.summary:
            slides.append(Slide("content", title, body=self.md(sol.summary), notes=self.note("solution")))
        slides.append(Slide("table", title, table=Table(
            [_("Solution"), _("Business case: why the solution was bought"), _("Business outcomes")], rows,
            [2, 4, 2]), notes=self.note("solution", "outcomes")))
        for s in sol.solutions:
            t = self.t
            details = [
                (_("Components"), bullets(t(x) for x in s.components)),
                (_("Bill of materials"), bullets(t(x) for x in s.bom)),
                # TRANSLATORS: a license line: the SKU (product code) times the quantity bought.
                (_("Licenses"), bullets(_("{sku} × {quantity}", sku=lic.sku, quantity=self.f.number(lic.quantity))
                                        + (f" — {t(lic.description)}" if lic.description else "")
                                        for lic in s.licenses)),
                (_("Serial numbers"), ", ".join(s.serial_numbers)),
                (_("Software version"), s.software_version or ""),
                (_("Service contract"), self.contract(s.service_contract)),
                (_("SO/PO references"), ", ".join(s.so_po_refs)),
                (_("Third-party dependencies"), bullets(t(x) for x in s.third_party_dependencies)),
                (_("Practices to adopt"), bullets(t(x) for x in s.practices_to_adopt)),
                (_("Practices to stop"), bullets(t(x) for x in s.practices_to_stop)),
            ]
            rows = [[cell(k), cell(v)] for k, v in details if v]
            if rows:
                # TRANSLATORS: title of the detail slide of one solution: the section title, then its name.
                heading = _("{section}: {solution}", section=title, solution=t(s.solution))
                slides.append(Slide("table", heading, table=Table([_("Field"), _("Value")], rows, [1, 3]),
                                    notes=self.note("solution")))
        return slides

    def contract(self, sc) -> str:
        """Return a service contract as one line."""
        if sc is None:
            return ""
        parts = [self.enum(sc.status)]
        if sc.coverage:
            parts.append(self.t(sc.coverage))
        if sc.until:
            # TRANSLATORS: a service contract is valid until {date}.
            parts.append(self._("until {date}", date=self.f.date(sc.until)))
        return " · ".join(parts)

    def outcomes(self, title: str) -> list[Slide]:
        """Return the outcome summary, the outcome → initiative table and success factors."""
        _ = self._
        oc = self.plan.outcomes
        rows = []
        for o in sorted(oc.outcomes, key=lambda o: o.priority):
            inits = [Para((Run(self.t(i.title), bold=True),)) for i in o.initiatives]
            for i in o.initiatives:
                if i.description:
                    inits.extend(self.md(i.description))
            head = [Para((Run(self.t(o.title), bold=True),)), plain(self.enum(o.category), italic=True)]
            head.extend(self.md(o.description))
            rows.append([Cell(head), Cell(inits), cell(str(o.priority)), self.status(o.status)])
        slides = [
            Slide("content", title, body=self.md(oc.summary), notes=self.note("outcomes")),
            Slide("table", title, table=Table([_("Business outcome"), _("Strategic priority / initiative"),
                                               _("Customer priority"), _("Status")], rows, [3, 4, 1.2, 1.5]),
                  notes=self.note("outcomes")),
        ]
        csf_rows = []
        for o in oc.outcomes:
            for n, csf in enumerate(o.critical_success_factors, 1):
                csf_rows.append([cell(self.t(o.title) if n == 1 else ""),
                                 cell(f"{n}. {self.t(csf.name)}" + (f" — {self.t(csf.problem)}" if csf.problem else "")),
                                 cell(self.t(csf.status))])
        if csf_rows:
            slides.append(Slide("table", _("Critical success factors"), table=Table(
                [_("Expected outcome"), _("Critical success factors"), _("Current status")], csf_rows, [2, 3, 3]),
                notes=self.note("outcomes")))
        return slides

    def stakeholders(self, title: str) -> list[Slide]:
        """Return the stakeholder map table."""
        _ = self._
        rows = []
        for p in self.plan.stakeholders.stakeholders:
            # TRANSLATORS: roles a stakeholder may have, listed in the "Flags" column.
            flags = [label for on, label in ((p.sponsor, _("Sponsor")), (p.champion, _("Champion")),
                                             (p.end_user_group, _("End users"))) if on]
            name = [Para((Run(p.name, bold=True),)), plain(self.t(p.title))]
            if p.contact:
                link = p.contact if ":" in p.contact else f"mailto:{p.contact}" if "@" in p.contact else None
                name.append(Para((Run(p.contact, link=link),)))
            rows.append([Cell(name), cell(self.t(p.group)), cell(self.t(p.role)), cell(self.t(p.responsibility)),
                         cell(self.enum(p.side)), cell(", ".join(flags))])
        return [Slide("table", title, table=Table(
            # TRANSLATORS: stakeholder table headers; "Side" = which organisation (customer, partner, vendor),
            # "Flags" = sponsor, champion, end users.
            [_("Name"), _("Group"), _("Role"), _("Responsibility"), _("Side"), _("Flags")], rows,
            [2.4, 1.6, 2, 3, 1.1, 1.4]), notes=self.note("stakeholders"))]

    def kpis(self, title: str) -> list[Slide]:
        """Return the KPI table, KPI details, per-KPI charts and the outcome status chart."""
        _ = self._
        f = self.f
        rows, details = [], []
        for o, ini, k in self.kpi_index():
            rows.append([
                Cell([Para((Run(self.t(k.description), bold=True),)), plain(self.t(ini.title), italic=True)]),
                # TRANSLATORS: a KPI baseline: its value, measured on {date}.
                cell(_("{value} on {date}", value=f.measure(k.baseline.value, k.baseline.unit),
                       date=f.date(k.baseline.date))),
                # TRANSLATORS: a KPI target: the value to reach by {date}.
                cell(_("{value} by {date}", value=f.measure(k.target.value, k.target.unit),
                       date=f.date(k.target.date))),
                cell(self.t(k.how_measured)), cell(self.enum(k.frequency)), cell(self.name(k.owner)),
            ])
            details.append([cell(self.t(k.description)), cell(self.t(o.title)), cell(self.enum(k.data_kind)),
                            cell(bullets(self.t(e) for e in k.evidence)), cell(self.t(k.success_factors))])
        slides = [
            Slide("table", title, table=Table([_("KPI description"), _("Baseline"), _("Target"), _("How measured"),
                                               _("Frequency (When)"), _("Owner (Who)")], rows,
                                              [3.2, 1.8, 1.8, 2.4, 1.2, 1.6]), notes=self.note("outcomes")),
            # TRANSLATORS: "Data" = where the KPI's numbers come from (telemetry or survey).
            Slide("table", _("KPI details"), table=Table([_("KPI"), _("Business outcome"), _("Data"), _("Evidence"),
                                                          _("Success factors")], details, [2.5, 2.5, 1.5, 2.5, 2.5]),
                  notes=self.note("outcomes")),
        ]
        for o, ini, k in self.kpi_index():
            slides.append(self.kpi_charts(k))
        counts = {s: sum(1 for o in self.plan.outcomes.outcomes if o.status is s) for s in Status}
        slides.append(Slide("chart", _("Outcome status"), charts=[Chart(
            "bar", _("Business outcomes by status"),
            [self.status(s).text for s in (Status.COMPLETED, Status.IN_PROGRESS, Status.NOT_STARTED)],
            [Series(_("Business outcomes"), [counts[s] for s in (Status.COMPLETED, Status.IN_PROGRESS,
                                                                 Status.NOT_STARTED)])],
            number_format="0", empty_text=_("No business outcomes yet."))], notes=self.note("outcomes")))
        return slides

    def kpi_charts(self, k) -> Slide:
        """Return a slide with a KPI's baseline → latest → target bars and its readings over time."""
        _ = self._
        f = self.f
        readings = self.readings(k.id)
        latest = readings[-1].value if readings else None
        unit = k.baseline.unit
        fmt = "0%" if unit == "%" else "#,##0.##"
        # Divide the Decimal, not the float: 3.6 / 100 must be 0.036, not 0.036000000000000004.
        scale = (lambda v: None if v is None else float(Decimal(v) / 100)) if unit == "%" else \
            (lambda v: None if v is None else float(v))
        # TRANSLATORS: chart title; {unit} is the KPI's unit as written in the content (%, min, PLN).
        bar = Chart("column", _("Baseline → latest → target ({unit})", unit=unit),
                    # TRANSLATORS: chart categories: the KPI's baseline value, latest reading and target value.
                    [_("Baseline"), _("Latest"), _("Target")],
                    [Series(self.t(k.description), [scale(k.baseline.value), scale(latest), scale(k.target.value)])],
                    number_format=fmt)
        points = [(k.baseline.date, k.baseline.value)] + [(r.date, r.value) for r in readings]
        line = Chart("line", _("Readings over time ({unit})", unit=unit), [f.date(d) for d, _v in points],
                     # TRANSLATORS: a measured value of a KPI (a noun), also a column header.
                     [Series(_("Reading"), [scale(v) for _d, v in points]),
                      Series(_("Target"), [scale(k.target.value)] * len(points))],
                     number_format=fmt, empty_text=_("No readings yet for this KPI."))
        if not readings:
            line.series = [Series(_("Reading"), [None])]
            line.categories = []
        return Slide("chart", self.t(k.description), charts=[bar, line],
                     notes=self.note("outcomes", "measurements"))

    def use_cases(self, title: str) -> list[Slide]:
        """Return user groups and the use case table."""
        _ = self._
        uc = self.plan.use_cases
        groups = {g.id: g for g in uc.groups}
        outcome_titles = {o.id: self.t(o.title) for o in self.plan.outcomes.outcomes}
        kpi_titles = {k.id: self.t(k.description) for _o, _i, k in self.kpi_index()}
        rows = []
        for u in uc.use_cases:
            # TRANSLATORS: a user story; the placeholders are texts from the plan (a persona, a wish, a benefit).
            story = _("As a {persona}, I want {want} so that {benefit}.", persona=self.t(u.persona),
                      want=self.t(u.want), benefit=self.t(u.so_that))
            who = [self.t(groups[g].name) if g in groups else g for g in u.groups] + [self.name(p) for p in u.people]
            links = [outcome_titles.get(o, o) for o in u.outcomes] + [kpi_titles.get(k, k) for k in u.kpis]
            rows.append([Cell([Para((Run(self.t(u.persona), bold=True),)), plain(self.enum(u.persona_type),
                                                                                 italic=True)]),
                         cell(story), cell(bullets(who)), cell(bullets(links))])
        slides = []
        if uc.groups:
            grows = [[cell(self.t(g.name)), cell(", ".join(self.name(m) for m in g.members)),
                      cell(self.name(g.champion)), cell(self.name(g.adoption_lead))] for g in uc.groups]
            slides.append(Slide("table", _("User groups"), table=Table(
                [_("Group"), _("Members"), _("Champion"), _("Adoption lead")], grows, [2, 4, 2, 2]),
                notes=self.note("use-cases", "stakeholders")))
        slides.insert(0, Slide("table", title, table=Table(
            [_("Persona"), _("Use case description"), _("Groups and people"), _("Outcomes and KPIs")], rows,
            [1.8, 4, 2.2, 2.6]), notes=self.note("use-cases")))
        return slides

    def barriers(self, title: str) -> list[Slide]:
        """Return the barrier table with RAG statuses."""
        _ = self._
        f = self.f
        rows = []
        for b in self.plan.barriers.barriers:
            frame = f"{f.date(b.timeframe.start)} – {f.date(b.timeframe.end)}" if b.timeframe else ""
            rows.append([cell(self.t(b.barrier)), cell(self.enum(b.type)), self.status(b.status), cell(frame),
                         Cell(self.md(b.resolution_path)), cell(self.name(b.owner))])
        return [Slide("table", title, table=Table(
            [_("Adoption issue"), _("Type"), _("Status"), _("Timeframe"), _("Resolution path"), _("Owner")], rows,
            [3, 1.2, 1.4, 2, 4, 1.6]), notes=self.note("barriers", "stakeholders"))]

    def adoption(self, title: str) -> list[Slide]:
        """Return strategy, the dated timeline, tasks, success criteria and journeys."""
        _ = self._
        f = self.f
        ap = self.plan.adoption_plan
        slides = [Slide("content", title, body=self.md(ap.strategy), notes=self.note("adoption-plan"))]
        events = []
        for ph in ap.phases:
            events.append((ph.start, 0, [cell(f"{f.date(ph.start)} – {f.date(ph.end)}"),
                                         # TRANSLATORS: a phase of the adoption plan in the timeline.
                                         Cell([plain(_("Phase: {name}", name=self.t(ph.name)), bold=True)]),
                                         cell(self.t(ph.description)), cell("")]))
        for m in ap.milestones:
            events.append((m.date, 1, [cell(f.date(m.date)), cell(_("Milestone: {name}", name=self.t(m.name))),
                                       cell(self.t(m.checkpoint)), self.status(m.status)]))
        rows = [r for _d, _k, r in sorted(events, key=lambda e: (e[0], e[1]))]
        slides.append(Slide("table", _("Timeline"), table=Table(
            [_("When"), _("Phase / milestone"), _("Checkpoint"), _("Status")], rows, [2.2, 3, 4.5, 1.5]),
            notes=self.note("adoption-plan")))
        milestone_names = {m.id: self.t(m.name) for m in ap.milestones}
        if ap.tasks:
            trows = [[cell(self.t(t.task)), cell(self.enum(t.side)), cell(self.name(t.owner)), cell(f.date(t.due)),
                      self.status(t.status), cell(milestone_names.get(t.milestone, t.milestone or "")),
                      cell(self.t(t.knowledge_gap))] for t in sorted(ap.tasks, key=lambda t: t.due)]
            slides.append(Slide("table", _("Tasks"), table=Table(
                # TRANSLATORS: task table headers; "Side" = which organisation does the task.
                [_("Task"), _("Side"), _("Owner"), _("Due date"), _("Status"), _("Milestone"), _("Knowledge gap")],
                trows, [3, 1.2, 1.6, 1.5, 1.4, 2, 2.4]), notes=self.note("adoption-plan", "stakeholders")))
        body = [plain(_("Success criteria"), bold=True)] + bullets(self.t(x) for x in ap.success_criteria)
        right: list[Para] = []
        if ap.adoption_journeys:
            right.append(plain(_("Adoption journeys"), bold=True))
            for j in ap.adoption_journeys:
                right.append(Para((Run(self.t(j.technology), bold=True),), kind="bullet"))
                right.append(Para((Run(" → ".join(self.t(s) for s in j.stages)),), level=1, kind="bullet"))
                outcome_titles = {o.id: self.t(o.title) for o in self.plan.outcomes.outcomes}
                kpi_titles = {k.id: self.t(k.description) for _o, _i, k in self.kpi_index()}
                linked = [outcome_titles.get(o, o) for o in j.outcomes] + [kpi_titles.get(k, k) for k in j.kpis]
                if linked:
                    right.append(Para((Run(", ".join(linked), italic=True),), level=1, kind="bullet"))
        if right:
            slides.append(Slide("two_column", _("Success criteria and adoption journeys"), left=body, right=right,
                                notes=self.note("adoption-plan")))
        else:
            slides.append(Slide("content", _("Success criteria"), body=body[1:], notes=self.note("adoption-plan")))
        return slides

    def process_change(self, title: str) -> list[Slide]:
        """Return the process changes and key wins."""
        _ = self._
        f = self.f
        rows = []
        for p in self.plan.process_change.processes:
            owner = [plain(self.t(p.name), bold=True), plain(_("Owner: {name}", name=self.who(p.owner)))]
            if p.pilot_group:
                owner.append(plain(_("Pilot group: {group}", group=self.t(p.pilot_group))))
            changes = bullets(self.t(c) for c in p.changes)
            if p.sub_processes:
                changes.append(plain(_("Sub-processes"), bold=True))
                changes.extend(bullets(self.t(s) for s in p.sub_processes))
            valid = ", ".join(self.name(v) for v in p.validated_with)
            if p.validated_on:
                # TRANSLATORS: a process change was validated with {people} on {date}.
                valid = _("{people} on {date}", people=valid, date=f.date(p.validated_on)) if valid else f.date(
                    p.validated_on)
            rows.append([Cell(owner), Cell(self.md(p.current_process)), Cell(changes), cell(valid),
                         self.status(p.status)])
        slides = [Slide("table", title, table=Table(
            [_("Process and owner"), _("Current process"), _("Changes"), _("Validated with"), _("Status")], rows,
            [2.2, 3.2, 3.2, 1.8, 1.4]), notes=self.note("process-change", "stakeholders"))]
        if self.plan.process_change.key_wins:
            krows = [[cell(self.enum(k.kind)), cell(self.t(k.description))]
                     for k in self.plan.process_change.key_wins]
            slides.append(Slide("table", _("Key wins"), table=Table([_("Key win"), _("Description")], krows, [1, 3]),
                                notes=self.note("process-change")))
        return slides

    def communication(self, title: str) -> list[Slide]:
        """Return the communication strategy and the activity table."""
        _ = self._
        f = self.f
        cm = self.plan.communication
        st = cm.strategy
        left = [plain(_("Channels"), bold=True)] + bullets(self.t(c) for c in st.channels)
        if st.agreed_channels:
            left += [plain(_("Agreed channels"), bold=True)] + bullets(self.t(c) for c in st.agreed_channels)
        right = []
        if st.meeting_cadence:
            right += [plain(_("Meeting cadence"), bold=True), plain(self.t(st.meeting_cadence))]
        if st.training_materials:
            right += [plain(_("Training materials"), bold=True)] + bullets(self.t(m) for m in st.training_materials)
        slides = [Slide("two_column", title, left=left, right=right, notes=self.note("communication"))]
        rows = []
        for a in sorted(cm.activities, key=lambda a: a.when):
            name = [plain(self.t(a.activity), bold=True), plain(self.enum(a.kind), italic=True)]
            result = [plain(self.t(a.evidence))] if a.evidence else []
            if a.completed:
                # TRANSLATORS: an activity was completed on {date}.
                result.append(plain(_("Completed {date}", date=f.date(a.completed))))
            rows.append([Cell(name), cell(self.t(a.description)), cell(f.date(a.when)), cell(self.t(a.audience)),
                         cell(self.t(a.objectives)), cell(self.t(a.developed_by)), cell(self.t(a.delivered_by)),
                         self.status(a.status), Cell(result)])
        slides.append(Slide("table", _("Communication and training activities"), table=Table(
            # TRANSLATORS: communication plan headers; "Developed by" / "Delivered by" name who prepares and who
            # runs the activity.
            [_("Activity"), _("Description"), _("When"), _("Audience (Who)"), _("Objectives"), _("Developed by"),
             _("Delivered by"), _("Status"), _("Evidence")], rows, [1.8, 2.2, 1.3, 1.3, 1.8, 1.3, 1.3, 1.2, 1.8]),
            notes=self.note("communication")))
        return slides

    def measurements(self, title: str) -> list[Slide]:
        """Return KPI progress readings, executive statements and the success story."""
        _ = self._
        f = self.f
        ms = self.plan.measurements
        kpis = {k.id: (o, i, k) for o, i, k in self.kpi_index()}
        rows = []
        for r in sorted(ms.readings, key=lambda r: (r.date, r.kpi)):
            o, i, k = kpis[r.kpi]
            progress = r.value - k.baseline.value
            sign = "+" if progress > 0 else ""
            rows.append([cell(f.date(r.date)), Cell([plain(self.t(k.description), bold=True),
                                                     plain(self.t(i.title), italic=True)]),
                         cell(f.measure(k.baseline.value, k.baseline.unit)), cell(f.measure(r.value, k.baseline.unit)),
                         cell(sign + f.measure(progress, k.baseline.unit)),
                         cell(f.measure(k.target.value, k.target.unit)),
                         cell("\n".join(x for x in (self.t(r.source), self.t(r.note)) if x))])
        slides = []
        if rows:
            slides.append(Slide("table", title, table=Table(
                # TRANSLATORS: KPI readings table headers; "How" = the source of the reading and a note.
                [_("Date"), _("KPI"), _("Baseline"), _("Reading"), _("Progress"), _("Target"), _("How")], rows,
                [1.4, 3.4, 1.5, 1.5, 1.5, 1.5, 2.6]), notes=self.note("measurements", "outcomes")))
        else:
            slides.append(Slide("content", title, body=[plain(_("No KPI readings yet."))],
                                notes=self.note("measurements")))
        outcomes = {o.id: o for o in self.plan.outcomes.outcomes}
        inits = {i.id: i for o in self.plan.outcomes.outcomes for i in o.initiatives}
        if ms.statements:
            srows = []
            for s in ms.statements:
                stmt = self.md(s.statement)
                if s.by:
                    stmt.append(plain(f"— {self.who(s.by)}", italic=True))
                srows.append([cell(self.t(outcomes[s.outcome].title) if s.outcome in outcomes else s.outcome),
                              cell(self.t(inits[s.initiative].title) if s.initiative in inits else ""),
                              Cell(stmt)])
            slides.append(Slide("table", _("Executive statements of outcomes achieved"), table=Table(
                [_("Business outcome"), _("Business initiative"), _("Executive statement of outcome achieved")],
                srows, [2, 2, 5]), notes=self.note("measurements")))
        if ms.success_story:
            slides.append(Slide("content", _("Success story"), body=self.md(ms.success_story),
                                notes=self.note("measurements")))
        return slides

    def next_steps(self, title: str) -> list[Slide]:
        """Return the upcoming milestones and open tasks (derived from the adoption plan)."""
        _ = self._
        f = self.f
        ap = self.plan.adoption_plan
        today = self.plan.customer.plan.date
        items = []
        for m in sorted(ap.milestones, key=lambda m: m.date):
            if m.status is not Status.COMPLETED:
                items.append((m.date, _("Milestone: {name}", name=self.t(m.name)), ""))
        for t in sorted(ap.tasks, key=lambda t: t.due):
            if t.status is not Status.COMPLETED:
                items.append((t.due, self.t(t.task), self.name(t.owner)))
        items.sort(key=lambda x: x[0])
        rows = [[cell(f.date(d)), cell(what), cell(who)] for d, what, who in items]
        if not rows:
            return [Slide("content", title, body=[plain(_("Every milestone and task is completed."))],
                          notes=self.note("adoption-plan"))]
        del today
        return [Slide("table", title, table=Table([_("Due date"), _("Milestone / task"), _("Owner")], rows,
                                                  [1.5, 6, 2]), notes=self.note("adoption-plan"))]


def cs_plan_view(plan: Plan, locale: str, translate: Translator, content_rel: str, logo: bytes | None,
                 storyline: Storyline, audience: str = "customer") -> Deck:
    """Return the CS plan deck of ``plan`` in ``locale`` for ``audience``, its parts as ``storyline`` orders them."""
    return PlanView(plan, locale, translate, content_rel, logo, storyline, audience).deck()
