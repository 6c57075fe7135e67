import { humanGoal } from '../../support/human-goal.ts';

humanGoal('lap-chole-cvs');
