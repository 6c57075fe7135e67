export * from './attempt-statements.ts';
export * from './statement.ts';
export * from './time.ts';
export * from './vocabulary.ts';
export * from './review-statements.ts';
