/**
 * The learner on this device: profiles, the stored attempts, the LRS settings and the xAPI outbox. Holds
 * only UI state in its zustand store (the chosen profile, the outbox's pending count); the data is in
 * IndexedDB (src/app/storage).
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { AttemptStore, type Profile, type StoredAttempt, progressRecord } from './storage/attempts.ts';
import { HUD_TEXT_SIZES, type HudTextSize, SettingsStore } from './storage/settings.ts';
import { DexieAttemptJournal, type PendingAttempt } from './storage/journal.ts';
import type { LrsConfig } from './storage/lrs-client.ts';
import { type FlushResult, type FlushState, createBrowserOutbox, startAutoFlush } from './storage/xapi-outbox.ts';
import type { Hand } from '../core/kernel/input.ts';
import { POSTURES, type Posture } from '../xr/working-height.ts';
import type { AttemptRecord } from '../core/progress/index.ts';
import type { AttemptReview } from '../core/scoring/index.ts';
import { newUuid } from './ids.ts';
import { DEFAULT_KEYMAP, type Keymap, mendKeymap } from '../input/keymap.ts';

export interface LearnerState {
  ready: boolean;
  profiles: Profile[];
  profile: Profile | null;
  /** The learner's attempts, oldest first (reports only), for the home screen and the dashboard. */
  attempts: StoredAttempt[];
  /** Instructors' reviews of those attempts, by attempt id: progress counts the reviewed result. */
  reviews: Map<string, AttemptReview>;
  lrsConfigured: boolean;
  outbox: { state: FlushState; pending: number };
  /** The desktop keys (remappable in the session's controls list). */
  keymap: Keymap;
  /** Attempts interrupted (a crash, a closed tab) whose journal is still on the device: offered for recovery. */
  interrupted: PendingAttempt[];
  /**
   * Whether the browser keeps this site's data under storage pressure: `persisted` granted, `refused` asked
   * and refused (the home screen and the settings say so), `unknown` not asked yet or not supported.
   */
  storage: 'persisted' | 'refused' | 'unknown';
  /** The headset HUD's text size, kept with this device's settings. */
  hudTextSize: HudTextSize;
  /** The learner's dominant hand, kept with this device's settings; recorded in each attempt's `.scrub` header. */
  handedness: Hand;
  /** One-handed (device settings): an assistant takes the non-dominant hand where the protocol allows it; recorded in the `.scrub` header. */
  oneHanded: boolean;
  /** Seated or standing in VR (device settings): the table's working height (src/xr/working-height.ts). */
  vrPosture: Posture;
}

export const learnerStore = createStore<LearnerState>()(() => ({
  ready: false,
  profiles: [],
  profile: null,
  attempts: [],
  reviews: new Map(),
  lrsConfigured: false,
  outbox: { state: 'idle', pending: 0 },
  keymap: DEFAULT_KEYMAP,
  interrupted: [],
  storage: 'unknown',
  hudTextSize: 'medium',
  handedness: 'right',
  oneHanded: false,
  vrPosture: 'auto',
}));

export function useLearner<T>(selector: (state: LearnerState) => T): T {
  return useStore(learnerStore, selector);
}

export const attemptStore = new AttemptStore();
/** The running attempt's journal, in the same database as the attempts. */
export const journal = new DexieAttemptJournal(attemptStore.db);
const settings = new SettingsStore();
/** Read synchronously by the outbox at each flush; loaded from the settings at start. */
let lrs: LrsConfig | null = null;
export const outbox = createBrowserOutbox(() => lrs);

/** At app start: profiles, the last chosen one, the LRS settings, then the outbox's automatic sending. */
export async function startLearner(): Promise<() => void> {
  lrs = await settings.get('lrs');
  const profiles = await attemptStore.profiles();
  const lastId = await settings.get('profileId');
  const profile = profiles.find((p) => p.id === lastId) ?? profiles[0] ?? null;
  const keymap = mendKeymap(await settings.get('keymap'));
  const hudTextSize = await settings.get('hudTextSize');
  const handedness = await settings.get('handedness');
  const oneHanded = await settings.get('oneHanded');
  const vrPosture = await settings.get('vrPosture');
  const interrupted = await journal.pending().catch(() => []);
  const persisted = (await navigator.storage?.persisted?.().catch(() => false)) ?? false;
  const asked = (await settings.get('persistAskedAtMs')) !== null;
  learnerStore.setState({
    interrupted,
    storage: persisted ? 'persisted' : asked ? 'refused' : 'unknown',
    keymap,
    hudTextSize: hudTextSize && HUD_TEXT_SIZES.includes(hudTextSize) ? hudTextSize : 'medium',
    handedness: handedness === 'left' ? 'left' : 'right',
    oneHanded: oneHanded === true,
    vrPosture: vrPosture && POSTURES.includes(vrPosture) ? vrPosture : 'auto',
    ready: true,
    profiles,
    profile,
    lrsConfigured: lrs !== null,
    ...(await attemptsAndReviews(profile?.id ?? null)),
  });
  return startAutoFlush(outbox, { onResult: showFlush });
}

