import type { Hand } from '../core/sim/index.ts';

/** The desktop controls, always on screen so nobody has to guess. */
const DESKTOP_CONTROLS: [string, string][] = [
  ['Move mouse', 'Move the instrument tip over the surface'],
  ['Left button', 'Close the jaws / cut / activate (hold)'],
  ['Wheel', 'Raise or lower the tip (down presses in)'],
  ['Right drag', 'Orbit the view'],
  ['D (hold)', 'Declare (e.g. the critical view of safety)'],
  ['H', 'Switch hands'],
  ['P / Space', 'Pause or resume'],
  ['F', 'Finish the attempt and see the debrief'],
  ['Esc', 'Leave the attempt'],
];

interface Props {
  instruments: readonly { id: string; name: string }[];
  activeHand: Hand;
  held: Record<Hand, string | null>;
}

export function ControlsLegend({ instruments, activeHand, held }: Props) {
  const name = (id: string | null): string => instruments.find((i) => i.id === id)?.name ?? 'empty';
  return (
    <aside className="controls" aria-label="Controls">
      <h2>Controls</h2>
      <p className="hands">
        <span className={activeHand === 'left' ? 'active' : ''}>Left: {name(held.left)}</span>
        <span className={activeHand === 'right' ? 'active' : ''}>Right: {name(held.right)}</span>
      </p>
      <dl>
        {DESKTOP_CONTROLS.map(([key, what]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{what}</dd>
          </div>
        ))}
        {instruments.map((instrument, i) => (
          <div key={instrument.id}>
            <dt>{i + 1}</dt>
            <dd>{instrument.name}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
