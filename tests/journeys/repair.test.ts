import { describeJourneys } from './support/describeJourneys';

describeJourneys('repair');
