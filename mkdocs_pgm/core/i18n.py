# ruff: noqa: E501, RUF001 - tables of prose: one string a line, typographic apostrophes in French
"""Labels, dates and numbers in the site's language (host-independent).

* :data:`STRINGS`: one table of UI strings per language (``en``, ``de``, ``fr``, ``es``),
  each with every key of English and the same ``{placeholders}``. Front-matter values
  (statuses, health, phases…) stay as written; only their displayed labels come from here
  (``status.on-hold`` → "On hold", "Pausiert", "En pause"…).
* :data:`FORMATS`: how each language writes dates and numbers (month names, decimal and
  thousands separators, percent, currency placement). English keeps ISO dates
  (``2026-04-15``), so that an English site reads as it always did.
* :func:`locale_for`: the :class:`Locale` of a language code, falling back from a regional
  variant to its language (``fr-CA`` → ``fr``) and from an unknown language to English,
  with the site's overrides (the ``labels`` option) on top.

No :mod:`locale` module (process-wide, and only the locales the machine has), no dependency.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from markupsafe import Markup

DEFAULT = "en"
"""The language of every string the other languages fall back to."""

_CODE_RE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")

# ---------------------------------------------------------------------------------- strings

_EN: dict[str, str] = {
    # Entity types (the ``type`` of a page, and the nested entries).
    "type.portfolio": "Portfolio", "type.program": "Program", "type.project": "Project", "type.decision": "Decision",
    "type.milestone": "Milestone", "type.risk": "Risk", "type.assumption": "Assumption", "type.issue": "Issue",
    "type.change": "Change request", "type.benefit": "Benefit", "type.deliverable": "Deliverable",
    # Statuses of every vocabulary (labels only: front matter keeps the values).
    "status.draft": "draft", "status.proposed": "proposed", "status.planned": "planned", "status.active": "active", "status.on-hold": "on hold",
    "status.completed": "completed", "status.cancelled": "cancelled", "status.done": "done", "status.missed": "missed",
    "status.in-progress": "in progress", "status.open": "open", "status.mitigated": "mitigated", "status.closed": "closed",
    "status.occurred": "occurred", "status.validated": "validated", "status.invalidated": "invalidated",
    "status.resolved": "resolved", "status.requested": "requested", "status.approved": "approved",
    "status.rejected": "rejected", "status.implemented": "implemented", "status.accepted": "accepted",
    "status.deprecated": "deprecated", "status.superseded": "superseded", "status.realizing": "realizing",
    "status.realized": "realized", "status.at-risk": "at risk",
    "health.green": "Green", "health.amber": "Amber", "health.red": "Red", "health.none": "no health",
    "phase.initiation": "Initiation", "phase.planning": "Planning", "phase.execution": "Execution",
    "phase.monitoring": "Monitoring", "phase.closure": "Closure",
    "dependency.finish-to-start": "finish to start", "dependency.start-to-start": "start to start",
    "dependency.informational": "informational",
    # Chips and small words.
    "chip.status": "Status: {status}", "chip.health": "Health: {health}", "chip.phase": "{phase} phase",
    "chip.phase_title": "Lifecycle phase", "chip.overdue": "overdue", "chip.overdue_title": "Planned date passed on {date}",
    "chip.escalated": "escalated", "chip.escalate": "escalate", "chip.conflict": "conflict",
    "escalation.next": "next: {name}", "escalation.to": "to {name}",
    "escalation.reason.owner": "program owner of {program}", "escalation.reason.program": "first program-level step of {program}",
    "escalation.reason.next": "next after {after} on the path of {holder}", "escalation.reason.portfolio": "past the path of {program}: portfolio {holder}",
    "escalation.reason.top": "top of the path: already at {current}", "escalation.score": "score {score} ≥ threshold {threshold}",
    "escalation.score_issue": "impact {impact} × 5 = {score} ≥ threshold {threshold}",
    "score.title": "probability {probability} × impact {impact}", "score.threshold": "; escalation threshold {threshold}",
    "progress.title": "{percent} complete",
    "xref.unknown": "Unknown id",
    "days.one": "{n} day", "days.other": "{n} days",
    "none": "none", "unknown_date": "?",
    # Field names: card facts and table headers.
    "field.owner": "Owner", "field.sponsor": "Sponsor", "field.program": "Program", "field.programs": "Programs",
    "field.project": "Project", "field.projects": "Projects", "field.dates": "Dates", "field.progress": "Progress",
    "field.budget": "Budget", "field.date": "Date", "field.decision_makers": "Decision makers",
    "field.consulted": "Consulted", "field.informed": "Informed", "field.forum": "Forum", "field.scope": "Scope",
    "field.settles": "Settles", "field.tags": "Tags", "field.reviewed": "Reviewed", "field.status": "Status",
    "field.health": "Health", "field.type": "Type", "field.title": "Title", "field.id": "ID", "field.summary": "Summary",
    "field.milestone": "Milestone", "field.risk": "Risk", "field.assumption": "Assumption", "field.issue": "Issue",
    "field.decision": "Decision", "field.change": "Change", "field.benefit": "Benefit", "field.measure": "Measure",
    "field.baseline": "Baseline", "field.target": "Target", "field.actual": "Actual", "field.realized": "Realized",
    "field.due": "Due", "field.raised": "Raised", "field.schedule": "Schedule", "field.cost": "Cost",
    "field.settled_by": "Settled by", "field.mitigation": "Mitigation", "field.where": "Where", "field.score": "Score",
    "field.escalation": "Escalation", "field.escalate_to": "Escalate to", "field.note": "Note",
    "field.depends": "Depends", "field.on": "On", "field.by": "By", "field.starts": "Starts", "field.start": "Start",
    "field.end": "End", "field.kpi": "KPI", "field.value": "Value", "field.from": "From", "field.cadence": "Cadence",
    "field.chair": "Chair", "field.supersedes": "Supersedes", "field.superseded_by": "Superseded by",
    "field.affects": "Affects", "field.contributors": "Contributing projects", "field.depended_on_by": "Depended on by",
    "field.proposed": "Proposed", "field.waiting": "Waiting", "field.baseline_end": "Baseline end",
    "field.planned_end": "Planned end", "field.slip": "Slip", "field.in": "In", "field.total": "Total",
    "field.text": "Text", "field.would_move": "Would move", "field.pushed_by": "Pushed by",
    "field.program_project": "Program / project", "field.risk_threshold": "Risk threshold",
    "field.p": "P", "field.p_title": "Probability (1-5)", "field.i": "I", "field.i_title": "Impact (1-5)",
    "field.date_title": "Finish-to-start: when it ends; start-to-start: when it starts",
    "field.status_escalation": "Status, escalation", "field.score_title": "Probability (1-5) × impact (1-5)", "field.pi_title": "probability × impact", "field.milestones": "Milestones",
    "noun.portfolio": "portfolio", "noun.program": "program", "noun.project": "project", "noun.decision": "decision",
    "section.impact_no_baseline": " (no baseline end to compare with)", "dashboard.decisions_csv": "decisions CSV",
    # The card.
    "card.nav": "Governance", "card.superseded_by": "Superseded by {decisions}.", "card.standalone": "Standalone",
    "card.vs_baseline": "{days} days vs baseline {date}", "card.planned": "{amount} planned",
    "card.spent": "{amount} spent", "card.baseline": "baseline {amount}", "card.score_at_least": "score ≥ {score}",
    # Sections of entity pages.
    "section.vision": "Vision", "section.objectives": "Objectives", "section.roadmap": "Roadmap",
    "section.projects": "Projects", "section.programs": "Programs", "section.kpis": "KPIs",
    "section.kpis_declared": "Declared on this page", "section.project_dependencies": "Dependencies between projects",
    "section.critical_path": "Critical path",
    "section.critical_path_note": "(the chain of dependencies that drives the program's last end date):",
    "section.benefits": "Benefits", "section.governance": "Governance", "section.escalation_path": "Escalation path:",
    "section.risk_threshold_note": "a risk scoring {score} or more (probability × impact) is escalated to the program.",
    "section.risk_threshold_note_portfolio": "the threshold of every program that sets none: a risk or issue scoring {score} or more is escalated.",
    "section.escalated": "Risks at or above the threshold", "section.escalated_none": "No open risk scores {score} or more.",
    "section.milestones": "Milestones", "section.impact": "Impact of a delay",
    "section.impact_text": "This project ends {days} after its baseline ({before} → {after}). Compared with its plan at the baseline end, this is what that slip moves downstream:",
    "cpm.note": "The chain of dependencies, across programs, that drives the end date {date}. A step without float moves that date if it slips.",
    "cpm.step": "Step",
    "cpm.dates": "Dates",
    "cpm.float": "Float",
    "cpm.program": "Program",
    "cpm.other_program": "other program",
    "cpm.near_chip": "near-critical",
    "cpm.near": "Near-critical (float of {days} or less): a slip beyond its float moves the end date.",
    "roadmap.near_critical": "near-critical",
    "roadmap.float": "float {days}",
    "roadmap.legend_near_critical": "dashed outline: near-critical (float of {days} or less)",
    "diagram.legend_near_critical": "dashed outline: near-critical",
    "impact.summary": "If {subject} ends {days} later ({before} → {after}; total float {float}):",
    "impact.summary_milestone": "If milestone {subject} comes {days} later ({before} → {after}; total float {float}):",
    "impact.none": "Nothing downstream moves: the float of what depends on it absorbs the slip.",
    "impact.end": "The portfolio's end moves from {before} to {after}.",
    "impact.end_same": "The portfolio's end stays on {date}.",
    "impact.item": "Project or milestone",
    "impact.before": "Before",
    "impact.after": "After",
    "impact.moves": "Moves",
    "impact.absorbed": "Float absorbed",
    "impact.via": "Pushed by",
    "impact.not_dated": "{id} has no start and end: no impact can be computed.",
    "impact.no_project": "Name the project that slips: project=ID (and days=N, default 30).",
    "section.impact_none": "Nothing downstream moves: the slip stays within the float of what depends on it.",
    "section.impact_no_slip": "No slip against the baseline{reason}: nothing downstream is at risk from this project's dates today.",
    "section.impact_ends": "ends {date}",
    "section.what_if": "A further slip of {days} (to {after}) would move:",
    "section.what_if_none": "A further slip of {days} (to {after}) would move nothing downstream: its total float is {float}.",
    "section.deliverables": "Deliverables", "section.due": "due {date}", "section.benefits_served": "Benefits served",
    "section.target": "target {value}", "section.now": "now {value}",
    "section.dependencies": "Dependencies", "section.schedule_conflicts": "Schedule conflicts",
    "section.depends_on": "Depends on", "section.dependency_of": "Depended on by", "section.starts": "starts {date}",
    "section.this": "this {kind}",
    "section.raid": "Risks, assumptions and issues", "section.risks": "Risks", "section.assumptions": "Assumptions",
    "section.issues": "Issues", "section.changes": "Change requests", "section.decisions": "Decisions",
    "section.affected_by": "Decisions affecting this {kind}", "section.decision_links": "Related decisions and entities",
    "section.stakeholders": "Stakeholders", "section.referenced_by": "Referenced by",
    # Roadmaps.
    "roadmap.title": "Roadmap of {names}", "roadmap.the_portfolio": "the portfolio", "roadmap.today": "Today {date}",
    "roadmap.quarter": "Q{quarter}", "roadmap.standalone": "Standalone projects",
    "roadmap.empty": "No project here has both a start and an end date yet.",
    "roadmap.projects": "{count} projects", "roadmap.critical": "on the critical path", "roadmap.owner": "owner {name}",
    "roadmap.health": "health {health}", "roadmap.done": "{percent} done", "roadmap.baseline_end": "baseline end {date}",
    "roadmap.baseline_of": "Baseline of {title}: {start} → {end}",
    "roadmap.arrow": "{source} starts after {target} finishes", "roadmap.arrow_late": ", but the plan has it start earlier",
    "roadmap.legend_plan": "plan, filled as far as done", "roadmap.legend_baseline": "baseline, where the plan moved",
    "roadmap.legend_health": "● green ▲ amber (hatched) ■ red (cross-hatched)", "roadmap.legend_planned": "planned",
    "roadmap.legend_done": "done", "roadmap.legend_missed": "missed milestone",
    "roadmap.legend_arrow": "→ finish-to-start dependency (dashed red: planned to start before it may)",
    "roadmap.legend_critical": "thick outline: critical path (what drives the last end date)",
    "roadmap.table": "The roadmap as a table", "roadmap.unscheduled": "Unscheduled",
    "roadmap.unscheduled_note": "(no start or end date yet):",
    "benefits.title": "Benefits roadmap of {title}", "benefits.by_due_date": "Benefits by due date",
    "benefits.due": "due {date}", "benefits.legend": "● a benefit at its due date:",
    "benefits.undated": "Without a due date:",
    # Dependency diagrams.
    "diagram.not_drawn": "not drawn.", "diagram.no_graphviz": "Graphviz is not installed, so this diagram was not drawn.",
    "diagram.legend_fs": "→ finish-to-start", "diagram.legend_ss": "▷ start-to-start", "diagram.legend_info": "┄ informational",
    "diagram.legend_cross": "thick: between programs", "diagram.legend_critical": "outlined: critical path",
    "diagram.legend_conflict": "red: planned dates conflict", "diagram.hidden": "{count} more projects not shown",
    "diagram.off": "Dependency diagrams are turned off for this site ({option}).",
    "diagram.off_raid": "Every dependency is listed in the {link}.",
    # The dashboard.
    "dashboard.registers": "Governance registers", "dashboard.data": "Data:", "dashboard.calendar": "calendar",
    "dashboard.tile_decisions.one": "{n} decision awaiting a decision",
    "dashboard.tile_decisions.other": "{n} decisions awaiting a decision",
    "dashboard.tile_risks.one": "{n} risk to escalate", "dashboard.tile_risks.other": "{n} risks to escalate",
    "dashboard.tile_slipped.one": "{n} project behind baseline", "dashboard.tile_slipped.other": "{n} projects behind baseline",
    "dashboard.tile_benefits.one": "{n} benefit at risk", "dashboard.tile_benefits.other": "{n} benefits at risk",
    "dashboard.tile_findings.one": "{n} finding", "dashboard.tile_findings.other": "{n} findings",
    "dashboard.awaiting_decision": "Decisions awaiting a decision",
    "dashboard.awaiting_decision_none": "No decision is waiting: none is {proposed}.",
    "dashboard.escalation": "Risks to escalate",
    "dashboard.escalation_text": "Open risks and issues scoring at or above their program's {threshold}, not marked {escalated} yet, and where each goes.",
    "dashboard.escalation_none": "No open risk or issue at or above its program's threshold is waiting for escalation.",
    "dashboard.slipped": "Behind the baseline", "dashboard.slipped_none": "No project's planned end is later than its baseline.",
    "dashboard.benefits": "Benefits at risk", "dashboard.benefits_none": "No benefit is marked {at_risk}.",
    "dashboard.findings": "Findings",
    "dashboard.findings_text": "Health checks of the data as of {date}; they never fail a build ({command} lists them in CI).",
    "dashboard.findings_in": "in {file}", "dashboard.findings_on": "on {page}",
    "dashboard.findings_more": "and {count} more: {command} lists them all",
    "dashboard.findings_none": "No findings: every health check passes.",
    "dashboard.upcoming": "Upcoming milestones", "dashboard.upcoming_text": "Planned milestones due in the next {days} days.",
    "dashboard.upcoming_none": "No planned milestone in the next {days} days.",
    "dashboard.kpis_text": "Computed from the projects' dates, budgets, milestones, benefits and risks; hover a value for its inputs, open a program for the details.",
    "dashboard.kpis_inputs": "Inputs of the portfolio values", "dashboard.by_status": "By status and health",
    "dashboard.no_programs": "No programs yet.", "dashboard.unassigned": "Programs without a portfolio",
    "dashboard.standalone": "Standalone projects",
    # KPIs (the labels of the computed measures).
    "kpi.inputs": "Inputs", "kpi.schedule_variance": "Schedule variance", "kpi.cost_variance": "Cost variance",
    "kpi.milestone_on_time": "Milestones on time", "kpi.budget_adherence": "Budget adherence",
    "kpi.benefits_realization": "Benefits realization", "kpi.risk_index": "Strategic risk index",
    # KPIs: values and inputs (front-matter keys such as end or budget.actual stay as written).
    "kpi.money": "{amount} {currency}", "kpi.percent": "{number} %", "kpi.more": "and {count} more", "kpi.separator": "; ",
    "kpi.cancelled": "{inputs}; cancelled, left out: {ids}", "kpi.no_projects": "no projects",
    "kpi.schedule.inputs": "end {end} against baseline end {baseline}",
    "kpi.schedule.missing_end": "needs end and baseline.end; end is not set",
    "kpi.schedule.missing_baseline": "needs end and baseline.end; baseline.end is not set",
    "kpi.schedule.missing_both": "needs end and baseline.end; end and baseline.end are not set",
    "kpi.schedule.unmeasured": "no end or baseline.end: {ids}",
    "kpi.schedule.display.one": "{days} ({id}); {late} of {n} project late",
    "kpi.schedule.display.other": "{days} ({id}); {late} of {n} projects late",
    "kpi.cost.missing_actual": "needs budget.actual and a plan (baseline.budget or budget.planned); budget.actual is not set",
    "kpi.cost.missing_plan": "needs budget.actual and a plan (baseline.budget or budget.planned); a plan (baseline.budget or budget.planned) is not set",
    "kpi.cost.missing_both": "needs budget.actual and a plan (baseline.budget or budget.planned); budget.actual and a plan (baseline.budget or budget.planned) are not set",
    "kpi.cost.progress_completed": "{percent} (completed)", "kpi.cost.progress_none": "{percent} (no progress given: the whole plan)",
    "kpi.cost.progress": "{percent} progress",
    "kpi.cost.explain_baseline": "actual {actual} against earned {earned} = baseline budget {plan} × {progress}",
    "kpi.cost.explain_planned": "actual {actual} against earned {earned} = planned budget {plan} × {progress}",
    "kpi.cost.out_of_range": "{inputs}: the amounts are out of range, no variance to measure",
    "kpi.cost.nothing_earned": "{inputs}: nothing earned yet, no variance to measure",
    "kpi.cost.sum_out_of_range": "{inputs}; the amounts are out of range, no variance to measure",
    "kpi.cost.foreign": "left out, budget in another currency than {currency}: {items}",
    "kpi.cost.unmeasured": "no actual or plan: {ids}", "kpi.cost.sum": "sum {variance} against earned {earned}: {inputs}",
    # Earned value (PMI: a negative variance is bad).
    "section.earned_value": "Earned value",
    "kpi.spi": "Schedule performance index (SPI)", "kpi.cpi": "Cost performance index (CPI)",
    "kpi.cv": "Cost variance (CV = EV − AC)", "kpi.sv": "Schedule variance (SV = EV − PV)",
    "kpi.eac": "Estimate at completion (EAC)", "kpi.etc": "Estimate to complete (ETC)", "kpi.vac": "Variance at completion (VAC)",
    "kpi.ev.no_bac": "needs a budget at completion (baseline.budget or budget.planned); neither is set",
    "kpi.ev.bac_baseline": "BAC {bac} (baseline budget)", "kpi.ev.bac_planned": "BAC {bac} (planned budget)",
    "kpi.ev.no_progress": "EV needs progress; progress is not set",
    "kpi.ev.ev": "EV {ev} = BAC {bac} × {progress}",
    "kpi.ev.no_dates": "PV needs a start and an end (baseline or planned)",
    "kpi.ev.pv_baseline": "PV {pv} = BAC {bac} × {elapsed} of the baseline schedule {start} to {end} elapsed on {today}",
    "kpi.ev.pv_planned": "PV {pv} = BAC {bac} × {elapsed} of the schedule {start} to {end} elapsed on {today}",
    "kpi.ev.ac": "AC {ac} (budget.actual)", "kpi.ev.no_ac": "AC needs budget.actual; it is not set",
    "kpi.ev.foreign": "{id} (budget in {currency})", "kpi.ev.incomplete": "{id} (no {missing})",
    "kpi.ev.sum": "sums over {ids}: BAC {bac}, EV {ev}, PV {pv}, AC {ac}", "kpi.ev.left_out": "left out: {items}",
    # Benefit trends (the sparkline of a benefit's measurements).
    "field.trend": "Trend", "benefit.trend": "{title}: {points}", "benefit.trend_point": "{date} {value}",
    "benefit.trend_baseline": "baseline {value}", "benefit.trend_target": "target {value}",
    "kpi.milestones.missed": "{count} missed: {names}", "kpi.milestones.overdue": "{count} overdue: {names}",
    "kpi.milestones.late": "{late} late", "kpi.milestones.late_details": "{late} late ({details})",
    "kpi.milestones.inputs": "{done} done, {late}, {pending} not yet due", "kpi.milestones.pending": " ({count} not yet due)",
    "kpi.milestones.none_yet": "no milestone done, missed or overdue yet{pending}",
    "kpi.milestones.none_in_projects": "no milestone done, missed or overdue in its projects{pending}",
    "kpi.milestones.display": "{percent} ({done} of {total})",
    "kpi.budget.missing_planned": "needs budget.planned and baseline.budget or budget.actual; budget.planned is not set",
    "kpi.budget.missing_reference": "needs budget.planned and baseline.budget or budget.actual; neither baseline.budget nor budget.actual is set",
    "kpi.budget.planned_over_baseline": "planned {planned} against baseline {baseline}",
    "kpi.budget.actual_over_planned": "actual {actual} against planned {planned}", "kpi.budget.over": "over budget: {details}",
    "kpi.budget.planned": "planned {amount}", "kpi.budget.baseline": "baseline {amount}", "kpi.budget.actual": "actual {amount}",
    "kpi.budget.within_details": "within budget: {details}", "kpi.budget.within": "within budget",
    "kpi.budget.unmeasured": "no budget.planned with baseline.budget or budget.actual: {ids}",
    "kpi.budget.display.one": "{within} of {n} project ({percent})", "kpi.budget.display.other": "{within} of {n} projects ({percent})",
    "kpi.benefits.no_baseline": "0 (no baseline given)",
    "kpi.benefits.item": "{id} {percent} (actual {actual}, baseline {baseline}, target {target})",
    "kpi.benefits.no_target": "no target", "kpi.benefits.no_actual": "no actual",
    "kpi.benefits.target_is_baseline": "target equals baseline", "kpi.benefits.out_of_range": "values out of range",
    "kpi.benefits.unmeasured": "not measured: {items}", "kpi.benefits.at_risk": "at risk: {ids}",
    "kpi.benefits.none_project": "contributes to no benefit (contributes_to)",
    "kpi.benefits.none_program": "the program lists no benefits", "kpi.benefits.none_portfolio": "no program lists benefits",
    "kpi.benefits.display_one": "{percent} (1 benefit)", "kpi.benefits.display_one_of": "{percent} (1 of {total} benefits)",
    "kpi.benefits.display_mean": "{percent} (mean of {count} benefits)",
    "kpi.benefits.display_mean_of": "{percent} (mean of {count} of {total} benefits)",
    "kpi.risk.skipped.one": "{n} risk without probability or impact skipped: {ids}",
    "kpi.risk.skipped.other": "{n} risks without probability or impact skipped: {ids}",
    "kpi.risk.closed": "{count} mitigated or closed not counted", "kpi.risk.none": "no open or occurred risks",
    # Dependency diagrams: titles, node and edge labels, tooltips.
    "diagram.title_project": "Dependencies of {title}", "diagram.title_program": "Dependencies of the projects of {title}",
    "diagram.title_portfolio": "Dependencies across the portfolio", "diagram.title_programs": "Dependencies between programs",
    "diagram.dependencies.one": "{n} dependency", "diagram.dependencies.other": "{n} dependencies",
    "diagram.depends_on": "{source} depends on {target}",
    "diagram.with_program.one": "{title}: {n} dependency with this program",
    "diagram.with_program.other": "{title}: {n} dependencies with this program",
    "diagram.more": "{count} more", "diagram.more_within": "{count} more projects within {depth} steps",
    "diagram.more_projects": "{count} more projects", "diagram.see_page": "See the dependencies on the page of {title}",
    # Findings (the dashboard's headings; the messages are diagnostics and stay in English).
    "finding.overdue-milestone": "Overdue milestones", "finding.past-end": "Projects past their end",
    "finding.stale-review": "Pages not reviewed lately", "finding.stale-decision": "Decisions proposed too long",
    "finding.unmanaged-risk": "Risks above the threshold without a mitigation or owner",
    "finding.superseded-link": "Links to superseded decisions", "finding.schedule-conflict": "Schedule conflicts",
    "finding.health-optimistic": "Programs reporting better health than their projects",
    "finding.benefit-overdue": "Benefits past their due date and not realized",
    # Registers.
    "register.heat_map": "Risk heat map",
    "register.heat_caption": "Open and occurred risks by probability and impact",
    "register.heat_threshold": "; outlined: at or above the escalation threshold ({threshold})",
    "register.heat_axis": "Probability ↓ · Impact →",
    "register.unscored": "Not on the map (probability or impact missing):", "register.no_open_risks": "No open risks.",
    "register.no_risks": "No risks yet.", "register.no_assumptions": "No assumptions yet.",
    "register.no_issues": "No issues yet.", "register.no_dependencies": "No dependencies yet.",
    "register.decisions.one": "{n} decision, newest first.", "register.decisions.other": "{n} decisions, newest first.",
    "register.by_program": "By program", "register.full_record": "full record", "register.on": "on {title}",
    "register.portfolio_wide": "Portfolio-wide and standalone",
    "register.no_decisions": "No decisions yet: add a {decision_page} page or {decisions} to a project or program.",
    "register.changes.one": "{n} change request.", "register.changes.other": "{n} change requests.",
    "register.changes_approved": "Approved or implemented: {days} days, {cost}.",
    "register.changes_pending": "Still requested ({count}): {days} days, {cost}.",
    "register.awaiting_decision": "awaiting a decision",
    "register.no_changes": "No change requests yet: add {changes} to a project or program.",
    "register.benefits_roadmap": "Benefits roadmap",
    "register.no_benefits": "No benefits yet: add {benefits} to a program and {contributes_to} to its projects.",
    # The catalog.
    "catalog.filter": "Filter the catalog", "catalog.all": "All ({count})",
    "catalog.placeholder": "Title, id, owner, summary or tag", "catalog.clear": "Clear",
    "catalog.shown": "{shown} of {total} shown", "catalog.none": "No entity matches this filter.",
    "catalog.empty": "No portfolio, program, project or decision yet: pages take part with a {type} in their front matter.",
    # Generated pages under governance_dir: title (also the navigation's) and introduction.
    "page.dashboard": "Governance dashboard", "page.decision-log": "Decision log", "page.raid": "RAID register",
    "page.raid.intro": "Risks, assumptions, issues and dependencies of every project and program.",
    "page.changes": "Change requests", "page.changes.intro": "Every change request, its impact and the decision that settled it.",
    "page.benefits": "Benefits", "page.benefits.intro": "What the programs are meant to deliver, and how far they have got.",
    "page.roadmap": "Portfolio roadmap", "page.roadmap.intro": "Every program as a swim lane, then the standalone projects.",
    "page.catalog": "Catalog", "page.catalog.intro": "Every portfolio, program, project and decision, sorted by type then title.",
    "page.dependencies": "Dependencies",
    "page.dependencies.intro": "First between programs, then between every project, grouped by program. Dependencies implied by others are left out.",
    "page.roadmap_link": "Roadmap",
    # Lifecycle gates and lessons learned.
    "finding.completed-open-items": "Completed projects and programs with open items",
    "finding.closure-no-acceptance": "Closing without acceptance", "finding.closure-no-lessons": "Closing without lessons learned",
    "finding.execution-no-baseline": "Projects in execution without a baseline", "finding.phase-dates": "Phases that do not match the dates",
    "page.lessons": "Lessons learned",
    "page.lessons.intro": "What the projects and programs have learned, grouped by program, with who accepted each one's output.",
    "register.lessons.one": "{n} lesson learned.", "register.lessons.other": "{n} lessons learned.",
    "register.no_lessons": "No lessons learned yet: add {lessons} to a project or program, at the latest when it closes.",
    "register.accepted": "Accepted by {by} on {date}", "register.not_accepted": "Not accepted yet",
    # Month names: abbreviated (roadmap axis) and as dates write them.
    "month.1": "Jan", "month.2": "Feb", "month.3": "Mar", "month.4": "Apr", "month.5": "May", "month.6": "Jun",
    "month.7": "Jul", "month.8": "Aug", "month.9": "Sep", "month.10": "Oct", "month.11": "Nov", "month.12": "Dec",
    # People and capacity: the resources page, the People section and the power/interest map of program pages.
    "finding.over-allocation": "People allocated over 100 % in a month",
    "page.resources": "People and capacity",
    "page.resources.intro": "How much of each person's time the projects and programs take, month by month: each assignment counts its allocation for the calendar days it covers in the month, rounded to a whole percent. Over 100 % is over-allocated.",
    "section.people": "People", "section.power_map": "Power and interest",
    "field.person": "Person", "field.role": "Role", "field.allocation": "Allocation", "field.month": "Month", "field.load": "Load", "field.pages": "Pages",
    "resources.title": "Monthly load of the people of {names}", "resources.everyone": "the portfolio",
    "resources.desc": "One row per person, one column per month; each cell is the person's load that month across every project and program, in percent of their time. Over-allocated months are marked ▲ and in bold.",
    "resources.cell": "{name}, {month}: {load}", "resources.over": "over-allocated",
    "resources.legend_low": "up to 80 %", "resources.legend_medium": "81 to 100 %", "resources.legend_high": "over 100 %: over-allocated (▲, bold)",
    "resources.table": "Load per person and month", "resources.months": "{first} to {last}",
    "resources.uncounted": "Not counted in the load (no allocation or no dates):",
    "resources.empty": "No allocations yet: add a {team} with names and allocations to a project or program.",
    "people.own": "the program",
    "power.title": "Power/interest map of {title}",
    "power.desc": "Stakeholders placed by interest (left to right) and influence (bottom to top), from 1 to 5.",
    "power.manage": "Manage closely", "power.satisfy": "Keep satisfied", "power.inform": "Keep informed", "power.monitor": "Monitor",
    "power.interest": "Interest →", "power.influence": "Influence →",
    "power.unplaced": "Not on the map (influence or interest missing):",
}

_DE: dict[str, str] = {
    "type.portfolio": "Portfolio", "type.program": "Programm", "type.project": "Projekt", "type.decision": "Entscheidung",
    "type.milestone": "Meilenstein", "type.risk": "Risiko", "type.assumption": "Annahme", "type.issue": "Problem",
    "type.change": "Änderungsantrag", "type.benefit": "Nutzen", "type.deliverable": "Liefergegenstand",
    "status.draft": "Entwurf", "status.proposed": "vorgeschlagen", "status.planned": "geplant", "status.active": "aktiv", "status.on-hold": "pausiert",
    "status.completed": "abgeschlossen", "status.cancelled": "abgebrochen", "status.done": "erledigt", "status.missed": "verfehlt",
    "status.in-progress": "in Arbeit", "status.open": "offen", "status.mitigated": "gemindert", "status.closed": "geschlossen",
    "status.occurred": "eingetreten", "status.validated": "bestätigt", "status.invalidated": "widerlegt",
    "status.resolved": "gelöst", "status.requested": "beantragt", "status.approved": "genehmigt",
    "status.rejected": "abgelehnt", "status.implemented": "umgesetzt", "status.accepted": "angenommen",
    "status.deprecated": "veraltet", "status.superseded": "ersetzt", "status.realizing": "in Realisierung",
    "status.realized": "realisiert", "status.at-risk": "gefährdet",
    "health.green": "Grün", "health.amber": "Gelb", "health.red": "Rot", "health.none": "ohne Zustand",
    "phase.initiation": "Initiierungs", "phase.planning": "Planungs", "phase.execution": "Durchführungs",
    "phase.monitoring": "Überwachungs", "phase.closure": "Abschluss",
    "dependency.finish-to-start": "Ende–Anfang", "dependency.start-to-start": "Anfang–Anfang",
    "dependency.informational": "informativ",
    "chip.status": "Status: {status}", "chip.health": "Zustand: {health}", "chip.phase": "{phase}phase",
    "chip.phase_title": "Lebenszyklusphase", "chip.overdue": "überfällig", "chip.overdue_title": "Geplantes Datum am {date} überschritten",
    "chip.escalated": "eskaliert", "chip.escalate": "eskalieren", "chip.conflict": "Konflikt",
    "escalation.next": "als Nächstes: {name}", "escalation.to": "an {name}",
    "escalation.reason.owner": "verantwortlich für das Programm {program}", "escalation.reason.program": "erste Stufe auf Programmebene von {program}",
    "escalation.reason.next": "nächste Stufe nach {after} im Eskalationsweg von {holder}", "escalation.reason.portfolio": "nach dem Eskalationsweg von {program}: Portfolio {holder}",
    "escalation.reason.top": "Ende des Eskalationswegs: bereits bei {current}", "escalation.score": "Wert {score} ≥ Schwelle {threshold}",
    "escalation.score_issue": "Auswirkung {impact} × 5 = {score} ≥ Schwelle {threshold}",
    "score.title": "Wahrscheinlichkeit {probability} × Auswirkung {impact}", "score.threshold": "; Eskalationsschwelle {threshold}",
    "progress.title": "{percent} erledigt",
    "xref.unknown": "Unbekannte ID",
    "days.one": "{n} Tag", "days.other": "{n} Tage",
    "none": "keine", "unknown_date": "?",
    "field.owner": "Verantwortlich", "field.sponsor": "Auftraggeber", "field.program": "Programm", "field.programs": "Programme",
    "field.project": "Projekt", "field.projects": "Projekte", "field.dates": "Termine", "field.progress": "Fortschritt",
    "field.budget": "Budget", "field.date": "Datum", "field.decision_makers": "Entscheider",
    "field.consulted": "Konsultiert", "field.informed": "Informiert", "field.forum": "Gremium", "field.scope": "Geltungsbereich",
    "field.settles": "Entscheidet", "field.tags": "Schlagwörter", "field.reviewed": "Geprüft", "field.status": "Status",
    "field.health": "Zustand", "field.type": "Typ", "field.title": "Titel", "field.id": "ID", "field.summary": "Zusammenfassung",
    "field.milestone": "Meilenstein", "field.risk": "Risiko", "field.assumption": "Annahme", "field.issue": "Problem",
    "field.decision": "Entscheidung", "field.change": "Änderung", "field.benefit": "Nutzen", "field.measure": "Kennzahl",
    "field.baseline": "Ausgangswert", "field.target": "Ziel", "field.actual": "Ist", "field.realized": "Realisiert",
    "field.due": "Fällig", "field.raised": "Erfasst", "field.schedule": "Termin", "field.cost": "Kosten",
    "field.settled_by": "Entschieden durch", "field.mitigation": "Gegenmaßnahme", "field.where": "Wo", "field.score": "Wert",
    "field.escalation": "Eskalation", "field.escalate_to": "Eskalieren an", "field.note": "Anmerkung",
    "field.depends": "Abhängig", "field.on": "Von", "field.by": "Durch", "field.starts": "Beginnt", "field.start": "Beginn",
    "field.end": "Ende", "field.kpi": "Kennzahl", "field.value": "Wert", "field.from": "Aus", "field.cadence": "Rhythmus",
    "field.chair": "Vorsitz", "field.supersedes": "Ersetzt", "field.superseded_by": "Ersetzt durch",
    "field.affects": "Betrifft", "field.contributors": "Beitragende Projekte", "field.depended_on_by": "Benötigt von",
    "field.proposed": "Vorgeschlagen", "field.waiting": "Wartet", "field.baseline_end": "Geplantes Ende (Basis)",
    "field.planned_end": "Geplantes Ende", "field.slip": "Verzug", "field.in": "In", "field.total": "Summe",
    "field.text": "Text", "field.would_move": "Würde sich verschieben", "field.pushed_by": "Verschoben durch",
    "field.program_project": "Programm / Projekt", "field.risk_threshold": "Risikoschwelle",
    "field.p": "W", "field.p_title": "Wahrscheinlichkeit (1-5)", "field.i": "A", "field.i_title": "Auswirkung (1-5)",
    "field.date_title": "Ende–Anfang: wann es endet; Anfang–Anfang: wann es beginnt",
    "field.status_escalation": "Status, Eskalation", "field.score_title": "Wahrscheinlichkeit (1-5) × Auswirkung (1-5)", "field.pi_title": "Wahrscheinlichkeit × Auswirkung", "field.milestones": "Meilensteine",
    "noun.portfolio": "Portfolio", "noun.program": "Programm", "noun.project": "Projekt", "noun.decision": "Entscheidung",
    "section.impact_no_baseline": " (kein Basis-Ende zum Vergleich)", "dashboard.decisions_csv": "Entscheidungen als CSV",
    "card.nav": "Governance", "card.superseded_by": "Ersetzt durch {decisions}.", "card.standalone": "Eigenständig",
    "card.vs_baseline": "{days} Tage gegenüber Basis {date}", "card.planned": "{amount} geplant",
    "card.spent": "{amount} ausgegeben", "card.baseline": "Basis {amount}", "card.score_at_least": "Wert ≥ {score}",
    "section.vision": "Vision", "section.objectives": "Ziele", "section.roadmap": "Roadmap",
    "section.projects": "Projekte", "section.programs": "Programme", "section.kpis": "Kennzahlen",
    "section.kpis_declared": "Auf dieser Seite angegeben", "section.project_dependencies": "Abhängigkeiten zwischen Projekten",
    "section.critical_path": "Kritischer Pfad",
    "section.critical_path_note": "(die Kette von Abhängigkeiten, die das letzte Enddatum des Programms bestimmt):",
    "section.benefits": "Nutzen", "section.governance": "Governance", "section.escalation_path": "Eskalationsweg:",
    "section.risk_threshold_note": "Ein Risiko mit einem Wert ab {score} (Wahrscheinlichkeit × Auswirkung) wird an das Programm eskaliert.",
    "section.risk_threshold_note_portfolio": "Die Schwelle jedes Programms ohne eigene: Ein Risiko oder Problem mit einem Wert ab {score} wird eskaliert.",
    "section.escalated": "Risiken an oder über der Schwelle", "section.escalated_none": "Kein offenes Risiko hat einen Wert ab {score}.",
    "section.milestones": "Meilensteine", "section.impact": "Auswirkung einer Verzögerung",
    "section.impact_text": "Dieses Projekt endet {days} nach seiner Basis ({before} → {after}). Verglichen mit seinem Plan zum Basis-Ende verschiebt dieser Verzug nachgelagert Folgendes:",
    "cpm.note": "Die Kette von Abhängigkeiten über Programme hinweg, die das Enddatum {date} bestimmt. Ein Schritt ohne Puffer verschiebt dieses Datum, wenn er sich verzögert.",
    "cpm.step": "Schritt",
    "cpm.dates": "Termine",
    "cpm.float": "Puffer",
    "cpm.program": "Programm",
    "cpm.other_program": "anderes Programm",
    "cpm.near_chip": "beinahe kritisch",
    "cpm.near": "Beinahe kritisch (Puffer von höchstens {days}): ein Verzug über den Puffer hinaus verschiebt das Enddatum.",
    "roadmap.near_critical": "beinahe kritisch",
    "roadmap.float": "Puffer {days}",
    "roadmap.legend_near_critical": "gestrichelter Rand: beinahe kritisch (Puffer von höchstens {days})",
    "diagram.legend_near_critical": "gestrichelt umrandet: beinahe kritisch",
    "impact.summary": "Wenn {subject} {days} später endet ({before} → {after}; Gesamtpuffer {float}):",
    "impact.summary_milestone": "Wenn Meilenstein {subject} {days} später kommt ({before} → {after}; Gesamtpuffer {float}):",
    "impact.none": "Nachgelagert verschiebt sich nichts: Der Puffer der abhängigen Vorhaben fängt den Verzug auf.",
    "impact.end": "Das Ende des Portfolios verschiebt sich vom {before} auf den {after}.",
    "impact.end_same": "Das Ende des Portfolios bleibt am {date}.",
    "impact.item": "Projekt oder Meilenstein",
    "impact.before": "Vorher",
    "impact.after": "Nachher",
    "impact.moves": "Verschiebung",
    "impact.absorbed": "Aufgefangener Puffer",
    "impact.via": "Verschoben durch",
    "impact.not_dated": "{id} hat keinen Start und kein Ende: Es lässt sich keine Auswirkung berechnen.",
    "impact.no_project": "Nennen Sie das Projekt, das sich verzögert: project=ID (und days=N, Standard 30).",
    "section.impact_none": "Nachgelagert verschiebt sich nichts: Der Verzug bleibt im Puffer der abhängigen Vorhaben.",
    "section.impact_no_slip": "Kein Verzug gegenüber der Basis{reason}: Nichts Nachgelagertes ist heute durch die Termine dieses Projekts gefährdet.",
    "section.impact_ends": "endet {date}",
    "section.what_if": "Ein weiterer Verzug um {days} (bis {after}) würde Folgendes verschieben:",
    "section.what_if_none": "Ein weiterer Verzug um {days} (bis {after}) würde nachgelagert nichts verschieben: Sein Gesamtpuffer beträgt {float}.",
    "section.deliverables": "Liefergegenstände", "section.due": "fällig {date}", "section.benefits_served": "Unterstützter Nutzen",
    "section.target": "Ziel {value}", "section.now": "jetzt {value}",
    "section.dependencies": "Abhängigkeiten", "section.schedule_conflicts": "Terminkonflikte",
    "section.depends_on": "Hängt ab von", "section.dependency_of": "Benötigt von", "section.starts": "beginnt {date}",
    "section.this": "dieses {kind}",
    "section.raid": "Risiken, Annahmen und Probleme", "section.risks": "Risiken", "section.assumptions": "Annahmen",
    "section.issues": "Probleme", "section.changes": "Änderungsanträge", "section.decisions": "Entscheidungen",
    "section.affected_by": "Entscheidungen, die dieses {kind} betreffen", "section.decision_links": "Verwandte Entscheidungen und Einheiten",
    "section.stakeholders": "Stakeholder", "section.referenced_by": "Verwiesen von",
    "roadmap.title": "Roadmap von {names}", "roadmap.the_portfolio": "dem Portfolio", "roadmap.today": "Heute {date}",
    "roadmap.quarter": "Q{quarter}", "roadmap.standalone": "Eigenständige Projekte",
    "roadmap.empty": "Noch kein Projekt hier hat sowohl ein Start- als auch ein Enddatum.",
    "roadmap.projects": "{count} Projekte", "roadmap.critical": "auf dem kritischen Pfad", "roadmap.owner": "verantwortlich {name}",
    "roadmap.health": "Zustand {health}", "roadmap.done": "{percent} erledigt", "roadmap.baseline_end": "Basis-Ende {date}",
    "roadmap.baseline_of": "Basis von {title}: {start} → {end}",
    "roadmap.arrow": "{source} beginnt, nachdem {target} endet", "roadmap.arrow_late": ", aber der Plan lässt es früher beginnen",
    "roadmap.legend_plan": "Plan, gefüllt so weit erledigt", "roadmap.legend_baseline": "Basis, wo sich der Plan verschoben hat",
    "roadmap.legend_health": "● grün ▲ gelb (schraffiert) ■ rot (kreuzschraffiert)", "roadmap.legend_planned": "geplant",
    "roadmap.legend_done": "erledigt", "roadmap.legend_missed": "verfehlter Meilenstein",
    "roadmap.legend_arrow": "→ Ende-Anfang-Abhängigkeit (rot gestrichelt: früher geplant als möglich)",
    "roadmap.legend_critical": "dicker Rand: kritischer Pfad (bestimmt das letzte Enddatum)",
    "roadmap.table": "Die Roadmap als Tabelle", "roadmap.unscheduled": "Nicht terminiert",
    "roadmap.unscheduled_note": "(noch ohne Start- oder Enddatum):",
    "benefits.title": "Nutzen-Roadmap von {title}", "benefits.by_due_date": "Nutzen nach Fälligkeit",
    "benefits.due": "fällig {date}", "benefits.legend": "● ein Nutzen zu seinem Fälligkeitsdatum:",
    "benefits.undated": "Ohne Fälligkeitsdatum:",
    "diagram.not_drawn": "nicht gezeichnet.", "diagram.no_graphviz": "Graphviz ist nicht installiert, daher wurde dieses Diagramm nicht gezeichnet.",
    "diagram.legend_fs": "→ Ende–Anfang", "diagram.legend_ss": "▷ Anfang–Anfang", "diagram.legend_info": "┄ informativ",
    "diagram.legend_cross": "dick: zwischen Programmen", "diagram.legend_critical": "umrandet: kritischer Pfad",
    "diagram.legend_conflict": "rot: geplante Termine widersprechen sich", "diagram.hidden": "{count} weitere Projekte nicht gezeigt",
    "diagram.off": "Abhängigkeitsdiagramme sind für diese Website ausgeschaltet ({option}).",
    "diagram.off_raid": "Jede Abhängigkeit steht im {link}.",
    "dashboard.registers": "Governance-Register", "dashboard.data": "Daten:", "dashboard.calendar": "Kalender",
    "dashboard.tile_decisions.one": "{n} Entscheidung wartet auf eine Entscheidung",
    "dashboard.tile_decisions.other": "{n} Entscheidungen warten auf eine Entscheidung",
    "dashboard.tile_risks.one": "{n} Risiko zu eskalieren", "dashboard.tile_risks.other": "{n} Risiken zu eskalieren",
    "dashboard.tile_slipped.one": "{n} Projekt hinter der Basis", "dashboard.tile_slipped.other": "{n} Projekte hinter der Basis",
    "dashboard.tile_benefits.one": "{n} Nutzen gefährdet", "dashboard.tile_benefits.other": "{n} Nutzen gefährdet",
    "dashboard.tile_findings.one": "{n} Befund", "dashboard.tile_findings.other": "{n} Befunde",
    "dashboard.awaiting_decision": "Entscheidungen, die auf eine Entscheidung warten",
    "dashboard.awaiting_decision_none": "Keine Entscheidung wartet: keine ist {proposed}.",
    "dashboard.escalation": "Zu eskalierende Risiken",
    "dashboard.escalation_text": "Offene Risiken und Probleme mit einem Wert an oder über der {threshold} ihres Programms, noch nicht als {escalated} markiert, und wohin jedes geht.",
    "dashboard.escalation_none": "Kein offenes Risiko und kein offenes Problem an oder über der Schwelle seines Programms wartet auf Eskalation.",
    "dashboard.slipped": "Hinter der Basis", "dashboard.slipped_none": "Kein Projekt endet später als geplant.",
    "dashboard.benefits": "Gefährdeter Nutzen", "dashboard.benefits_none": "Kein Nutzen ist als {at_risk} markiert.",
    "dashboard.findings": "Befunde",
    "dashboard.findings_text": "Gesundheitsprüfungen der Daten zum {date}; sie lassen keinen Build scheitern ({command} listet sie in CI).",
    "dashboard.findings_in": "in {file}", "dashboard.findings_on": "auf {page}",
    "dashboard.findings_more": "und {count} weitere: {command} listet alle",
    "dashboard.findings_none": "Keine Befunde: jede Gesundheitsprüfung ist bestanden.",
    "dashboard.upcoming": "Anstehende Meilensteine", "dashboard.upcoming_text": "Geplante Meilensteine, fällig in den nächsten {days} Tagen.",
    "dashboard.upcoming_none": "Kein geplanter Meilenstein in den nächsten {days} Tagen.",
    "dashboard.kpis_text": "Berechnet aus Terminen, Budgets, Meilensteinen, Nutzen und Risiken der Projekte; ein Wert zeigt beim Überfahren seine Eingaben, ein Programm die Einzelheiten.",
    "dashboard.kpis_inputs": "Eingaben der Portfoliowerte", "dashboard.by_status": "Nach Status und Zustand",
    "dashboard.no_programs": "Noch keine Programme.", "dashboard.unassigned": "Programme ohne Portfolio",
    "dashboard.standalone": "Eigenständige Projekte",
    "kpi.inputs": "Eingaben", "kpi.schedule_variance": "Terminabweichung", "kpi.cost_variance": "Kostenabweichung",
    "kpi.milestone_on_time": "Meilensteine termingerecht", "kpi.budget_adherence": "Budgettreue",
    "kpi.benefits_realization": "Nutzenrealisierung", "kpi.risk_index": "Strategischer Risikoindex",
    "kpi.money": "{amount}\u00a0{currency}", "kpi.percent": "{number}\u00a0%", "kpi.more": "und {count} weitere", "kpi.separator": "; ",
    "kpi.cancelled": "{inputs}; abgebrochen, nicht berücksichtigt: {ids}", "kpi.no_projects": "keine Projekte",
    "kpi.schedule.inputs": "Ende {end} gegenüber Basis-Ende {baseline}",
    "kpi.schedule.missing_end": "braucht end und baseline.end; end ist nicht gesetzt",
    "kpi.schedule.missing_baseline": "braucht end und baseline.end; baseline.end ist nicht gesetzt",
    "kpi.schedule.missing_both": "braucht end und baseline.end; end und baseline.end sind nicht gesetzt",
    "kpi.schedule.unmeasured": "ohne end oder baseline.end: {ids}",
    "kpi.schedule.display.one": "{days} ({id}); {late} von {n} Projekt verspätet",
    "kpi.schedule.display.other": "{days} ({id}); {late} von {n} Projekten verspätet",
    "kpi.cost.missing_actual": "braucht budget.actual und einen Plan (baseline.budget oder budget.planned); budget.actual ist nicht gesetzt",
    "kpi.cost.missing_plan": "braucht budget.actual und einen Plan (baseline.budget oder budget.planned); kein Plan (baseline.budget oder budget.planned) ist gesetzt",
    "kpi.cost.missing_both": "braucht budget.actual und einen Plan (baseline.budget oder budget.planned); weder budget.actual noch ein Plan (baseline.budget oder budget.planned) ist gesetzt",
    "kpi.cost.progress_completed": "{percent} (abgeschlossen)", "kpi.cost.progress_none": "{percent} (kein Fortschritt angegeben: der ganze Plan)",
    "kpi.cost.progress": "{percent} Fortschritt",
    "kpi.cost.explain_baseline": "Ist {actual} gegenüber Fertigstellungswert {earned} = Basisbudget {plan} × {progress}",
    "kpi.cost.explain_planned": "Ist {actual} gegenüber Fertigstellungswert {earned} = geplantes Budget {plan} × {progress}",
    "kpi.cost.out_of_range": "{inputs}: Beträge außerhalb des Wertebereichs, keine Abweichung messbar",
    "kpi.cost.nothing_earned": "{inputs}: noch kein Fertigstellungswert, keine Abweichung messbar",
    "kpi.cost.sum_out_of_range": "{inputs}; Beträge außerhalb des Wertebereichs, keine Abweichung messbar",
    "kpi.cost.foreign": "nicht berücksichtigt, Budget in einer anderen Währung als {currency}: {items}",
    "kpi.cost.unmeasured": "ohne Ist oder Plan: {ids}", "kpi.cost.sum": "Summe {variance} gegenüber Fertigstellungswert {earned}: {inputs}",
    # Earned Value (PMI: eine negative Abweichung ist schlecht).
    "section.earned_value": "Earned Value",
    "kpi.spi": "Terminleistungsindex (SPI)", "kpi.cpi": "Kostenleistungsindex (CPI)",
    "kpi.cv": "Kostenabweichung (CV = EV − AC)", "kpi.sv": "Planabweichung (SV = EV − PV)",
    "kpi.eac": "Prognose der Gesamtkosten (EAC)", "kpi.etc": "Restkosten (ETC)", "kpi.vac": "Abweichung bei Fertigstellung (VAC)",
    "kpi.ev.no_bac": "braucht ein Gesamtbudget (baseline.budget oder budget.planned); keines ist gesetzt",
    "kpi.ev.bac_baseline": "BAC {bac} (Basisbudget)", "kpi.ev.bac_planned": "BAC {bac} (geplantes Budget)",
    "kpi.ev.no_progress": "EV braucht progress; progress ist nicht gesetzt",
    "kpi.ev.ev": "EV {ev} = BAC {bac} × {progress}",
    "kpi.ev.no_dates": "PV braucht Start und Ende (Basisplan oder geplant)",
    "kpi.ev.pv_baseline": "PV {pv} = BAC {bac} × {elapsed} des Basisplans {start} bis {end}, verstrichen am {today}",
    "kpi.ev.pv_planned": "PV {pv} = BAC {bac} × {elapsed} des Plans {start} bis {end}, verstrichen am {today}",
    "kpi.ev.ac": "AC {ac} (budget.actual)", "kpi.ev.no_ac": "AC braucht budget.actual; es ist nicht gesetzt",
    "kpi.ev.foreign": "{id} (Budget in {currency})", "kpi.ev.incomplete": "{id} (ohne {missing})",
    "kpi.ev.sum": "Summen über {ids}: BAC {bac}, EV {ev}, PV {pv}, AC {ac}", "kpi.ev.left_out": "nicht berücksichtigt: {items}",
    # Nutzentrends (die Sparkline der Messungen eines Nutzens).
    "field.trend": "Verlauf", "benefit.trend": "{title}: {points}", "benefit.trend_point": "{date} {value}",
    "benefit.trend_baseline": "Ausgangswert {value}", "benefit.trend_target": "Ziel {value}",
    "kpi.milestones.missed": "{count} verfehlt: {names}", "kpi.milestones.overdue": "{count} überfällig: {names}",
    "kpi.milestones.late": "{late} verspätet", "kpi.milestones.late_details": "{late} verspätet ({details})",
    "kpi.milestones.inputs": "{done} erreicht, {late}, {pending} noch nicht fällig", "kpi.milestones.pending": " ({count} noch nicht fällig)",
    "kpi.milestones.none_yet": "noch kein Meilenstein erreicht, verfehlt oder überfällig{pending}",
    "kpi.milestones.none_in_projects": "kein Meilenstein der Projekte erreicht, verfehlt oder überfällig{pending}",
    "kpi.milestones.display": "{percent} ({done} von {total})",
    "kpi.budget.missing_planned": "braucht budget.planned und baseline.budget oder budget.actual; budget.planned ist nicht gesetzt",
    "kpi.budget.missing_reference": "braucht budget.planned und baseline.budget oder budget.actual; weder baseline.budget noch budget.actual ist gesetzt",
    "kpi.budget.planned_over_baseline": "geplant {planned} gegenüber Basis {baseline}",
    "kpi.budget.actual_over_planned": "Ist {actual} gegenüber geplant {planned}", "kpi.budget.over": "über Budget: {details}",
    "kpi.budget.planned": "geplant {amount}", "kpi.budget.baseline": "Basis {amount}", "kpi.budget.actual": "Ist {amount}",
    "kpi.budget.within_details": "im Budget: {details}", "kpi.budget.within": "im Budget",
    "kpi.budget.unmeasured": "ohne budget.planned mit baseline.budget oder budget.actual: {ids}",
    "kpi.budget.display.one": "{within} von {n} Projekt ({percent})", "kpi.budget.display.other": "{within} von {n} Projekten ({percent})",
    "kpi.benefits.no_baseline": "0 (kein Ausgangswert angegeben)",
    "kpi.benefits.item": "{id} {percent} (Ist {actual}, Ausgangswert {baseline}, Ziel {target})",
    "kpi.benefits.no_target": "kein Ziel", "kpi.benefits.no_actual": "kein Ist-Wert",
    "kpi.benefits.target_is_baseline": "Ziel gleich Ausgangswert", "kpi.benefits.out_of_range": "Werte außerhalb des Wertebereichs",
    "kpi.benefits.unmeasured": "nicht gemessen: {items}", "kpi.benefits.at_risk": "gefährdet: {ids}",
    "kpi.benefits.none_project": "trägt zu keinem Nutzen bei (contributes_to)",
    "kpi.benefits.none_program": "das Programm nennt keinen Nutzen", "kpi.benefits.none_portfolio": "kein Programm nennt einen Nutzen",
    "kpi.benefits.display_one": "{percent} (1 Nutzen)", "kpi.benefits.display_one_of": "{percent} (1 von {total} Nutzen)",
    "kpi.benefits.display_mean": "{percent} (Mittel aus {count} Nutzen)",
    "kpi.benefits.display_mean_of": "{percent} (Mittel aus {count} von {total} Nutzen)",
    "kpi.risk.skipped.one": "{n} Risiko ohne Wahrscheinlichkeit oder Auswirkung übergangen: {ids}",
    "kpi.risk.skipped.other": "{n} Risiken ohne Wahrscheinlichkeit oder Auswirkung übergangen: {ids}",
    "kpi.risk.closed": "{count} gemindert oder geschlossen, nicht gezählt", "kpi.risk.none": "keine offenen oder eingetretenen Risiken",
    "diagram.title_project": "Abhängigkeiten von {title}", "diagram.title_program": "Abhängigkeiten der Projekte von {title}",
    "diagram.title_portfolio": "Abhängigkeiten im ganzen Portfolio", "diagram.title_programs": "Abhängigkeiten zwischen Programmen",
    "diagram.dependencies.one": "{n} Abhängigkeit", "diagram.dependencies.other": "{n} Abhängigkeiten",
    "diagram.depends_on": "{source} hängt ab von {target}",
    "diagram.with_program.one": "{title}: {n} Abhängigkeit mit diesem Programm",
    "diagram.with_program.other": "{title}: {n} Abhängigkeiten mit diesem Programm",
    "diagram.more": "{count} weitere", "diagram.more_within": "{count} weitere Projekte innerhalb von {depth} Schritten",
    "diagram.more_projects": "{count} weitere Projekte", "diagram.see_page": "Die Abhängigkeiten stehen auf der Seite von {title}",
    "finding.overdue-milestone": "Überfällige Meilensteine", "finding.past-end": "Projekte über ihr Ende hinaus",
    "finding.stale-review": "Lange nicht geprüfte Seiten", "finding.stale-decision": "Zu lange vorgeschlagene Entscheidungen",
    "finding.unmanaged-risk": "Risiken über der Schwelle ohne Gegenmaßnahme oder Verantwortliche",
    "finding.superseded-link": "Verweise auf ersetzte Entscheidungen", "finding.schedule-conflict": "Terminkonflikte",
    "finding.health-optimistic": "Programme mit besserem Zustand als ihre Projekte",
    "finding.benefit-overdue": "Nutzen nach ihrem Fälligkeitsdatum und nicht realisiert",
    "register.heat_map": "Risiko-Heatmap",
    "register.heat_caption": "Offene und eingetretene Risiken nach Wahrscheinlichkeit und Auswirkung",
    "register.heat_threshold": "; umrandet: an oder über der Eskalationsschwelle ({threshold})",
    "register.heat_axis": "Wahrscheinlichkeit ↓ · Auswirkung →",
    "register.unscored": "Nicht auf der Karte (Wahrscheinlichkeit oder Auswirkung fehlt):", "register.no_open_risks": "Keine offenen Risiken.",
    "register.no_risks": "Noch keine Risiken.", "register.no_assumptions": "Noch keine Annahmen.",
    "register.no_issues": "Noch keine Probleme.", "register.no_dependencies": "Noch keine Abhängigkeiten.",
    "register.decisions.one": "{n} Entscheidung, neueste zuerst.", "register.decisions.other": "{n} Entscheidungen, neueste zuerst.",
    "register.by_program": "Nach Programm", "register.full_record": "vollständiger Eintrag", "register.on": "auf {title}",
    "register.portfolio_wide": "Portfolioweit und eigenständig",
    "register.no_decisions": "Noch keine Entscheidungen: eine Seite mit {decision_page} oder {decisions} in einem Projekt oder Programm hinzufügen.",
    "register.changes.one": "{n} Änderungsantrag.", "register.changes.other": "{n} Änderungsanträge.",
    "register.changes_approved": "Genehmigt oder umgesetzt: {days} Tage, {cost}.",
    "register.changes_pending": "Noch beantragt ({count}): {days} Tage, {cost}.",
    "register.awaiting_decision": "wartet auf eine Entscheidung",
    "register.no_changes": "Noch keine Änderungsanträge: {changes} in einem Projekt oder Programm hinzufügen.",
    "register.benefits_roadmap": "Nutzen-Roadmap",
    "register.no_benefits": "Noch kein Nutzen: {benefits} in einem Programm und {contributes_to} in seinen Projekten hinzufügen.",
    "catalog.filter": "Katalog filtern", "catalog.all": "Alle ({count})",
    "catalog.placeholder": "Titel, ID, Verantwortliche, Zusammenfassung oder Schlagwort", "catalog.clear": "Zurücksetzen",
    "catalog.shown": "{shown} von {total} angezeigt", "catalog.none": "Kein Eintrag passt zu diesem Filter.",
    "catalog.empty": "Noch kein Portfolio, Programm, Projekt und keine Entscheidung: Seiten nehmen mit einem {type} in ihrem Front Matter teil.",
    "page.dashboard": "Governance-Übersicht", "page.decision-log": "Entscheidungsprotokoll", "page.raid": "RAID-Register",
    "page.raid.intro": "Risiken, Annahmen, Probleme und Abhängigkeiten aller Projekte und Programme.",
    "page.changes": "Änderungsanträge", "page.changes.intro": "Jeder Änderungsantrag, seine Auswirkung und die Entscheidung darüber.",
    "page.benefits": "Nutzen", "page.benefits.intro": "Was die Programme liefern sollen und wie weit sie sind.",
    "page.roadmap": "Portfolio-Roadmap", "page.roadmap.intro": "Jedes Programm als Bahn, dann die eigenständigen Projekte.",
    "page.catalog": "Katalog", "page.catalog.intro": "Alle Portfolios, Programme, Projekte und Entscheidungen, nach Typ und Titel sortiert.",
    "page.dependencies": "Abhängigkeiten",
    "page.dependencies.intro": "Zuerst zwischen Programmen, dann zwischen allen Projekten, nach Programm gruppiert. Durch andere implizierte Abhängigkeiten sind ausgelassen.",
    "page.roadmap_link": "Roadmap",
    "finding.completed-open-items": "Abgeschlossene Projekte und Programme mit offenen Punkten",
    "finding.closure-no-acceptance": "Abschluss ohne Abnahme", "finding.closure-no-lessons": "Abschluss ohne Lessons Learned",
    "finding.execution-no-baseline": "Projekte in der Durchführung ohne Basisplan", "finding.phase-dates": "Phasen, die nicht zu den Terminen passen",
    "page.lessons": "Lessons Learned",
    "page.lessons.intro": "Was die Projekte und Programme gelernt haben, nach Programm gruppiert, mit der Abnahme ihrer Ergebnisse.",
    "register.lessons.one": "{n} Erkenntnis.", "register.lessons.other": "{n} Erkenntnisse.",
    "register.no_lessons": "Noch keine Lessons Learned: {lessons} in einem Projekt oder Programm hinzufügen, spätestens beim Abschluss.",
    "register.accepted": "Abgenommen von {by} am {date}", "register.not_accepted": "Noch nicht abgenommen",
    "month.1": "Jan.", "month.2": "Feb.", "month.3": "März", "month.4": "Apr.", "month.5": "Mai", "month.6": "Juni",
    "month.7": "Juli", "month.8": "Aug.", "month.9": "Sept.", "month.10": "Okt.", "month.11": "Nov.", "month.12": "Dez.",
    # People and capacity: the resources page, the People section and the power/interest map of program pages.
    "finding.over-allocation": "Personen, die in einem Monat zu über 100 % eingeplant sind",
    "page.resources": "Personal und Kapazität",
    "page.resources.intro": "Wie viel der Zeit jeder Person die Projekte und Programme Monat für Monat beanspruchen: Jede Zuordnung zählt ihren Anteil für die Kalendertage, die sie im Monat abdeckt, auf ganze Prozent gerundet. Über 100 % ist überplant.",
    "section.people": "Personen", "section.power_map": "Einfluss und Interesse",
    "field.person": "Person", "field.role": "Rolle", "field.allocation": "Anteil", "field.month": "Monat", "field.load": "Auslastung", "field.pages": "Seiten",
    "resources.title": "Monatliche Auslastung der Personen von {names}", "resources.everyone": "dem Portfolio",
    "resources.desc": "Eine Zeile je Person, eine Spalte je Monat; jede Zelle ist die Auslastung der Person in diesem Monat über alle Projekte und Programme, in Prozent ihrer Zeit. Überplante Monate sind mit ▲ und fett markiert.",
    "resources.cell": "{name}, {month}: {load}", "resources.over": "überplant",
    "resources.legend_low": "bis 80 %", "resources.legend_medium": "81 bis 100 %", "resources.legend_high": "über 100 %: überplant (▲, fett)",
    "resources.table": "Auslastung je Person und Monat", "resources.months": "{first} bis {last}",
    "resources.uncounted": "Nicht in der Auslastung gezählt (ohne Anteil oder ohne Daten):",
    "resources.empty": "Noch keine Zuordnungen: Ergänzen Sie ein {team} mit Namen und Anteilen in einem Projekt oder Programm.",
    "people.own": "das Programm",
    "power.title": "Einfluss-Interesse-Matrix von {title}",
    "power.desc": "Stakeholder nach Interesse (von links nach rechts) und Einfluss (von unten nach oben) eingeordnet, von 1 bis 5.",
    "power.manage": "Eng einbinden", "power.satisfy": "Zufriedenstellen", "power.inform": "Informieren", "power.monitor": "Beobachten",
    "power.interest": "Interesse →", "power.influence": "Einfluss →",
    "power.unplaced": "Nicht in der Matrix (Einfluss oder Interesse fehlt):",
}

_FR: dict[str, str] = {
    "type.portfolio": "Portefeuille", "type.program": "Programme", "type.project": "Projet", "type.decision": "Décision",
    "type.milestone": "Jalon", "type.risk": "Risque", "type.assumption": "Hypothèse", "type.issue": "Problème",
    "type.change": "Demande de changement", "type.benefit": "Bénéfice", "type.deliverable": "Livrable",
    "status.draft": "brouillon", "status.proposed": "proposé", "status.planned": "planifié", "status.active": "actif", "status.on-hold": "en pause",
    "status.completed": "terminé", "status.cancelled": "annulé", "status.done": "fait", "status.missed": "manqué",
    "status.in-progress": "en cours", "status.open": "ouvert", "status.mitigated": "atténué", "status.closed": "clos",
    "status.occurred": "survenu", "status.validated": "validée", "status.invalidated": "invalidée",
    "status.resolved": "résolu", "status.requested": "demandé", "status.approved": "approuvé",
    "status.rejected": "rejeté", "status.implemented": "mis en œuvre", "status.accepted": "acceptée",
    "status.deprecated": "obsolète", "status.superseded": "remplacée", "status.realizing": "en réalisation",
    "status.realized": "réalisé", "status.at-risk": "menacé",
    "health.green": "Vert", "health.amber": "Orange", "health.red": "Rouge", "health.none": "sans santé",
    "phase.initiation": "lancement", "phase.planning": "planification", "phase.execution": "exécution",
    "phase.monitoring": "suivi", "phase.closure": "clôture",
    "dependency.finish-to-start": "fin à début", "dependency.start-to-start": "début à début",
    "dependency.informational": "informative",
    "chip.status": "Statut : {status}", "chip.health": "Santé : {health}", "chip.phase": "Phase de {phase}",
    "chip.phase_title": "Phase du cycle de vie", "chip.overdue": "en retard", "chip.overdue_title": "Date prévue dépassée le {date}",
    "chip.escalated": "escaladé", "chip.escalate": "à escalader", "chip.conflict": "conflit",
    "escalation.next": "ensuite : {name}", "escalation.to": "vers {name}",
    "escalation.reason.owner": "responsable du programme {program}", "escalation.reason.program": "premier échelon du programme {program}",
    "escalation.reason.next": "échelon suivant après {after} sur le chemin de {holder}", "escalation.reason.portfolio": "au-delà du chemin de {program} : portefeuille {holder}",
    "escalation.reason.top": "sommet du chemin : déjà à {current}", "escalation.score": "score {score} ≥ seuil {threshold}",
    "escalation.score_issue": "impact {impact} × 5 = {score} ≥ seuil {threshold}",
    "score.title": "probabilité {probability} × impact {impact}", "score.threshold": " ; seuil d’escalade {threshold}",
    "progress.title": "{percent} achevé",
    "xref.unknown": "Identifiant inconnu",
    "days.one": "{n} jour", "days.other": "{n} jours",
    "none": "aucun", "unknown_date": "?",
    "field.owner": "Responsable", "field.sponsor": "Commanditaire", "field.program": "Programme", "field.programs": "Programmes",
    "field.project": "Projet", "field.projects": "Projets", "field.dates": "Dates", "field.progress": "Avancement",
    "field.budget": "Budget", "field.date": "Date", "field.decision_makers": "Décideurs",
    "field.consulted": "Consultés", "field.informed": "Informés", "field.forum": "Instance", "field.scope": "Périmètre",
    "field.settles": "Tranche", "field.tags": "Étiquettes", "field.reviewed": "Revu le", "field.status": "Statut",
    "field.health": "Santé", "field.type": "Type", "field.title": "Titre", "field.id": "ID", "field.summary": "Résumé",
    "field.milestone": "Jalon", "field.risk": "Risque", "field.assumption": "Hypothèse", "field.issue": "Problème",
    "field.decision": "Décision", "field.change": "Changement", "field.benefit": "Bénéfice", "field.measure": "Mesure",
    "field.baseline": "Référence", "field.target": "Cible", "field.actual": "Réel", "field.realized": "Réalisé",
    "field.due": "Échéance", "field.raised": "Ouvert le", "field.schedule": "Délai", "field.cost": "Coût",
    "field.settled_by": "Tranché par", "field.mitigation": "Atténuation", "field.where": "Où", "field.score": "Score",
    "field.escalation": "Escalade", "field.escalate_to": "Escalader vers", "field.note": "Note",
    "field.depends": "Dépend", "field.on": "De", "field.by": "Par", "field.starts": "Début", "field.start": "Début",
    "field.end": "Fin", "field.kpi": "Indicateur", "field.value": "Valeur", "field.from": "D’après", "field.cadence": "Fréquence",
    "field.chair": "Président", "field.supersedes": "Remplace", "field.superseded_by": "Remplacée par",
    "field.affects": "Concerne", "field.contributors": "Projets contributeurs", "field.depended_on_by": "Requis par",
    "field.proposed": "Proposée le", "field.waiting": "En attente", "field.baseline_end": "Fin de référence",
    "field.planned_end": "Fin prévue", "field.slip": "Glissement", "field.in": "Dans", "field.total": "Total",
    "field.text": "Texte", "field.would_move": "Se décalerait", "field.pushed_by": "Poussé par",
    "field.program_project": "Programme / projet", "field.risk_threshold": "Seuil de risque",
    "field.p": "P", "field.p_title": "Probabilité (1-5)", "field.i": "I", "field.i_title": "Impact (1-5)",
    "field.date_title": "Fin à début : quand il se termine ; début à début : quand il commence",
    "field.status_escalation": "Statut, escalade", "field.score_title": "Probabilité (1-5) × impact (1-5)", "field.pi_title": "probabilité × impact", "field.milestones": "Jalons",
    "noun.portfolio": "portefeuille", "noun.program": "programme", "noun.project": "projet", "noun.decision": "décision",
    "section.impact_no_baseline": " (pas de fin de référence pour comparer)", "dashboard.decisions_csv": "décisions en CSV",
    "card.nav": "Gouvernance", "card.superseded_by": "Remplacée par {decisions}.", "card.standalone": "Autonome",
    "card.vs_baseline": "{days} jours par rapport à la référence {date}", "card.planned": "{amount} prévus",
    "card.spent": "{amount} dépensés", "card.baseline": "référence {amount}", "card.score_at_least": "score ≥ {score}",
    "section.vision": "Vision", "section.objectives": "Objectifs", "section.roadmap": "Feuille de route",
    "section.projects": "Projets", "section.programs": "Programmes", "section.kpis": "Indicateurs",
    "section.kpis_declared": "Déclarés sur cette page", "section.project_dependencies": "Dépendances entre projets",
    "section.critical_path": "Chemin critique",
    "section.critical_path_note": "(la chaîne de dépendances qui fixe la dernière date de fin du programme) :",
    "section.benefits": "Bénéfices", "section.governance": "Gouvernance", "section.escalation_path": "Chemin d’escalade :",
    "section.risk_threshold_note": "un risque dont le score atteint {score} (probabilité × impact) est escaladé au programme.",
    "section.risk_threshold_note_portfolio": "le seuil de chaque programme qui n’en fixe pas : un risque ou un problème dont le score atteint {score} est escaladé.",
    "section.escalated": "Risques au seuil ou au-dessus", "section.escalated_none": "Aucun risque ouvert n’atteint le score {score}.",
    "section.milestones": "Jalons", "section.impact": "Impact d’un retard",
    "section.impact_text": "Ce projet se termine {days} après sa référence ({before} → {after}). Par rapport à son plan à la fin de référence, voici ce que ce retard décale en aval :",
    "cpm.note": "La chaîne de dépendances, entre programmes, qui fixe la date de fin {date}. Une étape sans marge décale cette date si elle prend du retard.",
    "cpm.step": "Étape",
    "cpm.dates": "Dates",
    "cpm.float": "Marge",
    "cpm.program": "Programme",
    "cpm.other_program": "autre programme",
    "cpm.near_chip": "quasi critique",
    "cpm.near": "Quasi critique (marge de {days} ou moins) : un retard au-delà de sa marge décale la date de fin.",
    "roadmap.near_critical": "quasi critique",
    "roadmap.float": "marge {days}",
    "roadmap.legend_near_critical": "contour en tirets : quasi critique (marge de {days} ou moins)",
    "diagram.legend_near_critical": "contour en tirets : quasi critique",
    "impact.summary": "Si {subject} finit {days} plus tard ({before} → {after} ; marge totale {float}) :",
    "impact.summary_milestone": "Si le jalon {subject} arrive {days} plus tard ({before} → {after} ; marge totale {float}) :",
    "impact.none": "Rien ne bouge en aval : la marge de ce qui en dépend absorbe le retard.",
    "impact.end": "La fin du portefeuille passe du {before} au {after}.",
    "impact.end_same": "La fin du portefeuille reste le {date}.",
    "impact.item": "Projet ou jalon",
    "impact.before": "Avant",
    "impact.after": "Après",
    "impact.moves": "Décalage",
    "impact.absorbed": "Marge absorbée",
    "impact.via": "Poussé par",
    "impact.not_dated": "{id} n’a ni début ni fin : aucun impact ne peut être calculé.",
    "impact.no_project": "Indiquez le projet qui prend du retard : project=ID (et days=N, 30 par défaut).",
    "section.impact_none": "Rien ne bouge en aval : le retard reste dans la marge de ce qui en dépend.",
    "section.impact_no_slip": "Aucun glissement par rapport à la référence{reason} : rien en aval n’est menacé aujourd’hui par les dates de ce projet.",
    "section.impact_ends": "finit le {date}",
    "section.what_if": "Un retard supplémentaire de {days} (jusqu’au {after}) décalerait :",
    "section.what_if_none": "Un retard supplémentaire de {days} (jusqu’au {after}) ne décalerait rien en aval : sa marge totale est de {float}.",
    "section.deliverables": "Livrables", "section.due": "échéance {date}", "section.benefits_served": "Bénéfices servis",
    "section.target": "cible {value}", "section.now": "actuellement {value}",
    "section.dependencies": "Dépendances", "section.schedule_conflicts": "Conflits de planning",
    "section.depends_on": "Dépend de", "section.dependency_of": "Requis par", "section.starts": "débute le {date}",
    "section.this": "ce {kind}",
    "section.raid": "Risques, hypothèses et problèmes", "section.risks": "Risques", "section.assumptions": "Hypothèses",
    "section.issues": "Problèmes", "section.changes": "Demandes de changement", "section.decisions": "Décisions",
    "section.affected_by": "Décisions concernant ce {kind}", "section.decision_links": "Décisions et entités liées",
    "section.stakeholders": "Parties prenantes", "section.referenced_by": "Cité par",
    "roadmap.title": "Feuille de route de {names}", "roadmap.the_portfolio": "tout le portefeuille", "roadmap.today": "Aujourd’hui {date}",
    "roadmap.quarter": "T{quarter}", "roadmap.standalone": "Projets autonomes",
    "roadmap.empty": "Aucun projet ici n’a encore de date de début et de fin.",
    "roadmap.projects": "{count} projets", "roadmap.critical": "sur le chemin critique", "roadmap.owner": "responsable {name}",
    "roadmap.health": "santé {health}", "roadmap.done": "{percent} fait", "roadmap.baseline_end": "fin de référence {date}",
    "roadmap.baseline_of": "Référence de {title} : {start} → {end}",
    "roadmap.arrow": "{source} commence après la fin de {target}", "roadmap.arrow_late": ", mais le plan le fait commencer plus tôt",
    "roadmap.legend_plan": "plan, rempli selon l’avancement", "roadmap.legend_baseline": "référence, là où le plan a bougé",
    "roadmap.legend_health": "● vert ▲ orange (hachuré) ■ rouge (quadrillé)", "roadmap.legend_planned": "prévu",
    "roadmap.legend_done": "fait", "roadmap.legend_missed": "jalon manqué",
    "roadmap.legend_arrow": "→ dépendance fin à début (tirets rouges : prévu pour commencer trop tôt)",
    "roadmap.legend_critical": "contour épais : chemin critique (ce qui fixe la dernière date de fin)",
    "roadmap.table": "La feuille de route sous forme de tableau", "roadmap.unscheduled": "Non planifiés",
    "roadmap.unscheduled_note": "(sans date de début ou de fin) :",
    "benefits.title": "Feuille de route des bénéfices de {title}", "benefits.by_due_date": "Bénéfices par échéance",
    "benefits.due": "échéance {date}", "benefits.legend": "● un bénéfice à son échéance :",
    "benefits.undated": "Sans échéance :",
    "diagram.not_drawn": "non dessiné.", "diagram.no_graphviz": "Graphviz n’est pas installé : ce diagramme n’a pas été dessiné.",
    "diagram.legend_fs": "→ fin à début", "diagram.legend_ss": "▷ début à début", "diagram.legend_info": "┄ informative",
    "diagram.legend_cross": "épais : entre programmes", "diagram.legend_critical": "entouré : chemin critique",
    "diagram.legend_conflict": "rouge : dates prévues en conflit", "diagram.hidden": "{count} autres projets non affichés",
    "diagram.off": "Les diagrammes de dépendances sont désactivés sur ce site ({option}).",
    "diagram.off_raid": "Chaque dépendance figure dans le {link}.",
    "dashboard.registers": "Registres de gouvernance", "dashboard.data": "Données :", "dashboard.calendar": "calendrier",
    "dashboard.tile_decisions.one": "{n} décision en attente d’arbitrage",
    "dashboard.tile_decisions.other": "{n} décisions en attente d’arbitrage",
    "dashboard.tile_risks.one": "{n} risque à escalader", "dashboard.tile_risks.other": "{n} risques à escalader",
    "dashboard.tile_slipped.one": "{n} projet en retard sur sa référence", "dashboard.tile_slipped.other": "{n} projets en retard sur leur référence",
    "dashboard.tile_benefits.one": "{n} bénéfice menacé", "dashboard.tile_benefits.other": "{n} bénéfices menacés",
    "dashboard.tile_findings.one": "{n} constat", "dashboard.tile_findings.other": "{n} constats",
    "dashboard.awaiting_decision": "Décisions en attente d’arbitrage",
    "dashboard.awaiting_decision_none": "Aucune décision n’attend : aucune n’est {proposed}.",
    "dashboard.escalation": "Risques à escalader",
    "dashboard.escalation_text": "Risques et problèmes ouverts dont le score atteint le {threshold} de leur programme, pas encore marqués {escalated}, et où chacun doit aller.",
    "dashboard.escalation_none": "Aucun risque ni problème ouvert au seuil de son programme n’attend d’escalade.",
    "dashboard.slipped": "En retard sur la référence", "dashboard.slipped_none": "Aucun projet ne finit plus tard que sa référence.",
    "dashboard.benefits": "Bénéfices menacés", "dashboard.benefits_none": "Aucun bénéfice n’est marqué {at_risk}.",
    "dashboard.findings": "Constats",
    "dashboard.findings_text": "Contrôles de santé des données au {date} ; ils ne font jamais échouer une construction ({command} les liste en CI).",
    "dashboard.findings_in": "dans {file}", "dashboard.findings_on": "sur {page}",
    "dashboard.findings_more": "et {count} de plus : {command} les liste tous",
    "dashboard.findings_none": "Aucun constat : tous les contrôles de santé passent.",
    "dashboard.upcoming": "Prochains jalons", "dashboard.upcoming_text": "Jalons prévus dans les {days} prochains jours.",
    "dashboard.upcoming_none": "Aucun jalon prévu dans les {days} prochains jours.",
    "dashboard.kpis_text": "Calculés à partir des dates, budgets, jalons, bénéfices et risques des projets ; survolez une valeur pour ses données, ouvrez un programme pour le détail.",
    "dashboard.kpis_inputs": "Données des valeurs du portefeuille", "dashboard.by_status": "Par statut et santé",
    "dashboard.no_programs": "Pas encore de programmes.", "dashboard.unassigned": "Programmes sans portefeuille",
    "dashboard.standalone": "Projets autonomes",
    "kpi.inputs": "Données", "kpi.schedule_variance": "Écart de délai", "kpi.cost_variance": "Écart de coût",
    "kpi.milestone_on_time": "Jalons à l’heure", "kpi.budget_adherence": "Respect du budget",
    "kpi.benefits_realization": "Réalisation des bénéfices", "kpi.risk_index": "Indice de risque stratégique",
    "kpi.money": "{amount}\u00a0{currency}", "kpi.percent": "{number}\u202f%", "kpi.more": "et {count} de plus", "kpi.separator": " ; ",
    "kpi.cancelled": "{inputs} ; annulés, laissés de côté : {ids}", "kpi.no_projects": "aucun projet",
    "kpi.schedule.inputs": "fin {end} contre fin de référence {baseline}",
    "kpi.schedule.missing_end": "nécessite end et baseline.end ; end n’est pas renseigné",
    "kpi.schedule.missing_baseline": "nécessite end et baseline.end ; baseline.end n’est pas renseigné",
    "kpi.schedule.missing_both": "nécessite end et baseline.end ; ni end ni baseline.end ne sont renseignés",
    "kpi.schedule.unmeasured": "sans end ou baseline.end : {ids}",
    "kpi.schedule.display.one": "{days} ({id}) ; {late} sur {n} projet en retard",
    "kpi.schedule.display.other": "{days} ({id}) ; {late} sur {n} projets en retard",
    "kpi.cost.missing_actual": "nécessite budget.actual et un plan (baseline.budget ou budget.planned) ; budget.actual n’est pas renseigné",
    "kpi.cost.missing_plan": "nécessite budget.actual et un plan (baseline.budget ou budget.planned) ; aucun plan (baseline.budget ou budget.planned) n’est renseigné",
    "kpi.cost.missing_both": "nécessite budget.actual et un plan (baseline.budget ou budget.planned) ; ni budget.actual ni un plan (baseline.budget ou budget.planned) ne sont renseignés",
    "kpi.cost.progress_completed": "{percent} (terminé)", "kpi.cost.progress_none": "{percent} (aucun avancement indiqué : tout le plan)",
    "kpi.cost.progress": "{percent} d’avancement",
    "kpi.cost.explain_baseline": "réel {actual} contre valeur acquise {earned} = budget de référence {plan} × {progress}",
    "kpi.cost.explain_planned": "réel {actual} contre valeur acquise {earned} = budget prévu {plan} × {progress}",
    "kpi.cost.out_of_range": "{inputs} : montants hors limites, aucun écart à mesurer",
    "kpi.cost.nothing_earned": "{inputs} : aucune valeur acquise pour l’instant, aucun écart à mesurer",
    "kpi.cost.sum_out_of_range": "{inputs} ; montants hors limites, aucun écart à mesurer",
    "kpi.cost.foreign": "laissés de côté, budget dans une autre devise que {currency} : {items}",
    "kpi.cost.unmeasured": "sans réel ni plan : {ids}", "kpi.cost.sum": "somme {variance} contre valeur acquise {earned} : {inputs}",
    # Valeur acquise (PMI : un écart négatif est défavorable).
    "section.earned_value": "Valeur acquise",
    "kpi.spi": "Indice de performance des délais (SPI)", "kpi.cpi": "Indice de performance des coûts (CPI)",
    "kpi.cv": "Écart de coût (CV = EV − AC)", "kpi.sv": "Écart de délai (SV = EV − PV)",
    "kpi.eac": "Estimation à l’achèvement (EAC)", "kpi.etc": "Reste à faire (ETC)", "kpi.vac": "Écart à l’achèvement (VAC)",
    "kpi.ev.no_bac": "nécessite un budget à l’achèvement (baseline.budget ou budget.planned) ; aucun n’est renseigné",
    "kpi.ev.bac_baseline": "BAC {bac} (budget de référence)", "kpi.ev.bac_planned": "BAC {bac} (budget prévu)",
    "kpi.ev.no_progress": "EV nécessite progress ; progress n’est pas renseigné",
    "kpi.ev.ev": "EV {ev} = BAC {bac} × {progress}",
    "kpi.ev.no_dates": "PV nécessite un début et une fin (de référence ou prévus)",
    "kpi.ev.pv_baseline": "PV {pv} = BAC {bac} × {elapsed} du calendrier de référence {start} au {end} écoulé le {today}",
    "kpi.ev.pv_planned": "PV {pv} = BAC {bac} × {elapsed} du calendrier {start} au {end} écoulé le {today}",
    "kpi.ev.ac": "AC {ac} (budget.actual)", "kpi.ev.no_ac": "AC nécessite budget.actual ; il n’est pas renseigné",
    "kpi.ev.foreign": "{id} (budget en {currency})", "kpi.ev.incomplete": "{id} (sans {missing})",
    "kpi.ev.sum": "sommes sur {ids} : BAC {bac}, EV {ev}, PV {pv}, AC {ac}", "kpi.ev.left_out": "laissés de côté : {items}",
    # Tendance des bénéfices (la courbe des mesures de chaque bénéfice).
    "field.trend": "Tendance", "benefit.trend": "{title} : {points}", "benefit.trend_point": "{date} {value}",
    "benefit.trend_baseline": "référence {value}", "benefit.trend_target": "cible {value}",
    "kpi.milestones.missed": "manqués ({count}) : {names}", "kpi.milestones.overdue": "échéance dépassée ({count}) : {names}",
    "kpi.milestones.late": "en retard : {late}", "kpi.milestones.late_details": "en retard : {late} ({details})",
    "kpi.milestones.inputs": "atteints : {done}, {late}, pas encore échus : {pending}", "kpi.milestones.pending": " (pas encore échus : {count})",
    "kpi.milestones.none_yet": "aucun jalon atteint, manqué ou en retard pour l’instant{pending}",
    "kpi.milestones.none_in_projects": "aucun jalon atteint, manqué ou en retard dans ses projets{pending}",
    "kpi.milestones.display": "{percent} ({done} sur {total})",
    "kpi.budget.missing_planned": "nécessite budget.planned et baseline.budget ou budget.actual ; budget.planned n’est pas renseigné",
    "kpi.budget.missing_reference": "nécessite budget.planned et baseline.budget ou budget.actual ; ni baseline.budget ni budget.actual ne sont renseignés",
    "kpi.budget.planned_over_baseline": "prévu {planned} contre référence {baseline}",
    "kpi.budget.actual_over_planned": "réel {actual} contre prévu {planned}", "kpi.budget.over": "budget dépassé : {details}",
    "kpi.budget.planned": "prévu {amount}", "kpi.budget.baseline": "référence {amount}", "kpi.budget.actual": "réel {amount}",
    "kpi.budget.within_details": "dans le budget : {details}", "kpi.budget.within": "dans le budget",
    "kpi.budget.unmeasured": "sans budget.planned avec baseline.budget ou budget.actual : {ids}",
    "kpi.budget.display.one": "{within} sur {n} projet ({percent})", "kpi.budget.display.other": "{within} sur {n} projets ({percent})",
    "kpi.benefits.no_baseline": "0 (aucune référence indiquée)",
    "kpi.benefits.item": "{id} {percent} (réel {actual}, référence {baseline}, cible {target})",
    "kpi.benefits.no_target": "pas de cible", "kpi.benefits.no_actual": "pas de valeur réelle",
    "kpi.benefits.target_is_baseline": "cible égale à la référence", "kpi.benefits.out_of_range": "valeurs hors limites",
    "kpi.benefits.unmeasured": "non mesurés : {items}", "kpi.benefits.at_risk": "menacés : {ids}",
    "kpi.benefits.none_project": "ne contribue à aucun bénéfice (contributes_to)",
    "kpi.benefits.none_program": "le programme ne liste aucun bénéfice", "kpi.benefits.none_portfolio": "aucun programme ne liste de bénéfices",
    "kpi.benefits.display_one": "{percent} (1 bénéfice)", "kpi.benefits.display_one_of": "{percent} (1 bénéfice sur {total})",
    "kpi.benefits.display_mean": "{percent} (moyenne de {count} bénéfices)",
    "kpi.benefits.display_mean_of": "{percent} (moyenne de {count} bénéfices sur {total})",
    "kpi.risk.skipped.one": "{n} risque sans probabilité ou impact ignoré : {ids}",
    "kpi.risk.skipped.other": "{n} risques sans probabilité ou impact ignorés : {ids}",
    "kpi.risk.closed": "atténués ou clos, non comptés : {count}", "kpi.risk.none": "aucun risque ouvert ou survenu",
    "diagram.title_project": "Dépendances de {title}", "diagram.title_program": "Dépendances des projets de {title}",
    "diagram.title_portfolio": "Dépendances dans tout le portefeuille", "diagram.title_programs": "Dépendances entre programmes",
    "diagram.dependencies.one": "{n} dépendance", "diagram.dependencies.other": "{n} dépendances",
    "diagram.depends_on": "{source} dépend de {target}",
    "diagram.with_program.one": "{title} : {n} dépendance avec ce programme",
    "diagram.with_program.other": "{title} : {n} dépendances avec ce programme",
    "diagram.more": "{count} de plus", "diagram.more_within": "{count} autres projets à {depth} étapes au plus",
    "diagram.more_projects": "{count} autres projets", "diagram.see_page": "Voir les dépendances sur la page de {title}",
    "finding.overdue-milestone": "Jalons en retard", "finding.past-end": "Projets au-delà de leur fin",
    "finding.stale-review": "Pages non revues récemment", "finding.stale-decision": "Décisions proposées depuis trop longtemps",
    "finding.unmanaged-risk": "Risques au-dessus du seuil sans atténuation ni responsable",
    "finding.superseded-link": "Liens vers des décisions remplacées", "finding.schedule-conflict": "Conflits de planning",
    "finding.health-optimistic": "Programmes plus optimistes que leurs projets",
    "finding.benefit-overdue": "Bénéfices échus et non réalisés",
    "register.heat_map": "Carte de chaleur des risques",
    "register.heat_caption": "Risques ouverts et survenus par probabilité et impact",
    "register.heat_threshold": " ; entourés : au seuil d’escalade ou au-dessus ({threshold})",
    "register.heat_axis": "Probabilité ↓ · Impact →",
    "register.unscored": "Hors de la carte (probabilité ou impact manquant) :", "register.no_open_risks": "Aucun risque ouvert.",
    "register.no_risks": "Pas encore de risques.", "register.no_assumptions": "Pas encore d’hypothèses.",
    "register.no_issues": "Pas encore de problèmes.", "register.no_dependencies": "Pas encore de dépendances.",
    "register.decisions.one": "{n} décision, la plus récente d’abord.", "register.decisions.other": "{n} décisions, les plus récentes d’abord.",
    "register.by_program": "Par programme", "register.full_record": "fiche complète", "register.on": "sur {title}",
    "register.portfolio_wide": "Tout le portefeuille et autonomes",
    "register.no_decisions": "Pas encore de décisions : ajoutez une page {decision_page} ou {decisions} à un projet ou un programme.",
    "register.changes.one": "{n} demande de changement.", "register.changes.other": "{n} demandes de changement.",
    "register.changes_approved": "Approuvées ou mises en œuvre : {days} jours, {cost}.",
    "register.changes_pending": "Encore demandées ({count}) : {days} jours, {cost}.",
    "register.awaiting_decision": "en attente d’une décision",
    "register.no_changes": "Pas encore de demandes de changement : ajoutez {changes} à un projet ou un programme.",
    "register.benefits_roadmap": "Feuille de route des bénéfices",
    "register.no_benefits": "Pas encore de bénéfices : ajoutez {benefits} à un programme et {contributes_to} à ses projets.",
    "catalog.filter": "Filtrer le catalogue", "catalog.all": "Tous ({count})",
    "catalog.placeholder": "Titre, identifiant, responsable, résumé ou étiquette", "catalog.clear": "Effacer",
    "catalog.shown": "{shown} sur {total} affichés", "catalog.none": "Aucune entité ne correspond à ce filtre.",
    "catalog.empty": "Pas encore de portefeuille, programme, projet ou décision : une page y participe avec un {type} dans son front matter.",
    "page.dashboard": "Tableau de bord de gouvernance", "page.decision-log": "Journal des décisions", "page.raid": "Registre RAID",
    "page.raid.intro": "Risques, hypothèses, problèmes et dépendances de tous les projets et programmes.",
    "page.changes": "Demandes de changement", "page.changes.intro": "Chaque demande de changement, son impact et la décision qui l’a tranchée.",
    "page.benefits": "Bénéfices", "page.benefits.intro": "Ce que les programmes doivent apporter, et où ils en sont.",
    "page.roadmap": "Feuille de route du portefeuille", "page.roadmap.intro": "Chaque programme dans son couloir, puis les projets autonomes.",
    "page.catalog": "Catalogue", "page.catalog.intro": "Tous les portefeuilles, programmes, projets et décisions, triés par type puis par titre.",
    "page.dependencies": "Dépendances",
    "page.dependencies.intro": "D’abord entre programmes, puis entre tous les projets, groupés par programme. Les dépendances impliquées par d’autres sont omises.",
    "page.roadmap_link": "Feuille de route",
    "finding.completed-open-items": "Projets et programmes terminés avec des éléments ouverts",
    "finding.closure-no-acceptance": "Clôtures sans recette", "finding.closure-no-lessons": "Clôtures sans retour d’expérience",
    "finding.execution-no-baseline": "Projets en exécution sans référence", "finding.phase-dates": "Phases incohérentes avec les dates",
    "page.lessons": "Retours d’expérience",
    "page.lessons.intro": "Ce que les projets et programmes ont appris, groupé par programme, avec qui a réceptionné leurs livrables.",
    "register.lessons.one": "{n} leçon retenue.", "register.lessons.other": "{n} leçons retenues.",
    "register.no_lessons": "Pas encore de retour d’expérience : ajoutez {lessons} à un projet ou un programme, au plus tard à sa clôture.",
    "register.accepted": "Réceptionné par {by} le {date}", "register.not_accepted": "Pas encore réceptionné",
    "month.1": "janv.", "month.2": "févr.", "month.3": "mars", "month.4": "avr.", "month.5": "mai", "month.6": "juin",
    "month.7": "juil.", "month.8": "août", "month.9": "sept.", "month.10": "oct.", "month.11": "nov.", "month.12": "déc.",
    # People and capacity: the resources page, the People section and the power/interest map of program pages.
    "finding.over-allocation": "Personnes affectées à plus de 100 % sur un mois",
    "page.resources": "Personnes et capacité",
    "page.resources.intro": "Quelle part du temps de chaque personne les projets et programmes occupent, mois par mois : chaque affectation compte son taux pour les jours calendaires qu’elle couvre dans le mois, arrondi au pour cent. Au-delà de 100 %, la personne est surchargée.",
    "section.people": "Personnes", "section.power_map": "Pouvoir et intérêt",
    "field.person": "Personne", "field.role": "Rôle", "field.allocation": "Affectation", "field.month": "Mois", "field.load": "Charge", "field.pages": "Pages",
    "resources.title": "Charge mensuelle des personnes de {names}", "resources.everyone": "le portefeuille",
    "resources.desc": "Une ligne par personne, une colonne par mois ; chaque case donne la charge de la personne ce mois-là, tous projets et programmes confondus, en pourcentage de son temps. Les mois en surcharge sont marqués ▲ et en gras.",
    "resources.cell": "{name}, {month} : {load}", "resources.over": "en surcharge",
    "resources.legend_low": "jusqu’à 80 %", "resources.legend_medium": "de 81 à 100 %", "resources.legend_high": "plus de 100 % : surcharge (▲, gras)",
    "resources.table": "Charge par personne et par mois", "resources.months": "{first} à {last}",
    "resources.uncounted": "Non comptés dans la charge (sans taux ou sans dates) :",
    "resources.empty": "Aucune affectation pour l’instant : ajoutez une {team} avec noms et taux à un projet ou un programme.",
    "people.own": "le programme",
    "power.title": "Matrice pouvoir/intérêt de {title}",
    "power.desc": "Parties prenantes placées selon leur intérêt (de gauche à droite) et leur influence (de bas en haut), de 1 à 5.",
    "power.manage": "Gérer de près", "power.satisfy": "Satisfaire", "power.inform": "Tenir informé", "power.monitor": "Surveiller",
    "power.interest": "Intérêt →", "power.influence": "Influence →",
    "power.unplaced": "Hors de la matrice (influence ou intérêt manquant) :",
}

_ES: dict[str, str] = {
    "type.portfolio": "Cartera", "type.program": "Programa", "type.project": "Proyecto", "type.decision": "Decisión",
    "type.milestone": "Hito", "type.risk": "Riesgo", "type.assumption": "Supuesto", "type.issue": "Incidencia",
    "type.change": "Solicitud de cambio", "type.benefit": "Beneficio", "type.deliverable": "Entregable",
    "status.draft": "borrador", "status.proposed": "propuesto", "status.planned": "planificado", "status.active": "activo", "status.on-hold": "en pausa",
    "status.completed": "completado", "status.cancelled": "cancelado", "status.done": "hecho", "status.missed": "incumplido",
    "status.in-progress": "en curso", "status.open": "abierto", "status.mitigated": "mitigado", "status.closed": "cerrado",
    "status.occurred": "ocurrido", "status.validated": "validado", "status.invalidated": "invalidado",
    "status.resolved": "resuelto", "status.requested": "solicitado", "status.approved": "aprobado",
    "status.rejected": "rechazado", "status.implemented": "implantado", "status.accepted": "aceptada",
    "status.deprecated": "obsoleta", "status.superseded": "sustituida", "status.realizing": "en realización",
    "status.realized": "realizado", "status.at-risk": "en riesgo",
    "health.green": "Verde", "health.amber": "Ámbar", "health.red": "Rojo", "health.none": "sin salud",
    "phase.initiation": "inicio", "phase.planning": "planificación", "phase.execution": "ejecución",
    "phase.monitoring": "seguimiento", "phase.closure": "cierre",
    "dependency.finish-to-start": "fin a inicio", "dependency.start-to-start": "inicio a inicio",
    "dependency.informational": "informativa",
    "chip.status": "Estado: {status}", "chip.health": "Salud: {health}", "chip.phase": "Fase de {phase}",
    "chip.phase_title": "Fase del ciclo de vida", "chip.overdue": "vencido", "chip.overdue_title": "Fecha prevista superada el {date}",
    "chip.escalated": "escalado", "chip.escalate": "escalar", "chip.conflict": "conflicto",
    "escalation.next": "siguiente: {name}", "escalation.to": "a {name}",
    "escalation.reason.owner": "responsable del programa {program}", "escalation.reason.program": "primer nivel del programa {program}",
    "escalation.reason.next": "siguiente tras {after} en la vía de escalado de {holder}", "escalation.reason.portfolio": "más allá de la vía de {program}: cartera {holder}",
    "escalation.reason.top": "cima de la vía de escalado: ya en {current}", "escalation.score": "puntuación {score} ≥ umbral {threshold}",
    "escalation.score_issue": "impacto {impact} × 5 = {score} ≥ umbral {threshold}",
    "score.title": "probabilidad {probability} × impacto {impact}", "score.threshold": "; umbral de escalado {threshold}",
    "progress.title": "{percent} completado",
    "xref.unknown": "Id desconocido",
    "days.one": "{n} día", "days.other": "{n} días",
    "none": "ninguno", "unknown_date": "?",
    "field.owner": "Responsable", "field.sponsor": "Patrocinador", "field.program": "Programa", "field.programs": "Programas",
    "field.project": "Proyecto", "field.projects": "Proyectos", "field.dates": "Fechas", "field.progress": "Avance",
    "field.budget": "Presupuesto", "field.date": "Fecha", "field.decision_makers": "Decisores",
    "field.consulted": "Consultados", "field.informed": "Informados", "field.forum": "Comité", "field.scope": "Ámbito",
    "field.settles": "Resuelve", "field.tags": "Etiquetas", "field.reviewed": "Revisado", "field.status": "Estado",
    "field.health": "Salud", "field.type": "Tipo", "field.title": "Título", "field.id": "ID", "field.summary": "Resumen",
    "field.milestone": "Hito", "field.risk": "Riesgo", "field.assumption": "Supuesto", "field.issue": "Incidencia",
    "field.decision": "Decisión", "field.change": "Cambio", "field.benefit": "Beneficio", "field.measure": "Medida",
    "field.baseline": "Línea base", "field.target": "Objetivo", "field.actual": "Real", "field.realized": "Realizado",
    "field.due": "Vence", "field.raised": "Abierto", "field.schedule": "Plazo", "field.cost": "Coste",
    "field.settled_by": "Resuelto por", "field.mitigation": "Mitigación", "field.where": "Dónde", "field.score": "Puntuación",
    "field.escalation": "Escalado", "field.escalate_to": "Escalar a", "field.note": "Nota",
    "field.depends": "Depende", "field.on": "De", "field.by": "Por", "field.starts": "Empieza", "field.start": "Inicio",
    "field.end": "Fin", "field.kpi": "Indicador", "field.value": "Valor", "field.from": "A partir de", "field.cadence": "Frecuencia",
    "field.chair": "Presidencia", "field.supersedes": "Sustituye", "field.superseded_by": "Sustituida por",
    "field.affects": "Afecta", "field.contributors": "Proyectos que contribuyen", "field.depended_on_by": "Requerido por",
    "field.proposed": "Propuesta", "field.waiting": "Esperando", "field.baseline_end": "Fin de línea base",
    "field.planned_end": "Fin previsto", "field.slip": "Desvío", "field.in": "En", "field.total": "Total",
    "field.text": "Texto", "field.would_move": "Se movería", "field.pushed_by": "Empujado por",
    "field.program_project": "Programa / proyecto", "field.risk_threshold": "Umbral de riesgo",
    "field.p": "P", "field.p_title": "Probabilidad (1-5)", "field.i": "I", "field.i_title": "Impacto (1-5)",
    "field.date_title": "Fin a inicio: cuándo termina; inicio a inicio: cuándo empieza",
    "field.status_escalation": "Estado, escalado", "field.score_title": "Probabilidad (1-5) × impacto (1-5)", "field.pi_title": "probabilidad × impacto", "field.milestones": "Hitos",
    "noun.portfolio": "cartera", "noun.program": "programa", "noun.project": "proyecto", "noun.decision": "decisión",
    "section.impact_no_baseline": " (sin fin de línea base con que comparar)", "dashboard.decisions_csv": "decisiones en CSV",
    "card.nav": "Gobernanza", "card.superseded_by": "Sustituida por {decisions}.", "card.standalone": "Independiente",
    "card.vs_baseline": "{days} días respecto a la línea base {date}", "card.planned": "{amount} previstos",
    "card.spent": "{amount} gastados", "card.baseline": "línea base {amount}", "card.score_at_least": "puntuación ≥ {score}",
    "section.vision": "Visión", "section.objectives": "Objetivos", "section.roadmap": "Hoja de ruta",
    "section.projects": "Proyectos", "section.programs": "Programas", "section.kpis": "Indicadores",
    "section.kpis_declared": "Declarados en esta página", "section.project_dependencies": "Dependencias entre proyectos",
    "section.critical_path": "Camino crítico",
    "section.critical_path_note": "(la cadena de dependencias que fija la última fecha de fin del programa):",
    "section.benefits": "Beneficios", "section.governance": "Gobernanza", "section.escalation_path": "Vía de escalado:",
    "section.risk_threshold_note": "un riesgo con puntuación de {score} o más (probabilidad × impacto) se escala al programa.",
    "section.risk_threshold_note_portfolio": "el umbral de cada programa que no fija uno: un riesgo o una incidencia con puntuación de {score} o más se escala.",
    "section.escalated": "Riesgos en el umbral o por encima", "section.escalated_none": "Ningún riesgo abierto llega a {score}.",
    "section.milestones": "Hitos", "section.impact": "Impacto de un retraso",
    "section.impact_text": "Este proyecto termina {days} después de su línea base ({before} → {after}). Comparado con su plan al fin de la línea base, esto es lo que ese retraso mueve aguas abajo:",
    "cpm.note": "La cadena de dependencias, entre programas, que fija la fecha de fin {date}. Un paso sin holgura mueve esa fecha si se retrasa.",
    "cpm.step": "Paso",
    "cpm.dates": "Fechas",
    "cpm.float": "Holgura",
    "cpm.program": "Programa",
    "cpm.other_program": "otro programa",
    "cpm.near_chip": "casi crítico",
    "cpm.near": "Casi crítico (holgura de {days} o menos): un retraso más allá de su holgura mueve la fecha de fin.",
    "roadmap.near_critical": "casi crítico",
    "roadmap.float": "holgura {days}",
    "roadmap.legend_near_critical": "contorno discontinuo: casi crítico (holgura de {days} o menos)",
    "diagram.legend_near_critical": "contorno discontinuo: casi crítico",
    "impact.summary": "Si {subject} termina {days} más tarde ({before} → {after}; holgura total {float}):",
    "impact.summary_milestone": "Si el hito {subject} llega {days} más tarde ({before} → {after}; holgura total {float}):",
    "impact.none": "Nada se mueve aguas abajo: la holgura de lo que depende de él absorbe el retraso.",
    "impact.end": "El fin de la cartera pasa del {before} al {after}.",
    "impact.end_same": "El fin de la cartera sigue el {date}.",
    "impact.item": "Proyecto o hito",
    "impact.before": "Antes",
    "impact.after": "Después",
    "impact.moves": "Se mueve",
    "impact.absorbed": "Holgura absorbida",
    "impact.via": "Empujado por",
    "impact.not_dated": "{id} no tiene inicio ni fin: no se puede calcular ningún impacto.",
    "impact.no_project": "Indique el proyecto que se retrasa: project=ID (y days=N, 30 por defecto).",
    "section.impact_none": "Nada se mueve aguas abajo: el retraso queda dentro de la holgura de lo que depende de él.",
    "section.impact_no_slip": "Sin desvío respecto a la línea base{reason}: hoy nada aguas abajo está en riesgo por las fechas de este proyecto.",
    "section.impact_ends": "termina el {date}",
    "section.what_if": "Un retraso adicional de {days} (hasta el {after}) movería:",
    "section.what_if_none": "Un retraso adicional de {days} (hasta el {after}) no movería nada aguas abajo: su holgura total es de {float}.",
    "section.deliverables": "Entregables", "section.due": "vence el {date}", "section.benefits_served": "Beneficios a los que contribuye",
    "section.target": "objetivo {value}", "section.now": "ahora {value}",
    "section.dependencies": "Dependencias", "section.schedule_conflicts": "Conflictos de calendario",
    "section.depends_on": "Depende de", "section.dependency_of": "Requerido por", "section.starts": "empieza el {date}",
    "section.this": "este {kind}",
    "section.raid": "Riesgos, supuestos e incidencias", "section.risks": "Riesgos", "section.assumptions": "Supuestos",
    "section.issues": "Incidencias", "section.changes": "Solicitudes de cambio", "section.decisions": "Decisiones",
    "section.affected_by": "Decisiones que afectan a este {kind}", "section.decision_links": "Decisiones y entidades relacionadas",
    "section.stakeholders": "Partes interesadas", "section.referenced_by": "Citado por",
    "roadmap.title": "Hoja de ruta de {names}", "roadmap.the_portfolio": "la cartera", "roadmap.today": "Hoy {date}",
    "roadmap.quarter": "T{quarter}", "roadmap.standalone": "Proyectos independientes",
    "roadmap.empty": "Ningún proyecto tiene aún fecha de inicio y de fin.",
    "roadmap.projects": "{count} proyectos", "roadmap.critical": "en el camino crítico", "roadmap.owner": "responsable {name}",
    "roadmap.health": "salud {health}", "roadmap.done": "{percent} hecho", "roadmap.baseline_end": "fin de línea base {date}",
    "roadmap.baseline_of": "Línea base de {title}: {start} → {end}",
    "roadmap.arrow": "{source} empieza cuando termina {target}", "roadmap.arrow_late": ", pero el plan lo hace empezar antes",
    "roadmap.legend_plan": "plan, relleno según el avance", "roadmap.legend_baseline": "línea base, donde el plan se movió",
    "roadmap.legend_health": "● verde ▲ ámbar (rayado) ■ rojo (cuadriculado)", "roadmap.legend_planned": "previsto",
    "roadmap.legend_done": "hecho", "roadmap.legend_missed": "hito incumplido",
    "roadmap.legend_arrow": "→ dependencia fin a inicio (rojo discontinuo: previsto para empezar antes de lo posible)",
    "roadmap.legend_critical": "contorno grueso: camino crítico (lo que fija la última fecha de fin)",
    "roadmap.table": "La hoja de ruta como tabla", "roadmap.unscheduled": "Sin planificar",
    "roadmap.unscheduled_note": "(sin fecha de inicio o de fin):",
    "benefits.title": "Hoja de ruta de beneficios de {title}", "benefits.by_due_date": "Beneficios por vencimiento",
    "benefits.due": "vence el {date}", "benefits.legend": "● un beneficio en su vencimiento:",
    "benefits.undated": "Sin vencimiento:",
    "diagram.not_drawn": "no dibujado.", "diagram.no_graphviz": "Graphviz no está instalado, así que este diagrama no se dibujó.",
    "diagram.legend_fs": "→ fin a inicio", "diagram.legend_ss": "▷ inicio a inicio", "diagram.legend_info": "┄ informativa",
    "diagram.legend_cross": "grueso: entre programas", "diagram.legend_critical": "contorneado: camino crítico",
    "diagram.legend_conflict": "rojo: fechas previstas en conflicto", "diagram.hidden": "{count} proyectos más no mostrados",
    "diagram.off": "Los diagramas de dependencias están desactivados en este sitio ({option}).",
    "diagram.off_raid": "Cada dependencia figura en el {link}.",
    "dashboard.registers": "Registros de gobernanza", "dashboard.data": "Datos:", "dashboard.calendar": "calendario",
    "dashboard.tile_decisions.one": "{n} decisión pendiente",
    "dashboard.tile_decisions.other": "{n} decisiones pendientes",
    "dashboard.tile_risks.one": "{n} riesgo por escalar", "dashboard.tile_risks.other": "{n} riesgos por escalar",
    "dashboard.tile_slipped.one": "{n} proyecto retrasado respecto a la línea base", "dashboard.tile_slipped.other": "{n} proyectos retrasados respecto a la línea base",
    "dashboard.tile_benefits.one": "{n} beneficio en riesgo", "dashboard.tile_benefits.other": "{n} beneficios en riesgo",
    "dashboard.tile_findings.one": "{n} hallazgo", "dashboard.tile_findings.other": "{n} hallazgos",
    "dashboard.awaiting_decision": "Decisiones pendientes",
    "dashboard.awaiting_decision_none": "Ninguna decisión espera: ninguna está {proposed}.",
    "dashboard.escalation": "Riesgos por escalar",
    "dashboard.escalation_text": "Riesgos e incidencias abiertos con puntuación en el {threshold} de su programa o por encima, aún no marcados {escalated}, y adónde va cada uno.",
    "dashboard.escalation_none": "Ningún riesgo ni incidencia abiertos en el umbral de su programa espera escalado.",
    "dashboard.slipped": "Retrasados respecto a la línea base", "dashboard.slipped_none": "Ningún proyecto termina más tarde que su línea base.",
    "dashboard.benefits": "Beneficios en riesgo", "dashboard.benefits_none": "Ningún beneficio está marcado {at_risk}.",
    "dashboard.findings": "Hallazgos",
    "dashboard.findings_text": "Comprobaciones de salud de los datos a {date}; nunca hacen fallar una construcción ({command} los lista en CI).",
    "dashboard.findings_in": "en {file}", "dashboard.findings_on": "en {page}",
    "dashboard.findings_more": "y {count} más: {command} los lista todos",
    "dashboard.findings_none": "Sin hallazgos: todas las comprobaciones de salud pasan.",
    "dashboard.upcoming": "Próximos hitos", "dashboard.upcoming_text": "Hitos previstos en los próximos {days} días.",
    "dashboard.upcoming_none": "Ningún hito previsto en los próximos {days} días.",
    "dashboard.kpis_text": "Calculados a partir de las fechas, presupuestos, hitos, beneficios y riesgos de los proyectos; pase sobre un valor para ver sus datos, abra un programa para el detalle.",
    "dashboard.kpis_inputs": "Datos de los valores de la cartera", "dashboard.by_status": "Por estado y salud",
    "dashboard.no_programs": "Aún no hay programas.", "dashboard.unassigned": "Programas sin cartera",
    "dashboard.standalone": "Proyectos independientes",
    "kpi.inputs": "Datos", "kpi.schedule_variance": "Desviación de plazo", "kpi.cost_variance": "Desviación de coste",
    "kpi.milestone_on_time": "Hitos a tiempo", "kpi.budget_adherence": "Cumplimiento del presupuesto",
    "kpi.benefits_realization": "Realización de beneficios", "kpi.risk_index": "Índice de riesgo estratégico",
    "kpi.money": "{amount}\u00a0{currency}", "kpi.percent": "{number}\u00a0%", "kpi.more": "y {count} más", "kpi.separator": "; ",
    "kpi.cancelled": "{inputs}; cancelados, excluidos: {ids}", "kpi.no_projects": "ningún proyecto",
    "kpi.schedule.inputs": "fin {end} frente a fin de línea base {baseline}",
    "kpi.schedule.missing_end": "requiere end y baseline.end; end no está definido",
    "kpi.schedule.missing_baseline": "requiere end y baseline.end; baseline.end no está definido",
    "kpi.schedule.missing_both": "requiere end y baseline.end; ni end ni baseline.end están definidos",
    "kpi.schedule.unmeasured": "sin end o baseline.end: {ids}",
    "kpi.schedule.display.one": "{days} ({id}); {late} de {n} proyecto con retraso",
    "kpi.schedule.display.other": "{days} ({id}); {late} de {n} proyectos con retraso",
    "kpi.cost.missing_actual": "requiere budget.actual y un plan (baseline.budget o budget.planned); budget.actual no está definido",
    "kpi.cost.missing_plan": "requiere budget.actual y un plan (baseline.budget o budget.planned); no hay ningún plan (baseline.budget o budget.planned) definido",
    "kpi.cost.missing_both": "requiere budget.actual y un plan (baseline.budget o budget.planned); ni budget.actual ni un plan (baseline.budget o budget.planned) están definidos",
    "kpi.cost.progress_completed": "{percent} (completado)", "kpi.cost.progress_none": "{percent} (sin avance indicado: todo el plan)",
    "kpi.cost.progress": "{percent} de avance",
    "kpi.cost.explain_baseline": "real {actual} frente a valor ganado {earned} = presupuesto de línea base {plan} × {progress}",
    "kpi.cost.explain_planned": "real {actual} frente a valor ganado {earned} = presupuesto previsto {plan} × {progress}",
    "kpi.cost.out_of_range": "{inputs}: importes fuera de rango, no hay desviación que medir",
    "kpi.cost.nothing_earned": "{inputs}: aún no hay valor ganado, no hay desviación que medir",
    "kpi.cost.sum_out_of_range": "{inputs}; importes fuera de rango, no hay desviación que medir",
    "kpi.cost.foreign": "excluidos, presupuesto en una moneda distinta de {currency}: {items}",
    "kpi.cost.unmeasured": "sin real ni plan: {ids}", "kpi.cost.sum": "suma {variance} frente a valor ganado {earned}: {inputs}",
    # Valor ganado (PMI: una variación negativa es desfavorable).
    "section.earned_value": "Valor ganado",
    "kpi.spi": "Índice de desempeño del cronograma (SPI)", "kpi.cpi": "Índice de desempeño del costo (CPI)",
    "kpi.cv": "Variación del costo (CV = EV − AC)", "kpi.sv": "Variación del cronograma (SV = EV − PV)",
    "kpi.eac": "Estimación a la conclusión (EAC)", "kpi.etc": "Estimación hasta la conclusión (ETC)", "kpi.vac": "Variación a la conclusión (VAC)",
    "kpi.ev.no_bac": "necesita un presupuesto hasta la conclusión (baseline.budget o budget.planned); ninguno está definido",
    "kpi.ev.bac_baseline": "BAC {bac} (presupuesto de línea base)", "kpi.ev.bac_planned": "BAC {bac} (presupuesto planificado)",
    "kpi.ev.no_progress": "EV necesita progress; progress no está definido",
    "kpi.ev.ev": "EV {ev} = BAC {bac} × {progress}",
    "kpi.ev.no_dates": "PV necesita un inicio y un fin (de línea base o planificados)",
    "kpi.ev.pv_baseline": "PV {pv} = BAC {bac} × {elapsed} del cronograma de línea base {start} a {end} transcurrido el {today}",
    "kpi.ev.pv_planned": "PV {pv} = BAC {bac} × {elapsed} del cronograma {start} a {end} transcurrido el {today}",
    "kpi.ev.ac": "AC {ac} (budget.actual)", "kpi.ev.no_ac": "AC necesita budget.actual; no está definido",
    "kpi.ev.foreign": "{id} (presupuesto en {currency})", "kpi.ev.incomplete": "{id} (sin {missing})",
    "kpi.ev.sum": "sumas sobre {ids}: BAC {bac}, EV {ev}, PV {pv}, AC {ac}", "kpi.ev.left_out": "excluidos: {items}",
    # Tendencia de los beneficios (la línea de las mediciones de un beneficio).
    "field.trend": "Tendencia", "benefit.trend": "{title}: {points}", "benefit.trend_point": "{date} {value}",
    "benefit.trend_baseline": "línea base {value}", "benefit.trend_target": "objetivo {value}",
    "kpi.milestones.missed": "no alcanzados ({count}): {names}", "kpi.milestones.overdue": "vencidos ({count}): {names}",
    "kpi.milestones.late": "con retraso: {late}", "kpi.milestones.late_details": "con retraso: {late} ({details})",
    "kpi.milestones.inputs": "cumplidos: {done}, {late}, aún no vencidos: {pending}", "kpi.milestones.pending": " (aún no vencidos: {count})",
    "kpi.milestones.none_yet": "aún ningún hito cumplido, no alcanzado o vencido{pending}",
    "kpi.milestones.none_in_projects": "ningún hito cumplido, no alcanzado o vencido en sus proyectos{pending}",
    "kpi.milestones.display": "{percent} ({done} de {total})",
    "kpi.budget.missing_planned": "requiere budget.planned y baseline.budget o budget.actual; budget.planned no está definido",
    "kpi.budget.missing_reference": "requiere budget.planned y baseline.budget o budget.actual; ni baseline.budget ni budget.actual están definidos",
    "kpi.budget.planned_over_baseline": "previsto {planned} frente a línea base {baseline}",
    "kpi.budget.actual_over_planned": "real {actual} frente a previsto {planned}", "kpi.budget.over": "por encima del presupuesto: {details}",
    "kpi.budget.planned": "previsto {amount}", "kpi.budget.baseline": "línea base {amount}", "kpi.budget.actual": "real {amount}",
    "kpi.budget.within_details": "dentro del presupuesto: {details}", "kpi.budget.within": "dentro del presupuesto",
    "kpi.budget.unmeasured": "sin budget.planned con baseline.budget o budget.actual: {ids}",
    "kpi.budget.display.one": "{within} de {n} proyecto ({percent})", "kpi.budget.display.other": "{within} de {n} proyectos ({percent})",
    "kpi.benefits.no_baseline": "0 (sin línea base indicada)",
    "kpi.benefits.item": "{id} {percent} (real {actual}, línea base {baseline}, objetivo {target})",
    "kpi.benefits.no_target": "sin objetivo", "kpi.benefits.no_actual": "sin valor real",
    "kpi.benefits.target_is_baseline": "objetivo igual a la línea base", "kpi.benefits.out_of_range": "valores fuera de rango",
    "kpi.benefits.unmeasured": "sin medir: {items}", "kpi.benefits.at_risk": "en riesgo: {ids}",
    "kpi.benefits.none_project": "no contribuye a ningún beneficio (contributes_to)",
    "kpi.benefits.none_program": "el programa no enumera beneficios", "kpi.benefits.none_portfolio": "ningún programa enumera beneficios",
    "kpi.benefits.display_one": "{percent} (1 beneficio)", "kpi.benefits.display_one_of": "{percent} (1 de {total} beneficios)",
    "kpi.benefits.display_mean": "{percent} (media de {count} beneficios)",
    "kpi.benefits.display_mean_of": "{percent} (media de {count} de {total} beneficios)",
    "kpi.risk.skipped.one": "{n} riesgo sin probabilidad o impacto omitido: {ids}",
    "kpi.risk.skipped.other": "{n} riesgos sin probabilidad o impacto omitidos: {ids}",
    "kpi.risk.closed": "mitigados o cerrados, no contados: {count}", "kpi.risk.none": "ningún riesgo abierto u ocurrido",
    "diagram.title_project": "Dependencias de {title}", "diagram.title_program": "Dependencias de los proyectos de {title}",
    "diagram.title_portfolio": "Dependencias en toda la cartera", "diagram.title_programs": "Dependencias entre programas",
    "diagram.dependencies.one": "{n} dependencia", "diagram.dependencies.other": "{n} dependencias",
    "diagram.depends_on": "{source} depende de {target}",
    "diagram.with_program.one": "{title}: {n} dependencia con este programa",
    "diagram.with_program.other": "{title}: {n} dependencias con este programa",
    "diagram.more": "{count} más", "diagram.more_within": "{count} proyectos más a {depth} pasos como mucho",
    "diagram.more_projects": "{count} proyectos más", "diagram.see_page": "Vea las dependencias en la página de {title}",
    "finding.overdue-milestone": "Hitos vencidos", "finding.past-end": "Proyectos pasados de su fin",
    "finding.stale-review": "Páginas sin revisar últimamente", "finding.stale-decision": "Decisiones propuestas hace demasiado",
    "finding.unmanaged-risk": "Riesgos sobre el umbral sin mitigación ni responsable",
    "finding.superseded-link": "Enlaces a decisiones sustituidas", "finding.schedule-conflict": "Conflictos de calendario",
    "finding.health-optimistic": "Programas con mejor salud que sus proyectos",
    "finding.benefit-overdue": "Beneficios vencidos y no realizados",
    "register.heat_map": "Mapa de calor de riesgos",
    "register.heat_caption": "Riesgos abiertos y ocurridos por probabilidad e impacto",
    "register.heat_threshold": "; contorneados: en el umbral de escalado o por encima ({threshold})",
    "register.heat_axis": "Probabilidad ↓ · Impacto →",
    "register.unscored": "Fuera del mapa (falta probabilidad o impacto):", "register.no_open_risks": "No hay riesgos abiertos.",
    "register.no_risks": "Aún no hay riesgos.", "register.no_assumptions": "Aún no hay supuestos.",
    "register.no_issues": "Aún no hay incidencias.", "register.no_dependencies": "Aún no hay dependencias.",
    "register.decisions.one": "{n} decisión, la más reciente primero.", "register.decisions.other": "{n} decisiones, las más recientes primero.",
    "register.by_program": "Por programa", "register.full_record": "registro completo", "register.on": "en {title}",
    "register.portfolio_wide": "De toda la cartera e independientes",
    "register.no_decisions": "Aún no hay decisiones: añada una página {decision_page} o {decisions} a un proyecto o programa.",
    "register.changes.one": "{n} solicitud de cambio.", "register.changes.other": "{n} solicitudes de cambio.",
    "register.changes_approved": "Aprobadas o implantadas: {days} días, {cost}.",
    "register.changes_pending": "Aún solicitadas ({count}): {days} días, {cost}.",
    "register.awaiting_decision": "pendiente de decisión",
    "register.no_changes": "Aún no hay solicitudes de cambio: añada {changes} a un proyecto o programa.",
    "register.benefits_roadmap": "Hoja de ruta de beneficios",
    "register.no_benefits": "Aún no hay beneficios: añada {benefits} a un programa y {contributes_to} a sus proyectos.",
    "catalog.filter": "Filtrar el catálogo", "catalog.all": "Todos ({count})",
    "catalog.placeholder": "Título, id, responsable, resumen o etiqueta", "catalog.clear": "Borrar",
    "catalog.shown": "{shown} de {total} mostrados", "catalog.none": "Ninguna entidad coincide con este filtro.",
    "catalog.empty": "Aún no hay cartera, programa, proyecto ni decisión: las páginas participan con un {type} en su front matter.",
    "page.dashboard": "Panel de gobernanza", "page.decision-log": "Registro de decisiones", "page.raid": "Registro RAID",
    "page.raid.intro": "Riesgos, supuestos, incidencias y dependencias de todos los proyectos y programas.",
    "page.changes": "Solicitudes de cambio", "page.changes.intro": "Cada solicitud de cambio, su impacto y la decisión que la resolvió.",
    "page.benefits": "Beneficios", "page.benefits.intro": "Lo que los programas deben aportar y cuánto han avanzado.",
    "page.roadmap": "Hoja de ruta de la cartera", "page.roadmap.intro": "Cada programa en su carril, después los proyectos independientes.",
    "page.catalog": "Catálogo", "page.catalog.intro": "Todas las carteras, programas, proyectos y decisiones, por tipo y luego por título.",
    "page.dependencies": "Dependencias",
    "page.dependencies.intro": "Primero entre programas, después entre todos los proyectos, agrupados por programa. Se omiten las dependencias implícitas en otras.",
    "page.roadmap_link": "Hoja de ruta",
    "finding.completed-open-items": "Proyectos y programas completados con elementos abiertos",
    "finding.closure-no-acceptance": "Cierres sin aceptación", "finding.closure-no-lessons": "Cierres sin lecciones aprendidas",
    "finding.execution-no-baseline": "Proyectos en ejecución sin línea base", "finding.phase-dates": "Fases que no cuadran con las fechas",
    "page.lessons": "Lecciones aprendidas",
    "page.lessons.intro": "Lo que han aprendido los proyectos y programas, agrupado por programa, con quién aceptó sus resultados.",
    "register.lessons.one": "{n} lección aprendida.", "register.lessons.other": "{n} lecciones aprendidas.",
    "register.no_lessons": "Aún no hay lecciones aprendidas: añada {lessons} a un proyecto o programa, a más tardar al cerrarlo.",
    "register.accepted": "Aceptado por {by} el {date}", "register.not_accepted": "Aún no aceptado",
    "month.1": "ene", "month.2": "feb", "month.3": "mar", "month.4": "abr", "month.5": "may", "month.6": "jun",
    "month.7": "jul", "month.8": "ago", "month.9": "sept", "month.10": "oct", "month.11": "nov", "month.12": "dic",
    # People and capacity: the resources page, the People section and the power/interest map of program pages.
    "finding.over-allocation": "Personas asignadas por encima del 100 % en un mes",
    "page.resources": "Personas y capacidad",
    "page.resources.intro": "Cuánto tiempo de cada persona ocupan los proyectos y programas, mes a mes: cada asignación cuenta su porcentaje por los días naturales que cubre en el mes, redondeado a un porcentaje entero. Por encima del 100 % hay sobreasignación.",
    "section.people": "Personas", "section.power_map": "Poder e interés",
    "field.person": "Persona", "field.role": "Rol", "field.allocation": "Asignación", "field.month": "Mes", "field.load": "Carga", "field.pages": "Páginas",
    "resources.title": "Carga mensual de las personas de {names}", "resources.everyone": "la cartera",
    "resources.desc": "Una fila por persona, una columna por mes; cada celda es la carga de la persona ese mes en todos los proyectos y programas, en porcentaje de su tiempo. Los meses sobreasignados van marcados con ▲ y en negrita.",
    "resources.cell": "{name}, {month}: {load}", "resources.over": "sobreasignada",
    "resources.legend_low": "hasta el 80 %", "resources.legend_medium": "del 81 al 100 %", "resources.legend_high": "más del 100 %: sobreasignación (▲, negrita)",
    "resources.table": "Carga por persona y mes", "resources.months": "{first} a {last}",
    "resources.uncounted": "Sin contar en la carga (sin porcentaje o sin fechas):",
    "resources.empty": "Aún no hay asignaciones: añada un {team} con nombres y porcentajes a un proyecto o programa.",
    "people.own": "el programa",
    "power.title": "Matriz poder/interés de {title}",
    "power.desc": "Partes interesadas situadas por interés (de izquierda a derecha) e influencia (de abajo arriba), de 1 a 5.",
    "power.manage": "Gestionar de cerca", "power.satisfy": "Mantener satisfechas", "power.inform": "Mantener informadas", "power.monitor": "Supervisar",
    "power.interest": "Interés →", "power.influence": "Influencia →",
    "power.unplaced": "Fuera de la matriz (falta influencia o interés):",
}

STRINGS: Mapping[str, Mapping[str, str]] = {"en": _EN, "de": _DE, "fr": _FR, "es": _ES}
"""Every UI string by language, then key. Each language has every key of English, with the same placeholders."""

# ---------------------------------------------------------------------------------- formats


@dataclass(frozen=True)
class Formats:
    """How a language writes dates and numbers."""

    date: str
    """A day: ``{iso}`` (2026-04-15), or with ``{day}``, ``{month}`` (its name, ``month.N``), ``{year}``."""
    decimal: str
    """Decimal separator."""
    group: str
    """Thousands separator."""
    percent: str
    """``{number}`` and the percent sign."""
    money: str
    """``{amount}`` and ``{currency}`` (an ISO 4217 code)."""
    plural_one: tuple[int, ...] = (1,)
    """Counts written in the singular (French: 0 and 1)."""


_NNBSP = "\u202f"  # narrow no-break space
_NBSP = "\u00a0"

FORMATS: Mapping[str, Formats] = {
    "en": Formats("{iso}", ".", _NNBSP, "{number}%", "{amount}" + _NBSP + "{currency}"),
    "de": Formats("{day}. {month} {year}", ",", ".", "{number}" + _NBSP + "%", "{amount}" + _NBSP + "{currency}"),
    "fr": Formats("{day} {month} {year}", ",", _NNBSP, "{number}" + _NNBSP + "%", "{amount}" + _NBSP + "{currency}", (0, 1)),
    "es": Formats("{day} {month} {year}", ",", ".", "{number}" + _NBSP + "%", "{amount}" + _NBSP + "{currency}"),
}
"""Date and number formats by language (one per table of :data:`STRINGS`)."""


# ---------------------------------------------------------------------------------- locale


def placeholders(text: str) -> set[str]:
    """The ``{names}`` in ``text``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def normalize(code: str) -> str:
    """``pt_BR`` → ``pt-br``: the form language codes are compared in."""
    return code.strip().replace("_", "-").lower()


