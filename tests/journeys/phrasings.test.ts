import { describeJourneys } from './support/describeJourneys';

describeJourneys('phrasings');
