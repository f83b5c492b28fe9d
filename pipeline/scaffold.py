"""``csplan new``: a customer folder with every section file, commented for a CS manager.

Values are left empty on purpose: ``csplan check`` on an untouched scaffold
then lists exactly what is still to fill in.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.project import Project, UsageError, CUSTOMER_NAME

HEADER = """\
# {title}
# Fill in the empty values, then run: csplan check {customer}
# Dates are YYYY-MM-DD. Long texts may use Markdown (**bold**, _italic_, lists, links).
# Any text may be given per language instead: {{en: "Travel costs", pl: "Koszty podróży"}}.
"""

FILES: dict[str, tuple[str, str]] = {
    "customer": ("Customer profile and plan edition", """\
name:              # the customer's name as it appears on the cover, e.g. Acme Logistics
industry:          # e.g. Logistics
region:            # e.g. EMEA / Poland
segment:           # low_touch, middle_touch or high_touch
size:              # optional, e.g. 2,400 employees
website:           # optional, https://…
source_language: en          # the language the texts below are written in: en, ru, pl or sv
output_locales: [en]         # the languages to build decks in
cs_manager:        # id of the CS manager in stakeholders.yaml
account_team: []   # ids of the account team in stakeholders.yaml, e.g. [am-jan, se-ola]
plan:
  version: "0.1"   # bump at every review with the customer
  date:            # date of this edition, YYYY-MM-DD
contract:
  start:           # YYYY-MM-DD
  end:             # YYYY-MM-DD
  renewal:         # optional renewal date
  # value: {amount: 120000, currency: EUR, period: year}   # optional
# logo: assets/logo.png      # optional; put the image in this folder's assets/
summary:           # 2–3 paragraphs: the main stages and goals of the plan
"""),
    "solution": ("S1 Products & solution sold", """\
summary:           # optional overview
solutions:
  - id:            # short id, e.g. webex
    solution:      # product or solution name
    url:           # optional link to the product page
    business_case: # why the customer bought it and which outcome it drives
    outcomes: []   # ids of the business outcomes (outcomes.yaml) it drives
    components: [] # the components adoption focuses on
    bom: []        # bill of materials lines
    licenses: []   # e.g. [{sku: A-FLEX-3, quantity: 500}]
    serial_numbers: []
    software_version:
    # service_contract: {status: active, coverage: 24x7, until: 2027-06-30}
    so_po_refs: [] # sales / purchase order numbers
    third_party_dependencies: []
    practices_to_adopt: []
    practices_to_stop: []
"""),
    "outcomes": ("S2 Business outcomes → initiatives → S4 KPIs", """\
summary:           # 2–3 paragraphs agreed with the customer's project team
outcomes:
  - id:            # short id, e.g. cost
    category:      # cost_efficiency, business_growth, security, risk_management,
                   # employee_satisfaction, corporate_reputation or time_to_market
    title:         # e.g. Cut travel costs by 20% within 12 months
    priority:      # customer priority, 1 = highest
    status: not_started        # not_started, in_progress or completed
    critical_success_factors: []   # e.g. [{name: Easy access to meetings, problem: …, status: …}]
    initiatives:
      - id:        # short id, e.g. travel
        title:     # the strategic priority, with its measurable target
        kpis:
          - id:            # short id, e.g. travel-spend
            description:   # what is counted, per which period
            baseline: {value: , unit: , date: }   # e.g. {value: 86000, unit: EUR, date: 2026-01-31}
            target: {value: , unit: , date: }     # due date after the baseline date; unit: %, EUR, a CLDR unit
            # (hour, day, week, minute, second: inflected in every language) or {one: …, few: …, many: …, other: …}
            how_measured:  # source or method, e.g. finance reports
            frequency:     # daily, weekly, monthly, quarterly or yearly
            owner:         # stakeholder id
            data_kind: objective       # objective (telemetry) or subjective (survey)
"""),
    "stakeholders": ("S3 Stakeholder mapping", """\
