/**
 * The checks the test LRS applies: xAPI 1.0.3 statement rules (the subset that matters to Scrub) and
 * the cmi5 ordering rules per registration and session. Returns the problems; empty means valid.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:\/\/[^\s]+$/i;
const DURATION = /^P(?!$)(\d+(\.\d+)?Y)?(\d+(\.\d+)?M)?(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const SESSION_ID = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';
const V = 'http://adlnet.gov/expapi/verbs/';
const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';
const DEFINED = ['initialized', 'completed', 'passed', 'failed', 'terminated'].map((v) => V + v);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : null);

export function statementProblems(s: unknown): string[] {
  const p: string[] = [];
  const st = obj(s);
  if (!st) return ['a statement must be an object'];
  if (typeof st.id !== 'string' || !UUID.test(st.id)) p.push(`id must be a UUID: ${String(st.id)}`);
  const actor = obj(st.actor);
  if (!actor) p.push('actor is required');
  else {
    const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => actor[k] !== undefined);
    if (ifis.length !== 1) p.push('an Agent has exactly one identifier (mbox, mbox_sha1sum, openid or account)');
    const account = obj(actor.account);
    if (actor.account !== undefined && (!account || typeof account.name !== 'string' || typeof account.homePage !== 'string' || !IRI.test(account.homePage))) {
      p.push('actor.account needs homePage (IRL) and name');
    }
    if (actor.mbox !== undefined && !/^mailto:/.test(String(actor.mbox))) p.push('actor.mbox must be a mailto IRI');
  }
  const verb = obj(st.verb);
  if (!verb || typeof verb.id !== 'string' || !IRI.test(verb.id)) p.push('verb.id must be an IRI');
  const object = obj(st.object);
  if (object?.objectType === 'StatementRef') {
    if (typeof object.id !== 'string' || !UUID.test(object.id)) p.push('a StatementRef object needs a statement id (UUID)');
  } else if (!object || typeof object.id !== 'string' || !IRI.test(object.id)) p.push('object.id must be an IRI');
  if (verb?.id === VOIDED && object?.objectType !== 'StatementRef') p.push('a voiding statement’s object must be a StatementRef');
  if (st.timestamp !== undefined && (typeof st.timestamp !== 'string' || !TIMESTAMP.test(st.timestamp)))
    p.push(`timestamp must be ISO 8601: ${String(st.timestamp)}`);
  const context = obj(st.context);
  if (context?.registration !== undefined && (typeof context.registration !== 'string' || !UUID.test(context.registration)))
    p.push('context.registration must be a UUID');
  if (context?.statement !== undefined) {
    const ref = obj(context.statement);
    if (ref?.objectType !== 'StatementRef' || typeof ref.id !== 'string' || !UUID.test(ref.id)) p.push('context.statement must be a StatementRef (UUID id)');
  }
  if (context?.instructor !== undefined) {
    const instructor = obj(context.instructor);
    const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => instructor?.[k] !== undefined);
    if (ifis.length !== 1) p.push('context.instructor has exactly one identifier');
  }
  const result = obj(st.result);
  if (result) {
    if (result.duration !== undefined && (typeof result.duration !== 'string' || !DURATION.test(result.duration)))
      p.push(`result.duration must be an ISO 8601 duration: ${String(result.duration)}`);
    const score = obj(result.score);
    if (score) {
      if (score.scaled !== undefined && !(typeof score.scaled === 'number' && score.scaled >= -1 && score.scaled <= 1))
        p.push('result.score.scaled must be in [-1, 1]');
      const { raw, min, max } = score as { raw?: number; min?: number; max?: number };
      if (min !== undefined && max !== undefined && !(min < max)) p.push('result.score.min must be below max');
      if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max))) p.push('result.score.raw must be within [min, max]');
    }
    for (const ext of [result.extensions, context?.extensions]) {
      for (const key of Object.keys(obj(ext) ?? {})) if (!IRI.test(key)) p.push(`extension key must be an IRI: ${key}`);
    }
  }
  return p;
}

/** Whether the statement is cmi5 "defined" (carries the cmi5 category). */
export function isCmi5Defined(s: Json): boolean {
  const category = obj(obj(s.context)?.contextActivities)?.category;
  return Array.isArray(category) && category.some((c) => obj(c)?.id === CMI5_CATEGORY);
}

