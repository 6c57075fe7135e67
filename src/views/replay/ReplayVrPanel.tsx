import { useMemo } from 'react';
import { useFrame } from '@react-three/fiber';
import { TICK_HZ } from '../../core/kernel/index.ts';
import { protocolText } from '../../core/procedure/index.ts';
import { type ReplaySession, errorTick } from '../../app/replay-session.ts';
import { currentLanguage, i18n } from '../../app/i18n.ts';
import { REPLAY_XR_LEGEND } from '../../xr/replay-controls.ts';
import { OKABE_ITO, SEVERITY_GLYPH } from '../palette.ts';
import { FRAME_ORDER } from '../frame-order.ts';
import { useCanvasPanel } from '../canvas-panel.ts';

const WIDTH = 1024;
const HEIGHT = 640;
const MARGIN = 32;
/** Ticks per redraw of the clock while playing (a tenth of a second). */
const CLOCK_TICKS = TICK_HZ / 10;
/** Error markers: a shape and a colour per severity (never colour alone). */
const SEVERITY_COLOUR = { critical: OKABE_ITO.vermillion, major: OKABE_ITO.orange, minor: OKABE_ITO.skyBlue } as const;

/**
 * The replay's panel in the headset, beside the table: what is playing, the clock, a timeline with the error
 * markers and the playhead, the view, and the controllers' legend (translated). Drawn on a 2D canvas and
 * redrawn only when what it shows changes: the session's changes, a tenth of a second of the clock, the language.
 */
export function ReplayVrPanel({ session }: { session: ReplaySession }) {
  const { canvas, texture } = useCanvasPanel(WIDTH, HEIGHT);

  const shown = useMemo(() => ({ key: '' }), []);
  useFrame(() => {
    const key = `${session.changes}:${Math.floor(session.tick / CLOCK_TICKS)}:${i18n.language}`;
    if (key === shown.key) return;
    const g = canvas.getContext('2d');
    if (!g) return;
    shown.key = key;
    drawPanel(g, session);
    texture.needsUpdate = true;
  }, FRAME_ORDER.views);

  return (
    <mesh position={[-0.62, 1.45, -0.85]} rotation={[-0.1, 0.55, 0]} name="replay-vr-panel">
      <planeGeometry args={[0.64, 0.4]} />
      <meshBasicMaterial map={texture} transparent toneMapped={false} />
    </mesh>
  );
}

function drawPanel(g: CanvasRenderingContext2D, session: ReplaySession): void {
  const t = i18n.t.bind(i18n);
  const seconds = (tick: number): string => (tick / TICK_HZ).toFixed(1);
  g.fillStyle = 'rgba(12, 24, 32, 0.9)';
  g.fillRect(0, 0, WIDTH, HEIGHT);
  g.textBaseline = 'alphabetic';
  let y = MARGIN + 30;
  const line = (text: string, font: string, colour: string, gap: number): void => {
    g.font = font;
    g.fillStyle = colour;
    g.fillText(text, MARGIN, y, WIDTH - 2 * MARGIN);
    y += gap;
  };
  line(t('replayVr.title', { title: protocolText(session.protocol, currentLanguage()).title() }), 'bold 34px sans-serif', '#ffffff', 48);
  const state = session.playing ? t('replayVr.playing') : t('replayVr.paused');
  line(
    `${state} · ${session.speed}× · ${t('replayVr.clock', { now: seconds(session.tick), end: seconds(session.ticks) })}`,
    'bold 30px sans-serif',
    session.playing ? '#8fe3a0' : '#ffd166',
    44,
  );
  const view = !session.hasHead ? t('replayVr.viewNoHead') : session.view === 'head' ? t('replayVr.viewHead') : t('replayVr.viewStanding');
  line(t('replayVr.view', { view }), '26px sans-serif', '#d7e2e5', 30);

  // The timeline: the track, the error markers (shape and colour by severity), the playhead.
  const top = y;
  const x0 = MARGIN;
  const w = WIDTH - 2 * MARGIN;
  const at = (tick: number): number => x0 + (w * tick) / Math.max(1, session.ticks);
  g.fillStyle = '#37474f';
  g.fillRect(x0, top + 14, w, 10);
  g.fillStyle = '#a8dadc';
  g.fillRect(x0, top + 14, at(session.tick) - x0, 10);
  g.font = 'bold 26px sans-serif';
  g.textAlign = 'center';
  for (const e of session.report?.errors ?? []) {
    g.fillStyle = SEVERITY_COLOUR[e.severity];
    g.fillText(SEVERITY_GLYPH[e.severity], at(errorTick(e)), top + 56);
  }
  g.fillStyle = '#ffffff';
  g.fillRect(at(session.tick) - 3, top, 6, 38);
  g.textAlign = 'left';
  y = top + 100;
  const errors = session.errorTicks.length;
  line(t('replayVr.errors', { count: errors }), '24px sans-serif', '#b7c5ca', 44);

  g.font = '24px sans-serif';
  g.fillStyle = '#b7c5ca';
  for (const item of REPLAY_XR_LEGEND) {
    g.fillText(t(`replayVr.controls.${item}`), MARGIN, y, WIDTH - 2 * MARGIN);
    y += 32;
  }
}
