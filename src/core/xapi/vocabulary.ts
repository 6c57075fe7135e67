/** The IRIs Scrub's statements use: cmi5's verbs and categories, and the project's own extensions. */

export const VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  failed: 'http://adlnet.gov/expapi/verbs/failed',
  terminated: 'http://adlnet.gov/expapi/verbs/terminated',
  /** cmi5 "allowed" statements about steps: the step was attempted; result.completion says if it was done. */
  attempted: 'http://adlnet.gov/expapi/verbs/attempted',
  /** No ADL verb says "made an error": the project's own. */
  erred: 'https://scrub.dev/xapi/verbs/made-error',
  /** xAPI's own: the object (a StatementRef) is void, as if it had never been sent. */
  voided: 'http://adlnet.gov/expapi/verbs/voided',
} as const;

export type VerbName = keyof typeof VERBS;

/** The cmi5-defined verbs: the ones the cmi5 ordering rules govern. */
export const CMI5_DEFINED_VERBS: readonly string[] = [VERBS.initialized, VERBS.completed, VERBS.passed, VERBS.failed, VERBS.terminated];

export const CMI5 = {
  category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
  moveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
  sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid',
  masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
} as const;

export const ACTIVITY_TYPES = {
  procedure: 'http://adlnet.gov/expapi/activities/simulation',
  step: 'https://scrub.dev/xapi/activity-types/procedure-step',
  error: 'https://scrub.dev/xapi/activity-types/procedure-error',
} as const;

export const EXTENSION_BASE = 'https://scrub.dev/xapi/extensions/';

export const EXTENSIONS = {
  procedureVersion: `${EXTENSION_BASE}procedure-version`,
  variant: `${EXTENSION_BASE}variant`,
  mode: `${EXTENSION_BASE}mode`,
  /** true: performed mirrored (a left-handed learner); the metrics' hands are the simulation's (docs/xapi.md). */
  mirrored: `${EXTENSION_BASE}mirrored`,
  outcome: `${EXTENSION_BASE}outcome`,
  severity: `${EXTENSION_BASE}severity`,
  step: `${EXTENSION_BASE}step`,
  /** Seconds from the attempt's start. */
  time: `${EXTENSION_BASE}time-s`,
  errorCount: `${EXTENSION_BASE}error-count`,
  /** The instructor's review (docs/instructor.md): decision, reason, and the automatic result it amends. */
  reviewDecision: `${EXTENSION_BASE}review/decision`,
  reviewReason: `${EXTENSION_BASE}review/reason`,
  reviewFindings: `${EXTENSION_BASE}review/findings`,
  automaticOutcome: `${EXTENSION_BASE}review/automatic-outcome`,
  automaticScore: `${EXTENSION_BASE}review/automatic-score`,
  automaticPassed: `${EXTENSION_BASE}review/automatic-passed`,
  attemptId: `${EXTENSION_BASE}attempt-id`,
} as const;

/** IRI of a metric: nested keys become path segments, underscores hyphens (hands.right.path_length_m → …/metrics/hands/right/path-length-m). */
export function metricIri(path: readonly string[]): string {
  return `${EXTENSION_BASE}metrics/${path.map((p) => encodeURIComponent(p.replace(/_/g, '-'))).join('/')}`;
}
