"""Drawn visuals (pipeline/render/shapes.py) rendered through the deck renderer.

A deck view built here has one slide per visual type (executive summary with
KPI tiles, roadmap, stakeholder map, health gauge beside its trend chart,
scorecard, cards, pull quote), a cover with two logos, a kicker above each
headline title, and Polish and Russian texts with long words. It is rendered
with the default template and read back with python-pptx:

  * every visual is native shapes (autoshapes, text boxes, connectors), no
    pictures but the cover's logos, and every shape lies inside the slide;
  * every text box's text, measured with the template font's metrics, fits
    the box at 12 pt or more;
  * the roadmap's today line sits at the as-of date's x between start and end;
    chips have their word; too many cards or people continue on more slides;
  * rendering twice gives the same bytes; LibreOffice draws every word of the
    PDF inside its page and above the footer line.
"""

from __future__ import annotations

import io
import math
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.dml import MSO_FILL_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE

from conftest import EXAMPLES
from deck_helpers import leaves, visual_group
from pipeline import measure
from pipeline.render.pptx import render_deck
from pipeline.render.shapes import MIN_PT, _luminance as _lum, contrast, readable
from pipeline.template import DEFAULT_TEMPLATE, load_template
from pipeline.view import (Band, Bar, Card, Cards, Chart, Chip, Deck, Gauge, Milestone, PeopleGroup, Person, Quote,
                           Roadmap, ScoreRow, Scorecard, Series, Slide, StakeholderMap, StatusLine, Summary, Tile)
from pipeline.write import zip_entries

ROOT = Path(__file__).resolve().parents[2]
LOGO = (EXAMPLES / "acme" / "assets" / "logo.png").read_bytes()
PARTNER_LOGO = (ROOT / "tests" / "fixtures" / "valid" / "minimal" / "assets" / "logo.png").read_bytes()
STAMP = "2026-11-22T00:00:00Z"
NBSP = "\u00a0"

ON = Chip("on_track", "On track")
DONE = Chip("done", "Done")
RISK = Chip("at_risk", "At risk")
LATE = Chip("late", "Late")
NEW = Chip("not_started", "Not started")


def summary() -> Summary:
    return Summary(
        lead="Acme bought Webex Contact Center to answer depot calls faster during the peak season and to cut "
             "the cost of missed deliveries.",
        tiles=[
            Tile("Average speed of answer", f"54{NBSP}s", f"−58{NBSP}% since baseline", "down", True,
                 f"Target 45{NBSP}s by Mar{NBSP}2027", ON),
            Tile("Calls abandoned", f"7.9{NBSP}%", f"+1.2 pts since Q2", "up", False, f"Target 5{NBSP}%", RISK),
            Tile("Depot adoption", "14 of 22", "+6 depots", "up", True, "Target 22 by Jun 2027", ON),
            Tile("Customer satisfaction (CSAT)", "4.1", "no change", None, None, "Target 4.5", NEW),
        ],
        lines_title="Business outcomes",
        lines=[
            StatusLine("Faster answers for shippers: every depot on the new queue by June 2027", ON),
            StatusLine("Fewer missed deliveries thanks to call-back before dispatch", RISK),
            StatusLine("Obniżenie kosztów podróży serwisantów dzięki zdalnej diagnostyce", DONE),
            StatusLine("Снижение затрат на обслуживание клиентов в региональных филиалах", LATE),
        ],
        side_title="Decisions we need",
        side=[
            StatusLine("Approve the second wave of depot migrations (Gdańsk, Poznań, Wrocław)", RISK),
            StatusLine("Name an executive sponsor for the analytics workstream", LATE),
            StatusLine("Agree on the CSAT survey channel", NEW),
        ],
    )


