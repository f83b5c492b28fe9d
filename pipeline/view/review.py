"""The quarterly business review (QBR) and its executive cut (EBR) as deck views (docs/domain.md §7).

A review deck compares: KPI readings and the health score with the previous
review and with the plan's baselines and targets, outcome and barrier status
with the previous review. Every comparison is computed here from the review
files, measurements.yaml and health.yaml, never typed by the user.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pipeline.health import Score, describe_band, history, offer_for, previous, rating
from pipeline.i18n import Translator
from pipeline.model import Plan, Status
from pipeline.model.health import HEALTH_MODEL as HEALTH_MODEL_NAME, quarter_end, quarter_key, quarter_start
from pipeline.model.review import REVIEWS_DIR, Rag, ReviewFile, ReviewKind
from pipeline.project import PARTNER_DIR
from pipeline.registry import Storyline
from pipeline.view.storyline import BUDGETS
from pipeline.view import (
    Band, Bar, Card, Cards, Cell, Chart, Chip, Deck, Gauge, Milestone, Para, Roadmap, Run, Scorecard, ScoreRow,
    Series, Slide, StatusLine, Summary, Table, Tile, bullets, cell, plain,
)
from pipeline.view.common import (
    change, chart_scale, describe, fit_range, glue_units, localize_charts, quarter_label, rounded, share_scale,
)
from pipeline.view.cs_plan import PlanView
from pipeline.view.review_visuals import (
    AT_RISK, CELL_COLOR, DONE, LATE, NOT_STARTED, ON_TRACK, RAG_STATE, direction, kpi_state, milestone_state,
    phase_state, progress, task_state,
)
from pipeline.view.storyline import assemble
from pipeline.view.visuals import quarter_ticks

DASH = "–"
TILES = 4  # KPI tiles on the executive summary: one per business outcome, at most this many
SIDE_ITEMS = 3  # asks (or risks) beside the outcomes on the executive summary
MOVERS = 2  # KPIs that moved most, charted on one slide
ROADMAP_ROWS = 8  # phases and milestones the adoption roadmap shows on one slide
TITLE_CHARS = 100  # about two lines of a title; a headline's optional clause is left out beyond it
RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
HEALTH_FORMAT = "0.0"
HEALTH_AXIS_FORMAT = "0"  # whole ticks: "100.0" on a score's axis reads as false precision
# Notes name a file of the shared partner folder as _partner/<name>.
PARTNER = f"{PARTNER_DIR}/"
HEALTH_MODEL = PARTNER + HEALTH_MODEL_NAME


def quarter_of(day: date) -> str:
    """Return the quarter a date falls in, e.g. 2026-Q4."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def table(header: list[str], rows: list[list[Cell]], widths: list[float]) -> Table:
    """Return a table whose empty cells show a dash ("no value"), never nothing.

    An empty cell carries no run, so nothing tells an Office application its
    font size: LibreOffice then gives it the default 18 pt and the row grows
    past the height the renderer measured.
    """
    return Table(header, [[c if c.paras else Cell([plain(DASH)], c.status) for c in row] for row in rows], widths)