# Include at least one core project-team member, the IT people affected, the
# account team, a customer sponsor (sponsor: true) and the end users who benefit.
stakeholders:
  - id:            # short id used everywhere else, e.g. anna-k
    name:
    title:         # job title
    group:         # e.g. Project Team, LoB, IT, Account team
    role:          # role in the plan, e.g. IT Project Manager
    responsibility:
    side:          # customer, partner or vendor
    sponsor: false
    champion: false
    end_user_group: false
    contact:       # optional e-mail
"""),
    "use-cases": ("S5 Use cases & personas", """\
groups: []         # e.g. [{id: pilot, name: Pilot group, members: [anna-k], champion: anna-k}]
use_cases:
  - id:            # short id
    persona:       # e.g. Retail store manager
    persona_type: internal     # internal or external
    want:          # As a <persona>, I want …
    so_that:       # … so that …
    groups: []     # group ids above
    people: []     # stakeholder ids
    outcomes: []   # outcome ids
    kpis: []       # KPI ids
"""),
    "barriers": ("S6 Adoption barriers", """\
barriers:
  - id:            # short id
    barrier:       # what stands in the way
    type:          # technical or business
    status:        # not_started, in_progress or completed
    timeframe: {start: , end: }   # YYYY-MM-DD
    resolution_path:   # how it will be resolved (always track this)
    owner:         # stakeholder id
"""),
    "adoption-plan": ("S7 Adoption plan & strategy", """\
strategy:          # how the plan reaches the business outcomes
phases:
  - name:          # e.g. Pilot
    start:         # YYYY-MM-DD
    end:           # YYYY-MM-DD
milestones:
  - id:            # short id
    name:
    date:          # YYYY-MM-DD
    checkpoint:    # the measurable checkpoint on the customer journey
    status: not_started
tasks: []          # e.g. [{task: Train champions, side: partner, owner: anna-k, due: 2026-03-01}]
success_criteria: []   # measurable indicators of success
adoption_journeys: []  # e.g. [{technology: Webex, stages: [Onboard, Use, Adopt], outcomes: [cost]}]
"""),
    "process-change": ("S8 Business process integration – change management", """\
processes:
  - id:            # short id
    name:          # the business process
    owner:         # stakeholder id of the process owner
    current_process:   # how it works today
    changes: []    # the changes within the plan's scope
    validated_with: []   # stakeholder ids of the owner and key users who validated it
    validated_on:  # optional date
    status: not_started
key_wins: []       # e.g. [{kind: policy_governance, description: New travel policy}]
"""),
    "communication": ("S9 Communication & training", """\
strategy:
  channels: []     # e.g. [email, intranet, posters]
  agreed_channels: []
  meeting_cadence: # e.g. weekly project call, quarterly business review
  training_materials: []
activities:
  - activity:      # e.g. Executive message
    kind: communication    # communication or training
    description:
    when:          # YYYY-MM-DD
    audience:
    objectives:
    developed_by:
    delivered_by:
    status: not_started
    evidence:      # optional result, e.g. 500 attended
    completed:     # optional date
"""),
    "measurements": ("S10 Measurement results", """\
readings: []       # e.g. [{kpi: travel-spend, date: 2026-03-31, value: 80000, source: finance report}]
statements: []     # e.g. [{outcome: cost, statement: "…", by: cfo-id}]
success_story:     # optional
"""),
}


def scaffold(project: Project, name: str) -> list[Path]:
    """Write a new customer folder and return the files created."""
    if not CUSTOMER_NAME.fullmatch(name):
        project.customer_dir(name)  # raises the standard message
    folder = project.content / name
    if folder.exists():
        raise UsageError(f"{project.rel(folder)}/ already exists; pick another name or edit the files there")
    (folder / "assets").mkdir(parents=True)
    written = []
    for section, (title, body) in FILES.items():
        path = folder / f"{section}.yaml"
        path.write_text(HEADER.format(title=title, customer=name) + body, encoding="utf-8")
        written.append(path)
    (folder / "assets" / ".gitkeep").write_text("")
    return written
