import { humanGoal } from '../../support/human-goal.ts';

humanGoal('fls-peg-transfer');
