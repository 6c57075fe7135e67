/**
 * Writes the expert keyframe scripts (assets/experts/*.json), re-runnable: `npx tsx scripts/experts.ts`.
 * Each is planned closed-loop against the simulation (scripts/experts-planner.ts) and stored as data.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyframeScript } from '../src/core/recording/keyframes.ts';
import { cameraNavigationExpert } from './experts-camera.ts';
import { excisionExpert, excisionMarginTooSmall } from './experts-excision.ts';
import { flsDropOutOfView, flsExpert } from './experts-fls.ts';
import { lapCholeArteryUnclipped, lapCholeBurnNearDuct, lapCholeClipBileDuct, lapCholeCutUnclipped, lapCholeExpert } from './experts-lap-chole.ts';
import { sutureExpert } from './experts-suture.ts';

const OUT = join(import.meta.dirname, '../assets/experts');

const SCRIPTS: Record<string, () => KeyframeScript> = {
  'fls-peg-transfer': flsExpert,
  'fls-peg-transfer.drop-out-of-view': flsDropOutOfView,
  'lap-chole-cvs': lapCholeExpert,
  'lap-chole-cvs.cut-unclipped': lapCholeCutUnclipped,
  'lap-chole-cvs.artery-unclipped': lapCholeArteryUnclipped,
  'lap-chole-cvs.clip-bile-duct': lapCholeClipBileDuct,
  'lap-chole-cvs.burn-near-duct': lapCholeBurnNearDuct,
  'interrupted-suture': sutureExpert,
  'elliptical-excision': excisionExpert,
  'elliptical-excision.margin-too-small': excisionMarginTooSmall,
  'lap-camera-navigation': cameraNavigationExpert,
};

const only = process.argv.slice(2);
mkdirSync(OUT, { recursive: true });
for (const [name, make] of Object.entries(SCRIPTS)) {
  if (only.length > 0 && !only.some((o) => name.startsWith(o))) continue;
  const script = make();
  writeFileSync(join(OUT, `${name}.json`), `${JSON.stringify(script, null, 1)}\n`);
  console.log(`${name}: ${script.hands.left.length + script.hands.right.length + (script.scope?.length ?? 0)} keyframes`);
}