/** Tracks cmi5 sessions and registrations; `check` before `accept`, in the order statements arrive. */
export class Cmi5Tracker {
  private readonly sessions = new Map<string, { verbs: string[]; terminated: boolean }>();
  private readonly registrations = new Map<string, { completed: number; passed: number }>();

  constructor(private readonly masteryScore?: number) {}

  /** A copy to try a batch on: kept if the whole batch is valid, dropped if not. */
  clone(): Cmi5Tracker {
    const copy = new Cmi5Tracker(this.masteryScore);
    for (const [k, v] of this.sessions) copy.sessions.set(k, { verbs: [...v.verbs], terminated: v.terminated });
    for (const [k, v] of this.registrations) copy.registrations.set(k, { ...v });
    return copy;
  }

  check(statement: unknown): string[] {
    const s = obj(statement);
    const context = obj(s?.context);
    const registration = context?.registration;
    if (!s || typeof registration !== 'string') return [];
    const sessionId = obj(context?.extensions)?.[SESSION_ID];
    const verb = String(obj(s.verb)?.id);
    const p: string[] = [];
    const session = typeof sessionId === 'string' ? this.sessions.get(sessionId) : undefined;
    const defined = isCmi5Defined(s);
    if (typeof sessionId !== 'string') {
      if (defined) p.push('cmi5: a defined statement needs the sessionid extension');
      return p;
    }
    if (session?.terminated) p.push('cmi5: terminated must be the last statement of a session');
    if (!defined) {
      if (!session) p.push('cmi5: initialized must be the first statement of a session');
      return p;
    }
    if (!DEFINED.includes(verb)) p.push(`cmi5: ${verb} is not a cmi5-defined verb`);
    const name = verb.slice(V.length);
    const result = obj(s.result);
    if (name === 'initialized' && session) p.push('cmi5: initialized twice in a session');
    if (name !== 'initialized' && !session) p.push(`cmi5: ${name} before initialized`);
    if (session?.verbs.includes(verb)) p.push(`cmi5: ${name} twice in a session`);
    if ((name === 'passed' || name === 'failed') && session?.verbs.some((v) => v === `${V}passed` || v === `${V}failed`))
      p.push('cmi5: at most one of passed/failed per session');
    const reg = this.registrations.get(registration) ?? { completed: 0, passed: 0 };
    if (name === 'completed' && reg.completed > 0) p.push('cmi5: one completed per registration');
    if (name === 'passed' && reg.passed > 0) p.push('cmi5: one passed per registration');
    if (name === 'failed' && reg.passed > 0) p.push('cmi5: failed after passed');
    if (['completed', 'passed', 'failed', 'terminated'].includes(name) && typeof result?.duration !== 'string') p.push(`cmi5: ${name} needs result.duration`);
    const score = obj(result?.score);
    if (score && name !== 'passed' && name !== 'failed') p.push(`cmi5: only passed and failed may carry a score (${name})`);
    const scaled = score?.scaled;
    if (typeof scaled === 'number' && (scaled < 0 || scaled > 1)) p.push('cmi5: scaled score must be in [0, 1]');
    if (this.masteryScore !== undefined && typeof scaled === 'number') {
      if (name === 'passed' && scaled < this.masteryScore) p.push('cmi5: passed with a scaled score below masteryScore');
      if (name === 'failed' && scaled >= this.masteryScore) p.push('cmi5: failed with a scaled score at or above masteryScore');
    }
    if (name === 'passed' && result?.success !== true) p.push('cmi5: passed needs result.success true');
    if (name === 'failed' && result?.success !== false) p.push('cmi5: failed needs result.success false');
    if (name === 'completed' && result?.completion !== true) p.push('cmi5: completed needs result.completion true');
    return p;
  }

  accept(statement: unknown): void {
    const s = obj(statement);
    const context = obj(s?.context);
    const registration = context?.registration;
    const sessionId = obj(context?.extensions)?.[SESSION_ID];
    if (!s || typeof registration !== 'string' || typeof sessionId !== 'string' || !isCmi5Defined(s)) return;
    const verb = String(obj(s.verb)?.id);
    const session = this.sessions.get(sessionId) ?? { verbs: [], terminated: false };
    session.verbs.push(verb);
    if (verb === `${V}terminated`) session.terminated = true;
    this.sessions.set(sessionId, session);
    const reg = this.registrations.get(registration) ?? { completed: 0, passed: 0 };
    if (verb === `${V}completed`) reg.completed++;
    if (verb === `${V}passed`) reg.passed++;
    this.registrations.set(registration, reg);
  }
}
