import type { RigidWorld } from '../physics/rigid-world.ts';
import type { SkinPadVariant } from '../anatomy/skin-pad.ts';
import type { HepatobiliaryVariant } from '../anatomy/hepatobiliary.ts';
import type { FluidRates } from '../fluids/fluids.ts';
import type { EnergySettings } from '../energy/settings.ts';
import { HepatobiliaryScene } from './hepatobiliary.ts';
import { PegboardScene } from './pegboard.ts';
import { SkinPadScene } from './skin-pad.ts';
import type { SceneName } from './types.ts';

export * from './types.ts';
export { SkinPadScene } from './skin-pad.ts';
export { PegboardScene } from './pegboard.ts';
export { HepatobiliaryScene } from './hepatobiliary.ts';

export type Scene = SkinPadScene | HepatobiliaryScene | PegboardScene;

/** A scene and its patient variant; fields left out are drawn from the seed. */
export type SceneSpec =
  | { name: 'skin-pad'; variant?: Partial<SkinPadVariant> }
  | { name: 'hepatobiliary'; variant?: Partial<HepatobiliaryVariant>; fluids?: Partial<FluidRates>; energy?: Partial<EnergySettings> }
  | { name: 'pegboard' };

export function sceneSpec(scene: SceneName | SceneSpec): SceneSpec {
  return typeof scene === 'string' ? ({ name: scene } as SceneSpec) : scene;
}

/** Builds a scene for a seed; its rigid bodies go into `rigid`. */
export function createScene(spec: SceneSpec, seed: number, rigid: RigidWorld): Scene {
  switch (spec.name) {
    case 'skin-pad':
      return new SkinPadScene(spec.variant ? { seed, variant: spec.variant } : { seed });
    case 'hepatobiliary':
      return new HepatobiliaryScene({
        seed,
        ...(spec.variant ? { variant: spec.variant } : {}),
        ...(spec.fluids ? { fluids: spec.fluids } : {}),
        ...(spec.energy ? { energy: spec.energy } : {}),
      });
    case 'pegboard':
      return new PegboardScene(rigid);
  }
}
