"""The quarterly business review (QBR) and its executive cut (EBR) as deck views (docs/domain.md §7).

A review deck compares: KPI readings and the health score with the previous
review and with the plan's baselines and targets, outcome and barrier status
with the previous review. Every comparison is computed here from the review
files, measurements.yaml and health.yaml, never typed by the user.
"""

from __future__ import annotations

from decimal import Decimal

from pipeline.health import Score, describe_band, history, offer_for, previous, rating
from pipeline.i18n import Translator
from pipeline.model import Plan, Status
from pipeline.model.health import HEALTH_MODEL as HEALTH_MODEL_NAME, quarter_end, quarter_key, quarter_start
from pipeline.model.review import REVIEWS_DIR, Rag, ReviewFile, ReviewKind
from pipeline.project import PARTNER_DIR
from pipeline.registry import Storyline
from pipeline.view import Cell, Chart, Deck, Para, Run, Series, Slide, Table, bullets, cell, plain
from pipeline.view.common import change, chart_scale, quarter_label, rounded
from pipeline.view.cs_plan import PlanView
from pipeline.view.storyline import assemble

DASH = "–"
RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}
HEALTH_FORMAT = "0.0"
# Notes name a file of the shared partner folder as _partner/<name>.
PARTNER = f"{PARTNER_DIR}/"
HEALTH_MODEL = PARTNER + HEALTH_MODEL_NAME


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

    # ------------------------------------------------------------- the deck

    def parts(self) -> dict:
        """Return every part of a review deck by its storyline name: a function making its slides."""
        return {
            "attendees": self.attendees, "executive-summary": self.executive_summary, "health": self.health,
            "health-detail": self.health_detail, "health-trend": self.health_trend,
            "outcome-status": self.outcome_status, "value-delivered": self.value_delivered,
            "kpi-progress": self.kpi_progress, "kpi-trends": self.kpi_trends, "barriers": self.barrier_status,
            "delivered": self.delivered, "wins": self.wins, "roadmap": self.roadmap, "renewal": self.renewal,
            "asks": self.asks, "actions": self.actions,
        }

    def deck(self) -> Deck:
        """Return the whole deck: the QBR, or the EBR's executive cut, as the storyline orders its parts."""
        _ = self._
        c = self.plan.customer
        # TRANSLATORS: title of the divider slide before the appendix (supporting detail) of a deck.
        slides = assemble([self.title_slide()], self.parts(), self.storyline, self.audience, _("Appendix"))
        # TRANSLATORS: title of a slide continued from the previous one because its table or text did not fit.
        continued = _("{title} (cont.)")
        for s in slides:
            s.continued = continued
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
        )

    def title_slide(self) -> Slide:
        """Return the cover: customer, review kind and quarter, date, CS manager, logo."""
        _ = self._
        c = self.plan.customer
        return Slide("title", _("{customer} — {review}", customer=c.name, review=self.kind_label()),
                     subtitle=[_("Held on {date}", date=self.f.date(self.review.date)),
                               _("Customer Success Manager: {name}", name=self.who(c.cs_manager))],
                     picture=self.logo, notes=self.note(self.review_file, "customer"))

    def attendees(self) -> list[Slide]:
        """Return the attendees by side."""
        _ = self._
        order = {"customer": 0, "partner": 1, "vendor": 2}
        people = [self.people[a] for a in self.review.attendees if a in self.people]
        people.sort(key=lambda p: order.get(p.side.value, 3))
        rows = [[Cell([Para((Run(p.name, bold=True),))]), cell(self.t(p.title)), cell(self.enum(p.side))]
                for p in people]
        return [Slide("table", _("Attendees"), table=table([_("Name"), _("Title"), _("Side")], rows, [2.5, 5, 1.5]),
                      notes=self.note(self.review_file, "stakeholders"))]

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

    def executive_summary(self) -> list[Slide]:
        """Return the executive summary: health and outcomes at a glance, highlights, risks and asks."""
        _ = self._
        r = self.review
        left = [self.health_line()]
        inputs = self.plan.health.periods.get(self.period) if self.plan.health else None
        if self.score is not None and inputs is not None and inputs.note:
            left.append(plain(self.t(inputs.note), italic=True))
        if r.outcomes:
            counts = {g: sum(1 for u in r.outcomes if u.rag is g) for g in Rag}
            left.append(plain(_.plural("{count} business outcome on track", "{count} business outcomes on track",
                                       counts[Rag.GREEN]) + " · "
                              + _.plural("{count} at risk", "{count} at risk", counts[Rag.AMBER]) + " · "
                              + _.plural("{count} off track", "{count} off track", counts[Rag.RED])))
        left.extend(self.md(r.summary))
        if r.highlights:
            left += [plain(_("Highlights"), bold=True)] + bullets(self.t(h) for h in r.highlights)
        right: list[Para] = []
        risks = self.open_barriers()
        if risks:
            right.append(plain(_("Top risks"), bold=True))
            right += bullets(self.t(b.barrier) for _u, b in risks[:5])
        if r.asks:
            right.append(plain(self.asks_title(), bold=True))
            right += bullets(self.t(a.ask) for a in r.asks)
        if r.next_review:
            right.append(plain(_("Next review: {date}", date=self.f.date(r.next_review)), bold=True))
        return [Slide("two_column", _("Executive summary"), left=left, right=right,
                      notes=self.note(self.review_file, "health", HEALTH_MODEL, "barriers"))]

    # ------------------------------------------------------------- health

    def health_charts(self) -> list[Chart]:
        """Return the trend of the score and its split into subjective and objective parts, per quarter."""
        _ = self._
        cats = [self.q(s.period) for s in self.scores]
        trend = Chart("line", _("Health score trend"), cats,
                      [Series(_("Health score"), [float(rounded(s.total)) for s in self.scores])],
                      number_format=HEALTH_FORMAT, empty_text=_("No health score yet."))
        if self.model is not None and self.model.thresholds is not None:
            t = self.model.thresholds
            # Constant series draw the thresholds as lines across the chart.
            trend.series += [
                Series(_("Green from {score}", score=self.f.number(t.green)), [float(t.green)] * len(cats)),
                Series(_("Amber from {score}", score=self.f.number(t.amber)), [float(t.amber)] * len(cats))]
        split = Chart("column", _("Subjective and objective parts"), cats,
                      [Series(_("Subjective"), [float(rounded(s.subjective)) for s in self.scores]),
                       # "Objective" alone is also a hand-off's goal (questionnaire): a context tells them apart.
                       Series(_.pgettext("health score part", "Objective"),
                              [float(rounded(s.objective)) for s in self.scores])],
                      number_format=HEALTH_FORMAT, empty_text=_("No health score yet."))
        return [trend, split]

    def health(self) -> list[Slide]:
        """Return the health score slide: trend and split, one point per quarter scored."""
        _ = self._
        return [Slide("chart", _("Customer health score"), charts=self.health_charts(),
                      notes=self.note("health", HEALTH_MODEL))]

    def health_trend(self) -> list[Slide]:
        """Return the health score trend alone (the EBR's cut)."""
        _ = self._
        return [Slide("chart", _("Customer health score"), charts=self.health_charts()[:1],
                      notes=self.note("health", HEALTH_MODEL))]

    def health_detail(self) -> list[Slide]:
        """Return every scorecard field and objective component, previous against current."""
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
        return [Slide("table", _("Health score detail"), table=table(header, rows, [4, 1.2, 1.8, 2.6, 1, 1.4]),
                      notes=self.note("health", HEALTH_MODEL))]

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

    def outcome_status(self) -> list[Slide]:
        """Return each business outcome's RAG status with its change since the previous review."""
        _ = self._
        outcomes = {o.id: o for o in self.plan.outcomes.outcomes}
        before = {u.outcome: u.rag for u in self.prev.outcomes} if self.prev else {}
        rows = []
        for u in sorted(self.review.outcomes, key=lambda u: outcomes[u.outcome].priority):
            o = outcomes[u.outcome]
            head = [Para((Run(self.t(o.title), bold=True),)), plain(self.enum(o.category), italic=True)]
            status = self.rag(u.rag)
            if u.status is not None:
                status.paras.append(plain(self.status(u.status).text))
            rows.append([Cell(head), status, cell(self.rag_change(u.rag, before.get(u.outcome))),
                         cell(self.t(u.note))])
        title = _("Business outcomes status")
        if not rows:
            return [Slide("content", title, body=[plain(_("This review has no outcome updates."))],
                          notes=self.note(self.review_file))]
        since = _("Since {quarter}", quarter=self.q(self.prev_period)) if self.prev else _("Change")
        return [Slide("table", title, table=table([_("Business outcome"), _("Status"), since, _("Comment")], rows,
                                                  [3.5, 1.6, 1.6, 4]),
                      notes=self.note(self.review_file, "outcomes"))]

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
        return Chart("line", self.t(k.description), cats,
                     [Series(_("Reading"), values), Series(_("Baseline"), [scale(k.baseline.value)] * len(cats)),
                      Series(_("Target"), [scale(k.target.value)] * len(cats))],
                     number_format=fmt, empty_text=_("No readings yet for this KPI."))

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
                slides.append(Slide("chart", self.t(o.title), charts=charts,
                                    notes=self.note(self.review_file, "outcomes", "measurements")))
        return slides

    def value_delivered(self) -> list[Slide]:
        """Return the EBR's value delivered against each business outcome, with its KPIs' movement."""
        _ = self._
        f = self.f
        updates = {u.outcome: u for u in self.review.outcomes}
        rows = []
        for o in sorted(self.plan.outcomes.outcomes, key=lambda o: o.priority):
            u = updates.get(o.id)
            # The value in the customer's words when the review gives it, else where the outcome stands.
            value = (self.md(u.value) if u.value else [plain(self.t(u.note))] if u.note else []) if u else []
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
            rows.append([Cell([Para((Run(self.t(o.title), bold=True),))]),
                         self.rag(u.rag) if u else self.status(o.status), Cell(value), cell(bullets(kpis))])
        return [Slide("table", _("Value delivered against business outcomes"), table=table(
            [_("Business outcome"), _("Status"), _("Value delivered"), _("KPIs")], rows, [2.6, 1.4, 4, 4]),
            notes=self.note(self.review_file, "outcomes", "measurements"))]

    # ------------------------------------------------------------- barriers, delivery, wins

    def barrier_change(self, now: Status, before: Status | None) -> str:
        """Return how a barrier's status moved since the previous review."""
        def moved(now: Status, before: Status) -> str:
            if now is Status.COMPLETED:
                return self._("Resolved this quarter")
            return self._("Was: {status}", status=self.status(before).text)

        return self.change(now, before, moved)

    def barrier_status(self) -> list[Slide]:
        """Return the barriers discussed: resolved first, then open, with the change since the last review."""
        _ = self._
        known = {b.id: b for b in self.plan.barriers.barriers}
        before = {u.barrier: u.status for u in self.prev.barriers} if self.prev else {}
        updates = sorted(self.review.barriers, key=lambda u: u.status is not Status.COMPLETED)
        rows = []
        for u in updates:
            b = known[u.barrier]
            note = [plain(self.t(u.note))] if u.note else self.md(b.resolution_path)
            rows.append([cell(self.t(b.barrier)), cell(self.enum(b.type)), self.status(u.status),
                         cell(self.barrier_change(u.status, before.get(u.barrier))), cell(self.name(b.owner)),
                         Cell(note)])
        title = _("Adoption barriers: resolved and open")
        if not rows:
            return [Slide("content", title, body=[plain(_("No adoption barriers were reviewed."))],
                          notes=self.note(self.review_file))]
        return [Slide("table", title, table=table(
            [_("Adoption issue"), _("Type"), _("Status"), _("Change"), _("Owner"), _("Resolution path")], rows,
            [3.2, 1.2, 1.4, 1.6, 1.6, 4]), notes=self.note(self.review_file, "barriers"))]

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
        """Return the wins of the quarter and the success story so far."""
        _ = self._
        left = bullets(self.t(w) for w in self.review.wins)
        ms = self.plan.measurements
        right = self.md(ms.success_story) if ms is not None and ms.success_story else []
        if not left and not right:
            return []
        left = [plain(_("Wins this quarter"), bold=True)] + (left or [plain(_("None recorded."))])
        right = [plain(_("Success story so far"), bold=True)] + (right or [plain(_("Not written yet."))])
        return [Slide("two_column", _("Wins and success story"), left=left, right=right,
                      notes=self.note(self.review_file, "measurements"))]

    # ------------------------------------------------------------- what comes next

    def roadmap(self) -> list[Slide]:
        """Return the roadmap by quarter (the EBR's strategic roadmap)."""
        _ = self._
        title = _("Roadmap") if self.kind is ReviewKind.QBR else _("Strategic roadmap")
        items = sorted(self.review.roadmap, key=lambda i: quarter_key(i.when))
        if not items:
            return []
        titles = {o.id: self.t(o.title) for o in self.plan.outcomes.outcomes}
        rows = [[cell(self.q(i.when)), Cell([plain(self.t(i.item), bold=True)] + self.md(i.description)),
                 cell(bullets(titles.get(x, x) for x in i.outcomes))] for i in items]
        return [Slide("table", title, table=table([_("When"), _("Roadmap item"), _("Business outcomes")], rows,
                                                  [1.4, 6, 3]), notes=self.note(self.review_file, "outcomes"))]

    def renewal(self) -> list[Slide]:
        """Return the renewal and commercial status."""
        _ = self._
        r = self.review.renewal
        if r is None:
            return []
        f = self.f
        contract = self.plan.customer.contract
        when = r.date or contract.renewal
        rows = [[cell(_("Contract")), cell(f"{f.date(contract.start)} – {f.date(contract.end)}")]]
        if when:
            days = (when - self.review.date).days
            text = f.date(when)
            if days > 0:
                text = _("{date} (in {days})", date=text, days=_.plural("{count} day", "{count} days", days))
            rows.append([cell(_("Renewal")), cell(text)])
        rows.append([cell(_("Renewal status")), self.rag(r.status)])
        if r.summary:
            rows.append([cell(_("Summary")), Cell(self.md(r.summary))])
        if r.opportunities:
            rows.append([cell(_("Opportunities")), cell(bullets(self.t(o) for o in r.opportunities))])
        return [Slide("table", _("Renewal and commercial status"), table=table([_("Field"), _("Value")], rows, [1, 3]),
                      notes=self.note(self.review_file, "customer"))]

    def asks_title(self) -> str:
        """Return the title of the asks: the EBR asks the customer's executives."""
        _ = self._
        return _("Our asks") if self.kind is ReviewKind.QBR else _("Executive asks")

    def asks(self) -> list[Slide]:
        """Return what the team asks of the customer (the EBR's executive asks)."""
        _ = self._
        if not self.review.asks:
            return []
        title = self.asks_title()
        rows = [[cell(self.t(a.ask)), cell(self.who(a.of)), cell(self.f.date(a.due))] for a in self.review.asks]
        return [Slide("table", title, table=table([_("Ask"), _("Asked of"), _("By")], rows, [5, 3, 1.5]),
                      notes=self.note(self.review_file, "stakeholders"))]

    def actions(self) -> list[Slide]:
        """Return the action items agreed at the review, by due date."""
        _ = self._
        title = _("Action items")
        items = sorted(self.review.actions, key=lambda a: a.due)
        if not items:
            return [Slide("content", title, body=[plain(_("No action items were agreed."))],
                          notes=self.note(self.review_file))]
        rows = [[cell(self.t(a.action)), cell(self.name(a.owner)), cell(self.f.date(a.due)), self.status(a.status)]
                for a in items]
        return [Slide("table", title, table=table([_("Action item"), _("Owner"), _("Due date"), _("Status")], rows,
                                                  [5.5, 2, 1.5, 1.5]),
                      notes=self.note(self.review_file, "stakeholders"))]


def review_view(plan: Plan, period: str, kind: ReviewKind, locale: str, translate: Translator, content_rel: str,
                logo: bytes | None, storyline: Storyline, audience: str = "customer") -> Deck:
    """Return the review deck of ``period`` (a QBR, or the EBR cut) in ``locale`` for ``audience``."""
    return ReviewView(plan, period, kind, locale, translate, content_rel, logo, storyline, audience).deck()
