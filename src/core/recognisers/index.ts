export { Recognisers, type RecognisersSnapshot } from './recognisers.ts';
export { DEFAULT_RECOGNISER_PARAMS, protocolOverrides, recogniserParams, type Declaration, type RecogniserParams } from './params.ts';
export type { RecogniserInstruments, RecogniserScene } from './context.ts';
export type { SceneGeometry, TubeGeometry, Point } from './geometry.ts';
