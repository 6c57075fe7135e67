/** The debrief's error list: each mistake with its specifics, repeats and what to do instead; old reports still read. */
import { createElement } from 'react';
// The app's translation layer, as main.tsx loads it (English unless a test switches).
import '../../../src/app/i18n.ts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/core/scoring/index.ts';
import { ErrorList } from '../../../src/screens/debrief/ErrorList.tsx';
import { actions, grade, protocol } from '../procedure/helpers.ts';

const suture = protocol('interrupted-suture');
const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&#x27;': "'", '&quot;': '"' };
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[#\w]+;/g, (e) => ENTITIES[e] ?? e)
    .replace(/\s+/g, ' ')
    .trim();
const render = (report: Report) => text(renderToStaticMarkup(createElement(ErrorList, { report, protocol: suture })));

describe('debrief error list', () => {
  it('shows the rule, the specifics and the remedy, each once', () => {
    const shown = render(grade(suture, actions('interrupted-suture', 'bite-depth')));
    expect(shown).toContain('The bite was too shallow to hold the dermis.');
    expect(shown).toContain('wound edge b, with the needle driver; depth 1 mm < 2 mm minimum');
    expect(shown.match(/Instead: Follow the needle's curve/g)).toHaveLength(1);
  });

  it('says how often a mistake was repeated', () => {
    const report = grade(suture, actions('interrupted-suture', 'bite-depth'));
    const repeated: Report = { ...report, errors: report.errors.map((e) => ({ ...e, occurrences: 3, lastT: 90 })) };
    expect(render(repeated)).toMatch(/at \d+\.\d s \(×3, last at 90\.0 s\): The bite/);
  });

  it('reads a report stored before errors carried specifics: its message, with the remedy from the protocol', () => {
    const report = grade(suture, actions('interrupted-suture', 'bite-depth'));
    const old: Report = {
      ...report,
      errors: report.errors.map(({ code, severity, t, step }) => ({ code, severity, t, step, message: 'The bite was too shallow to hold the dermis.' })),
    };
    expect(render(old)).toBe(
      "Errors major at 44.0 s: The bite was too shallow to hold the dermis. Instead: Follow the needle's curve down into mid-dermis before crossing the wound.",
    );
  });
});
