/** The debrief's note on the patient, and the case card's dialog: text from the protocol, as text. */
import { createElement } from 'react';
// The app's translation layer, as main.tsx loads it (English unless a test switches).
import { i18n } from '../../../src/app/i18n.ts';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PatientNote } from '../../../src/screens/debrief/PatientNote.tsx';
import { CaseCardOverlay } from '../../../src/screens/CaseCard.tsx';
import { caseCardFor } from '../../../src/core/procedure/case-card.ts';
import { protocol } from '../procedure/helpers.ts';

const lapChole = protocol('lap-chole-cvs');
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

describe('debrief: the patient', () => {
  it('says why the bail-out was right, the plan it called for and the source', () => {
    const shown = text(renderToStaticMarkup(createElement(PatientNote, { protocol: lapChole, variant: 'dense-inflammation' })));
    expect(shown).toContain('Acute cholecystitis, dense adhesions over the triangle.');
    expect(shown).toContain('the critical view cannot be reached');
    expect(shown).toContain("This patient's plan: Retract the infundibulum → Declare a bail-out.");
    expect(shown).toContain('Source: SAGES Safe Cholecystectomy Program');
  });

  it('says nothing for a patient the protocol does not describe', () => {
    expect(renderToStaticMarkup(createElement(PatientNote, { protocol: lapChole, variant: 'standard' }))).toBe('');
  });
});

describe('the case card dialog', () => {
  it('shows the headings of a patient, and escapes markup in the protocol text', () => {
    const card = caseCardFor(lapChole, 'short-cystic-duct', 4)!;
    const html = renderToStaticMarkup(
      createElement(CaseCardOverlay, { card: { ...card, indication: '<img src=x onerror=alert(1)>' }, title: 'T', onStart: () => {}, onLeave: () => {} }),
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img');
    expect(text(html)).toMatch(/Patient A \d+-year-old .* History .* Indication .* Findings .* short cystic duct/);
  });

  it('shows a training task as a task and its set-up', () => {
    const card = caseCardFor(protocol('fls-peg-transfer'), 'right-handed', 1)!;
    const shown = text(renderToStaticMarkup(createElement(CaseCardOverlay, { card, title: 'T', onStart: () => {}, onLeave: () => {} })));
    expect(shown).toMatch(/^The task T Task FLS peg transfer.* Set-up Six objects/);
  });

  it('names its parts in the learner’s language', async () => {
    const card = caseCardFor(lapChole, 'standard', 4, 'es')!;
    await i18n.changeLanguage('es');
    try {
      const shown = text(renderToStaticMarkup(createElement(CaseCardOverlay, { card, title: 'T', onStart: () => {}, onLeave: () => {} })));
      expect(shown).toMatch(/^El caso T Paciente (Mujer|Hombre) de \d+ años.* Antecedentes .* Indicación Colelitiasis sintomática.* Hallazgos Ecografía/);
    } finally {
      await i18n.changeLanguage('en');
    }
  });
});
