import { describeJourneys } from './support/describeJourneys';

describeJourneys('services');
