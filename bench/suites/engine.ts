import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { round, type Suite } from '../harness.ts';
import { applyAction, loadProtocol, parseActionLog, runAttempt, startAttempt, type Action, type Protocol } from '../../src/core/procedure/index.ts';
import { buildReport } from '../../src/core/scoring/index.ts';

const ROOT = join(import.meta.dirname, '../..');
/** Semantic actions per second in the synthetic log: key actions plus contacts and idle heartbeats. */
const RATE_HZ = 10;
const LOG_SECONDS = 600;

function lapChole(): Protocol {
  const file = join(ROOT, 'procedures/lap-chole-cvs.yaml');
  const result = loadProtocol(readFileSync(file, 'utf8'), file);
  if (!result.ok) throw new Error(`cannot load ${file}`);
  return result.protocol;
}

/** A 10-minute lap-chole attempt: the expert's key actions spread over 600 s, with filler at 10 Hz. */
function tenMinuteLog(): Action[] {
  const expert = parseActionLog(readFileSync(join(ROOT, 'tests/fixtures/actions/lap-chole-cvs/expert.jsonl'), 'utf8')).actions;
  const last = expert[expert.length - 1]!.t;
  const keyed = expert.map((a) => ({ ...a, t: (a.t / last) * (LOG_SECONDS - 1) }));
  const log: Action[] = [];
  let k = 0;
  for (let i = 0; i < LOG_SECONDS * RATE_HZ; i++) {
    const t = i / RATE_HZ;
    while (k < keyed.length && keyed[k]!.t <= t) log.push(keyed[k++]!);
    log.push(
      i % 3 === 0
        ? { t, type: 'contact', hand: 'right', instrument: 'maryland-dissector', structure: 'hepatocystic-triangle', force: 1.2 }
        : i % 3 === 1
          ? { t, type: 'dissect', hand: 'right', instrument: 'maryland-dissector', structure: 'hepatocystic-triangle', fraction: 0.5 }
          : { t, type: 'idle' },
    );
  }
  return log;
}

const protocol = lapChole();
const log = tenMinuteLog();
const logText = log.map((a) => JSON.stringify(a)).join('\n');

export const suite: Suite = {
  benchmarks: [
    {
      name: 'engine.apply-6000-actions',
      unit: `${log.length} applyAction calls`,
      setup: () => () => {
        let { state } = startAttempt(protocol, { mode: 'assess' });
        for (const action of log) state = applyAction(protocol, state, action).state;
      },
      samples: 40,
      warmup: 5,
    },
    {
      name: 'engine.grade-10min-log',
      unit: 'parse JSONL + run + report',
      setup: () => () => {
        const parsed = parseActionLog(logText);
        buildReport(protocol, runAttempt(protocol, parsed.actions, { mode: 'assess' }).state);
      },
      samples: 40,
      warmup: 5,
    },
    {
      name: 'engine.load-protocol',
      unit: 'parse + validate lap-chole-cvs.yaml',
      setup: () => {
        const text = readFileSync(join(ROOT, 'procedures/lap-chole-cvs.yaml'), 'utf8');
        return () => {
          loadProtocol(text, 'lap-chole-cvs.yaml');
        };
      },
      samples: 100,
      warmup: 10,
    },
  ],
  derived: [
    {
      name: 'engine.throughput',
      compute: (results) => {
        const ms = results['engine.apply-6000-actions']?.median_ms;
        return ms ? { actions_per_sec: Math.round(log.length / (ms / 1000)), actions: log.length } : {};
      },
    },
    {
      name: 'engine.grade-10min-log.speed',
      compute: (results) => {
        const ms = results['engine.grade-10min-log']?.median_ms;
        return ms ? { times_realtime: round(LOG_SECONDS / (ms / 1000), 1) } : {};
      },
    },
  ],
};
