/**
 * The instructor's desk, as services for the screens: reviews (confirm, override, declare invalid) and
 * annotations of stored attempts, the amending xAPI statements queued through the outbox, and the class
 * loaded from a source (this device's attempts today; a bundle or a folder of `.scrub` files later).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { type Annotation, type AttemptReview, type Verdict, annotationProblems, effectiveReport, emptyReview, verdictProblems } from '../core/scoring/index.ts';
import { reviewStatements, reviewerAgent } from '../core/xapi/index.ts';
import type { ClassLearner } from '../core/progress/index.ts';
import { type Profile, type StoredAttempt, progressRecord } from './storage/attempts.ts';
import { attemptStore, flushOutbox, learnerStore, outbox, refreshAttempts } from './learner.ts';
import { findProcedure } from './protocol-catalog.ts';
import { scoreRange } from './record-attempt.ts';
import { newUuid } from './ids.ts';
import type { Protocol } from '../core/procedure/index.ts';

/** Why a review or an annotation was not kept: the problems, in the words shown to the instructor. */
export class ReviewError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join(' '));
    this.name = 'ReviewError';
  }
}

/** The instructor's name, remembered for this tab (reviews and notes are signed with it). */
export const deskStore = createStore<{ reviewer: string }>()(() => ({ reviewer: '' }));

export function useDesk<T>(selector: (s: { reviewer: string }) => T): T {
  return useStore(deskStore, selector);
}

export function setReviewer(name: string): void {
  deskStore.setState({ reviewer: name });
}

export function rangeOf(attempt: StoredAttempt, protocol: Protocol | null): { min: number; max: number } {
  return protocol ? scoreRange(protocol, attempt.variant) : { min: 0, max: 100 };
}

/**
 * Keeps a verdict beside the attempt's automatic report (the earlier verdicts too), then queues the statement
 * that amends the attempt's automatic verdict (or the voiding statements of an invalid attempt) in the outbox.
 */
export async function saveVerdict(attempt: StoredAttempt, verdict: Verdict): Promise<AttemptReview> {
  const protocol = findProcedure(attempt.procedure) ?? null;
  const problems = verdictProblems(verdict, attempt.report, rangeOf(attempt, protocol));
  if (problems.length > 0) throw new ReviewError(problems);
  const before = (await attemptStore.review(attempt.id)) ?? emptyReview(attempt.id);
  const review: AttemptReview = { ...before, verdicts: [...before.verdicts, verdict] };
  const profile = await attemptStore.profile(attempt.profileId);
  const statements = reviewStatements({
    report: attempt.report,
    effective: effectiveReport(attempt.report, review),
    review,
    learner: learnerAgent(profile, attempt.profileId),
    reviewer: reviewerAgent(verdict.reviewer, location.origin),
    attemptId: attempt.id,
    activityId: `https://scrub.dev/activities/procedures/${attempt.procedure}`,
    activityName: protocol?.title ?? attempt.procedure,
    scoreRange: rangeOf(attempt, protocol),
    sent: attempt.xapi ?? null,
    newId: newUuid,
  });
  await attemptStore.saveReview(review);
  // Queued after the review is kept, so a record never tells the LRS of a review the device lost.
  await outbox.enqueue(statements);
  await afterChange(attempt);
  void flushOutbox();
  return review;
}

export async function addAnnotation(attempt: StoredAttempt, note: Omit<Annotation, 'id' | 'atMs'>): Promise<AttemptReview> {
  const annotation: Annotation = { ...note, id: newUuid(), atMs: Date.now() };
  const problems = annotationProblems(annotation, attempt.report.metrics.durationSec);
  if (!annotation.author.trim()) problems.unshift('Name the reviewer.');
  if (problems.length > 0) throw new ReviewError(problems);
  const before = (await attemptStore.review(attempt.id)) ?? emptyReview(attempt.id);
  const review: AttemptReview = { ...before, annotations: [...before.annotations, annotation].sort((a, b) => a.t - b.t) };
  await attemptStore.saveReview(review);
  await afterChange(attempt);
  return review;
}

/** A note pinned in the replay viewer to a point of the scene, on a stored attempt known by its id. */
export async function pinNote(attemptId: string, note: Omit<Annotation, 'id' | 'atMs'>): Promise<AttemptReview> {
  const attempt = await attemptStore.attempt(attemptId);
  if (!attempt) throw new ReviewError(['This attempt is no longer on this device.']);
  return addAnnotation(attempt, note);
}

export async function removeAnnotation(attempt: StoredAttempt, id: string): Promise<AttemptReview> {
  const before = (await attemptStore.review(attempt.id)) ?? emptyReview(attempt.id);
  const review: AttemptReview = { ...before, annotations: before.annotations.filter((a) => a.id !== id) };
  await attemptStore.saveReview(review);
  await afterChange(attempt);
  return review;
}

async function afterChange(attempt: StoredAttempt): Promise<void> {
  if (learnerStore.getState().profile?.id === attempt.profileId) await refreshAttempts(attempt.profileId);
}

function learnerAgent(profile: Profile | null, profileId: string) {
  return { objectType: 'Agent' as const, ...(profile ? { name: profile.name } : {}), account: { homePage: location.origin, name: profileId } };
}

/** An attempt as the class view lists it: who, the stored attempt, its review. */
export interface ClassAttempt {
  learner: { id: string; name: string };
  attempt: StoredAttempt;
  review: AttemptReview | null;
}

/**
 * Where a class comes from. `deviceClass` reads this device's attempts; a loader of a bundle or a folder of
 * `.scrub` files fits behind the same call, giving each attempt with its learner and review.
 */
export interface ClassSource {
  label: string;
  load(): Promise<ClassAttempt[]>;
}

export const deviceClass: ClassSource = {
  label: 'Attempts on this device',
  async load() {
    const [attempts, profiles, reviews] = await Promise.all([attemptStore.allAttempts(), attemptStore.profiles(), attemptStore.reviews()]);
    const names = new Map(profiles.map((p) => [p.id, p.name]));
    // An attempt imported from a file is the learner's named in it (the profile it was imported to may be the instructor's).
    return attempts.map((attempt) => ({
      learner: attempt.imported?.learner
        ? { id: `imported:${attempt.imported.learner}`, name: attempt.imported.learner }
        : { id: attempt.profileId, name: names.get(attempt.profileId) ?? 'Unknown learner' },
      attempt,
      review: reviews.get(attempt.id) ?? null,
    }));
  },
};

/** The class as progress counts it: per learner, the attempts as reviewed (invalid ones left out), names in order. */
export function classLearners(rows: readonly ClassAttempt[]): ClassLearner[] {
  const byId = new Map<string, { id: string; name: string; history: ReturnType<typeof progressRecord>[] }>();
  for (const r of rows) {
    const entry = byId.get(r.learner.id) ?? { id: r.learner.id, name: r.learner.name, history: [] };
    entry.history.push(progressRecord(r.attempt, r.review));
    byId.set(r.learner.id, entry);
  }
  return [...byId.values()]
    .map((l) => ({ id: l.id, name: l.name, history: l.history.filter((h) => h !== null) }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
