import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { type Protocol, protocolText } from '../core/procedure/index.ts';
import { type AppState, appStore } from '../app/app-store.ts';
import { caseCardSections } from '../core/procedure/case-card.ts';
import { useLearner } from '../app/learner.ts';
import type { HudTextSize } from '../app/storage/settings.ts';
import { SEVERITY_GLYPH } from './palette.ts';
import { useCanvasPanel } from './canvas-panel.ts';

const WIDTH = 1024;
const HEIGHT = 512;
const MARGIN = 32;
/**
 * The learner's text size (the settings dialog) scales the whole panel: the text grows in the field of view,
 * which is what legibility in a headset depends on, while the layout (wrapping, line count) stays as drawn.
 */
const PANEL_SCALE: Record<HudTextSize, number> = { small: 0.8, medium: 1, large: 1.35 };

/**
 * The HUD in the world, readable in the headset: the step, its instruction and hint as the mode allows,
 * the latest error (its severity as a shape and a word; critical ones in vermillion), a danger-zone warning with
 * its tone in words, pause state and the controller buttons, in the learner's language. Drawn on a 2D canvas
 * (no font download) and redrawn only when what it shows changes — never per frame.
 */
export function VrHud({ protocol }: { protocol: Protocol }) {
  const { t, i18n } = useTranslation();
  const scale = PANEL_SCALE[useLearner((s) => s.hudTextSize)];
  const { canvas, texture } = useCanvasPanel(WIDTH, HEIGHT);

  useEffect(() => {
    const draw = (state: AppState): void => {
      const g = canvas.getContext('2d');
      if (!g) return;
      drawHud(g, protocol, state, t, i18n.language);
      texture.needsUpdate = true;
    };
    draw(appStore.getState());
    return appStore.subscribe((s, prev) => {
      if (s.paused !== prev.paused || s.hud !== prev.hud || s.caseCard !== prev.caseCard) draw(s);
    });
  }, [canvas, texture, protocol, t, i18n.language]);

  return (
    <mesh position={[0.62, 1.5, -0.9]} rotation={[-0.1, -0.55, 0]} scale={scale} name="vr-hud">
      <planeGeometry args={[0.8, 0.4]} />
      <meshBasicMaterial map={texture} transparent toneMapped={false} />
    </mesh>
  );
}

export function drawHud(g: CanvasRenderingContext2D, protocol: Protocol, state: AppState, t: TFunction, language: string): void {
  const { hud, paused, session } = state;
  const text = protocolText(protocol, language);
  const mode = session?.mode ?? 'learn';
  const modeName = t(`mode.${mode}.label`);
  const show = protocol.modes[mode];
  const step = protocol.steps.find((s) => s.id === hud.step);
  // As in the step panel: the hint that fell due is some step's English hint, shown in the learner's language.
  const hintStep = hud.hint ? protocol.steps.find((s) => s.hint === hud.hint) : undefined;
  const hint = hintStep ? text.step(hintStep).hint : hud.hint;
  g.fillStyle = 'rgba(12, 24, 32, 0.88)';
  g.fillRect(0, 0, WIDTH, HEIGHT);
  let y = MARGIN + 30;
  const line = (text: string, font: string, colour: string, gap = 44): void => {
    g.font = font;
    g.fillStyle = colour;
    for (const row of wrap(g, text, WIDTH - 2 * MARGIN)) {
      g.fillText(row, MARGIN, y);
      y += gap;
    }
  };
  line(text.title(), 'bold 36px sans-serif', '#ffffff');
  if (state.caseCard) {
    // Before the attempt: the case card, and A to begin.
    for (const s of caseCardSections(state.caseCard)) line(`${t(`caseCard.part.${s.part}`)}: ${s.lines.join(' ')}`, '26px sans-serif', '#d7e2e5', 32);
    line(t('hud.start'), 'bold 32px sans-serif', '#8fe3a0');
    return;
  }
  line(
    paused ? t('hud.paused', { mode: modeName }) : t('hud.status', { mode: modeName, count: hud.stepsDone }),
    '28px sans-serif',
    paused ? '#ffd166' : '#a8dadc',
    46,
  );
  if (hud.finished) line(t('hud.finished'), 'bold 34px sans-serif', '#8fe3a0');
  else if (step) {
    const stepText = text.step(step);
    line(stepText.title, 'bold 34px sans-serif', '#ffffff');
    if (show.instructions) line(stepText.instruction, '28px sans-serif', '#d7e2e5', 36);
    if (hint && show.hints !== 'none') line(`${t('session.hint')} ${hint}`, '28px sans-serif', '#ffe08a', 36);
  }
  const error = show.errorFeedback === 'immediate' ? hud.errors[hud.errors.length - 1] : undefined;
  if (error)
    line(
      `${SEVERITY_GLYPH[error.severity]} ${t(`severity.${error.severity}.name`)}: ${text.error(error.code, error).message}`,
      'bold 30px sans-serif',
      error.severity === 'critical' ? '#ff8a4c' : '#e69f00',
      38,
    );
  if (hud.danger && !hud.finished)
    line(
      `${t('session.careful')} ${t('session.dangerDistance', { structure: hud.danger.structure.replace(/-/g, ' '), distance: hud.danger.distanceMm })} [${t('session.toneCaption')}]`,
      'bold 28px sans-serif',
      '#ff8a4c',
      36,
    );
  g.font = '24px sans-serif';
  g.fillStyle = '#b7c5ca';
  const controls = wrap(g, t('hud.controls'), WIDTH - 2 * MARGIN);
  controls.forEach((row, i) => g.fillText(row, MARGIN, HEIGHT - MARGIN - (controls.length - 1 - i) * 30));
}

function wrap(g: CanvasRenderingContext2D, text: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const word of text.split(/\s+/)) {
    const next = row ? `${row} ${word}` : word;
    if (g.measureText(next).width > width && row) {
      rows.push(row);
      row = word;
    } else row = next;
  }
  if (row) rows.push(row);
  return rows.slice(0, 4);
}
