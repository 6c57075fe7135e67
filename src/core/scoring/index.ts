export * from './build-report.ts';
export * from './estimates.ts';
export * from './proficiency.ts';
export * from './report.ts';
export * from './scores.ts';
export * from './report-figures.ts';
export * from './review.ts';