class ReviewView(PlanView):
    """Builds the slides of one review (QBR, or the EBR cut) in one locale."""

    def __init__(self, plan: Plan, period: str, kind: ReviewKind, locale: str, _: Translator, content_rel: str,
                 logo: bytes | None = None, storyline: Storyline | None = None, audience: str = "customer"):
        super().__init__(plan, locale, _, content_rel, logo, storyline, audience)
        self.period = period
        self.kind = kind
        self.review: ReviewFile = plan.reviews[period]
        # Reviews up to this one, oldest first: the x axis of every trend.
        self.periods = sorted((p for p in plan.reviews if quarter_key(p) <= quarter_key(period)), key=quarter_key)
        self.prev_period = self.periods[-2] if len(self.periods) > 1 else None
        self.prev: ReviewFile | None = plan.reviews[self.prev_period] if self.prev_period else None
        self.model = plan.partner.health_model if plan.partner else None
        self.scores: list[Score] = []
        self.offer = None
        if self.model is not None and plan.health is not None:
            self.offer = offer_for(self.model, plan.health)
            self.scores = [s for s in history(self.model, plan.health)
                           if quarter_key(s.period) <= quarter_key(period)]
        self.score = next((s for s in self.scores if s.period == period), None)
        self.prev_score = previous(self.scores, period) if self.score else None
        self.measured = {}
        if plan.measurements is not None:
            self.measured = {(r.kpi, r.date): r for r in plan.measurements.readings}
        self.review_file = f"{REVIEWS_DIR}/{period}"

    # ------------------------------------------------------------- helpers

    def note(self, *sections: str) -> list[str]:
        """Return speaker notes naming the source files of a slide (customer or shared partner files)."""
        files = ", ".join(self.plan.partner.file(s.removeprefix(PARTNER)) if s.startswith(PARTNER)
                          else f"{self.src}/{s}.yaml" for s in sections)
        return [self._("Source: {files}", files=files)]

    def q(self, period: str | None) -> str:
        """Return a quarter in the output locale."""
        return quarter_label(self.locale, period) if period else ""

    def rag(self, value: Rag) -> Cell:
        """Return a red/amber/green status in its coloured cell."""
        _ = self._
        label = {
            # TRANSLATORS: RAG status of a business outcome or renewal at a review, in a green cell.
            Rag.GREEN: _("On track"),
            # TRANSLATORS: RAG status, in an amber cell.
            Rag.AMBER: _("At risk"),
            # TRANSLATORS: RAG status, in a red cell.
            Rag.RED: _("Off track"),
        }[value]
        return Cell([plain(label, bold=True)], value.value)

    def kind_label(self, kind: ReviewKind | None = None) -> str:
        """Return the review's name with its quarter (only the footer's abbreviations QBR/EBR stay English)."""
        _ = self._
        kind = kind or self.kind
        # TRANSLATORS: {quarter} is a quarter in words, e.g. "Q3 2026".
        return (_("Quarterly business review {quarter}", quarter=self.q(self.period)) if kind is ReviewKind.QBR
                else _("Executive business review {quarter}", quarter=self.q(self.period)))

    def points(self, value: Decimal) -> str:
        """Return a health score or part of one, rounded to one decimal."""
        return self.f.number(rounded(value))

    def signed(self, delta: Decimal, unit: str | None = None) -> str:
        """Return a change with its sign (+ for a rise), formatted with the unit when given."""
        text = self.f.measure(delta, unit) if unit else self.f.number(delta)
        return f"+{text}" if delta > 0 else text

    def kpi_list(self):
        """Return every KPI of the plan with its outcome, in plan order."""
        return [(o, k) for o, _i, k in self.kpi_index()]

    def kpi_reading(self, kpi_id: str, period: str) -> tuple[Decimal | None, list[str]]:
        """Return a KPI's value for a review period and the source and note of that reading.

        The review's own reading when it lists one (its value, or the
        measurements.yaml reading it names); else the latest measurements.yaml
        reading dated inside the quarter; else None (no point on the chart).
        """
        review = self.plan.reviews.get(period)
        reading = None
        if review is not None:
            own = sorted((r for r in review.readings if r.kpi == kpi_id), key=lambda r: r.date)
            if own:
                reading = own[-1]
                if reading.value is None:
                    reading = self.measured.get((kpi_id, reading.date))
        if reading is None:
            start, end = quarter_start(period), quarter_end(period)
            inside = [r for r in self.readings(kpi_id) if start <= r.date <= end]
            reading = inside[-1] if inside else None
        if reading is None:
            return None, []
        return reading.value, [self.t(x) for x in (reading.source, reading.note) if x]

    def kpi_value(self, kpi_id: str, period: str) -> Decimal | None:
        """Return a KPI's value for a review period (see :meth:`kpi_reading`)."""
        return self.kpi_reading(kpi_id, period)[0]

    def answer(self, key: str) -> str:
        """Return a scorecard answer in words."""
        _ = self._
        # TRANSLATORS: answers of the health scorecard (docs/glossary.md §5): yes or complete / in progress / no.
        words = {"yes": _("Yes"), "in_progress": _("In progress"), "no": _("No")}
        return words.get(key, key.replace("_", " ").capitalize())

    def level(self, points: Decimal) -> str:
        """Return the RAG colour of a scorecard or band score (from its share of the scale)."""
        share = points / self.model.scale.max
        return "green" if share >= Decimal("0.8") else "amber" if share >= Decimal("0.5") else "red"

    def open_barriers(self):
        """Return the barriers this review lists as not completed, with their barriers.yaml entry."""
        known = {b.id: b for b in self.plan.barriers.barriers}
        return [(u, known[u.barrier]) for u in self.review.barriers
                if u.status is not Status.COMPLETED and u.barrier in known]

    def rag_chip(self, value: Rag) -> Chip:
        """Return an outcome's RAG status as a chip (green on track, amber at risk, red off track)."""
        return Chip(RAG_STATE[value], self.rag(value).text)

    def kpi_chip(self, state: str) -> Chip:
        """Return where a KPI stands as a chip."""
        _ = self._
        return Chip(state, {
            # TRANSLATORS: status chip of a KPI whose latest reading reached its target.
            DONE: _("Target met"),
            # TRANSLATORS: status chip of a KPI keeping pace with the way from its baseline to its target.
            ON_TRACK: _("On track"),
            # TRANSLATORS: status chip of a KPI falling behind the pace to its target.
            AT_RISK: _("At risk"),
            # TRANSLATORS: status chip of a KPI worse than its baseline, or past its target date.
            LATE: _("Off track"),
            # TRANSLATORS: status chip of a KPI without a reading for the quarter.
            NOT_STARTED: _("No reading yet"),
        }[state])

    def task_chip(self, state: str) -> Chip:
        """Return where an action, a milestone or a phase stands as a chip."""
        _ = self._
        return Chip(state, {
            # TRANSLATORS: status chip of an action item, milestone or phase that is complete.
            DONE: _("Done"),
            ON_TRACK: _("In progress"),
            AT_RISK: _("At risk"),
            # TRANSLATORS: status chip of an action item or milestone past its due date and not done.
            LATE: _("Late"),
            NOT_STARTED: _("Not started"),
        }[state])

    def state_cell(self, chip: Chip) -> Cell:
        """Return a chip as a table cell: its word, bold, in its state's colour (none for grey)."""
        return Cell([plain(chip.label, bold=True)], CELL_COLOR[chip.status])

    def both(self, first: str, second: str) -> str:
        """Return two clauses of a headline title as one."""
        # TRANSLATORS: joins two clauses of a slide title, e.g. "3 of 4 outcomes on track; health up 16.8 points".
        return self._("{first}; {second}", first=first, second=second) if second else first

    def join(self, items: list[str]) -> str:
        """Return short clauses of a title as one, in order."""
        out = ""
        for item in items:
            out = self.both(out, item) if out else item
        return out

    @staticmethod
    def plural_n(value: Decimal) -> int:
        """Return the number that picks the plural form of ``value``: itself when whole, else 2.

        A fraction takes the form of "few" in Russian and "other" in English
        and Swedish, which is what 2 picks; Polish messages use abbreviations.
        """
        return int(abs(value)) if value == value.to_integral_value() else 2

    def kpi_facts(self) -> list[dict]:
        """Return every KPI with its outcome, initiative, readings, change and state at this review (cached)."""
        if getattr(self, "_facts", None) is None:
            facts = []
            when = self.review.date
            for o, ini, k in self.kpi_index():
                now, how = self.kpi_reading(k.id, self.period)
                before = self.kpi_value(k.id, self.prev_period) if self.prev_period else None
                state = kpi_state(k.baseline.value, k.baseline.date, k.target.value, k.target.date, now, when)
                share = progress(k.baseline.value, k.target.value, now) if now is not None else None
                share_before = progress(k.baseline.value, k.target.value, before) if before is not None else None
                # How far it moved towards its target since the previous review (since the baseline without one).
                moved = None
                if share is not None:
                    moved = share - (share_before if share_before is not None else Decimal(0))
                facts.append({"outcome": o, "initiative": ini, "kpi": k, "now": now, "before": before, "how": how,
                              "state": state, "moved": moved})
            self._facts = facts
        return self._facts

    def due_this_quarter(self, when: date | None) -> bool:
        """Return True when ``when`` falls by the end of the quarter the review is held in."""
        if when is None:
            return False
        return when <= quarter_end(quarter_of(self.review.date))

    # ------------------------------------------------------------- the deck

    def parts(self) -> dict:
        """Return every part of a review deck by its storyline name: a function making its slides."""
        return {
            # The main flow (shared/deck-design.md, "Storyline").
            "executive-summary": self.executive_summary, "value-delivered": self.value_delivered,
            "kpi-scorecard": self.kpi_scorecard, "kpi-movers": self.kpi_movers, "health": self.health,
            "health-trend": self.health_trend, "adoption": self.adoption, "barriers": self.barrier_status,
            "wins": self.wins, "roadmap": self.roadmap, "asks": self.asks, "actions": self.actions,
            # Supporting detail (the appendix).
            "attendees": self.attendees, "summary-detail": self.summary_detail,
            "kpi-progress": self.kpi_progress, "kpi-trends": self.kpi_trends,
            "delivered": self.delivered, "success-story": self.success_story,
            # The internal variant's parts: the health formula, renewal and commercial status, upsell.
            "health-detail": self.health_detail, "renewal": self.renewal, "opportunities": self.opportunities,
        }

    def deck(self) -> Deck:
        """Return the whole deck: the QBR, or the EBR's executive cut, as the storyline orders its parts."""
        _ = self._
        c = self.plan.customer
        # TRANSLATORS: title of the divider slide before the appendix (supporting detail) of a deck.
        slides = assemble([self.title_slide()], self.parts(), self.storyline, self.audience, _("Appendix"))
        # TRANSLATORS: title of a slide continued from the previous one because its table or text did not fit;
        # {number} is this slide's place among the {total} slides of that title, e.g. "KPI details (2 of 3)".
        continued = _("{title} ({number} of {total})")
        # TRANSLATORS: title of a slide showing one row of a long table on its own: the table's title, then the
        # row's name (e.g. a persona or a process).
        record = _("{title}: {name}")
        for s in slides:
            s.continued = continued
            s.record = record
            if s.role == "section" and not s.notes:
                s.notes = self.note(self.review_file)  # the appendix divider: every slide names its source
        describe(slides, _, self.f)  # before the formats are localized: describe() reads the invariant ones
        localize_charts(slides, self.locale)
        kind = "QBR" if self.kind is ReviewKind.QBR else "EBR"
        return Deck(
            locale=self.locale,
            title=_("{customer} — {review}", customer=c.name, review=self.kind_label()),
            author=self.name(c.cs_manager),
            subject=self.kind_label(),
            created=self.review.date,
            slides=slides,
            # TRANSLATORS: deck footer; {kind} is QBR or EBR, {quarter} e.g. "Q3 2026", {date} the review date.
            footer=_("{customer} · {kind} {quarter} · {date}", customer=c.name, kind=kind,
                     quarter=self.q(self.period), date=self.f.date(self.review.date)),
            budget=BUDGETS["qbr" if self.kind is ReviewKind.QBR else "ebr"],
            foreign=self.foreign,
        )

    def title_slide(self) -> Slide:
        """Return the cover: customer, review kind and quarter, date, CS manager, logo."""
        _ = self._
        c = self.plan.customer
        return Slide("title", _("{customer} — {review}", customer=c.name, review=self.kind_label()),
                     subtitle=[_("Held on {date}", date=self.f.date(self.review.date)),
                               _("Customer Success Manager: {name}", name=self.who(c.cs_manager))],
                     picture=self.logo, alt=[_("{customer} logo", customer=c.name)] if self.logo else [],
                     notes=self.note(self.review_file, "customer"))

    def attendees(self) -> list[Slide]:
        """Return the attendees by side."""
        _ = self._
        order = {"customer": 0, "partner": 1, "vendor": 2}
        people = [self.people[a] for a in self.review.attendees if a in self.people]
        people.sort(key=lambda p: order.get(p.side.value, 3))
        rows = [[Cell([Para((Run(self.person(p), bold=True),))]), cell(self.t(p.title)), cell(self.enum(p.side))]
                for p in people]
        return [Slide("table", _("Attendees"), table=table([_("Name"), _("Title"), _("Side")], rows, [2.5, 5, 1.5]),
                      notes=self.note(self.review_file, "stakeholders"))]

    # ------------------------------------------------------------- headlines

    def health_line(self) -> Para:
        """Return the health score of this review with its change since the previous score."""
        _ = self._
        if self.score is None:
            return plain(_("No health score for this quarter."))
        total = self.points(self.score.total)
        if self.prev_score is None:
            text = _("Health score: {score} of 100", score=total)
        else:
            delta = rounded(self.score.total) - rounded(self.prev_score.total)
            arrow, _color = change(delta, +1)
            # TRANSLATORS: e.g. "Health score: 87.6 of 100 (↑ +16.8 since Q2 2026)".
            text = _("Health score: {score} of 100 ({arrow} {change} since {quarter})", score=total, arrow=arrow,
                     change=self.signed(delta), quarter=self.q(self.prev_score.period))
        return Para((Run(text, bold=True),))

    def health_headline(self) -> str:
        """Return the health score's takeaway, e.g. "Health up 16.8 points to 87.6"."""
        _ = self._
        if self.score is None:
            return ""
        total = self.points(self.score.total)
        if self.prev_score is None:
            # TRANSLATORS: slide title clause; {score} is the health score, e.g. "Health score 33.6 of 100".
            return _("Health score {score} of 100", score=total)
        delta = rounded(self.score.total) - rounded(self.prev_score.total)
        n, points = self.plural_n(delta), self.points(abs(delta))
        if delta > 0:
            # TRANSLATORS: slide title clause, e.g. "Health up 16.8 points to 87.6" (the score out of 100).
            return _.plural("Health up {change} point to {score}", "Health up {change} points to {score}", n,
                            change=points, score=total)
        if delta < 0:
            # TRANSLATORS: slide title clause, e.g. "Health down 4.2 points to 61.3".
            return _.plural("Health down {change} point to {score}", "Health down {change} points to {score}", n,
                            change=points, score=total)
        # TRANSLATORS: slide title clause: the health score did not change since the previous review.
        return _("Health steady at {score}", score=total)

    def outcomes_headline(self, clause: bool = False) -> str:
        """Return where the outcomes stand, e.g. "3 of 4 outcomes on track, 1 at risk".

        ``clause``: the words follow another clause of the title, so a
        sentence that starts with a word (not a number) starts in lower case.
        """
        _ = self._
        updates = self.review.outcomes
        total = len(updates)
        if not total:
            return ""
        counts = {g: sum(1 for u in updates if u.rag is g) for g in Rag}
        green = counts[Rag.GREEN]
        if green == total:
            if total == 1:
                # TRANSLATORS: slide title clause after another ("Health up 4 points to 80; the business outcome…").
                return (_("the business outcome is on track") if clause
                        # TRANSLATORS: slide title: the one business outcome reviewed is on track.
                        else _("The business outcome is on track"))
            n = self.f.number(total)
            # TRANSLATORS: slide title clause after another ("Health up 4 points to 80; all 4 business outcomes…").
            return (_.plural("all {count} business outcome on track", "all {count} business outcomes on track", total,
                             count=n) if clause else
                    # TRANSLATORS: slide title; {count} is the number of business outcomes reviewed (two or more).
                    _.plural("All {count} business outcome on track", "All {count} business outcomes on track", total,
                             count=n))
        # TRANSLATORS: slide title, e.g. "3 of 4 outcomes on track"; {count} is the number on track.
        head = _.plural("{count} of {total} outcomes on track", "{count} of {total} outcomes on track", green,
                        count=self.f.number(green), total=self.f.number(total))
        if counts[Rag.RED]:
            # TRANSLATORS: slide title clause after "3 of 4 outcomes on track", e.g. ", 1 off track".
            tail = _.plural("{count} off track", "{count} off track", counts[Rag.RED],
                            count=self.f.number(counts[Rag.RED]))
        else:
            tail = _.plural("{count} at risk", "{count} at risk", counts[Rag.AMBER],
                            count=self.f.number(counts[Rag.AMBER]))
        # TRANSLATORS: joins "3 of 4 outcomes on track" and "1 at risk" in a slide title.
        return _("{outcomes}, {rest}", outcomes=head, rest=tail)

    # ------------------------------------------------------------- executive summary

    def tile(self, fact: dict) -> Tile:
        """Return a KPI's tile: latest value, change since the previous review (or the baseline), target, chip."""
        _ = self._
        f = self.f
        k, now, before = fact["kpi"], fact["now"], fact["before"]
        unit = k.baseline.unit
        way = direction(k.baseline.value, k.target.value)
        ref, since = (before, self.q(self.prev_period)) if before is not None else (k.baseline.value, None)
        text, arrow, good = "", None, None
        if now is not None:
            delta = now - ref
            if delta:
                arrow = "up" if delta > 0 else "down"
                good = (delta > 0) == (way > 0) if way else None
                # TRANSLATORS: a KPI tile's change, e.g. "-23 seconds since Q2 2026".
                text = (_("{change} since {quarter}", change=self.signed(delta, unit), quarter=since) if since
                        # TRANSLATORS: a KPI tile's change when there is no previous review, e.g. "-84 s since baseline".
                        else _("{change} since baseline", change=self.signed(delta, unit)))
            else:
                # TRANSLATORS: a KPI tile whose value did not move since the previous review, e.g. "No change since Q2 2026".
                text = (_("No change since {quarter}", quarter=since) if since
                        # TRANSLATORS: a KPI tile still at its baseline.
                        else _("No change since baseline"))
        return Tile(label=self.t(k.description), value=f.measure(now, unit) if now is not None else DASH,
                    change=text, direction=arrow, good=good,
                    # TRANSLATORS: a KPI tile's target, e.g. "Target 45 seconds by Mar 31, 2027".
                    target=_("Target {value} by {date}", value=f.measure(k.target.value, k.target.unit),
                             date=f.date(k.target.date)),
                    chip=self.kpi_chip(fact["state"]))

    def tiles(self) -> list[Tile]:
        """Return one KPI tile per business outcome (by priority): the KPI that moved most towards its target."""
        by_outcome: dict[str, list[dict]] = {}
        for fact in self.kpi_facts():
            by_outcome.setdefault(fact["outcome"].id, []).append(fact)
        out = []
        for o in sorted(self.plan.outcomes.outcomes, key=lambda o: o.priority):
            facts = by_outcome.get(o.id, [])
            measured = [x for x in facts if x["now"] is not None] or facts
            if measured:
                out.append(self.tile(max(measured, key=lambda x: x["moved"] if x["moved"] is not None else -1)))
        return out[:TILES]

    def executive_summary(self) -> list[Slide]:
        """Return the executive summary: the health score, KPI tiles, outcomes' status and the top asks or risks."""
        _ = self._
        r = self.review
        outcomes = {o.id: o for o in self.plan.outcomes.outcomes}
        lines = [StatusLine(self.t(outcomes[u.outcome].title), self.rag_chip(u.rag))
                 for u in sorted(r.outcomes, key=lambda u: outcomes[u.outcome].priority)]
        if r.asks:
            side_title = self.asks_title()
            side = [StatusLine(self.t(a.ask), self.ask_chip(a)) for a in r.asks[:SIDE_ITEMS]]
        else:
            side_title = _("Top risks")
            side = [StatusLine(self.t(b.barrier), self.task_chip(self.barrier_state(u, b)))
                    for u, b in self.open_barriers()[:SIDE_ITEMS]]
        lead = self.health_line().text if self.score is not None else ""
        # TRANSLATORS: heading of the executive summary's status lines of the business outcomes.
        visual = Summary(tiles=self.tiles(), lines_title=_("Business outcomes"), lines=lines, side_title=side_title,
                         side=side, lead=lead)
        title = (self.both(self.health_headline(), self.outcomes_headline(clause=True)) if self.score is not None
                 else self.outcomes_headline()) or _("Executive summary")
        # The summary in words is what the manager says over this slide (and the appendix shows it).
        notes = self.note(self.review_file, "health", HEALTH_MODEL, "barriers") + [p.text for p in self.md(r.summary)]
        return [Slide("chart", title, kicker=_("Executive summary"), visual=visual, notes=notes)]

    def summary_detail(self) -> list[Slide]:
        """Return the review's summary in words, its highlights and the next review's date."""
        _ = self._
        r = self.review
        body = self.md(r.summary)
        inputs = self.plan.health.periods.get(self.period) if self.plan.health else None
        if self.score is not None and inputs is not None and inputs.note:
            body.append(plain(self.t(inputs.note), italic=True))
        if r.highlights:
            body += [plain(_("Highlights"), bold=True)] + bullets(self.t(h) for h in r.highlights)
        if r.next_review:
            body.append(plain(_("Next review: {date}", date=self.f.date(r.next_review)), bold=True))
        if not body:
            return []
        # TRANSLATORS: title of the appendix slide with the review's summary in words and its highlights.
        return [Slide("content", _("Summary and highlights"), body=body, notes=self.note(self.review_file, "health"))]

    # ------------------------------------------------------------- health

    def trend_chart(self) -> Chart:
        """Return the health score per quarter, with the thresholds as flat lines."""
        _ = self._
        cats = [self.q(s.period) for s in self.scores]
        trend = Chart("line", _("Health score trend"), cats,
                      [Series(_("Health score"), [float(rounded(s.total)) for s in self.scores])],
                      number_format=HEALTH_FORMAT, axis_format=HEALTH_AXIS_FORMAT,
                      empty_text=_("No health score yet."), minimum=0.0, maximum=100.0)  # a score out of 100
        if len(self.scores) < 2:
            trend.categories = []  # one point is no trend: the chart's empty text says so (the gauge shows it)
            # TRANSLATORS: shown instead of the health trend chart when only one quarter has been scored.
            trend.empty_text = _("The trend starts with the next review.")
        if self.model is not None and self.model.thresholds is not None:
            t = self.model.thresholds
            # Constant series draw the thresholds as lines across the chart.
            trend.series += [
                # TRANSLATORS: the health trend's threshold lines, named like the gauge's bands ("Healthy · 75 and up").
                # The healthy threshold is the level to reach (drawn like a target), the watch threshold the
                # floor (drawn like a baseline): neither reads as a data line.
                Series(_("Healthy from {score}", score=self.f.number(t.green)), [float(t.green)] * len(cats),
                       role="target"),
                Series(_("Watch from {score}", score=self.f.number(t.amber)), [float(t.amber)] * len(cats),
                       role="baseline")]
        return trend

    def split_chart(self) -> Chart:
        """Return the subjective and objective parts of the score per quarter (the formula: internal)."""
        _ = self._
        cats = [self.q(s.period) for s in self.scores]
        # The two parts add up to the score: stacked, on the score's 0–100 scale.
        return Chart("stacked", _("Subjective and objective parts"), cats,
                     [Series(_("Subjective"), [float(rounded(s.subjective)) for s in self.scores]),
                      # "Objective" alone is also a hand-off's goal (questionnaire): a context tells them apart.
                      Series(_.pgettext("health score part", "Objective"),
                             [float(rounded(s.objective)) for s in self.scores])],
                     number_format=HEALTH_FORMAT, axis_format=HEALTH_AXIS_FORMAT,
                     empty_text=_("No health score yet."), minimum=0.0, maximum=100.0)

    def gauge(self) -> Gauge | None:
        """Return this review's health score on a 0–100 gauge with the model's bands."""
        _ = self._
        if self.score is None:
            return None
        bands = []
        t = self.model.thresholds if self.model is not None else None
        if t is not None:
            bands = [
                # TRANSLATORS: band of the health score gauge below the amber threshold, e.g. "Critical · under 50".
                Band(0, float(t.amber), LATE, _("Critical · under {score}", score=self.f.number(t.amber))),
                # TRANSLATORS: band of the health score gauge between the thresholds, e.g. "Watch · 50–75".
                Band(float(t.amber), float(t.green), AT_RISK,
                     _("Watch · {low}–{high}", low=self.f.number(t.amber), high=self.f.number(t.green))),
                # TRANSLATORS: band of the health score gauge from the green threshold, e.g. "Healthy · 75 and up".
                Band(float(t.green), 100, ON_TRACK, _("Healthy · {score} and up", score=self.f.number(t.green))),
            ]
        # TRANSLATORS: caption under the health score gauge, e.g. "Health score, Q3 2026".
        return Gauge(float(rounded(self.score.total)), 100, self.points(self.score.total),
                     _("Health score, {quarter}", quarter=self.q(self.period)), bands)

    def health(self) -> list[Slide]:
        """Return the health score: a gauge with its bands beside the trend, one point per quarter scored."""
        _ = self._
        title = self.health_headline() or _("No health score for this quarter.")
        return [Slide("chart", title, kicker=_("Customer health score"), visual=self.gauge(),
                      charts=[self.trend_chart()], notes=self.note("health", HEALTH_MODEL))]

    def health_trend(self) -> list[Slide]:
        """Return the health score with its trend (the EBR's cut: the same slide)."""
        return self.health()

    def health_detail(self) -> list[Slide]:
        """Return the health formula (internal): every scorecard field and objective component, previous against
        current, the subjective and objective parts per quarter, and the split and thresholds of the model."""
        _ = self._
        if self.score is None:
            return []
        f = self.f
        prev, cur = self.prev_score, self.score
        prev_fields = {x.field.id: x for x in prev.fields} if prev else {}
        prev_comps = {x.component.id: x for x in prev.components} if prev else {}
        rows = []
        for x in cur.fields:
            before = prev_fields.get(x.field.id)
            rows.append([cell(self.t(x.field.name)), cell(f.percent(x.field.weight)),
                         cell(self.answer(before.answer) if before else ""),
                         Cell([plain(self.answer(x.answer), bold=True)], self.level(x.points)),
                         cell(f.number(x.points)), cell(self.points(x.contribution))])
        subjective_rows, rows = rows, []
        for x in cur.components:
            before = prev_comps.get(x.component.id)
            unit = x.component.unit
            shown = (lambda v: f.measure(v, unit)) if unit else f.number
            band = self.t(x.band.label) if x.band.label else describe_band(x.band, f.number)
            rows.append([cell(self.t(x.component.name)),
                         cell(f.percent(x.component.weight)), cell(shown(before.value) if before else ""),
                         Cell([plain(shown(x.value), bold=True), plain(band)], self.level(x.points)),
                         cell(f.number(x.points)), cell(self.points(x.contribution))])
        m = self.model

        def total(name: str, share: Decimal, before: Decimal | None, now: Decimal, color: str | None = None):
            """Return the row of a part's (or the overall) total."""
            return [Cell([plain(name, bold=True)]), cell(f.percent(share)),
                    cell(self.points(before) if before is not None else ""),
                    Cell([plain(self.points(now), bold=True)], color), cell(""), cell(self.points(now))]

        # Each part's fields, then the part's total; the overall score last.
        rows = subjective_rows + [total(_("Subjective part"), m.split.subjective,
                                        prev.subjective if prev else None, cur.subjective)] + rows
        rows.append(total(_("Objective part: {offer}", offer=self.t(self.offer.name)), m.split.objective,
                          prev.objective if prev else None, cur.objective))
        rows.append(total(_("Health score"), Decimal(100), prev.total if prev else None, cur.total,
                          rating(m, cur.total)))
        header = [_("Input"), _("Weight"), self.q(prev.period) if prev else _("Previous"), self.q(cur.period),
                  _("Points"), _("Contribution")]
        notes = self.note("health", HEALTH_MODEL)
        how = [plain(_("Subjective part {share} · objective part {share_objective}",
                       share=f.percent(m.split.subjective), share_objective=f.percent(m.split.objective)),
                     bold=True)]
        if m.thresholds is not None:
            how.append(plain(_("Healthy from {score}", score=f.number(m.thresholds.green)) + " · "
                             + _("Watch from {score}", score=f.number(m.thresholds.amber))))
        how += self.md(m.description)
        return [Slide("table", _("Health score detail"), table=table(header, rows, [4, 1.2, 1.8, 2.6, 1, 1.4]),
                      notes=notes),
                Slide("chart", _("Subjective and objective parts"), charts=[self.split_chart()], notes=notes),
                # TRANSLATORS: title of the internal slide that explains the health score model.
                Slide("content", _("How the health score is computed"), body=how, notes=notes)]

    # ------------------------------------------------------------- outcomes and KPIs

    def change(self, now, before, moved) -> str:
        """Return how a status moved since the previous review; ``moved(now, before)`` words a real move."""
        _ = self._
        if self.prev is None:
            return ""
        if before is None:
            return _("New")
        if now == before:
            return _("No change")
        return moved(now, before)

    def rag_change(self, now: Rag, before: Rag | None) -> str:
        """Return how a RAG status moved since the previous review."""
        def moved(now: Rag, before: Rag) -> str:
            arrow = "↑" if RAG_ORDER[now] > RAG_ORDER[before] else "↓"
            return self._("{arrow} from {status}", arrow=arrow, status=self.rag(before).text)

        return self.change(now, before, moved)

    def kpi_progress(self) -> list[Slide]:
        """Return the table of KPI deltas: baseline, previous and current reading, change, target, progress."""
        _ = self._
        f = self.f
        rows = []
        for o, k in self.kpi_list():
            unit = k.baseline.unit
            now, how = self.kpi_reading(k.id, self.period)
            before = self.kpi_value(k.id, self.prev_period) if self.prev_period else None
            better = 1 if k.target.value > k.baseline.value else -1 if k.target.value < k.baseline.value else 0
            delta = now - before if now is not None and before is not None else None
            arrow, color = change(delta, better)
            moved = Cell([plain(f"{arrow} {self.signed(delta, unit)}", bold=True)], color) if delta is not None \
                else cell("")
            progress = ""
            if now is not None and k.target.value != k.baseline.value:
                share = (now - k.baseline.value) / (k.target.value - k.baseline.value) * 100
                progress = f.percent(rounded(share, "1"))
            rows.append([Cell([Para((Run(self.t(k.description), bold=True),)), plain(self.t(o.title), italic=True)]),
                         cell(f.measure(k.baseline.value, unit)),
                         cell(f.measure(before, unit) if before is not None else ""),
                         Cell([plain(f.measure(now, unit))] + [plain(x, italic=True) for x in how]
                              if now is not None else []), moved,
                         cell(_("{value} by {date}", value=f.measure(k.target.value, k.target.unit),
                                date=f.date(k.target.date))), cell(progress)])
        header = [_("KPI"), _("Baseline"), self.q(self.prev_period) if self.prev_period else _("Previous"),
                  self.q(self.period), _("Change"), _("Target"), _("Progress to target")]
        return [Slide("table", _("KPI progress"), table=table(header, rows, [3.6, 1.4, 1.4, 1.4, 1.5, 1.9, 1.3]),
                      notes=self.note(self.review_file, "outcomes", "measurements"))]

    def kpi_chart(self, k) -> Chart:
        """Return a KPI's readings per review period against its baseline and target lines."""
        _ = self._
        scale, fmt = chart_scale(k.baseline.unit)
        cats = [self.q(p) for p in self.periods]
        values = [scale(self.kpi_value(k.id, p)) for p in self.periods]
        # Baseline and target are constant series, so they draw as flat lines behind the readings.
        chart = Chart("line", self.t(k.description), cats,
                      [Series(_("Reading"), values),
                       Series(_("Baseline"), [scale(k.baseline.value)] * len(cats), role="baseline"),
                       Series(_("Target"), [scale(k.target.value)] * len(cats), role="target")],
                      number_format=fmt, empty_text=_("No readings yet for this KPI."))
        fit_range(chart, k.baseline.unit)
        known = [(q, v) for q, v in zip(cats, (self.kpi_value(k.id, p) for p in self.periods)) if v is not None]
        if len(known) == 1:
            # One point is no line: the value, its baseline and target in words instead.
            (quarter, now), = known
            f, unit = self.f, k.baseline.unit
            target = _("{value} by {date}", value=f.measure(k.target.value, k.target.unit), date=f.date(k.target.date))
            words = [quarter + ": " + f.measure(now, unit), _("Baseline") + " " + f.measure(k.baseline.value, unit),
                     _("Target") + " " + target]
            chart.categories = []
            chart.empty_text = " · ".join(words) + ". " + _("The trend starts with the next review.")
        return chart

    def kpi_trends(self) -> list[Slide]:
        """Return the KPI trend charts, two per slide, grouped by business outcome."""
        slides = []
        for o in sorted(self.plan.outcomes.outcomes, key=lambda o: o.priority):
            kpis = [k for i in o.initiatives for k in i.kpis]
            for n in range(0, len(kpis), 2):
                chunk = kpis[n:n + 2]
                charts = [self.kpi_chart(k) for k in chunk]
                for ch in charts:
                    if all(v is None for v in ch.series[0].values):
                        ch.categories = []  # shows the chart's empty text instead of two flat lines
                share_scale(charts, [k.baseline.unit for k in chunk])
                slides.append(Slide("chart", self.t(o.title), charts=charts,
                                    notes=self.note(self.review_file, "outcomes", "measurements")))
        return slides

    def value_delivered(self) -> list[Slide]:
        """Return the value delivered against each business outcome: status, its change, the value in words.

        The EBR's cut adds each outcome's KPIs, baseline → latest (target),
        since it has no KPI slide of its own.
        """
        _ = self._
        f = self.f
        updates = {u.outcome: u for u in self.review.outcomes}
        before = {u.outcome: u.rag for u in self.prev.outcomes} if self.prev else {}
        ebr = self.kind is ReviewKind.EBR
        rows = []
        for o in sorted(self.plan.outcomes.outcomes, key=lambda o: o.priority):
            u = updates.get(o.id)
            if u is None:
                continue
            status = self.rag(u.rag)
            if u.status is not None:
                status.paras.append(plain(self.status(u.status).text))
            moved = self.rag_change(u.rag, before.get(u.outcome))
            if moved and moved != _("No change"):  # a real move, or a new outcome; no noise for the rest
                status.paras.append(plain(moved))
            # The value in the customer's words when the review gives it, then where the outcome stands.
            value = self.md(u.value) + ([plain(self.t(u.note), italic=bool(u.value))] if u.note else [])
            row = [Cell([Para((Run(self.t(o.title), bold=True),)), plain(self.enum(o.category), italic=True)]),
                   status, Cell(value)]
            if ebr:
                kpis = []
                for i in o.initiatives:
                    for k in i.kpis:
                        now = self.kpi_value(k.id, self.period)
                        unit = k.baseline.unit
                        # TRANSLATORS: a KPI's movement, e.g. "Answer time: 145 s → 61 s (target 45 s)".
                        kpis.append(_("{kpi}: {baseline} → {latest} (target {target})", kpi=self.t(k.description),
                                      baseline=f.measure(k.baseline.value, unit),
                                      latest=f.measure(now, unit) if now is not None else "–",
                                      target=f.measure(k.target.value, k.target.unit)))
                row.append(cell(bullets(kpis)))
            rows.append(row)
        kicker = _("Value delivered against business outcomes")
        if not rows:
            return [Slide("content", kicker, body=[plain(_("This review has no outcome updates."))],
                          notes=self.note(self.review_file))]
        header = [_("Business outcome"), _("Status"), _("Value delivered")]
        widths = [3, 1.6, 6]
        if ebr:
            header, widths = header + [_("KPIs")], [2.6, 1.4, 4, 4]
        return [Slide("table", self.outcomes_headline(), kicker=kicker, table=table(header, rows, widths),
                      notes=self.note(self.review_file, "outcomes", "measurements"))]

    def kpi_scorecard(self) -> list[Slide]:
        """Return outcome → initiative → KPI as one scorecard, a status chip and the latest value per KPI."""
        _ = self._
        f = self.f
        facts = self.kpi_facts()
        if not facts:
            return []
        rows = [ScoreRow(self.t(x["outcome"].title), self.t(x["initiative"].title), self.t(x["kpi"].description),
                         f.measure(x["now"], x["kpi"].baseline.unit) if x["now"] is not None else DASH,
                         self.kpi_chip(x["state"])) for x in facts]
        good = sum(1 for x in facts if x["state"] in (ON_TRACK, DONE))
        met = sum(1 for x in facts if x["state"] == DONE)
        off = sum(1 for x in facts if x["state"] == LATE)
        # TRANSLATORS: slide title, e.g. "5 of 7 KPIs on track or met"; {count} is the number on track or met.
        head = _.plural("{count} of {total} KPIs on track or met", "{count} of {total} KPIs on track or met", good,
                        count=f.number(good), total=f.number(len(facts)))
        tail = []
        if met:
            # TRANSLATORS: slide title clause, e.g. "1 target already met".
            tail.append(_.plural("{count} target already met", "{count} targets already met", met, count=f.number(met)))
        if off:
            tail.append(_.plural("{count} off track", "{count} off track", off, count=f.number(off)))
        # TRANSLATORS: column headers of the KPI scorecard.
        header = [_("Business outcome"), _("Initiative"), _("KPI"), self.q(self.period)]
        return [Slide("chart", self.join([head, *tail]), kicker=_("KPI scorecard"), visual=Scorecard(header, rows),
                      notes=self.note(self.review_file, "outcomes", "measurements"))]

    def kpi_headline(self, fact: dict) -> str:
        """Return a KPI's takeaway, e.g. "Average speed of answer: down 58 % to 61 seconds; target 45 seconds by …"."""
        _ = self._
        f = self.f
        k, now = fact["kpi"], fact["now"]
        unit = k.baseline.unit
        base = k.baseline.value
        value = f.measure(now, unit)
        target = _("target {value} by {date}", value=f.measure(k.target.value, k.target.unit),
                   date=f.date(k.target.date))
        if unit.strip() == "%":
            # TRANSLATORS: a change of a percentage in percentage points, e.g. "7 pp".
            amount = _("{value} pp", value=f.number(rounded(abs(now - base))))
        elif base:
            amount = f.percent(rounded(abs(now - base) / abs(base) * 100, "1"))
        else:
            amount = f.measure(abs(now - base), unit)
        if now == base:
            # TRANSLATORS: slide title: a KPI has not moved from its baseline, e.g. "Helpdesk tickets still at 310".
            head = _("{kpi}: still at {value}", kpi=self.t(k.description), value=value)
        elif now > base:
            # TRANSLATORS: slide title, e.g. "First contact resolution: up 7 pp to 68%" (since the baseline).
            head = _("{kpi}: up {change} to {value}", kpi=self.t(k.description), change=amount, value=value)
        else:
            # TRANSLATORS: slide title, e.g. "Average speed of answer: down 58% to 61 seconds" (since the baseline).
            head = _("{kpi}: down {change} to {value}", kpi=self.t(k.description), change=amount, value=value)
        if fact["state"] == DONE:
            # TRANSLATORS: slide title clause: the KPI reached its target.
            target = _("target {value} met", value=f.measure(k.target.value, k.target.unit))
        full = self.both(head, target)
        # A long KPI description leaves no room for the target on two lines: the chart shows it as a line.
        return full if len(full) <= TITLE_CHARS else head

    def kpi_movers(self) -> list[Slide]:
        """Return the KPIs that moved most towards (or away from) their targets, charted, the first one's takeaway as the title."""
        _ = self._
        moved = [x for x in self.kpi_facts() if x["moved"] is not None and x["now"] is not None]
        moved.sort(key=lambda x: abs(x["moved"]), reverse=True)
        top = moved[:MOVERS]
        if not top:
            return []
        charts = [self.kpi_chart(x["kpi"]) for x in top]
        share_scale(charts, [x["kpi"].baseline.unit for x in top])
        # TRANSLATORS: kicker above the title of the slide charting the KPIs that moved most this quarter.
        return [Slide("chart", self.kpi_headline(top[0]), kicker=_("KPIs that moved most"), charts=charts,
                      notes=self.note(self.review_file, "outcomes", "measurements"))]

    # ------------------------------------------------------------- barriers, delivery, wins

    def barrier_change(self, now: Status, before: Status | None) -> str:
        """Return how a barrier's status moved since the previous review."""
        def moved(now: Status, before: Status) -> str:
            if now is Status.COMPLETED:
                return self._("Resolved this quarter")
            return self._("Was: {status}", status=self.status(before).text)

        return self.change(now, before, moved)

    def barrier_state(self, update, barrier) -> str:
        """Return where a barrier stands at the review: late when its timeframe ended and it is still open."""
        due = barrier.timeframe.end if barrier.timeframe is not None else self.review.date
        return task_state(update.status, due, self.review.date)

    def barriers_headline(self) -> str:
        """Return the barriers' takeaway, e.g. "1 resolved since Q2 2026; 2 barriers still open, all owned"."""
        _ = self._
        f = self.f
        known = {b.id: b for b in self.plan.barriers.barriers}
        before = {u.barrier: u.status for u in self.prev.barriers} if self.prev else {}
        updates = [(u, known[u.barrier]) for u in self.review.barriers if u.barrier in known]
        resolved = [u for u, _b in updates if u.status is Status.COMPLETED
                    and before.get(u.barrier, Status.NOT_STARTED) is not Status.COMPLETED]
        still = [(u, b) for u, b in updates if u.status is not Status.COMPLETED]
        parts = []
        if resolved:
            since = self.q(self.prev_period) if self.prev else None
            n = len(resolved)
            parts.append(_.plural("{count} barrier resolved since {quarter}", "{count} barriers resolved since {quarter}",
                                  n, count=f.number(n), quarter=since) if since else
                         _.plural("{count} barrier resolved", "{count} barriers resolved", n, count=f.number(n)))
        if not still:
            # TRANSLATORS: slide title clause: every adoption barrier discussed at the review is resolved.
            parts.append(_("no barrier left open"))
            return self.join(parts)
        n = len(still)
        # TRANSLATORS: slide title clause, e.g. "2 barriers still open".
        head = _.plural("{count} barrier still open", "{count} barriers still open", n, count=f.number(n))
        owners = sum(1 for _u, b in still if b.owner)
        late = sum(1 for u, b in still if self.barrier_state(u, b) == LATE)
        due = sum(1 for u, b in still if b.timeframe is not None and self.due_this_quarter(b.timeframe.end))
        more = []
        if n == 1 and owners:
            # TRANSLATORS: slide title clause after "1 barrier still open", e.g. "owned by Tomasz Wróbel".
            more.append(_("owned by {name}", name=self.name(still[0][1].owner)))
        elif owners == n:
            # TRANSLATORS: slide title clause after "2 barriers still open": each has an owner.
            more.append(_("all owned"))
        else:
            more.append(_.plural("{count} without an owner", "{count} without an owner", n - owners,
                                 count=f.number(n - owners)))
        if late:
            # TRANSLATORS: slide title clause: open barriers whose timeframe has ended, e.g. "2 past their dates".
            more.append(_("past its date") if n == 1 else
                        _.plural("{count} past its date", "{count} past their dates", late, count=f.number(late)))
        elif due == n:
            # TRANSLATORS: slide title clause: every open barrier is due by the end of the quarter the review is in.
            more.append(_("due this quarter") if n == 1 else _("all due this quarter"))
        elif due:
            more.append(_.plural("{count} due this quarter", "{count} due this quarter", due, count=f.number(due)))
        # TRANSLATORS: joins "2 barriers still open" with "all owned, 1 due this quarter" in a slide title.
        parts.append(_("{barriers}, {detail}", barriers=head, detail=", ".join(more)))
        return self.join(parts)

    def barrier_status(self) -> list[Slide]:
        """Return the barriers discussed: open first, then resolved, with owner, due date and the way out."""
        _ = self._
        f = self.f
        known = {b.id: b for b in self.plan.barriers.barriers}
        before = {u.barrier: u.status for u in self.prev.barriers} if self.prev else {}
        updates = sorted(self.review.barriers, key=lambda u: u.status is Status.COMPLETED)
        rows = []
        for u in updates:
            b = known[u.barrier]
            note = [plain(self.t(u.note))] if u.note else self.md(b.resolution_path)
            status = Cell([plain(self.status(u.status).text, bold=True)], CELL_COLOR[self.barrier_state(u, b)])
            moved = self.barrier_change(u.status, before.get(u.barrier))
            if moved:
                status.paras.append(plain(moved))
            owner = [plain(self.name(b.owner))] if b.owner else []
            if b.timeframe is not None and u.status is not Status.COMPLETED:
                owner.append(plain(_("by {date}", date=f.date(b.timeframe.end)), italic=True))
            rows.append([Cell([plain(self.t(b.barrier)), plain(self.enum(b.type), italic=True)]), status,
                         Cell(owner), Cell(note)])
        kicker = _("Adoption barriers: resolved and open")
        if not rows:
            return [Slide("content", kicker, body=[plain(_("No adoption barriers were reviewed."))],
                          notes=self.note(self.review_file))]
        return [Slide("table", self.barriers_headline(), kicker=kicker, table=table(
            [_("Adoption issue"), _("Status"), _("Owner"), _("Resolution path")], rows, [3.4, 1.8, 1.8, 4.6]),
            notes=self.note(self.review_file, "barriers"))]

    def delivered(self) -> list[Slide]:
        """Return the communication and training activities completed in the quarter."""
        _ = self._
        f = self.f
        start, end = quarter_start(self.period), quarter_end(self.period)
        done = sorted((a for a in self.plan.communication.activities
                       if a.completed is not None and start <= a.completed <= end), key=lambda a: a.completed)
        title = _("Communication and training delivered")
        if not done:
            return [Slide("content", title, body=[plain(_("No communication or training activity was completed in "
                                                            "{quarter}.", quarter=self.q(self.period)))],
                          notes=self.note("communication"))]
        rows = [[Cell([plain(self.t(a.activity), bold=True), plain(self.enum(a.kind), italic=True)]),
                 cell(self.t(a.audience)), cell(f.date(a.completed)), cell(self.t(a.evidence))] for a in done]
        return [Slide("table", title, table=table([_("Activity"), _("Audience (Who)"), _("Date completed"),
                                                   _("Evidence")], rows, [3, 2.4, 1.6, 4]),
                      notes=self.note("communication"))]

    def wins(self) -> list[Slide]:
        """Return the wins of the quarter beside an executive statement of the value achieved."""
        _ = self._
        wins = [self.t(w) for w in self.review.wins]
        if not wins:
            return []
        left = bullets(wins)
        right: list[Para] = []
        ms = self.plan.measurements
        statements = ms.statements if ms is not None else []
        if statements:
            s = statements[0]
            right = [plain(p.text, italic=True) for p in self.md(s.statement)]
            if s.by:
                right.append(plain("— " + self.who(s.by), bold=True))
        n = len(wins)
        # TRANSLATORS: slide title, e.g. "2 wins in Q3 2026".
        title = _.plural("{count} win in {quarter}", "{count} wins in {quarter}", n, count=self.f.number(n),
                         quarter=self.q(self.period))
        if not right:
            return [Slide("content", title, kicker=_("Wins"), body=left, notes=self.note(self.review_file))]
        return [Slide("two_column", title, kicker=_("Wins"), left=left, right=right,
                      notes=self.note(self.review_file, "measurements"))]

    def success_story(self) -> list[Slide]:
        """Return the success story so far and every executive statement (supporting detail)."""
        _ = self._
        ms = self.plan.measurements
        if ms is None or (not ms.success_story and not ms.statements):
            return []
        body = self.md(ms.success_story)
        for s in ms.statements:
            body += [plain(p.text, italic=True) for p in self.md(s.statement)]
            if s.by:
                body.append(plain("— " + self.who(s.by), bold=True))
        return [Slide("content", _("Success story so far"), body=body, notes=self.note("measurements"))]

    # ------------------------------------------------------------- what comes next

    def roadmap_window(self, bars: list[Bar], stones: list[Milestone]) -> tuple[list[Bar], list[Milestone]]:
        """Return the phases and milestones worth a row on one slide: what is current, next, or done lately.

        Work finished before the previous review's quarter (half a year back
        without one) is history the title counts but the chart leaves out;
        beyond ``ROADMAP_ROWS`` rows the oldest finished milestones, then
        phases, go too.
        """
        since = quarter_start(self.prev_period) if self.prev_period else quarter_start(
            quarter_of(date.fromordinal(self.review.date.toordinal() - 182)))
        bars = [b for b in bars if b.end >= since or b.chip.status != DONE]
        stones = [m for m in stones if m.when >= since or m.chip.status != DONE]
        for items in (stones, bars):
            while len(bars) + len(stones) > ROADMAP_ROWS and any(x.chip.status == DONE for x in items):
                items.remove(next(x for x in items if x.chip.status == DONE))
        return bars, stones

    def adoption(self) -> list[Slide]:
        """Return the adoption plan's phases and milestones on a date axis, today at the review date."""
        _ = self._
        f = self.f
        plan = self.plan.adoption_plan
        when = self.review.date
        if plan is None or not plan.phases:
            return []
        bars = [Bar(self.t(p.name), p.start, p.end, self.task_chip(phase_state(p.start, p.end, when)))
                for p in sorted(plan.phases, key=lambda p: p.start)]
        stones = [Milestone(self.t(m.name), m.date, self.task_chip(milestone_state(m.status, m.date, when)))
                  for m in sorted(plan.milestones, key=lambda m: m.date)]
        shown_bars, shown_stones = self.roadmap_window(bars, stones)
        first = quarter_of(min([b.start for b in shown_bars] + [m.when for m in shown_stones]))
        last = quarter_of(max([b.end for b in shown_bars] + [m.when for m in shown_stones] + [when]))
        if any((quarter_end(last) - m.when).days < 14 for m in shown_stones):
            # A diamond on the axis's very end would stick out of the slide: one more quarter of room.
            year, q = quarter_key(last)
            last = f"{year + (q == 4)}-Q{q % 4 + 1}"
        ticks = quarter_ticks(self.locale, quarter_start(first), quarter_end(last))
        visual = Roadmap(start=quarter_start(first), end=quarter_end(last), today=when,
                         # TRANSLATORS: label of the roadmap's "today" line, at the review date.
                         today_label=_("Review · {date}", date=f.date(when)), ticks=ticks, bars=shown_bars,
                         milestones=shown_stones)
        reached = sum(1 for m in stones if m.chip.status == DONE)
        late = sum(1 for m in stones if m.chip.status == LATE)
        current = [b.label for b in bars if b.chip.status == ON_TRACK]
        parts = []
        if current:
            # TRANSLATORS: slide title clause: the adoption phase under way at the review, e.g. "Pilot in progress".
            parts.append(_("{phase} in progress", phase=current[-1]))
        # TRANSLATORS: slide title clause, e.g. "4 of 6 milestones reached".
        parts.append(_.plural("{count} of {total} milestones reached", "{count} of {total} milestones reached",
                              reached, count=f.number(reached), total=f.number(len(stones))))
        if late:
            parts.append(_.plural("{count} late", "{count} late", late, count=f.number(late)))
        return [Slide("chart", self.join(parts), kicker=_("Adoption and roadmap progress"), visual=visual,
                      notes=self.note("adoption-plan", self.review_file))]

    def roadmap(self) -> list[Slide]:
        """Return what comes next, by quarter, as cards (the QBR's next-quarter plan, the EBR's strategic roadmap)."""
        _ = self._
        items = sorted(self.review.roadmap, key=lambda i: quarter_key(i.when))
        if not items:
            return []
        titles = {o.id: self.t(o.title) for o in self.plan.outcomes.outcomes}
        cards = []
        for i in items:
            state = NOT_STARTED
            if quarter_end(i.when) < self.review.date:
                state = LATE  # a quarter already over at the review, still on the roadmap
            elif quarter_start(i.when) <= self.review.date:
                state = ON_TRACK
            lines = [p.text for p in self.md(i.description)] + [titles.get(x, x) for x in i.outcomes]
            cards.append(Card(self.t(i.item), lines, self.task_chip(state), footer=self.q(i.when)))
        first = items[0].when
        later = [i for i in items if i.when != first]
        n = len(items) - len(later)
        # TRANSLATORS: slide title, e.g. "2 roadmap items due in Q1 2027".
        head = _.plural("{count} roadmap item due in {quarter}", "{count} roadmap items due in {quarter}", n,
                        count=self.f.number(n), quarter=self.q(first))
        if later:
            # TRANSLATORS: slide title clause after "2 roadmap items due in Q1 2027", e.g. "2 more by Q2 2027".
            head = self.both(head, _.plural("{count} more by {quarter}", "{count} more by {quarter}", len(later),
                                            count=self.f.number(len(later)), quarter=self.q(items[-1].when)))
        kicker = _("Next quarter's plan") if self.kind is ReviewKind.QBR else _("Strategic roadmap")
        return [Slide("chart", head, kicker=kicker, visual=Cards(cards), notes=self.note(self.review_file, "outcomes"))]

    def renewal(self) -> list[Slide]:
        """Return the renewal and commercial status (internal): contract, renewal, segment, value, summary."""
        _ = self._
        r = self.review.renewal
        f = self.f
        c = self.plan.customer
        contract = c.contract
        rows = [[cell(_("Segment")), cell(self.enum(c.segment))],
                [cell(_("Contract")), cell(f"{f.date(contract.start)} – {f.date(contract.end)}")]]
        if contract.value is not None:
            rows.append([cell(_("Contract value")), cell(self.money(contract.value))])
        when = (r.date if r is not None else None) or contract.renewal
        if when:
            days = (when - self.review.date).days
            text = f.date(when)
            if days > 0:
                count = _.plural("{count} day", "{count} days", days)
                # The catalog's "{count} days" takes a no-break space once filled in.
                text = _("{date} (in {days})", date=text, days=glue_units(count, self.locale))
            rows.append([cell(_("Renewal")), cell(text)])
        if r is not None:
            rows.append([cell(_("Renewal status")), self.rag(r.status)])
            if r.summary:
                rows.append([cell(_("Summary")), Cell(self.md(r.summary))])
        return [Slide("table", _("Renewal and commercial status"), table=table([_("Field"), _("Value")], rows, [1, 3]),
                      notes=self.note(self.review_file, "customer"))]

    def opportunities(self) -> list[Slide]:
        """Return the upsell opportunities the review names (internal)."""
        _ = self._
        r = self.review.renewal
        if r is None or not r.opportunities:
            return []
        # TRANSLATORS: title of the internal slide listing upsell and cross-sell opportunities.
        return [Slide("content", _("Opportunities"), body=bullets(self.t(o) for o in r.opportunities),
                      notes=self.note(self.review_file))]

    def asks_title(self) -> str:
        """Return the title of the asks: the EBR asks the customer's executives."""
        _ = self._
        return _("Our asks") if self.kind is ReviewKind.QBR else _("Executive asks")

    def ask_chip(self, ask) -> Chip | None:
        """Return an ask's chip: late when its date passed before the review, else none."""
        if ask.due is not None and ask.due < self.review.date:
            return self.task_chip(LATE)
        return None

    def asks(self) -> list[Slide]:
        """Return the decisions and asks as cards, each with whom it is for and by when."""
        _ = self._
        f = self.f
        asks = self.review.asks
        if not asks:
            return []
        cards = []
        # The first due first, as the title says; asks without a date last, in their file's order.
        for a in sorted(asks, key=lambda a: (a.due is None, a.due or self.review.date)):
            lines = [_("For {name}", name=self.who(a.of))] if a.of else []
            cards.append(Card(self.t(a.ask), lines, self.ask_chip(a),
                              footer=_("By {date}", date=f.date(a.due)) if a.due else ""))
        n = len(asks)
        dates = sorted(a.due for a in asks if a.due is not None)
        if dates:
            # TRANSLATORS: slide title, e.g. "2 decisions we need from you, the first by Dec 1, 2026".
            title = _.plural("{count} decision we need from you, by {date}",
                             "{count} decisions we need from you, the first by {date}", n,
                             count=f.number(n), date=f.date(dates[0]))
        else:
            title = _.plural("{count} decision we need from you", "{count} decisions we need from you", n,
                             count=f.number(n))
        # TRANSLATORS: kicker above the title of the slide of decisions and asks.
        return [Slide("chart", title, kicker=_("Decisions and asks"),
                      visual=Cards(cards), notes=self.note(self.review_file, "stakeholders"))]

    def actions(self) -> list[Slide]:
        """Return the action items agreed at the review, by due date: the closing slide, owners and dates."""
        _ = self._
        f = self.f
        kicker = _("Action items")
        items = sorted(self.review.actions, key=lambda a: a.due)
        when = self.review.date
        if not items:
            return [Slide("content", kicker, body=[plain(_("No action items were agreed."))],
                          notes=self.note(self.review_file))]
        states = [milestone_state(a.status, a.due, when) for a in items]  # as of the review date
        rows = [[cell(self.t(a.action)), cell(self.name(a.owner)), cell(f.date(a.due)),
                 self.state_cell(self.task_chip(s))] for a, s in zip(items, states)]
        n = len(items)
        # TRANSLATORS: slide title, e.g. "4 actions, each with an owner and a due date".
        parts = [_.plural("{count} action with an owner and a due date", "{count} actions, each with an owner and a due date",
                          n, count=f.number(n))]
        late = states.count(LATE)
        if late:
            # TRANSLATORS: slide title clause: actions past their due date at the review.
            parts.append(_.plural("{count} overdue", "{count} overdue", late, count=f.number(late)))
        if self.review.next_review:
            # TRANSLATORS: slide title clause, e.g. "next review on Jan 19, 2027".
            parts.append(_("next review on {date}", date=f.date(self.review.next_review)))
        return [Slide("table", self.join(parts), kicker=kicker,
                      table=table([_("Action item"), _("Owner"), _("Due date"), _("Status")], rows, [5.5, 2, 1.5, 1.5]),
                      notes=self.note(self.review_file, "stakeholders"))]


def review_view(plan: Plan, period: str, kind: ReviewKind, locale: str, translate: Translator, content_rel: str,
                logo: bytes | None, storyline: Storyline, audience: str = "customer") -> Deck:
    """Return the review deck of ``period`` (a QBR, or the EBR cut) in ``locale`` for ``audience``."""
    return ReviewView(plan, period, kind, locale, translate, content_rel, logo, storyline, audience).deck()
