export * from './clock.ts';
export * from './fixed-stepper.ts';
export * from './hash.ts';
export * from './input.ts';
export * from './or-layout.ts';
export * from './rng.ts';
export * from './quantise.ts';
export * from './one-line.ts';
