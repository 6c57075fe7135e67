/**
 * A mirrored (left-handed) attempt names each hand as the learner used it wherever a person reads it; what is
 * stored (report, xAPI metrics) stays canonical, with the mirroring said beside it (docs/accessibility.md).
 */
import { createElement } from 'react';
import { i18n } from '../../../src/app/i18n.ts';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { ReplaySession } from '../../../src/app/replay-session.ts';
import { learnersHand, learnersHandWords } from '../../../src/core/kernel/mirror.ts';
import { describeSpecifics, learnersErrorMessage } from '../../../src/core/procedure/index.ts';
import { Replayer } from '../../../src/core/recording/replayer.ts';
import { readScrub } from '../../../src/core/recording/scrub-file.ts';
import type { Report } from '../../../src/core/scoring/index.ts';
import { EXTENSIONS } from '../../../src/core/xapi/index.ts';
import { pathsNote } from '../../../src/screens/debrief/paths-note.ts';
import { ErrorList } from '../../../src/screens/debrief/ErrorList.tsx';
import { protocol } from '../../support/experts.ts';
import { recordScript } from '../../support/recordings.ts';
import { statementsOf } from '../xapi/fixtures.ts';

const FLS = protocol('fls-peg-transfer');

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('the learner’s hand', () => {
  it('is the other one only where the attempt was performed mirrored', () => {
    expect([learnersHand('left', true), learnersHand('right', true), learnersHand('left', false), learnersHand('right', false)]).toEqual([
      'right',
      'left',
      'left',
      'right',
    ]);
  });

  it('swaps the hand word of a name that says which hand, in English and Spanish, and nothing else', () => {
    expect(learnersHandWords('Laparoscopic grasper (left)', true)).toBe('Laparoscopic grasper (right)');
    expect(learnersHandWords('Pinza laparoscópica (derecha)', true)).toBe('Pinza laparoscópica (izquierda)');
    expect(learnersHandWords('grasper left', true)).toBe('grasper right');
    expect(learnersHandWords('Laparoscopic grasper (left)', false)).toBe('Laparoscopic grasper (left)');
    for (const other of ['right hepatic artery', 'Right-angle dissector', 'leftover tissue', 'Atraumatic grasper']) {
      expect(learnersHandWords(other, true)).toBe(other);
    }
  });

  it('names a hand and a handed instrument in an error’s specifics as the learner used them', () => {
    expect(describeSpecifics({ about: { object: 'o3', hand: 'left' } })).toBe('o3, left hand');
    expect(describeSpecifics({ about: { object: 'o3', hand: 'left' } }, { mirrored: true })).toBe('o3, right hand');
    expect(describeSpecifics({ about: { peg: '4', instrument: 'grasper-right' } }, { mirrored: true })).toBe('peg 4, with the grasper left');
    expect(describeSpecifics({ about: { structure: 'right-hepatic-artery' } }, { mirrored: true })).toBe('right hepatic artery');
  });
});

describe('an error’s message', () => {
  const { attempt } = recordScript('fls-peg-transfer.drop-out-of-view');
  const report = attempt.report();

  it('unmirrored, is the recorded one (made again from its rule, it is the same)', () => {
    expect(report.errors.length).toBeGreaterThan(0);
    for (const e of report.errors) {
      expect(learnersErrorMessage(e, FLS.errors, false)).toBe(e.message);
      expect(learnersErrorMessage({ ...e, about: { ...e.about, hand: 'right' } }, FLS.errors, false)).toBe(e.message);
    }
  });

  it('mirrored, names the learner’s hand; the report keeps the canonical message', () => {
    const e = { ...report.errors[0]!, about: { object: 'o3', hand: 'right' } };
    expect(learnersErrorMessage(e, FLS.errors, true)).toContain('o3, left hand');
    expect(e.message).not.toContain('left hand');
  });

  it('in the debrief’s list', () => {
    const handed: Report = { ...report, errors: report.errors.map((e) => ({ ...e, about: { object: 'o3', hand: 'right' } })) };
    const render = (mirrored: boolean) => renderToStaticMarkup(createElement(ErrorList, { report: handed, protocol: FLS, mirrored }));
    expect(render(false)).toContain('o3, right hand');
    expect(render(true)).toContain('o3, left hand');
    expect(render(true)).not.toContain('right hand');
  });
});

describe('the debrief’s tip paths', () => {
  it('say which colour is which of the learner’s hands (a mirrored learner’s left hand drove the orange one)', async () => {
    expect(pathsNote(i18n.t, false, false)).toContain('(left hand sky blue, right hand orange)');
    expect(pathsNote(i18n.t, true, true)).toContain('(right hand sky blue, left hand orange), and the expert’s (left green, right pink)');
    await i18n.changeLanguage('es');
    expect(pathsNote(i18n.t, false, true)).toContain('(mano derecha azul cielo, mano izquierda naranja)');
  });
});

describe('the replay viewer', () => {
  const mirroredOf = (name: string, handedness: 'left' | 'right') => {
    const { bytes } = recordScript(name, { ticks: 120, info: { handedness } });
    return new ReplaySession(Replayer.of(readScrub(bytes), protocol(name)), { kind: 'script', name }).mirrored;
  };

  it('knows a mirrored attempt from its recording’s handedness and the protocol (lap-chole does not mirror)', () => {
    expect(mirroredOf('fls-peg-transfer', 'left')).toBe(true);
    expect(mirroredOf('fls-peg-transfer', 'right')).toBe(false);
    expect(mirroredOf('lap-chole-cvs', 'left')).toBe(false);
  }, 60_000);
});

describe('the learning records', () => {
  it('stay canonical and say beside them, on every statement, that the attempt was performed mirrored', () => {
    const mirrored = statementsOf({ mirrored: true });
    expect(mirrored.every((s) => s.context?.extensions?.[EXTENSIONS.mirrored] === true)).toBe(true);
    expect(statementsOf().some((s) => s.context?.extensions?.[EXTENSIONS.mirrored] !== undefined)).toBe(false);
    const metrics = (list: typeof mirrored) => list.map((s) => s.result?.extensions ?? null);
    expect(metrics(mirrored)).toEqual(metrics(statementsOf()));
  });
});
