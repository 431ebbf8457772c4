import { describeJourneys } from './support/describeJourneys';

describeJourneys('directory');
