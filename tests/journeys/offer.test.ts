import { describeJourneys } from './support/describeJourneys';

describeJourneys('offer');