def base_language(code: str) -> str | None:
    """The table a language code uses: itself, else its language (``fr-ca`` → ``fr``); None: none (English then)."""
    code = normalize(code)
    if code in STRINGS:
        return code
    head = code.split("-")[0]
    return head if head in STRINGS else None


def closest_key(key: str) -> str | None:
    """The known string key closest to ``key``, for an error message."""
    found = difflib.get_close_matches(key, list(_EN), n=1, cutoff=0.5)
    return found[0] if found else None


def check_label(key: str, text: object) -> str | None:
    """What is wrong with an override ``key: text`` (an unknown key, a placeholder English does not have), or None."""
    if key not in _EN:
        near = closest_key(key)
        return f"unknown label {key!r}" + (f"; did you mean {near!r}?" if near else "")
    if not isinstance(text, str):
        return f"label {key!r}: expected a text, found {text!r}"
    try:
        names = placeholders(text)
    except ValueError as exc:
        return f"label {key!r}: {exc} (write {{{{ and }}}} for braces)"
    unknown = names - placeholders(_EN[key])
    if unknown:
        allowed = ", ".join("{" + n + "}" for n in sorted(placeholders(_EN[key]))) or "none"
        return f"label {key!r}: unknown placeholder {{{sorted(unknown)[0]}}} (this label has: {allowed})"
    return None


