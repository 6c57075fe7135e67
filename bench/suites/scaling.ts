/**
 * Linear cost of what reads outside data: grading 1×, 10× and 100× longer action logs, reading and measuring
 * 1×, 10× and 100× longer trajectory CSVs, and loading and grading with protocols of 1×, 10× and 100× as many
 * named conditions and error rules. The ratios (10x/1x, 100x/1x) are ≈ 10 and ≈ 100 when the cost is linear.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify, parse } from 'yaml';
import type { Benchmark, Ratio, Suite } from '../harness.ts';
import { motionMetrics, parseTrajectoryCsv } from '../../src/core/metrics/index.ts';
import { type Protocol, loadProtocol, parseActionLog, runAttempt, unknownNames } from '../../src/core/procedure/index.ts';
import { buildReport } from '../../src/core/scoring/index.ts';

const root = join(import.meta.dirname, '../..');
const SIZES = [1, 10, 100] as const;
const PROCEDURE = 'interrupted-suture';
const protocolText = readFileSync(join(root, 'procedures', `${PROCEDURE}.yaml`), 'utf8');

function loaded(text: string): Protocol {
  const result = loadProtocol(text, PROCEDURE);
  if (!result.ok) throw new Error(`${PROCEDURE} does not load: ${result.errors[0]?.message}`);
  return result.protocol;
}

/** The expert's log played `copies` times over, one after another (later copies are judged as repeats). */
function actionLog(copies: number): string {
  const lines = readFileSync(join(root, 'tests/fixtures/actions', PROCEDURE, 'expert.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { t: number });
  const span = lines.at(-1)!.t + 1;
  const out: string[] = [];
  for (let c = 0; c < copies; c++) for (const a of lines) out.push(JSON.stringify({ ...a, t: a.t + c * span }));
  return out.join('\n');
}

function grade(protocol: Protocol, text: string): void {
  const log = parseActionLog(text, (a) => unknownNames(protocol, a));
  if (log.errors.length > 0) throw new Error(`bench log rejected: ${log.errors[0]!.message}`);
  buildReport(protocol, runAttempt(protocol, log.actions).state);
}

/** Two hands sampled at 120 Hz for `rows` rows each. */
function trajectoryCsv(rows: number): string {
  const out = ['t,x,y,z,hand,in_view,force'];
  for (let i = 0; i < rows; i++) {
    const t = i / 120;
    for (const [hand, phase] of [
      ['left', 0],
      ['right', 1],
    ] as const) {
      out.push(`${t},${0.05 * Math.sin(t * 1.3 + phase)},${0.92 + 0.02 * Math.sin(t * 2.9)},${-0.45 + 0.03 * Math.cos(t * 0.7)},${hand},1,${(i % 300) / 100}`);
    }
  }
  return out.join('\n');
}

/** The protocol with `n` more named conditions (each referring to an earlier one: a tree, log depth) and an error rule per condition. */
function largerProtocol(n: number): string {
  const data = parse(protocolText) as { conditions?: Record<string, unknown>; errors: unknown[] };
  const conditions: Record<string, unknown> = { ...(data.conditions ?? {}) };
  const errors = [...data.errors];
  for (let i = 0; i < n; i++) {
    const test = { action: { type: 'cut', structure: 'suture', s: { inside: [i / (n + 1), 1] } } };
    conditions[`bench-${i}`] = i === 0 ? test : { all: [test, { ref: `bench-${(i - 1) >> 1}` }] };
    errors.push({ code: `bench-${i}`, severity: 'minor', when: { ref: `bench-${i}` }, message: 'bench', instead: 'bench' });
  }
  return stringify({ ...data, conditions, errors });
}

const benchmarks: Benchmark[] = [];
const ratios: Ratio[] = [];
const family = (name: string, setup: (size: number) => () => () => void, samples: number) => {
  for (const size of SIZES)
    benchmarks.push({ name: `scaling.${name}.${size}x`, setup: setup(size), samples: size === 100 ? Math.max(3, samples / 4) : samples, warmup: 1 });
  for (const size of [10, 100]) ratios.push({ name: `scaling.${name}.${size}x/1x`, numerator: `scaling.${name}.${size}x`, denominator: `scaling.${name}.1x` });
};

family(
  'grade-actions',
  (size) => () => {
    const protocol = loaded(protocolText);
    const text = actionLog(4 * size);
    return () => grade(protocol, text);
  },
  20,
);
family(
  'metrics-csv',
  (size) => () => {
    const text = trajectoryCsv(1000 * size);
    return () => {
      for (const { track } of parseTrajectoryCsv(text)) motionMetrics(track);
    };
  },
  20,
);
family(
  'load-protocol',
  (size) => () => {
    const text = largerProtocol(10 * size);
    return () => void loaded(text);
  },
  12,
);
family(
  'grade-protocol',
  (size) => () => {
    const protocol = loaded(largerProtocol(10 * size));
    const text = actionLog(4);
    return () => grade(protocol, text);
  },
  12,
);

export const suite: Suite = { benchmarks, ratios };