/**
 * Asks the browser once (at the first attempt) to keep this site's data under storage pressure. Chromium
 * answers by its own measure of the site's use, Firefox may ask the person; a refusal is shown, calmly.
 */
export async function requestPersistentStorage(): Promise<void> {
  if (learnerStore.getState().storage === 'persisted' || !navigator.storage?.persist) return;
  if ((await settings.get('persistAskedAtMs')) !== null) return;
  const granted = await navigator.storage.persist().catch(() => false);
  await settings.set('persistAskedAtMs', Date.now()).catch(() => undefined);
  learnerStore.setState({ storage: granted ? 'persisted' : 'refused' });
}

/** Reads the interrupted attempts again (after one was recovered, kept or discarded). */
export async function refreshInterrupted(): Promise<void> {
  learnerStore.setState({ interrupted: await journal.pending().catch(() => []) });
}

function showFlush(r: FlushResult): void {
  learnerStore.setState({ outbox: { state: r.state, pending: r.pending } });
}

/** Sends what is queued now (also what the automatic sending does every 30 s and when back online). */
export async function flushOutbox(): Promise<void> {
  showFlush(await outbox.flush());
}

export async function setKeymap(keymap: Keymap): Promise<void> {
  learnerStore.setState({ keymap });
  await settings.set('keymap', keymap);
}

export async function setHudTextSize(size: HudTextSize): Promise<void> {
  learnerStore.setState({ hudTextSize: size });
  await settings.set('hudTextSize', size);
}

export async function setHandedness(hand: Hand): Promise<void> {
  learnerStore.setState({ handedness: hand });
  await settings.set('handedness', hand);
}

export async function setOneHanded(oneHanded: boolean): Promise<void> {
  learnerStore.setState({ oneHanded });
  await settings.set('oneHanded', oneHanded);
}

export async function setVrPosture(posture: Posture): Promise<void> {
  learnerStore.setState({ vrPosture: posture });
  await settings.set('vrPosture', posture);
}

export async function chooseProfile(id: string): Promise<void> {
  const profile = learnerStore.getState().profiles.find((p) => p.id === id) ?? null;
  if (!profile) return;
  await settings.set('profileId', id);
  learnerStore.setState({ profile, ...(await attemptsAndReviews(id)) });
}

export async function createProfile(name: string): Promise<Profile> {
  const profile = await attemptStore.createProfile(name, newUuid(), Date.now());
  learnerStore.setState({ profiles: await attemptStore.profiles() });
  await chooseProfile(profile.id);
  return profile;
}

/** The chosen profile; a "Guest" one is made the first time an attempt needs one. */
export async function currentProfile(): Promise<Profile> {
  return learnerStore.getState().profile ?? (await createProfile('Guest'));
}

export function lrsSettings(): LrsConfig | null {
  return lrs;
}

export async function saveLrsSettings(config: LrsConfig | null): Promise<void> {
  await settings.set('lrs', config);
  lrs = config;
  learnerStore.setState({ lrsConfigured: config !== null });
  await flushOutbox();
}

/**
 * Forgets the LRS: endpoint, username and password are deleted from this browser's settings database.
 * Queued learning records stay queued (they hold no credentials) until an LRS is set again.
 */
export function clearLrsSettings(): Promise<void> {
  return saveLrsSettings(null);
}

/** Called once an attempt is stored: the dashboard and recommendations read the new list. */
export async function refreshAttempts(profileId: string): Promise<void> {
  if (learnerStore.getState().profile?.id === profileId) learnerStore.setState(await attemptsAndReviews(profileId));
}

async function attemptsAndReviews(profileId: string | null): Promise<Pick<LearnerState, 'attempts' | 'reviews'>> {
  if (profileId === null) return { attempts: [], reviews: new Map() };
  const attempts = await attemptStore.attemptsOf(profileId);
  const reviews = await attemptStore.reviews(attempts.map((a) => a.id)).catch(() => new Map<string, AttemptReview>());
  return { attempts, reviews };
}

/** The attempts as progress counts them: as reviewed (an attempt declared invalid is left out). */
export function progressHistory(
  attempts: readonly StoredAttempt[],
  reviews: ReadonlyMap<string, AttemptReview> = learnerStore.getState().reviews,
): AttemptRecord[] {
  return attempts.flatMap((a) => progressRecord(a, reviews.get(a.id)) ?? []);
}
