import { useRef } from 'react';
import { useDialogFocus } from './dialog-focus.ts';

/**
 * The attempt stands still until the learner resumes. Modal for the keyboard (focus on Resume, Tab stays
 * inside); P and Esc keep their session meaning (resume, ask to leave), handled by the session screen.
 */
export function PausedDialog({ recoveredAtSec, onResume }: { recoveredAtSec: number | null; onResume: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref);
  return (
    <div ref={ref} className="paused-overlay" role="dialog" aria-modal="true" aria-label="Paused">
      <p>Paused</p>
      {recoveredAtSec !== null && (
        <p className="note">Recovered: the attempt was replayed to where it stopped, {recoveredAtSec.toFixed(1)} s in. Resume when you are ready.</p>
      )}
      <button type="button" className="primary" onClick={onResume}>
        Resume
      </button>
    </div>
  );
}

/** Asked before an attempt is left unsaved; focus starts on Keep going, and Esc (the session's key) keeps going. */
export function LeaveDialog({ ended, onKeepGoing, onFinish, onLeave }: { ended: boolean; onKeepGoing: () => void; onFinish: () => void; onLeave: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref);
  return (
    <div className="overlay">
      <div ref={ref} className="dialog" role="dialog" aria-modal="true" aria-labelledby="leave-heading">
        <h2 id="leave-heading">Leave the attempt?</h2>
        <p>
          {ended
            ? 'The attempt has ended but could not be saved. If you leave now it is lost; export it first to keep it.'
            : 'If you leave now, this attempt is not saved. Finish it instead to keep it and see your debrief.'}
        </p>
        <div className="start">
          <button type="button" className="primary" onClick={onKeepGoing}>
            Keep going
          </button>
          <button type="button" onClick={onFinish}>
            {ended ? 'See the debrief' : 'Finish and save'}
          </button>
          <button type="button" onClick={onLeave}>
            Leave without saving
          </button>
        </div>
      </div>
    </div>
  );
}
