/** Actions naming what their protocol does not have are reported in logs (file:line) and rejected by the engine. */
import { describe, expect, it } from 'vitest';
import { applyAction, parseActionLog, startAttempt, unknownNames, type Action } from '../../../src/core/procedure/index.ts';
import { PROCEDURES, actions, fixtureNames, protocol } from './helpers.ts';

const lapChole = protocol('lap-chole-cvs');
const pegs = protocol('fls-peg-transfer');

describe('unknownNames', () => {
  it('suggests the structure a misspelt one was meant to be', () => {
    const clip: Action = { t: 1, type: 'clip', instrument: 'clip-applier', structure: 'cystic-dcut', s: 0.3, complete: true };
    expect(unknownNames(lapChole, clip)).toEqual(["unknown structure 'cystic-dcut' (did you mean 'cystic-duct'?)"]);
  });

  it('names an instrument from another procedure, with the ones this protocol has', () => {
    expect(unknownNames(lapChole, { t: 1, type: 'cut', instrument: 'scalpel', structure: 'cystic-duct' })).toEqual([
      "unknown instrument 'scalpel' (lap-chole-cvs has instruments atraumatic-grasper, maryland-dissector, hook-cautery, clip-applier, laparoscopic-scissors, suction-irrigator)",
    ]);
  });

  it('checks objects, pegs and the place of a place action', () => {
    expect(unknownNames(pegs, { t: 1, type: 'place', object: 'o7', peg: 'L9', what: 'tray' })).toEqual([
      "unknown object 'o7' (did you mean 'o1'?)",
      "unknown peg 'L9' (did you mean 'L1'?)",
      "unknown place 'tray' (fls-peg-transfer has no places)",
    ]);
    expect(unknownNames(lapChole, { t: 1, type: 'grasp', object: 'o1', peg: 'L1' })).toEqual([
      "unknown object 'o1' (lap-chole-cvs has no objects)",
      "unknown peg 'L1' (lap-chole-cvs has no pegs)",
    ]);
    // `what` names a place only on a place action (elsewhere: a declaration, an incision side, …).
    expect(unknownNames(lapChole, { t: 1, type: 'declare', what: 'critical-view-of-safety' })).toEqual([]);
  });

  it.each(PROCEDURES)('finds nothing unknown in the shipped %s fixtures', (procedure) => {
    for (const name of fixtureNames(procedure)) expect(() => actions(procedure, name), name).not.toThrow();
  });
});

describe('parseActionLog with a protocol check', () => {
  it('reports a misspelt structure at its line, with a did-you-mean, and keeps the other actions', () => {
    const log = parseActionLog(
      [
        '{"t": 1, "type": "clip", "instrument": "clip-applier", "structure": "cystic-duct", "s": 0.7, "complete": true}',
        '',
        '{"t": 2, "type": "clip", "instrument": "clip-applier", "structure": "cystic-dcut", "s": 0.6, "complete": true}',
      ].join('\n'),
      (a) => unknownNames(lapChole, a),
    );
    expect(log.errors).toEqual([{ line: 3, message: "unknown structure 'cystic-dcut' (did you mean 'cystic-duct'?)" }]);
    expect(log.actions).toHaveLength(1);
  });
});

describe('the engine', () => {
  const { state } = startAttempt(lapChole, { mode: 'assess' });

  it('rejects an instrument the protocol does not have, naming it, and changes nothing', () => {
    const result = applyAction(lapChole, state, { t: 5, type: 'cut', hand: 'right', instrument: 'scalpel', structure: 'cystic-duct' });
    expect(result.state).toBe(state);
    expect(result.findings).toEqual([{ type: 'action-rejected', t: state.t, reason: expect.stringContaining("unknown instrument 'scalpel'") }]);
  });

  it('rejects a clip on a misspelt structure instead of dropping the clip silently', () => {
    const result = applyAction(lapChole, state, { t: 5, type: 'clip', instrument: 'clip-applier', structure: 'cystic-dcut', s: 0.6, complete: true });
    expect(result.state).toBe(state);
    expect(result.findings).toEqual([
      { type: 'action-rejected', t: state.t, reason: "'clip' at t 5: unknown structure 'cystic-dcut' (did you mean 'cystic-duct'?)" },
    ]);
  });

  it('rejects a hand that is neither left nor right, and an action missing what its type needs', () => {
    const handover = { t: 5, type: 'handover', object: 'o1', from: 'left', to: 'middle', midAir: true } as unknown as Action;
    expect(applyAction(pegs, startAttempt(pegs).state, handover).findings[0]).toMatchObject({
      type: 'action-rejected',
      reason: expect.stringContaining("'to'"),
    });
    expect(applyAction(lapChole, state, { t: 5, type: 'clip', structure: 'cystic-duct' } as Action).findings[0]).toMatchObject({
      type: 'action-rejected',
      reason: "a 'clip' action needs field 's'; a 'clip' action needs field 'complete'",
    });
  });
});
