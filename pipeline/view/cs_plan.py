"""The CS plan deck as a view: a main flow a CS manager presents as built, then the appendix.

The main flow follows shared/deck-design.md ("CS plan deck"): each slide a
headline title computed from the data (its section name as the kicker) over a
drawn visual (pipeline/view/visuals.py) or a short table. Everything the plan
holds is also in the appendix parts, one per plan section of docs/domain.md §3,
so nothing typed is lost. Statuses are computed against the deck's as-of date,
the plan date.
"""

from __future__ import annotations

from decimal import Decimal

from pipeline.fields import Localized
from pipeline.i18n import Translator
from pipeline.model import Plan, Status
from pipeline.registry import Storyline
from pipeline.view import (
    Card, Cards, Cell, Chart, Deck, Formatter, Para, Quote, Run, Series, Slide, StatusLine, Summary, Table, bullets,
    cell, markdown, plain,
)
from pipeline.view import visuals as vis
from pipeline.view.common import (
    NUMBER_FORMAT, PERCENT_FORMAT, chart_scale, date_axis_format, describe, fit_range, glue_units, localize_charts, nbsp,
    share_scale, short_url, user_story,
)
from pipeline.view.lang import note, note_paras
from pipeline.view.storyline import BUDGETS, assemble

# The fill of a status cell per chip status: grey (no fill) for not started and not yet due.
CHIP_COLOR = {"done": "green", "on_track": "green", "at_risk": "amber", "late": "red", "not_started": None}
# A status cell without dates: completed is done, in progress on track, not started not yet due.
STATUS_COLOR = {Status.COMPLETED: "green", Status.IN_PROGRESS: "green", Status.NOT_STARTED: None}
# Cards on one main-flow slide, at most (the rest is in the appendix).
MAX_CARDS = 6
# KPI tiles on the executive summary, at most (one per business outcome, by priority).
MAX_TILES = 4


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
        # Texts shown in a language other than ``locale`` (fallbacks), for the renderers' language tags.
        self.foreign: dict[str, str] = {}
        people = plan.stakeholders.stakeholders
        self.people = {p.id: p for p in people}
        # The deck's as-of date: every status and the roadmap's "today" line are computed against it.
        self.today = plan.customer.plan.date

    # ------------------------------------------------------------- helpers

    def t(self, value) -> str:
        """Return a content text in the output locale (falling back to the source language), numbers kept with units."""
        if value is None:
            return ""
        text, lang = self.written(value)
        note(self.foreign, text, lang, self.locale)
        return text

    def written(self, value) -> tuple[str, str]:
        """Return a content text in the output locale (else the source language's) and the language it is in."""
        if isinstance(value, Localized):
            text, lang = value.choose(self.locale, self.source_language)
        else:
            text, lang = str(value), self.source_language  # a plain text is written in the customer's source language
        # "45 seconds", "118,000 PLN", "31 March 2027" on one line, in either language the text may be in.
        return glue_units(text, self.locale, self.source_language), lang

    def md(self, value) -> list[Para]:
        """Return a prose field as paragraphs."""
        if value is None:
            return []
        paras = markdown(self.t(value))
        note_paras(self.foreign, paras, self.written(value)[1], self.locale)
        return paras

    def who(self, ref: str | None) -> str:
        """Return a stakeholder's name (and title) for a reference."""
        if not ref:
            return ""
        p = self.people.get(ref)
        return f"{self.person(p)} ({self.t(p.title)})" if p else ref

    def person(self, p) -> str:
        """Return a stakeholder's name as shown: a person's on one line, an end-user group's as it wraps."""
        return p.name if p.end_user_group else nbsp(p.name)

    def name(self, ref: str | None) -> str:
        """Return a stakeholder's name for a reference, on one line ("Anna Lindqvist" never breaks)."""
        p = self.people.get(ref) if ref else None
        return self.person(p) if p else (ref or "")

    def status(self, value: Status, due=None, start=None) -> Cell:
        """Return a status word in a cell coloured for its meaning (red when past ``due`` and not completed)."""
        _ = self._
        label = {
            # TRANSLATORS: progress status of an outcome, barrier, task or activity, in a table cell.
            Status.COMPLETED: _("Completed"),
            # TRANSLATORS: progress status, in a table cell.
            Status.IN_PROGRESS: _("In progress"),
            # TRANSLATORS: progress status, in a table cell.
            Status.NOT_STARTED: _("Not started"),
        }[value]
        if due is None and start is None:
            return Cell([plain(label, bold=True)], STATUS_COLOR[value])
        return Cell([plain(label, bold=True)], CHIP_COLOR[vis.step_status(value, due, self.today, start)])

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
        """Return every part of the deck by its storyline name: a function making its slides.

        The main-flow parts make one slide each (process change two: the changes
        and the key wins; results two: all KPIs' progress and the KPI that moved
        most), so the cover and the main flow stay within 15 slides. The appendix
        parts hold every section's detail tables; ``account`` (segment, contract
        value, renewal) is internal.
        """
        _ = self._
        appendix = {
            "agenda": self.agenda,
            "account": self.account,
            # TRANSLATORS: title of the appendix slide with the customer's summary text.
            "profile": lambda: self.summary(_("About {customer}", customer=self.plan.customer.name)),
            "solution-details": lambda: self.solution(_("Products & solution sold")),
            "outcome-details": lambda: self.outcomes(_("Business outcomes")),
            "kpi-definitions": lambda: self.kpis(_("Key performance indicators (KPIs)")),
            "kpi-charts": lambda: [self.kpi_charts(k) for _o, _i, k in self.kpi_index()],
            "measurement-log": lambda: self.measurement_log(_("Measurement results")),
            "statements": self.statements,
            "stakeholder-table": lambda: self.stakeholders(_("Stakeholder mapping")),
            "use-case-table": lambda: self.use_cases(_("Use case & persona identification")),
            "barrier-table": lambda: self.barriers(_("Adoption barriers")),
            "adoption-plan": lambda: self.adoption(_("Adoption plan & strategy")),
            "process-table": lambda: self.process_change(_("Business process integration – change management")),
            "communication-table": lambda: self.communication(_("Communication, training & timelines")),
        }
        main = {
            "summary": self.summary_slide,
            "solution": self.at_a_glance,
            "scorecard": self.scorecard,
            "stakeholders": self.stakeholder_map,
            "use-cases": self.use_case_cards,
            "roadmap": self.roadmap_slide,
            "barriers": self.barrier_cards,
            "process-change": self.process_cards,
            "communication": self.communication_plan,
            "results": self.results,
            "story": self.story,
            "next-steps": self.next_step_cards,
        }
        return {**main, **appendix}

    def deck(self) -> Deck:
        """Return the whole deck: the cover, the storyline's main flow, then its appendix."""
        _ = self._
        c = self.plan.customer
        # TRANSLATORS: title of the divider slide before the appendix (supporting detail) of a deck.
        slides = assemble([self.title_slide()], self.parts(), self.storyline, self.audience, _("Appendix"))
        for s in slides:
            if s.role == "section" and not s.notes:
                s.notes = self.note("customer")  # the appendix divider, too, names where the deck comes from
        # TRANSLATORS: title of a slide continued from the previous one because its table or text did not fit;
        # {number} is this slide's place among the {total} slides of that title, e.g. "KPI details (2 of 3)".
        continued = _("{title} ({number} of {total})")
        # TRANSLATORS: title of a slide showing one row of a long table on its own: the table's title, then the
        # row's name (e.g. a persona or a process).
        record = _("{title}: {name}")
        for s in slides:
            s.continued = continued
            s.record = record
        describe(slides, _, self.f)  # before the formats are localized: describe() reads the invariant ones
        localize_charts(slides, self.locale)
        return Deck(
            locale=self.locale,
            title=_("{customer} — Customer Success Plan", customer=c.name),
            author=self.name(c.cs_manager),
            subject=_("Customer Success Plan v{version}", version=c.plan.version),
            created=c.plan.date,
            slides=slides,
            footer=_("{customer} · Customer Success Plan v{version} · {date}", customer=c.name,
                     version=c.plan.version, date=self.f.date(c.plan.date)),
            budget=BUDGETS["cs-plan"],
            foreign=self.foreign,
        )

    def title_slide(self) -> Slide:
        """Return the cover: customer, plan version and as-of date, CS manager, logo."""
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
            alt=[_("{customer} logo", customer=c.name)] if self.logo else [],
            notes=self.note("customer"),
        )

    def headline(self, *parts: str) -> str:
        """Return the parts of a headline joined ("…; …"), leaving out empty ones."""
        parts = [p for p in parts if p]
        text = parts[0] if parts else ""
        for p in parts[1:]:
            # TRANSLATORS: joins two parts of a headline title, e.g. "Down 63 % to 54 s; on track for 45 s by …".
            text = self._("{first}; {second}", first=text, second=p)
        return text

    def n(self, value: int) -> str:
        """Return a count in the output locale."""
        return self.f.number(value)

    # ------------------------------------------------------------- main flow

    def barrier_chip(self, status: str):
        """Return a barrier's chip: a barrier under way is being resolved (not "on track"), a closed one resolved."""
        _ = self._
        return vis.chip(self, status, {
            # TRANSLATORS: status chip (green) of an adoption barrier whose resolution is under way and on time.
            "on_track": _("Being resolved"),
            # TRANSLATORS: status chip (green) of an adoption barrier that is resolved.
            "done": _("Resolved"),
        }.get(status))

    def barrier_risks(self) -> list:
        """Return the barriers not yet resolved, the most concerning first, then by due date."""
        items = []
        for b in self.plan.barriers.barriers:
            if b.status is Status.COMPLETED:
                continue
            start, end = (b.timeframe.start, b.timeframe.end) if b.timeframe else (None, None)
            status = vis.step_status(b.status, end, self.today, start)
            items.append((-vis.SEVERITY[status], end or self.today, b, status))
        return [(b, status) for _s, _d, b, status in sorted(items, key=lambda x: (x[0], x[1]))]

    def outcome_counts(self) -> tuple[int, int]:
        """Return how many business outcomes are on track (or done) and how many there are."""
        outcomes = self.plan.outcomes.outcomes
        good = sum(1 for o in outcomes if vis.outcome_status(self, o, self.today) in vis.GOOD)
        return good, len(outcomes)

    def summary_slide(self) -> list[Slide]:
        """Return the executive summary: why they bought, KPI tiles, outcomes' status and the top risks."""
        _ = self._
        oc = self.plan.outcomes
        ordered = sorted(oc.outcomes, key=lambda o: o.priority)
        tiles = []
        for o in ordered[:MAX_TILES]:
            kpis = [k for i in o.initiatives for k in i.kpis]
            k = next((k for k in kpis if self.readings(k.id)), kpis[0])
            tiles.append(vis.kpi_tile(self, k, self.readings(k.id), self.today))
        lines = [StatusLine(self.t(o.title), vis.chip(self, vis.outcome_status(self, o, self.today)))
                 for o in ordered]
        risks = self.barrier_risks()
        if risks:
            side_title = _("Top risks")
            side = [StatusLine(self.t(b.barrier), self.barrier_chip(status)) for b, status in risks[:3]]
        else:
            side_title = _("Next steps")
            side = [StatusLine(what, vis.chip(self, status)) for _d, what, _w, status, _x in self.steps()[:3]]
        lead = vis.first_sentence(" ".join(p.text for p in self.md(oc.summary)))
        good, total = self.outcome_counts()
        title = self.headline(
            # TRANSLATORS: headline of the executive summary when every business outcome (two or more) is on track.
            _.plural("All {count} business outcome on track", "All {count} business outcomes on track", total,
                     count=self.n(total)) if good == total > 1 else
            # TRANSLATORS: headline of the executive summary; {count} of {total} outcomes are on track or done.
            _.plural("{count} of {total} business outcome on track", "{count} of {total} business outcomes on track",
                     total, count=self.n(good), total=self.n(total)),
            # TRANSLATORS: second half of the executive summary's headline: adoption barriers not yet resolved.
            _.plural("{count} barrier still open", "{count} barriers still open", len(risks),
                     count=self.n(len(risks))) if risks else "",
        )
        return [Slide("chart", title, kicker=_("Executive summary"),
                      visual=Summary(tiles, _("Business outcomes"), lines, side_title, side, lead),
                      notes=self.note("customer", "outcomes", "measurements", "barriers"))]

    def at_a_glance(self) -> list[Slide]:
        """Return the solution at a glance: a card per solution (why it was bought, what adoption focuses on)."""
        _ = self._
        sol = self.plan.solution
        outcome_ids = {o.id for o in self.plan.outcomes.outcomes}
        covered = {o for s in sol.solutions for o in s.outcomes} & outcome_ids
        cards = []
        for s in sol.solutions:
            case = vis.first_sentence(" ".join(p.text for p in self.md(s.business_case)))
            cards.append(Card(self.t(s.solution), [case] + [f"• {self.t(c)}" for c in s.components[:4]]))
        n, missing = len(sol.solutions), len(outcome_ids - covered)
        if missing:
            title = self.headline(
                # TRANSLATORS: headline of "solution at a glance": the number of solutions sold.
                _.plural("{count} solution sold", "{count} solutions sold", n, count=self.n(n)),
                # TRANSLATORS: second half of that headline: outcomes no solution is linked to.
                _.plural("{count} business outcome has no solution linked yet",
                         "{count} business outcomes have no solution linked yet", missing, count=self.n(missing)))
        else:
            # TRANSLATORS: headline of "solution at a glance" when every business outcome has a solution.
            title = _.plural("{count} solution serves every business outcome",
                             "{count} solutions serve every business outcome", n, count=self.n(n))
        # TRANSLATORS: kicker (small section name above the title) of the solution overview slide.
        return [Slide("chart", title, kicker=_("Solution at a glance"), visual=Cards(cards),
                      notes=self.note("solution"))]

    def scorecard(self) -> list[Slide]:
        """Return outcome → initiative → KPI as one scorecard with a chip per KPI."""
        _ = self._
        board = vis.scorecard(self, self.today)
        total = len(board.rows)
        good = sum(1 for r in board.rows if r.chip.status in vis.GOOD)
        attention = sum(1 for r in board.rows if r.chip.status in ("at_risk", "late"))
        title = self.headline(
            # TRANSLATORS: headline of the KPI scorecard when every KPI (two or more) is on track or at target.
            _.plural("All {count} KPI on track", "All {count} KPIs on track", total, count=self.n(total))
            if good == total > 1 else
            # TRANSLATORS: headline of the KPI scorecard; {count} of {total} KPIs are on track or at target.
            _.plural("{count} of {total} KPI on track", "{count} of {total} KPIs on track", total,
                     count=self.n(good), total=self.n(total)),
            # TRANSLATORS: second half of the scorecard's headline: KPIs at risk or off track.
            _.plural("{count} needs attention", "{count} need attention", attention,
                     count=self.n(attention)) if attention else "",
        )
        # TRANSLATORS: kicker of the scorecard slide.
        return [Slide("chart", title, kicker=_("Outcomes, initiatives and KPIs"), visual=board,
                      notes=self.note("outcomes", "measurements"))]

    def stakeholder_map(self) -> list[Slide]:
        """Return the stakeholder map: people by side, the sponsor and decision makers marked."""
        _ = self._
        people = self.plan.stakeholders.stakeholders
        sponsors = [p for p in people if p.sponsor]
        n = len(people)
        count = _.plural("{count} stakeholder", "{count} stakeholders", n, count=self.n(n))
        if sponsors:
            # One sponsor with the job title, several by name.
            names = self.who(sponsors[0].id) if len(sponsors) == 1 else ", ".join(self.person(p) for p in sponsors)
            # TRANSLATORS: part of the stakeholder map's headline; {names} is a name and job title, or several names.
            title = self.headline(count, _.plural("executive sponsor: {names}", "executive sponsors: {names}",
                                              len(sponsors), names=names))
        else:
            # TRANSLATORS: part of the stakeholder map's headline when nobody is marked as sponsor.
            title = self.headline(count, _("no executive sponsor named yet"))
        # TRANSLATORS: kicker of the stakeholder map slide.
        return [Slide("chart", title, kicker=_("Stakeholder map"),
                      visual=vis.stakeholder_map(self, self.plan.customer.name),
                      notes=self.note("stakeholders", "process-change"))]

    def use_case_cards(self) -> list[Slide]:
        """Return the use cases as cards: persona, user story, the groups and people it is for."""
        _ = self._
        uc = self.plan.use_cases
        groups = {g.id: g for g in uc.groups}
        cards = []
        for u in uc.use_cases:
            # TRANSLATORS: a user story on a card titled with its persona; {want} and {benefit} are texts of the plan.
            story = _("I want {want} so that {benefit}.", want=self.t(u.want), benefit=self.t(u.so_that))
            who = [self.t(groups[g].name) if g in groups else g for g in u.groups] + [self.name(p) for p in u.people]
            cards.append(Card(self.t(u.persona), [story], footer=", ".join(who)))
        n = len(uc.use_cases)
        loose = sum(1 for u in uc.use_cases if not u.outcomes and not u.kpis)
        if loose:
            title = self.headline(
                # TRANSLATORS: headline of the use case slide: the number of use cases.
                _.plural("{count} use case", "{count} use cases", n, count=self.n(n)),
                # TRANSLATORS: second half: use cases linked to no business outcome or KPI.
                _.plural("{count} not yet tied to an outcome or KPI", "{count} not yet tied to an outcome or KPI",
                         loose, count=self.n(loose)))
        else:
            # TRANSLATORS: headline of the use case slide when every use case serves an outcome or KPI.
            title = _.plural("{count} use case, each tied to a business outcome",
                             "{count} use cases, each tied to a business outcome", n, count=self.n(n))
        # TRANSLATORS: kicker of the use case and persona cards.
        return [Slide("chart", title, kicker=_("Use cases and personas"), visual=Cards(cards[:MAX_CARDS]),
                      notes=self.note("use-cases", "stakeholders"))]

    def roadmap_slide(self) -> list[Slide]:
        """Return the adoption roadmap: phases and milestones on a date axis, today marked."""
        _ = self._
        ap = self.plan.adoption_plan
        states = [vis.step_status(m.status, m.date, self.today) for m in ap.milestones]
        done, late, total = states.count("done"), states.count("late"), len(states)
        upcoming = sorted((m for m in ap.milestones if m.status is not Status.COMPLETED and m.date >= self.today),
                          key=lambda m: m.date)
        title = self.headline(
            # TRANSLATORS: headline of the adoption roadmap: milestones completed of all milestones.
            _.plural("{count} of {total} milestone reached", "{count} of {total} milestones reached", total,
                     count=self.n(done), total=self.n(total)),
            # TRANSLATORS: part of the roadmap's headline: milestones past their date and not reached.
            _.plural("{count} late", "{count} late", late, count=self.n(late)) if late else "",
            # TRANSLATORS: part of the roadmap's headline: the next milestone and its date.
            _("next: {name} on {date}", name=self.t(upcoming[0].name), date=self.f.date(upcoming[0].date))
            if upcoming else "",
        )
        # TRANSLATORS: kicker of the roadmap slide.
        return [Slide("chart", title, kicker=_("Adoption roadmap"), visual=vis.roadmap(self, self.today),
                      notes=self.note("adoption-plan"))]

    def barrier_cards(self) -> list[Slide]:
        """Return the barriers as cards, open ones first with their resolution path, owner and due date."""
        _ = self._
        bars = self.plan.barriers.barriers
        risks = self.barrier_risks()
        cards = []
        for b, status in risks:
            lines = [" ".join(p.text for p in self.md(b.resolution_path))] if b.resolution_path else []
            cards.append(Card(self.t(b.barrier), lines, self.barrier_chip(status), self.owner_due(
                b.owner, b.timeframe.end if b.timeframe else None)))
        for b in bars:
            if b.status is Status.COMPLETED:
                cards.append(Card(self.t(b.barrier), [], self.barrier_chip("done"), self.name(b.owner)))
        n_open = len(risks)
        if not n_open:
            # TRANSLATORS: headline of the barriers slide when none is open.
            title = _.plural("All {count} adoption barrier resolved", "All {count} adoption barriers resolved",
                             len(bars), count=self.n(len(bars)))
        else:
            late = sum(1 for _b, s in risks if s == "late")
            unowned = sum(1 for b, _s in risks if not b.owner)
            ends = [b.timeframe.end for b, _s in risks if b.timeframe]
            if late:
                # TRANSLATORS: part of the barriers headline: open barriers past the end of their timeframe.
                second = _.plural("{count} past its due date", "{count} past their due date", late,
                                  count=self.n(late))
            elif unowned:
                # TRANSLATORS: part of the barriers headline: open barriers nobody owns.
                second = _.plural("{count} without an owner", "{count} without an owner", unowned,
                                  count=self.n(unowned))
            elif ends:
                # TRANSLATORS: part of the barriers headline: every open barrier has an owner; the last is due {date}.
                second = _.plural("owned, due by {date}", "all owned, due by {date}", n_open,
                                  date=self.f.date(max(ends)))
            else:
                second = ""
            # TRANSLATORS: headline of the barriers slide: adoption barriers not yet resolved.
            title = self.headline(_.plural("{count} barrier still open", "{count} barriers still open", n_open,
                                       count=self.n(n_open)), second)
        return [Slide("chart", title, kicker=_("Adoption barriers"), visual=Cards(cards[:MAX_CARDS]),
                      notes=self.note("barriers", "stakeholders"))]

    def owner_due(self, owner: str | None, due) -> str:
        """Return "owner · due date" for a card's footer (either may be missing)."""
        _ = self._
        if due is None:
            return self.name(owner)
        if not owner:
            # TRANSLATORS: a card's footer: the due date of an item without an owner.
            return _("Due {date}", date=self.f.date(due))
        # TRANSLATORS: a card's footer: who owns the item and when it is due.
        return _("{owner} · due {date}", owner=self.name(owner), date=self.f.date(due))

    def process_cards(self) -> list[Slide]:
        """Return the process changes as cards (owner, changes, status), then the key wins."""
        _ = self._
        pc = self.plan.process_change
        cards = []
        for p in pc.processes:
            footer = _("Owner: {name}", name=self.name(p.owner))
            if p.validated_on:
                # TRANSLATORS: a process change card's footer: the owner, then when the change was validated.
                footer = _("{owner} · validated {date}", owner=footer, date=self.f.date(p.validated_on))
            cards.append(Card(self.t(p.name), [f"• {self.t(c)}" for c in p.changes],
                              vis.chip(self, vis.step_status(p.status, None, self.today)), footer))
        done = sum(1 for p in pc.processes if p.status is Status.COMPLETED)
        going = sum(1 for p in pc.processes if p.status is Status.IN_PROGRESS)
        total = len(pc.processes)
        title = self.headline(
            # TRANSLATORS: headline of the process change slide: changes completed of all.
            _.plural("{count} of {total} process change completed", "{count} of {total} process changes completed",
                     total, count=self.n(done), total=self.n(total)),
            # TRANSLATORS: part of the process change headline: changes in progress.
            _.plural("{count} under way", "{count} under way", going, count=self.n(going)) if going else "",
        )
        # TRANSLATORS: kicker of the process change slide.
        slides = [Slide("chart", title, kicker=_("Process change"), visual=Cards(cards[:MAX_CARDS]),
                        notes=self.note("process-change", "stakeholders"))]
        if pc.key_wins:
            wins = [Card(self.enum(k.kind), [self.t(k.description)]) for k in pc.key_wins]
            n = len(pc.key_wins)
            # TRANSLATORS: headline of the key wins slide.
            slides.append(Slide("chart", _.plural("{count} key win so far", "{count} key wins so far", n,
                                                  count=self.n(n)),
                                kicker=_("Key wins"), visual=Cards(wins[:MAX_CARDS]),
                                notes=self.note("process-change")))
        return slides

    def communication_plan(self) -> list[Slide]:
        """Return the communication and training calendar: date, activity, audience, status."""
        _ = self._
        f = self.f
        acts = sorted(self.plan.communication.activities, key=lambda a: a.when)
        rows = []
        for a in acts:
            status = vis.activity_status(a.status, a.when, self.today)
            rows.append([cell(f.date(a.when)), Cell([plain(self.t(a.activity), bold=True),
                                                     plain(self.enum(a.kind), italic=True)]),
                         cell(self.t(a.audience)),
                         Cell([plain(vis.chip_labels(self)[status], bold=True)], CHIP_COLOR[status])])
        done = sum(1 for a in acts if a.status is Status.COMPLETED)
        upcoming = [a for a in acts if a.status is not Status.COMPLETED and a.when >= self.today]
        title = self.headline(
            # TRANSLATORS: headline of the communication plan: activities done of all activities.
            _.plural("{count} of {total} activity delivered", "{count} of {total} activities delivered", len(acts),
                     count=self.n(done), total=self.n(len(acts))),
            _("next: {name} on {date}", name=self.t(upcoming[0].activity), date=f.date(upcoming[0].when))
            if upcoming else "",
        )
        # TRANSLATORS: kicker of the communication and training calendar.
        return [Slide("table", title, kicker=_("Communication and training"), table=Table(
            [_("When"), _("Activity"), _("Audience (Who)"), _("Status")], rows, [1.4, 4, 3, 1.4]),
            notes=self.note("communication"))]

    def results(self) -> list[Slide]:
        """Return the results so far: every KPI's progress to its target, then the KPI that moved most."""
        _ = self._
        kpis = [k for _o, _i, k in self.kpi_index()]
        measured = [k for k in kpis if self.readings(k.id)]
        if not measured:
            # TRANSLATORS: headline of the results slide of a plan without KPI readings yet.
            body = [Para((Run(self.t(k.description), bold=True), Run(" · " + _(
                "{value} by {date}", value=self.f.measure(k.target.value, k.target.unit),
                date=self.f.date(k.target.date)))), kind="bullet") for k in kpis]
            return [Slide("content", _("No KPI readings yet."), kicker=_("Results so far"), body=body,
                          notes=self.note("outcomes", "measurements"))]
        progress = {k.id: vis.kpi_progress(k, self.readings(k.id)[-1].value) for k in measured}
        # A bar chart draws its first category at the bottom: the KPI that came furthest ends up on top.
        measured.sort(key=lambda k: progress[k.id])
        halfway = sum(1 for k in measured if progress[k.id] >= Decimal("0.5"))
        total = len(kpis)
        overview = Chart("bar", _("Share of the way from baseline to target"),
                         [self.t(k.description) for k in measured],
                         [Series(_("Progress to target"), [round(float(progress[k.id]), 3) for k in measured])],
                         number_format=PERCENT_FORMAT)
        fit_range(overview, "%")
        if halfway == total > 1:
            # TRANSLATORS: headline of the results overview when every KPI has covered half the way or more.
            title = _.plural("All {count} KPI more than halfway to target",
                             "All {count} KPIs more than halfway to target", total, count=self.n(total))
        else:
            # TRANSLATORS: headline of the results overview; {count} of {total} KPIs have covered half the way or more.
            title = _.plural("{count} of {total} KPI more than halfway to target",
                             "{count} of {total} KPIs more than halfway to target", total, count=self.n(halfway),
                             total=self.n(total))
        # TRANSLATORS: kicker of the results slides.
        slides = [Slide("chart", title, kicker=_("Results so far"), charts=[overview],
                        notes=self.note("outcomes", "measurements"))]
        top = max(measured, key=lambda k: (progress[k.id], -kpis.index(k)))
        slides.append(self.kpi_charts(top, lines_only=True))
        return slides

    def story(self) -> list[Slide]:
        """Return the executive statement as a pull quote, its headline the success story's lead when it has one."""
        _ = self._
        q = vis.quote(self)
        ms = self.plan.measurements
        if q is None:
            if not ms or not ms.success_story:
                return []
            paras = self.md(ms.success_story)
            q = Quote(paras[0].text, self.plan.customer.name)
        title = ""
        if ms and ms.success_story:
            first = self.md(ms.success_story)[0]
            if first.runs and first.runs[0].bold:
                title = first.runs[0].text.strip()  # as written: the customer's own words
        if not title:
            s = sorted(ms.statements, key=lambda s: s.by is None)[0] if ms.statements else None
            outcome = next((o for o in self.plan.outcomes.outcomes if s and o.id == s.outcome), None)
            # TRANSLATORS: headline of the executive statement slide; {outcome} is the outcome it speaks about.
            title = _("In the customer's words: {outcome}", outcome=self.t(outcome.title)) if outcome else \
                _("Success story")
        return [Slide("chart", title, kicker=_("Success story"), visual=q, notes=self.note("measurements"))]

    def steps(self) -> list[tuple]:
        """Return open milestones and tasks as (due, what, owner, status, extra), overdue ones first."""
        _ = self._
        ap = self.plan.adoption_plan
        items = []
        for m in ap.milestones:
            if m.status is not Status.COMPLETED:
                items.append((m.date, _("Milestone: {name}", name=self.t(m.name)), None,
                              vis.step_status(m.status, m.date, self.today), self.t(m.checkpoint)))
        for t in ap.tasks:
            if t.status is not Status.COMPLETED:
                items.append((t.due, self.t(t.task), t.owner, vis.step_status(t.status, t.due, self.today),
                              self.t(t.knowledge_gap)))
        return sorted(items, key=lambda x: (x[3] != "late", x[0]))

    def next_step_cards(self) -> list[Slide]:
        """Return the next steps as cards with owner and due date; overdue ones first, marked late."""
        _ = self._
        items = self.steps()
        if not items:
            return [Slide("content", _("Every milestone and task is completed."), kicker=_("Next steps"),
                          notes=self.note("adoption-plan"))]
        cards = []
        for due, what, owner, status, extra in items[:MAX_CARDS]:
            label = _("Overdue") if status == "late" else None
            cards.append(Card(what, [extra] if extra else [], vis.chip(self, status, label),
                              self.owner_due(owner, due)))
        late = [x for x in items if x[3] == "late"]
        upcoming = [x for x in items if x[3] != "late"]
        title = self.headline(
            # TRANSLATORS: part of the next steps headline: open steps past their due date.
            _.plural("{count} step overdue", "{count} steps overdue", len(late), count=self.n(len(late)))
            if late else "",
            # TRANSLATORS: headline of the next steps slide: open steps and the first due date.
            _.plural("{count} open step, the first due on {date}", "{count} open steps, the first due on {date}",
                     len(upcoming), count=self.n(len(upcoming)), date=self.f.date(upcoming[0][0]))
            if upcoming else "",
        )
        return [Slide("chart", title, kicker=_("Next steps"), visual=Cards(cards),
                      notes=self.note("adoption-plan", "stakeholders"))]

    # ------------------------------------------------------------- appendix

    def agenda(self) -> list[Slide]:
        """Return the deck's contents: the main flow's sections in order, then the appendix's."""
        _ = self._
        labels = {
            "summary": _("Executive summary"), "solution": _("Solution at a glance"),
            "scorecard": _("Outcomes, initiatives and KPIs"), "stakeholders": _("Stakeholder map"),
            "use-cases": _("Use cases and personas"), "roadmap": _("Adoption roadmap"),
            "barriers": _("Adoption barriers"),
            # TRANSLATORS: an agenda item: the slides on process change and on key wins.
            "process-change": _("Process change and key wins"),
            "communication": _("Communication and training"), "results": _("Results so far"),
            "story": _("Success story"), "next-steps": _("Next steps"),
            "account": _("Account status (internal)"),
            "profile": _("About {customer}", customer=self.plan.customer.name),
            "solution-details": _("Products & solution sold"), "outcome-details": _("Business outcomes"),
            "kpi-definitions": _("Key performance indicators (KPIs)"),
            # TRANSLATORS: an agenda item of the appendix: one chart slide per KPI.
            "kpi-charts": _("KPI progress charts"),
            "measurement-log": _("Measurement results"),
            "statements": _("Executive statements of outcomes achieved"),
            "stakeholder-table": _("Stakeholder mapping"),
            "use-case-table": _("Use case & persona identification"), "barrier-table": _("Adoption barriers"),
            "adoption-plan": _("Adoption plan & strategy"),
            "process-table": _("Business process integration – change management"),
            "communication-table": _("Communication, training & timelines"),
        }
        story = self.storyline
        main = [labels.get(n, n) for n in story.shown(story.main, self.audience)]
        rest = [labels.get(n, n) for n in story.shown(story.appendix, self.audience) if n != "agenda"]
        body = [Para((Run(t),), kind="number", number=i) for i, t in enumerate(main, 1)]
        if not rest:
            return [Slide("content", _("Agenda"), body=body, notes=self.note("customer"))]
        return [Slide("two_column", _("Agenda"), left=body, right=[plain(_("Appendix"), bold=True)] + bullets(rest),
                      notes=self.note("customer"))]

    def account(self) -> list[Slide]:
        """Return the internal account status: segment, contract term, renewal and contract value."""
        _ = self._
        c = self.plan.customer
        f = self.f
        rows = [[cell(k), cell(v)] for k, v in (
            # TRANSLATORS: the customer's touch model (low, middle or high touch).
            (_("Segment"), self.enum(c.segment)),
            # TRANSLATORS: the period of the customer's contract (start – end dates).
            (_("Contract"), f"{f.date(c.contract.start)} – {f.date(c.contract.end)}"),
            # TRANSLATORS: the date the contract is up for renewal.
            (_("Renewal"), f.date(c.contract.renewal)),
            (_("Contract value"), self.money(c.contract.value)),
        ) if v]
        renewal = c.contract.renewal or c.contract.end
        months = max(0, (renewal.year - self.today.year) * 12 + renewal.month - self.today.month)
        title = self.headline(
            # TRANSLATORS: headline of the internal account slide: months until the renewal date.
            glue_units(_.plural("Renewal in {count} month, on {date}", "Renewal in {count} months, on {date}", months,
                                count=self.n(months), date=f.date(renewal)), self.locale),
            # TRANSLATORS: part of the account headline: the contract's value, e.g. "PLN 2,280,000 per year".
            _("contract value {value}", value=self.money(c.contract.value)) if c.contract.value else "",
        )
        # TRANSLATORS: kicker of the internal account slide (never in the customer's deck).
        return [Slide("table", title, kicker=_("Account status (internal)"),
                      table=Table([_("Field"), _("Value")], rows, [1, 3]), notes=self.note("customer"))]

    def summary(self, title: str) -> list[Slide]:
        """Return the customer's summary text and profile (the internal account fields are in ``account``)."""
        _ = self._
        c = self.plan.customer
        f = self.f
        profile = [
            # Labels of the customer profile table (label | value).
            (_("Customer"), c.name), (_("Industry"), self.t(c.industry)), (_("Region"), self.t(c.region)),
            # TRANSLATORS: size of the customer's company (e.g. employees, revenue).
            (_("Size"), self.t(c.size)),
            (_("Website"), c.website or ""),
            (_("CS manager"), self.who(c.cs_manager)),
            (_("Account team"), ", ".join(self.who(x) for x in c.account_team)),
            (_("Plan version"), c.plan.version), (_("Plan date"), f.date(c.plan.date)),
            # TRANSLATORS: the languages the plan is written and presented in (a list of language names).
            (_("Languages"), ", ".join(f.language(x) for x in dict.fromkeys([c.source_language, *c.output_locales]))),
            # TRANSLATORS: size of the plan: counts of business outcomes, KPIs and stakeholders.
            (_("Plan scope"), self.scope()),
        ]
        rows = [[cell(k), cell(v)] for k, v in profile if v]
        if c.website:
            # A bare address shows short (the host), linked to the full one: it never wraps mid-word.
            rows[[r[0].text for r in rows].index(_("Website"))][1] = Cell([Para((Run(short_url(c.website),
                                                                                      link=c.website),))])
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
                # The name is the link; its short address below tells a reader of the PDF where it goes.
                name.append(Para((Run(short_url(s.url), link=s.url),)))
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
            rows.append([Cell(head), Cell(inits), cell(self.f.number(o.priority)), self.status(o.status)])
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
            name = [Para((Run(self.person(p), bold=True),)), plain(self.t(p.title))]
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

    def _baseline(self, k) -> str:
        """Return a KPI's baseline with its date: "145 seconds on Jun 30, 2025", "61% in 2025"."""
        _, f = self._, self.f
        value = f.measure(k.baseline.value, k.baseline.unit)
        if getattr(k.baseline.date, "precision", "day") == "day":
            # TRANSLATORS: a KPI baseline: its value, measured on {date}.
            return _("{value} on {date}", value=value, date=f.date(k.baseline.date))
        # TRANSLATORS: a KPI baseline measured over a whole year or month: {period} is e.g. "2025" or "Jun 2025".
        return _("{value} in {period}", value=value, period=f.date(k.baseline.date))

    def kpis(self, title: str) -> list[Slide]:
        """Return the KPI table, KPI details, per-KPI charts and the outcome status chart."""
        _ = self._
        f = self.f
        rows, details = [], []
        for o, ini, k in self.kpi_index():
            rows.append([
                Cell([Para((Run(self.t(k.description), bold=True),)), plain(self.t(ini.title), italic=True)]),
                cell(self._baseline(k)),
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
        return slides

    def kpi_charts(self, k, lines_only: bool = False) -> Slide:
        """Return a slide with a KPI's baseline → latest → target bars and its readings over time.

        Its title is the KPI's takeaway (where it moved and whether it makes its
        target), the KPI itself the kicker; ``lines_only`` leaves out the bars.
        """
        _ = self._
        f = self.f
        readings = self.readings(k.id)
        latest = readings[-1].value if readings else None
        unit = k.baseline.unit
        fmt = PERCENT_FORMAT if unit == "%" else NUMBER_FORMAT
        # Divide the Decimal, not the float: 3.6 / 100 must be 0.036, not 0.036000000000000004.
        scale = (lambda v: None if v is None else float(Decimal(v) / 100)) if unit == "%" else \
            (lambda v: None if v is None else float(v))
        # TRANSLATORS: chart title; {unit} is the KPI's unit as written in the content (%, min, PLN).
        bar = Chart("column", _("Baseline → latest → target ({unit})", unit=f.unit_name(unit)),
                    # TRANSLATORS: chart categories: the KPI's baseline value, latest reading and target value.
                    [_("Baseline"), _("Latest"), _("Target")],
                    [Series(self.t(k.description), [scale(k.baseline.value), scale(latest), scale(k.target.value)])],
                    number_format=fmt)
        points = [(k.baseline.date, k.baseline.value)] + [(r.date, r.value) for r in readings]
        # Dates, not labels: readings come at uneven gaps, and a time axis draws them to scale.
        line = Chart("line", _("Readings over time ({unit})", unit=f.unit_name(unit)), [d for d, _v in points],
                     # TRANSLATORS: a measured value of a KPI (a noun), also a column header.
                     [Series(_("Reading"), [scale(v) for _d, v in points]),
                      Series(_("Target"), [scale(k.target.value)] * len(points), role="target")],
                     number_format=fmt, empty_text=_("No readings yet for this KPI."),
                     category_format=date_axis_format(self.locale))
        if not readings:
            line.series = [Series(_("Reading"), [None])]
            line.categories = []
        fit_range(bar, unit)
        fit_range(line, unit)
        if not lines_only:
            share_scale([bar, line], [unit, unit])
        return Slide("chart", vis.kpi_headline(self, k, readings, self.today), kicker=self.t(k.description),
                     charts=[line] if lines_only else [bar, line], notes=self.note("outcomes", "measurements"))

    def use_cases(self, title: str) -> list[Slide]:
        """Return user groups and the use case table."""
        _ = self._
        uc = self.plan.use_cases
        groups = {g.id: g for g in uc.groups}
        outcome_titles = {o.id: self.t(o.title) for o in self.plan.outcomes.outcomes}
        kpi_titles = {k.id: self.t(k.description) for _o, _i, k in self.kpi_index()}
        rows = []
        for u in uc.use_cases:
            story = user_story(_, self.locale, self.t(u.persona), self.t(u.want), self.t(u.so_that))
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
            start, end = (b.timeframe.start, b.timeframe.end) if b.timeframe else (None, None)
            rows.append([cell(self.t(b.barrier)), cell(self.enum(b.type)), self.status(b.status, end, start),
                         cell(frame),
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
                                       cell(self.t(m.checkpoint)), self.status(m.status, m.date)]))
        rows = [r for _d, _k, r in sorted(events, key=lambda e: (e[0], e[1]))]
        slides.append(Slide("table", _("Timeline"), table=Table(
            [_("When"), _("Phase / milestone"), _("Checkpoint"), _("Status")], rows, [2.2, 3, 4.5, 1.5]),
            notes=self.note("adoption-plan")))
        milestone_names = {m.id: self.t(m.name) for m in ap.milestones}
        if ap.tasks:
            trows = [[cell(self.t(t.task)), cell(self.enum(t.side)), cell(self.name(t.owner)), cell(f.date(t.due)),
                      self.status(t.status, t.due), cell(milestone_names.get(t.milestone, t.milestone or "")),
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
                         self.status(a.status, None if a.status is Status.IN_PROGRESS else a.when),
                         Cell(result)])
        slides.append(Slide("table", _("Communication and training activities"), table=Table(
            # TRANSLATORS: communication plan headers; "Developed by" / "Delivered by" name who prepares and who
            # runs the activity.
            [_("Activity"), _("Description"), _("When"), _("Audience (Who)"), _("Objectives"), _("Developed by"),
             _("Delivered by"), _("Status"), _("Evidence")], rows, [1.8, 2.2, 1.3, 1.3, 1.8, 1.3, 1.3, 1.2, 1.8]),
            notes=self.note("communication")))
        return slides

    def measurements(self, title: str) -> list[Slide]:
        """Return KPI progress readings, executive statements and the success story."""
        return self.measurement_log(title) + self.statements()

    def measurement_log(self, title: str) -> list[Slide]:
        """Return every KPI reading with its baseline, progress, target and source."""
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
                [1.4, 3.4, 1.5, 1.5, 1.5, 1.5, 2.6], group=0), notes=self.note("measurements", "outcomes")))
        else:
            slides.append(Slide("content", title, body=[plain(_("No KPI readings yet."))],
                                notes=self.note("measurements")))
        return slides

    def statements(self) -> list[Slide]:
        """Return the executive statements of outcomes achieved and the success story."""
        _ = self._
        ms = self.plan.measurements
        slides = []
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
