import { useFrame } from '@react-three/fiber';
import type { ReplaySession } from '../../app/replay-session.ts';
import { FRAME_ORDER } from '../frame-order.ts';

/** The replay's frame loop: advances playback by the frame's time at the chosen speed, before the views draw. */
export function ReplayLoop({ session }: { session: ReplaySession }) {
  useFrame((_, delta) => session.frame(delta), FRAME_ORDER.input);
  return null;
}
