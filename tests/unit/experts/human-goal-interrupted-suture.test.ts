import { humanGoal } from '../../support/human-goal.ts';

humanGoal('interrupted-suture');
