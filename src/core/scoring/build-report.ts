/** Builds the attempt report (report.ts, docs/report.md) from the procedure engine's final state. */
import type { EngineState } from '../procedure/engine.ts';
import { num, type Params } from '../procedure/params.ts';
import { planOf, plannedSteps } from '../procedure/plan.ts';
import { SEVERITIES, type Protocol, type Severity } from '../procedure/schema.ts';
import { type ProficiencyRule, isProficient } from './proficiency.ts';
import type { Outcome, Report, ReportStep } from './report.ts';
import { type Penalties, checklistScore, penaltyTotal, timePenaltyScore } from './scores.ts';

export function buildReport(protocol: Protocol, state: EngineState): Report {
  const scoring = protocol.scoring;
  const end = state.finished?.t ?? state.t;
  const failed = state.errors.some((e) => scoring.failOn.includes(e.severity));
  const outcome: Outcome = failed ? 'failed' : state.finished?.reason === 'all-steps-completed' ? 'completed' : 'incomplete';
  const timerSec = state.timerStart === null ? null : round(end - state.timerStart);
  const durationSec = round(end);

  const penalties: Penalties = {};
  if (scoring.penalties?.bySeverity !== undefined) penalties.bySeverity = definedOnly(scoring.penalties.bySeverity);
  if (scoring.penalties?.byCode !== undefined) penalties.byCode = scoring.penalties.byCode;
  const penalty = penaltyTotal(state.errors, penalties);
  let score = 0;
  if (outcome !== 'failed' && scoring.method === 'checklist') {
    // A repeated step counts once, as done when every instance of it is; only the steps this patient's plan has count.
    const steps = plannedSteps(protocol, state.variant).map((id) => {
      const records = state.steps.filter((r) => r.id === id);
      return { id, status: records.length > 0 && records.every((r) => r.status === 'completed') ? 'completed' : 'pending' };
    });
    score = checklistScore(steps, scoring.weights ?? {}, penalty);
  } else if (outcome === 'completed' && timerSec !== null) {
    score = timePenaltyScore({ cutoffSec: num(scoring.cutoffSec ?? 0, state.params), timeSec: timerSec, penalty });
  }
  score = round(score);

  const errorCounts: Record<Severity, number> = { minor: 0, major: 0, critical: 0 };
  for (const e of state.errors) errorCounts[e.severity]++;

  const rule = proficiencyRule(protocol, state.params);
  const proficient =
    outcome === 'completed' && (rule === undefined || isProficient({ timeSec: timerSec ?? durationSec, errors: state.errors, finished: true }, rule));
  const passed = outcome === 'completed' && score >= scoring.passScore && (!scoring.proficiency?.requiredToPass || proficient);

  const stepDurationsSec: Record<string, number> = {};
  for (const r of state.steps) if (r.start !== null && r.end !== null) stepDurationsSec[r.key] = round(r.end - r.start);

  return {
    procedure: state.procedure,
    version: state.version,
    variant: state.variant,
    mode: state.mode,
    outcome,
    passed,
    score,
    steps: [...state.steps.map(({ key, status, start, end }) => ({ id: key, status, start, end })), ...pendingSteps(protocol, state)],
    errors: state.errors.map((e) => ({ ...e })),
    metrics: { durationSec, timerSec, stepDurationsSec, errorCounts, actions: state.actions, proficient },
  };
}

/** The steps of the plan not yet started, as the next iteration would name them. */
function pendingSteps(protocol: Protocol, state: EngineState): ReportStep[] {
  const plan = planOf(protocol, state.variant);
  const current = plan[state.unit]?.block;
  const pending: ReportStep[] = [];
  for (let i = state.unit + 1; i < plan.length; i++) {
    const unit = plan[i]!;
    for (const id of unit.steps) {
      const key = unit.block === undefined ? id : `${id}#${unit.block === current ? state.iteration : 1}`;
      pending.push({ id: key, status: 'pending', start: null, end: null });
    }
  }
  return pending;
}

/** The protocol's proficiency rule with parameters resolved, for `proficiencyStatus` over a learner's attempts. */
export function proficiencyRule(protocol: Protocol, params: Params): ProficiencyRule | undefined {
  const p = protocol.scoring.proficiency;
  if (p === undefined) return undefined;
  const rule: ProficiencyRule = { consecutive: p.consecutive, additional: p.additional };
  if (p.maxTimeSec !== undefined) rule.maxTimeSec = num(p.maxTimeSec, params);
  if (p.maxErrors !== undefined) rule.maxErrors = p.maxErrors;
  if (p.maxAttempts !== undefined) rule.maxAttempts = p.maxAttempts;
  return rule;
}

function definedOnly(values: Partial<Record<Severity, number | undefined>>): Partial<Record<Severity, number>> {
  const out: Partial<Record<Severity, number>> = {};
  for (const key of SEVERITIES) {
    const v = values[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