@dataclass(frozen=True)
class Locale:
    """The strings and formats of one language, with the site's overrides."""

    language: str
    """The code asked for (``fr-ca``, ``pt``), normalized."""
    table: str
    """The language of the table used (``fr``; ``en`` for a language without one)."""
    strings: Mapping[str, str] = field(repr=False)
    formats: Formats = field(repr=False)

    @property
    def key(self) -> str:
        """What makes two locales render alike: for fingerprints and cache keys."""
        overrides = sorted((k, v) for k, v in self.strings.items() if v != STRINGS[self.table].get(k))
        return f"{self.language}/{self.table}/{overrides!r}"

    # ---------------------------------------------------------------- strings

    def text(self, key: str, /, **values: object) -> str:
        """The string ``key`` with ``values`` in place (plain text: escape it to print it as HTML)."""
        template = self.strings.get(key)
        if template is None:
            template = _EN[key]  # KeyError: a key no table has is a bug of ours
        return template.format(**values) if values else template

    def markup(self, key: str, /, **values: object) -> Markup:
        """The string ``key`` as HTML: the text escaped, each value escaped unless it is :class:`Markup`."""
        template = self.strings.get(key)
        if template is None:
            template = _EN[key]
        return Markup.escape(template).format(**values) if values else Markup.escape(template)

    def plural(self, key: str, n: int, /, **values: object) -> Markup:
        """``key.one`` or ``key.other`` by ``n`` (given as ``{n}`` unless ``values`` has one), as HTML."""
        form = "one" if n in self.formats.plural_one else "other"
        values.setdefault("n", self.number(n))
        return self.markup(f"{key}.{form}", **values)

    def days(self, n: int, signed: bool = False) -> str:
        """"1 day", "3 days" ("+3 days" with ``signed``)."""
        number = self.number(n)
        if signed and n >= 0:  # "+0 days": no change, said as a change
            number = "+" + number
        form = "one" if abs(n) in self.formats.plural_one else "other"
        return self.text(f"days.{form}", n=number)

    def label(self, value: str | None) -> str:
        """The label of a status or a dependency type (the ``label`` filter of the templates)."""
        if value and f"status.{value}" not in _EN and f"dependency.{value}" in _EN:
            return self.vocabulary("dependency", value)
        return self.vocabulary("status", value)

    def vocabulary(self, group: str, value: str | None) -> str:
        """The label of a front-matter value (``status``, ``health``, ``phase``, ``dependency``, ``type``):
        the table's, else the value with dashes as spaces."""
        if not value:
            return ""
        found = self.strings.get(f"{group}.{value}") or _EN.get(f"{group}.{value}")
        return found if found is not None else value.replace("-", " ").replace("_", " ")

    # ---------------------------------------------------------------- dates

    def month(self, month: int) -> str:
        return self.text(f"month.{month}")

    def date(self, day: dt.date | None) -> str:
        """A day as the language writes it ("" for none)."""
        if day is None:
            return ""
        if isinstance(day, dt.datetime):
            day = day.date()
        return self.formats.date.format(iso=day.isoformat(), day=day.day, month=self.month(day.month), year=day.year)

    def tick(self, day: dt.date, unit: str, with_year: bool) -> str:
        """A label of a roadmap's time axis: a month ("Jan", "Jan 2026"), a quarter ("Q1 2026") or a year."""
        if unit == "month":
            label = self.month(day.month)
        elif unit == "quarter":
            label = self.text("roadmap.quarter", quarter=(day.month - 1) // 3 + 1)
        else:
            return str(day.year)
        return f"{label} {day.year}" if with_year else label

    # ---------------------------------------------------------------- numbers

    def number(self, value: float | int | None, decimals: int = 2) -> str:
        """``value`` with the language's separators: whole numbers exactly, others rounded to
        ``decimals`` without trailing zeros ("" for none, NaN or infinity)."""
        if value is None or isinstance(value, bool):
            return "" if value is None else str(value)
        if isinstance(value, int):
            text = f"{value:,}"
        elif not math.isfinite(value):
            return ""  # NaN and infinities are no amounts (validation keeps them out)
        elif value.is_integer():  # the float's shortest digits: 1e26, not 100000000000000004764729344
            text = f"{Decimal(repr(value + 0.0)).to_integral_value():,f}"
        else:
            text = f"{value:,.{decimals}f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
        if text in ("-0", ""):
            text = "0"
        formats = self.formats
        return text.replace(",", "\0").replace(".", formats.decimal).replace("\0", formats.group)

    def percent(self, value: float | int | None, decimals: int = 0) -> str:
        if value is None:
            return ""
        return self.formats.percent.format(number=self.number(round(value, decimals) if decimals else round(value), decimals))

    def money(self, amount: float | int | None, currency: str) -> str:
        if amount is None:
            return ""
        return self.formats.money.format(amount=self.number(amount), currency=currency)


def locale_for(language: str | None, labels: Mapping[str, object] | None = None) -> Locale:
    """The locale of ``language`` (None: English) with the ``labels`` overrides on top.

    ``labels`` maps a key to its text for every language, or a language code to such a
    mapping for that language only (``{"de": {"page.dashboard": "Übersicht"}}``); the most
    specific wins: the exact code (``de-ch``), then its language (``de``), then every language.
    Keys and placeholders are checked by the configuration (:func:`check_labels`).
    """
    code = normalize(language or DEFAULT)
    table = base_language(code) or DEFAULT
    strings = dict(STRINGS[table])
    shared = {k: v for k, v in (labels or {}).items() if isinstance(v, str)}
    strings.update(shared)
    per_language = {normalize(k): v for k, v in (labels or {}).items() if isinstance(v, Mapping)}
    for wanted in dict.fromkeys([code.split("-")[0], code]):
        strings.update({k: str(v) for k, v in per_language.get(wanted, {}).items()})
    return Locale(code, table, strings, FORMATS[table])


def check_labels(labels: Mapping[str, object]) -> list[str]:
    """Problems of a ``labels`` option (see :func:`locale_for`), one message each."""
    problems = []
    for key, value in labels.items():
        if isinstance(value, Mapping):
            if not _CODE_RE.match(str(key)):
                problems.append(f"{key!r} is neither a label nor a language code (such as 'de' or 'pt-BR')")
                continue
            problems.extend(p for k, v in value.items() if (p := check_label(str(k), v)))
        elif (problem := check_label(str(key), value)) is not None:
            problems.append(problem)
    return problems


ENGLISH = locale_for(DEFAULT)
"""The default locale."""
