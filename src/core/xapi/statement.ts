/** xAPI 1.0.3 statement types: the subset Scrub writes. */

export type LanguageMap = Record<string, string>;

export type Agent =
  | { objectType?: 'Agent'; name?: string; account: { homePage: string; name: string } }
  | { objectType?: 'Agent'; name?: string; mbox: string };

export interface Activity {
  objectType: 'Activity';
  id: string;
  definition?: { type?: string; name?: LanguageMap; description?: LanguageMap };
}

/** A reference to another statement, by its id (the object of a voiding statement, or `context.statement`). */
export interface StatementRef {
  objectType: 'StatementRef';
  id: string;
}

export interface Score {
  scaled?: number;
  raw?: number;
  min?: number;
  max?: number;
}

export interface Result {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  duration?: string;
  extensions?: Record<string, unknown>;
}

export interface Context {
  registration?: string;
  /** Who instructed the learner (here: the instructor who reviewed the attempt). */
  instructor?: Agent;
  /** The statement this one is about (here: the automatic verdict a review amends). */
  statement?: StatementRef;
  platform?: string;
  language?: string;
  contextActivities?: {
    parent?: Activity[];
    grouping?: Activity[];
    category?: Activity[];
  };
  extensions?: Record<string, unknown>;
}

export interface Statement {
  id: string;
  actor: Agent;
  verb: { id: string; display: LanguageMap };
  object: Activity | StatementRef;
  result?: Result;
  context?: Context;
  timestamp: string;
}
