import { flushOutbox, useLearner } from '../app/learner.ts';

const WORDS: Record<string, string> = {
  idle: 'sent',
  'not-configured': 'no LRS set',
  offline: 'LRS unreachable, will retry',
  unauthorized: 'LRS refused the credentials',
  insecure: 'LRS address refused: use https://',
  'storage-error': 'queue unreadable',
};

/** How many learning records wait to be sent, and why; a button to try now. Hidden when nothing waits. */
export function OutboxStatus() {
  const { state, pending } = useLearner((s) => s.outbox);
  if (pending === 0)
    return (
      <p className="outbox" data-pending="0" aria-label="Learning records">
        Learning records: all sent
      </p>
    );
  return (
    <p className="outbox" data-pending={pending} aria-label="Learning records">
      {pending} learning record{pending === 1 ? '' : 's'} waiting ({WORDS[state] ?? state}){' '}
      <button type="button" className="link" onClick={() => void flushOutbox()}>
        Send now
      </button>
    </p>
  );
}
