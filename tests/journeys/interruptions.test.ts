import { describeJourneys } from './support/describeJourneys';

describeJourneys('interruptions');