def roadmap() -> Roadmap:
    return Roadmap(
        start=date(2026, 1, 1), end=date(2027, 6, 30), today=date(2026, 11, 10),
        today_label=f"Today · 10{NBSP}Nov{NBSP}2026",
        ticks=[(date(2026, 1, 1), "Q1 2026"), (date(2026, 4, 1), "Q2 2026"), (date(2026, 7, 1), "Q3 2026"),
               (date(2026, 10, 1), "Q4 2026"), (date(2027, 1, 1), "Q1 2027"), (date(2027, 4, 1), "Q2 2027")],
        bars=[
            Bar("Pilot in Gdańsk depot", date(2026, 1, 5), date(2026, 3, 31), DONE),
            Bar("Wave 1: northern depots", date(2026, 4, 1), date(2026, 9, 30), DONE),
            Bar("Wave 2: southern depots", date(2026, 9, 1), date(2027, 2, 28), ON),
            Bar("Call-back before dispatch", date(2026, 6, 1), date(2026, 10, 31), LATE),
            Bar("Analytics dashboards", date(2026, 10, 1), date(2027, 3, 31), RISK),
            Bar("Wdrożenie w oddziałach regionalnych", date(2027, 2, 1), date(2027, 6, 30), NEW),
        ],
        milestones=[
            Milestone("Go-live Gdańsk", date(2026, 3, 16), DONE),
            Milestone("Peak season readiness review", date(2026, 11, 30), ON),
        ],
    )


def people() -> StakeholderMap:
    return StakeholderMap(
        groups=[
            PeopleGroup("Acme Logistics", [
                Person(f"Anna{NBSP}Kowalska", "Chief Operating Officer", ["Sponsor"], key=True),
                Person(f"Piotr{NBSP}Nowak", "Head of Customer Service", ["Decision maker"], key=True),
                Person(f"Ewa{NBSP}Wiśniewska", "Depot operations manager, northern region"),
                Person(f"Jan{NBSP}Zieliński", "IT infrastructure lead"),
                Person(f"Marta{NBSP}Lewandowska", "Customer-service team leader, Gdańsk"),
            ]),
            PeopleGroup("Partner", [
                Person(f"Сергей{NBSP}Иванов", "Руководитель направления по работе с клиентами", ["CS manager"]),
                Person(f"Karin{NBSP}Lindqvist", "Solution architect"),
            ]),
            PeopleGroup("Cisco", [
                Person(f"Tom{NBSP}Becker", "Customer Success Executive", ["Decision maker"], key=True),
            ]),
        ],
        legend="Bold border: sponsor or decision maker",
    )


def health() -> Gauge:
    return Gauge(value=87.6, maximum=100, text="87.6", caption=f"Health score, Q3{NBSP}2026", bands=[
        Band(0, 49, "late", "Critical"), Band(50, 74, "at_risk", "Watch"), Band(75, 100, "on_track", "Healthy")])


def scorecard() -> Scorecard:
    return Scorecard(header=["Outcome", "Initiative", "KPI", "Latest"], rows=[
        ScoreRow("Faster answers for shippers", "New depot queues", "Average speed of answer", f"54{NBSP}s", ON),
        ScoreRow("Faster answers for shippers", "New depot queues", "Calls abandoned", f"7.9{NBSP}%", RISK),
        ScoreRow("Faster answers for shippers", "Self-service status line", "Calls deflected to self-service",
                 f"18{NBSP}%", ON),
        ScoreRow("Fewer missed deliveries", "Call-back before dispatch", "Missed deliveries per 1 000 orders",
                 "3.4", LATE),
        ScoreRow("Obniżenie kosztów podróży", "Zdalna diagnostyka urządzeń", "Liczba wyjazdów serwisowych",
                 "—", NEW),
        ScoreRow("Снижение затрат на обслуживание", "Единая платформа обращений",
                 "Стоимость обработки одного обращения", f"412{NBSP}₽", DONE),
    ])


def cards(n: int = 6) -> Cards:
    base = [
        Card("Dispatcher", ["Answers depot calls", "Needs the shipment status without leaving the call"], ON,
             f"Owner: Ewa{NBSP}Wiśniewska · 12{NBSP}Dec{NBSP}2026"),
        Card("Shipper calling about a delayed parcel", ["Reaches the right depot on the first try"], RISK),
        Card("Kierownik zmiany magazynowej",
             ["Przydziela zgłoszenia zespołom", "Konstantynopolitańczykowianeczka"], DONE, "Owner: Jan Zieliński"),
        Card("Оператор контакт-центра", ["Обрабатывает обращения клиентов по доставке"], LATE),
        Card("Depot manager", ["Sees the queue of the day", "Plans shifts for the peak season"], NEW),
        Card("Customer-service team leader", ["Coaches agents with call recordings"], ON),
    ]
    return Cards([base[i % len(base)] if i < len(base) else Card(f"Use case {i + 1}", base[i % len(base)].lines,
                                                                    base[i % len(base)].chip)
                  for i in range(n)])


