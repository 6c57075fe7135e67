/** The desktop controls, always on screen so nobody has to guess. */
export const DESKTOP_CONTROLS: [string, string][] = [
  ['Move mouse', 'Move the instrument tip over the surface'],
  ['Left button', 'Close the jaws (hold)'],
  ['Wheel', 'Raise or lower the tip'],
  ['Right drag', 'Orbit the view'],
  ['P / Space', 'Pause or resume'],
  ['Esc', 'Leave the attempt'],
];

export function ControlsLegend() {
  return (
    <aside className="controls" aria-label="Controls">
      <h2>Controls</h2>
      <dl>
        {DESKTOP_CONTROLS.map(([key, what]) => (
          <div key={key}>
            <dt>{key}</dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
