/** Virtual patients: choosing a protocol variant by id or by seed, and the parameters it implies. */
import { Rng } from '../kernel/rng.ts';
import type { Params } from './params.ts';
import type { Protocol, Variant } from './schema.ts';

export interface VariantChoice {
  /** A variant id; wins over `seed`. */
  variant?: string;
  /** Picks a variant at random, weighted, reproducibly. */
  seed?: number;
}

/** The chosen variant, or undefined when `variant` names none. Without a choice, the first variant. */
export function chooseVariant(protocol: Protocol, choice: VariantChoice = {}): Variant | undefined {
  if (choice.variant !== undefined) return protocol.variants.find((v) => v.id === choice.variant);
  if (choice.seed === undefined) return protocol.variants[0];
  const total = protocol.variants.reduce((sum, v) => sum + v.weight, 0);
  if (!(total > 0)) return protocol.variants[0];
  let x = new Rng(choice.seed).next() * total;
  for (const v of protocol.variants) {
    x -= v.weight;
    if (x < 0) return v;
  }
  return protocol.variants[protocol.variants.length - 1];
}

export function variantParams(protocol: Protocol, variant: Variant | undefined): Params {
  return { ...protocol.parameters, ...(variant?.parameters ?? {}) };
}
