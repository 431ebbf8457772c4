import { describeJourneys } from './support/describeJourneys';

describeJourneys('defects');