def quote() -> Quote:
    return Quote("Within one quarter our depots answered twice as fast, and the peak season was the calmest we have "
                 "had in years.", f"Anna{NBSP}Kowalska, Chief Operating Officer, Acme Logistics")


def trend() -> Chart:
    return Chart("line", "Health score by quarter", ["Q4 2025", "Q1 2026", "Q2 2026", "Q3 2026"],
                 [Series("Health score", [71.0, 76.5, 82.0, 87.6])])


def shapes_deck(many: bool = False) -> Deck:
    """Return a deck view with one slide per visual type (``many``: too many cards and people for one slide)."""
    slides = [
        Slide("title", "Customer Success Plan", subtitle=["Acme Logistics · plan 1.4 · 22 Nov 2026"],
              picture=LOGO, pictures=[PARTNER_LOGO]),
        Slide("chart", "Answers 58 % faster; two decisions needed this quarter", kicker="Executive summary",
              visual=summary()),
        Slide("chart", "Waves 1 and 2 on track; call-back before dispatch is late", kicker="Adoption roadmap",
              visual=roadmap()),
        Slide("chart", "A sponsor and two decision makers on board", kicker="Stakeholders", visual=people()),
        Slide("chart", "Health 87.6, up 16.6 points in a year", kicker="Health", visual=health(), charts=[trend()]),
        Slide("chart", "Six KPIs: four on track or done, one at risk, one late", kicker="Scorecard",
              visual=scorecard()),
        Slide("chart", "Who uses it and what for", kicker="Use cases and personas", visual=cards()),
        Slide("chart", "What the COO says", kicker="Executive statement", visual=quote()),
    ]
    if many:
        crowd = people()
        crowd.groups[0].people = [Person(f"Person{NBSP}{n:02d}", "Depot operations manager, region "
                                         f"{n}", ["Sponsor"] if n == 1 else [], key=n == 1) for n in range(1, 31)]
        long_summary = summary()
        long_summary.lines = long_summary.lines * 4
        long_summary.side = long_summary.side * 3
        long_card = scorecard()
        long_card.rows = [replace(r, kpi=f"{r.kpi} ({n // 6 + 1})") for n, r in enumerate(long_card.rows * 4)]
        long_map = roadmap()
        long_map.bars = [replace(b, label=f"{b.label} ({n // 6 + 1})") for n, b in enumerate(long_map.bars * 3)]
        slides += [Slide("chart", "Thirty customer stakeholders", kicker="Stakeholders", visual=crowd),
                   Slide("chart", "Fourteen use cases", kicker="Use cases", visual=cards(14)),
                   Slide("chart", "Sixteen outcomes and nine decisions", kicker="Executive summary",
                         visual=long_summary),
                   Slide("chart", "Twenty-four KPIs", kicker="Scorecard", visual=long_card),
                   Slide("chart", "Eighteen phases", kicker="Adoption roadmap", visual=long_map),
                   Slide("chart", "Health 87.6 without its trend", kicker="Health", visual=health()),
                   Slide("chart", "A long statement", kicker="Executive statement",
                         visual=Quote(" ".join([quote().text] * 8), quote().by))]
    return Deck(locale="en", title="Acme Logistics — shapes", author="csplan", subject="Drawn visuals",
                created=date(2026, 11, 22), slides=slides, footer="Acme Logistics · Customer Success Plan")


def render(deck: Deck) -> bytes:
    template = load_template(DEFAULT_TEMPLATE)
    return zip_entries(render_deck(deck, template, DEFAULT_TEMPLATE.read_bytes()), STAMP)


@pytest.fixture(scope="module")
def deck_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("shapes") / "shapes.pptx"
    path.write_bytes(render(shapes_deck(many=True)))
    return path


