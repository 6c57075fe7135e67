import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TICK_HZ } from '../../core/kernel/index.ts';
import { learnersHand, learnersHandWords } from '../../core/kernel/mirror.ts';
import { learnersErrorMessage, protocolText, stepTitle } from '../../core/procedure/index.ts';
import type { ReplaySession, TickedFinding } from '../../app/replay-session.ts';
import { SEVERITY_GLYPH } from '../../views/palette.ts';

const HANDS = ['left', 'right'] as const;

/**
 * What the attempt had come to at the playhead: the step under way, the time, each hand's tip path so far and
 * speed now, and the findings so far. The figures are written from requestAnimationFrame; the findings list
 * re-renders only when the number of findings before the playhead changes. A mirrored attempt's columns are the
 * learner's hands: the learner's left column shows the simulation's right hand, and instrument names follow.
 */
export function ReplayMetrics({ session }: { session: ReplaySession }) {
  const { t, i18n } = useTranslation();
  const protocol = session.protocol;
  const step = useRef<HTMLElement>(null);
  const time = useRef<HTMLElement>(null);
  const ghost = useRef<HTMLElement>(null);
  const hands = {
    left: { path: useRef<HTMLTableCellElement>(null), speed: useRef<HTMLTableCellElement>(null), held: useRef<HTMLTableCellElement>(null) },
    right: { path: useRef<HTMLTableCellElement>(null), speed: useRef<HTMLTableCellElement>(null), held: useRef<HTMLTableCellElement>(null) },
  };
  const [shown, setShown] = useState<TickedFinding[]>([]);
  const mirrored = session.mirrored;
  const instrumentName = (id: string | null): string =>
    id === null ? t('controls.empty') : learnersHandWords(protocol.instruments.find((i) => i.id === id)?.name ?? id, mirrored);

  useEffect(() => {
    let id = 0;
    let last = -1;
    let lastChanges = -1;
    let count = -1;
    const pose = { instrument: null as string | null, position: [0, 0, 0], orientation: [0, 0, 0, 1], jaw: 0 };
    const draw = (): void => {
      const tick = session.tick;
      if (tick !== last || session.changes !== lastChanges) {
        last = tick;
        lastChanges = session.changes;
        const steps = session.stepsAt(tick);
        if (step.current)
          step.current.textContent =
            steps.length > 0
              ? steps.map((s) => stepTitle(protocol, s, i18n.language)).join(' + ')
              : t(tick === 0 ? 'replay.notStarted' : 'replay.betweenSteps');
        if (time.current) time.current.textContent = t('units.seconds', { seconds: (tick / TICK_HZ).toFixed(2) });
        for (const column of HANDS) {
          const h = hands[column];
          const hand = learnersHand(column, mirrored);
          if (h.path.current) h.path.current.textContent = `${(session.track.pathTo(tick, hand) * 100).toFixed(1)} cm`;
          if (h.speed.current) h.speed.current.textContent = `${(session.track.speedAt(tick, hand) * 1000).toFixed(0)} mm/s`;
          if (h.held.current) h.held.current.textContent = instrumentName(session.track.pose(tick, hand, pose).instrument);
        }
        const e = session.expertTick(tick);
        if (ghost.current) ghost.current.textContent = e === null ? t('replay.notLoaded') : t('units.seconds', { seconds: (e / TICK_HZ).toFixed(2) });
        const so = session.findingsUpTo(tick);
        if (so.length !== count) {
          count = so.length;
          setShown(so);
        }
      }
      id = requestAnimationFrame(draw);
    };
    id = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(id);
  }, [session, protocol, t, i18n.language]);

  const errors = shown.flatMap((f) => (f.finding.type === 'error' ? [f.finding] : []));
  const completed = shown.filter((f) => f.finding.type === 'step-completed').length;
  return (
    <aside className="replay-metrics" aria-label={t('replay.atPlayhead')}>
      <h2>{t('replay.atPlayhead')}</h2>
      <dl>
        <dt>{t('replay.stepNow')}</dt>
        <dd ref={step} data-testid="replay-step" />
        <dt>{t('replay.time')}</dt>
        <dd ref={time} />
        <dt>{t('replay.stepsCompleted')}</dt>
        <dd>{t('replay.of', { done: completed, total: session.report?.steps.length ?? 0 })}</dd>
        <dt>{t('replay.expertClock')}</dt>
        <dd ref={ghost} />
      </dl>
      <table className="replay-hands">
        <thead>
          <tr>
            <th>{t('replay.hand')}</th>
            <th>{t('replay.left')}</th>
            <th>{t('replay.right')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th>{t('replay.holding')}</th>
            <td ref={hands.left.held} />
            <td ref={hands.right.held} />
          </tr>
          <tr>
            <th>{t('replay.pathSoFar')}</th>
            <td ref={hands.left.path} />
            <td ref={hands.right.path} />
          </tr>
          <tr>
            <th>{t('replay.speedNow')}</th>
            <td ref={hands.left.speed} />
            <td ref={hands.right.speed} />
          </tr>
        </tbody>
      </table>
      <h3>{t('replay.errorsSoFar', { count: errors.length })}</h3>
      {errors.length === 0 ? (
        <p className="note">{t('replay.noneYet')}</p>
      ) : (
        <ul className="replay-findings">
          {errors.map((e) => (
            <li key={`${e.code}@${e.t}`} className={`error ${e.severity}`}>
              <span aria-hidden="true">{SEVERITY_GLYPH[e.severity]}</span> <strong>{t(`severity.${e.severity}.name`)}</strong> ·{' '}
              {t('units.seconds', { seconds: e.t.toFixed(2) })} ·{' '}
              {protocolText(protocol, i18n.language).error(e.code, { ...e, message: learnersErrorMessage(e, protocol.errors, mirrored) }).message}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
