/** The headset HUD draws its words through the translation layer: the step, the hint, the error, the warning, the buttons. */
import { describe, expect, it, vi } from 'vitest';

// The app store brings the XR store, which resolves its asset path against the page's address.
vi.hoisted(() => Object.assign(globalThis, { location: new URL('http://localhost/') }));

import { i18n } from '../../../src/app/i18n.ts';
import { type AppState, appStore } from '../../../src/app/app-store.ts';
import { drawHud } from '../../../src/views/VrHud.tsx';
import { caseCardFor } from '../../../src/core/procedure/case-card.ts';
import { protocol } from '../procedure/helpers.ts';

const lapChole = protocol('lap-chole-cvs');
const dissect = lapChole.steps.find((s) => s.id === 'dissect-hepatocystic-triangle')!;

/** What the HUD writes on its canvas, row by row (a canvas that measures 10 px a character). */
function drawn(state: Partial<AppState>, language: string): string {
  const rows: string[] = [];
  const g = { fillRect() {}, fillText: (text: string) => rows.push(text), measureText: (text: string) => ({ width: text.length * 10 }) };
  const t = i18n.getFixedT(language);
  drawHud(g as unknown as CanvasRenderingContext2D, lapChole, { ...appStore.getState(), ...state }, t, language);
  return rows.join(' ');
}

describe('the headset HUD', () => {
  const state: Partial<AppState> = {
    hud: {
      step: dissect.id,
      stepsDone: 1,
      hint: dissect.hint,
      errors: [{ code: 'thermal-injury', severity: 'major', message: 'Cautery touched tissue that was not the target.', t: 12 }],
      finished: false,
      danger: { structure: 'common-bile-duct', distanceMm: 4, tick: 10 },
    },
  };

  it('speaks English by default', () => {
    const text = drawn(state, 'en');
    expect(text).toContain('Clear the hepatocystic triangle');
    expect(text).toContain('Hint: Stay high on the gallbladder');
    expect(text).toContain('major: Cautery touched tissue');
    expect(text).toContain('Careful:');
    expect(text).toContain('B: pause');
  });

  it('draws the step, hint, error, warning and buttons in Spanish', () => {
    const text = drawn(state, 'es');
    expect(text).toContain('Colecistectomía laparoscópica');
    expect(text).toContain('Despejar el triángulo hepatocístico');
    expect(text).toContain('Pista: Manténgase alto sobre la vesícula');
    expect(text).toContain('El cauterio tocó tejido');
    expect(text).toContain('modo Aprender · 1 paso hecho');
    expect(text).toContain('Cuidado:');
    expect(text).toContain('B: pausa');
    expect(text).not.toMatch(/Hint|Careful|steps done|Stay high/);
  });

  it('shows the case card in Spanish before the attempt', () => {
    const text = drawn({ caseCard: caseCardFor(lapChole, 'standard', 3, 'es') }, 'es');
    expect(text).toMatch(/Paciente: (Mujer|Hombre) de \d+ años/);
    expect(text).toContain('Pulse A para empezar el intento');
  });
});
