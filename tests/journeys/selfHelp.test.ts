import { describeJourneys } from './support/describeJourneys';

describeJourneys('selfHelp');
