export * from './dashboard.ts';
export * from './history.ts';
export * from './practice.ts';
export * from './recommend.ts';
export * from './retention.ts';
export * from './status.ts';
export * from './class-view.ts';
