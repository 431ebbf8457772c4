import { describeJourneys } from './support/describeJourneys';

describeJourneys('booking');
