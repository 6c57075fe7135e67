import { humanGoal } from '../../support/human-goal.ts';

humanGoal('elliptical-excision');