@pytest.fixture(scope="module")
def prs(deck_file):
    return Presentation(str(deck_file))


# ----------------------------------------------------------------- reading back


def frame_height(shape) -> tuple[int, float]:
    """Return the height a text box's paragraphs need, measured as the renderer does, and its smallest size."""
    tf = shape.text_frame
    width = shape.width - tf.margin_left - tf.margin_right
    total, smallest = tf.margin_top + tf.margin_bottom, 99.0
    for i, p in enumerate(tf.paragraphs):
        runs = p.runs
        size = runs[0].font.size.pt if runs and runs[0].font.size else 18.0
        smallest = min(smallest, size)
        bold = bool(runs) and all(r.font.bold for r in runs)
        italic = any(r.font.italic for r in runs)
        total += measure.text_height(p.text or " ", width, size, bold, italic, inset_left=0, inset_right=0,
                                     inset_top=0, inset_bottom=0)
        if i and p.space_before is not None:
            total += p.space_before
    return total, smallest


# ----------------------------------------------------------------- the tests


KINDS = ["summary", "roadmap", "stakeholders", "gauge", "scorecard", "cards", "quote"]


def test_every_visual_kind_is_drawn_as_native_shapes(prs):
    kinds = []
    for slide in prs.slides:
        group = visual_group(slide)
        if group is None:
            continue
        kinds.append(group.name.removeprefix("Visual: "))
        drawn = list(leaves(group.shapes))
        assert len(drawn) >= 3, group.name
        assert all(s.shape_type in (MSO_SHAPE_TYPE.AUTO_SHAPE, MSO_SHAPE_TYPE.TEXT_BOX, MSO_SHAPE_TYPE.LINE)
                   for s in drawn), {s.shape_type for s in drawn}
    assert set(kinds) == set(KINDS)
    pictures = [s.name for slide in prs.slides for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert pictures == ["Logo", "Logo 2"]


def test_every_shape_lies_inside_the_slide(prs):
    w, h = prs.slide_width, prs.slide_height
    for n, slide in enumerate(prs.slides, 1):
        for s in leaves(slide.shapes):
            if s.left is None:  # placeholders that inherit their position
                continue
            assert 0 <= s.left and s.left + s.width <= w and 0 <= s.top and s.top + s.height <= h, \
                f"slide {n}: {s.name} at {s.left},{s.top} {s.width}x{s.height}"


def test_visuals_stay_in_the_content_area(prs):
    area = load_template(DEFAULT_TEMPLATE).role("chart").content_area
    for n, slide in enumerate(prs.slides, 1):
        group = visual_group(slide)
        if group is None:
            continue
        for s in leaves(group.shapes):
            assert area.left <= s.left and s.left + s.width <= area.right, f"slide {n}: {s.name}"
            assert area.top <= s.top and s.top + s.height <= area.bottom, f"slide {n}: {s.name} {s.top + s.height}"


def test_every_text_fits_its_box_at_12_pt_or_more(prs):
    for n, slide in enumerate(prs.slides, 1):
        group = visual_group(slide)
        if group is None:
            continue
        for s in leaves(group.shapes):
            if not s.has_text_frame or not s.text_frame.text.strip():
                continue
            need, smallest = frame_height(s)
            assert smallest >= MIN_PT, f"slide {n}: {s.text_frame.text!r} at {smallest} pt"
            assert need <= s.height + 1, f"slide {n}: {s.text_frame.text!r} needs {need} EMU, has {s.height}"
            # No word is cut: each fits the box's line width.
            width = s.width - s.text_frame.margin_left - s.text_frame.margin_right
            for p in s.text_frame.paragraphs:
                size = p.runs[0].font.size.pt
                bold = all(r.font.bold for r in p.runs)
                for word in p.text.split():
                    if len(word) > 25:  # a word longer than any line: cut by design
                        continue
                    assert measure.text_width(word, size, bold) <= width, f"slide {n}: {word!r} wider than its box"


def test_text_boxes_of_a_visual_do_not_overlap(prs):
    for n, slide in enumerate(prs.slides, 1):
        group = visual_group(slide)
        if group is None:
            continue
        boxes = [(s.text_frame.text, s.left, s.top, s.left + s.width, s.top + s.height)
                 for s in leaves(group.shapes) if s.has_text_frame and s.text_frame.text.strip()]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                overlap = min(a[3], b[3]) - max(a[1], b[1]) > 0 and min(a[4], b[4]) - max(a[2], b[2]) > 0
                assert not overlap, f"slide {n}: {a[0]!r} overlaps {b[0]!r}"


def test_text_on_fills_reads_at_4_5_to_1(prs):
    # Every text colour in a visual is chosen against the panel it sits on (or white).
    from pipeline.render.shapes import Palette

    pal = Palette.of(load_template(DEFAULT_TEMPLATE))
    for slide in prs.slides:
        group = visual_group(slide)
        if group is None:
            continue
        for s in leaves(group.shapes):
            if s.has_text_frame and s.text_frame.text.strip():
                color = str(s.text_frame.paragraphs[0].runs[0].font.color.rgb)
                assert contrast(color, pal.panel) >= 4.5 or contrast(color, "FFFFFF") >= 4.5
                assert contrast(color, "FFFFFF") >= 4.5, (s.text_frame.text, color)
    assert readable("F2A900", "FFFFFF") != "F2A900"  # never amber text on white


def test_today_line_sits_at_the_as_of_date(prs):
    slide = next(s for s in prs.slides if (g := visual_group(s)) is not None and g.name.endswith("roadmap"))
    drawn = list(leaves(visual_group(slide).shapes))
    today = next(s for s in drawn if s.name == "Today")
    bars = [s for s in drawn if s.name == "Bar"]
    grid = sorted(s.left for s in drawn if s.name == "Grid")
    axis = next(s for s in drawn if s.name == "Axis")
    v = roadmap()
    span = (v.end - v.start).days
    x = axis.left + axis.width * (v.today - v.start).days / span
    assert axis.left < today.left < axis.left + axis.width
    assert abs(today.left - x) <= 1
    assert today.width == 0
    # Ticks and bars are on the same axis: Q2 2026 starts where wave 1 starts.
    q2 = axis.left + axis.width * (date(2026, 4, 1) - v.start).days / span
    assert abs(grid[1] - q2) <= 1
    wave1 = next(b for b in bars if "Wave 1" in b.element[0][0].get("descr"))
    assert abs(wave1.left - q2) <= 1
    today_label = next(s for s in drawn if s.name == "Today label")
    assert today_label.text_frame.text == roadmap().today_label


def test_chips_have_their_word_and_dot(prs):
    chips = 0
    for slide in prs.slides:
        group = visual_group(slide)
        if group is None or group.name.endswith("gauge"):  # gauge bands have words of their own
            continue
        drawn = list(leaves(group.shapes))
        for i, s in enumerate(drawn):
            if s.name == "Chip":
                chips += 1
                status = s.element[0][0].get("descr")
                word = {"on_track": "On track", "done": "Done", "at_risk": "At risk", "late": "Late",
                        "not_started": "Not started"}[status]
                assert s.text_frame.text == word
                dot = drawn[i - 1]
                assert dot.name == "Dot" and dot.left + dot.width <= s.left + 1
    assert chips >= 30


def test_bars_are_told_apart_by_fill_not_colour_alone(prs):
    slide = next(s for s in prs.slides if (g := visual_group(s)) is not None and g.name.endswith("roadmap"))
    fills = {}
    for s in leaves(visual_group(slide).shapes):
        if s.name == "Bar":
            status = s.element[0][0].get("descr").rsplit(" ", 1)[1]
            solid = s.fill.type == MSO_FILL_TYPE.SOLID
            # Done is the full status colour, in progress a light tint of it: lightness, not hue.
            lightness = round(_lum(str(s.fill.fore_color.rgb)), 1) if solid else None
            fills[status] = (s.fill.type, lightness, s.line.dash_style)
    # Done, in progress, late and not started (deck-design.md); at risk is in progress, told by its word.
    assert len({fills[k] for k in ("done", "on_track", "late", "not_started")}) == 4, fills


def test_too_many_cards_and_people_continue_on_more_slides(prs):
    titles = [s.shapes.title.text_frame.text for s in prs.slides]
    assert any("Thirty customer stakeholders (2 of " in t for t in titles)
    assert any("Fourteen use cases (2 of " in t for t in titles)
    names = [s.text_frame.text for slide in prs.slides if (g := visual_group(slide)) is not None
             for s in leaves(g.shapes) if s.name == "Name"]
    crowd = [n for n in names if n.startswith("Person")]
    assert sorted(crowd) == sorted(f"Person{NBSP}{n:02d}" for n in range(1, 31))
    cards_titles = [s.text_frame.text for slide in prs.slides if (g := visual_group(slide)) is not None
                    and g.name.endswith("cards") for s in leaves(g.shapes) if s.name == "Card title"]
    assert len(cards_titles) == 6 + 14
    assert any("Sixteen outcomes and nine decisions (2 of " in t for t in titles)
    assert any("Twenty-four KPIs (2 of " in t for t in titles)
    assert any("Eighteen phases (2 of " in t for t in titles)


def test_kicker_is_small_above_the_title_and_inside_the_slide(prs):
    slide = prs.slides[1]
    title = slide.shapes.title
    kicker, head = title.text_frame.paragraphs[:2]
    assert kicker.text == "Executive summary"
    assert kicker.runs[0].font.size.pt == 12
    assert head.text.startswith("Answers 58")
    assert title.top >= 0 and title.top + title.height <= load_template(DEFAULT_TEMPLATE).role("chart").content_area.top


def test_cover_logos_side_by_side_keep_their_aspect_ratio(prs):
    logos = [s for s in prs.slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    box = load_template(DEFAULT_TEMPLATE).role("title").logo
    assert logos[0].left + logos[0].width < logos[1].left
    assert logos[0].height == logos[1].height
    for logo, (w, h) in zip(logos, [(300, 100), (120, 40)]):
        assert math.isclose(logo.width / logo.height, w / h, rel_tol=0.01)
        assert box.left <= logo.left and logo.left + logo.width <= box.right
        assert box.top <= logo.top and logo.top + logo.height <= box.bottom


def test_gauge_and_chart_share_the_slide(prs):
    slide = next(s for s in prs.slides if (g := visual_group(s)) is not None and g.name.endswith("gauge"))
    group = visual_group(slide)
    chart = next(s for s in slide.shapes if getattr(s, "has_chart", False) and s.has_chart)
    assert group.left + group.width < chart.left


def test_empty_visuals_draw_nothing_and_do_not_fail():
    empty = [Summary([], "", [], "", []), Roadmap(date(2026, 1, 1), date(2026, 1, 1), date(2026, 1, 1), "", [], []),
             StakeholderMap([PeopleGroup("Customer", [])]), Gauge(0, 0, "0", ""), Scorecard([], []), Cards([]),
             Quote("", "")]
    deck = shapes_deck()
    deck.slides = [Slide("chart", f"Empty {n}", visual=v) for n, v in enumerate(empty)]
    prs = Presentation(io.BytesIO(render(deck)))
    assert len(prs.slides) == len(empty)


def test_rendering_is_deterministic():
    assert render(shapes_deck(many=True)) == render(shapes_deck(many=True))


def test_dump_lists_the_drawn_shapes(deck_file):
    from pipeline.dump import dump_pptx

    text = dump_pptx(deck_file)
    assert "visual (roadmap):" in text
    assert "[Pilot in Gdańsk depot 2026-01-05..2026-03-31 done]" in text
    assert "[today 2026-11-10]" in text
    assert "On track [on_track]" in text
    assert "card: " in text and "tile: " in text


@pytest.mark.libreoffice
def test_libreoffice_draws_every_word_inside_its_slide(deck_file, tmp_path):
    from deck_helpers import layout_problems, pdf_pages, soffice_to_pdf

    pdf = soffice_to_pdf(deck_file, tmp_path / "pdf", tmp_path / "lo-profile")
    assert pdf_pages(pdf) == len(Presentation(str(deck_file)).slides)
    problems = layout_problems(deck_file, pdf)
    assert not problems, "text outside its slide area or its box:\n" + "\n".join(problems)


