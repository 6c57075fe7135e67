import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TICK_HZ } from '../../core/kernel/index.ts';
import { type Protocol, protocolText } from '../../core/procedure/index.ts';
import type { Report } from '../../core/scoring/index.ts';
import { type ReplaySession, errorTick } from '../../app/replay-session.ts';
import { SEVERITY_GLYPH } from '../../views/palette.ts';

/**
 * The replay's timeline: the protocol's steps as bands (from the re-simulated report), errors as markers shaped
 * and labelled by severity; a click on a marker jumps there, on the track seeks. The playhead and the time
 * readout are written from requestAnimationFrame, not through React state.
 */
export function ReplayTimeline({
  session,
  report,
  protocol,
  titleOf,
}: {
  session: ReplaySession;
  report: Report;
  protocol: Protocol;
  titleOf: (id: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const text = protocolText(protocol, i18n.language);
  const track = useRef<HTMLDivElement>(null);
  const head = useRef<HTMLDivElement>(null);
  const clock = useRef<HTMLSpanElement>(null);
  const total = Math.max(1, session.ticks);
  const seconds = total / TICK_HZ;
  const pct = (t: number): string => `${Math.max(0, Math.min(100, (100 * t * TICK_HZ) / total)).toFixed(3)}%`;

  useEffect(() => {
    let id = 0;
    let shown = -1;
    const draw = (): void => {
      const tick = session.tick;
      if (tick !== shown && head.current && clock.current) {
        shown = tick;
        head.current.style.left = `${((100 * tick) / total).toFixed(3)}%`;
        head.current.dataset.tick = String(tick);
        clock.current.textContent = t('replay.clock', { at: (tick / TICK_HZ).toFixed(2), total: seconds.toFixed(2), tick });
      }
      id = requestAnimationFrame(draw);
    };
    id = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(id);
  }, [session, total, seconds, t]);

  const seekTo = (clientX: number): void => {
    const box = track.current?.getBoundingClientRect();
    if (!box) return;
    session.step(Math.round(((clientX - box.left) / box.width) * total) - session.tick);
  };

  // Markers close together are put on separate rows so their labels stay readable.
  const rows: number[] = [];
  const placed: { x: number; row: number }[] = [];
  for (const e of report.errors) {
    const x = e.t / seconds;
    let row = 0;
    while (placed.some((p) => p.row === row && Math.abs(p.x - x) < 0.12)) row++;
    placed.push({ x, row });
    rows.push(row);
  }
  // Steps that run at the same time (e.g. dissecting the triangle while freeing the liver bed) get lanes of their own.
  const started = report.steps.filter((s) => s.start !== null).sort((a, b) => a.start! - b.start!);
  const laneEnds: number[] = [];
  const lanes = started.map((s) => {
    let lane = laneEnds.findIndex((end) => end <= s.start! + 1e-9);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = s.end ?? seconds;
    return lane;
  });
  const laneCount = Math.max(1, laneEnds.length);
  const errorRows = Math.max(1, ...rows.map((r) => r + 1));

  return (
    <section className="replay-timeline" aria-label={t('replay.timeline')}>
      <div className="replay-track" ref={track} onPointerDown={(e) => seekTo(e.clientX)} style={{ paddingBottom: `${errorRows * 1.6}rem` }}>
        <div className="replay-bands" style={{ height: `${laneCount * 1.5 + 0.3}rem` }}>
          {started.map((s, i) => (
            <div
              key={`${s.id}@${s.start}`}
              className={`replay-band ${s.status} ${i % 2 ? 'odd' : 'even'}`}
              style={{ left: pct(s.start!), width: pct((s.end ?? seconds) - s.start!), top: `${lanes[i]! * 1.5 + 0.15}rem` }}
              title={t('replay.band', {
                step: titleOf(s.id),
                from: s.start!.toFixed(1),
                to: (s.end ?? seconds).toFixed(1),
                status: t(`stepStatus.${s.status}`),
              })}
            >
              <span>{titleOf(s.id)}</span>
            </div>
          ))}
        </div>
        {report.errors.map((e, i) => (
          <button
            type="button"
            key={`${e.code}@${e.t}`}
            className={`replay-error ${e.severity}`}
            style={{ left: pct(e.t), top: `${laneCount * 1.5 + 0.6 + rows[i]! * 1.6}rem` }}
            aria-label={t('replay.errorMarker', { severity: t(`severity.${e.severity}.name`), code: e.code, seconds: e.t.toFixed(2) })}
            title={`${t(`severity.${e.severity}.name`)}: ${text.error(e.code, e).message} (${t('units.seconds', { seconds: e.t.toFixed(2) })})`}
            data-tick={errorTick(e)}
            onPointerDown={(ev) => ev.stopPropagation()}
            onClick={() => session.step(errorTick(e) - session.tick)}
          >
            <span className="glyph" aria-hidden="true">
              {SEVERITY_GLYPH[e.severity]}
            </span>
            <span className="code">{e.code}</span>
          </button>
        ))}
        <div className="replay-playhead" ref={head} aria-hidden="true" style={{ height: `${laneCount * 1.5 + 0.8}rem` }} />
      </div>
      <div className="replay-axis">
        <span>{t('units.seconds', { seconds: 0 })}</span>
        <span ref={clock} className="replay-clock" aria-label={t('replay.playhead')} />
        <span>{t('units.seconds', { seconds: seconds.toFixed(1) })}</span>
      </div>
      <p className="replay-legend">
        {t('replay.legend', {
          steps: protocol.steps.length,
          critical: `${SEVERITY_GLYPH.critical} ${t('severity.critical.name')}`,
          major: `${SEVERITY_GLYPH.major} ${t('severity.major.name')}`,
          minor: `${SEVERITY_GLYPH.minor} ${t('severity.minor.name')}`,
        })}
      </p>
    </section>
  );
}
