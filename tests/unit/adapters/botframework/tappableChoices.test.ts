import type { Activity } from 'botbuilder';
import { withTappableChoices } from '../../../../adapters/botframework/botFrameworkChannel';

describe('Bot Framework channel: choices never show an opaque id', () => {
  test('an imBack with an id as value becomes a messageBack; titles as values and messageBack stay', () => {
    const activity: Partial<Activity> = {
      type: 'message',
      suggestedActions: { to: [], actions: [
        { type: 'imBack', title: 'ma 7 dec', value: 'day:2026-12-07' },
        { type: 'imBack', title: 'Nee', value: 'Nee' },
        { type: 'messageBack', title: 'Ja', text: 'Ja', displayText: 'Ja', value: { choice: 'yes' } },
      ] },
    };
    withTappableChoices(activity);
    expect(activity.suggestedActions?.actions).toEqual([
      { type: 'messageBack', title: 'ma 7 dec', text: 'ma 7 dec', displayText: 'ma 7 dec', value: { choice: 'day:2026-12-07' } },
      { type: 'imBack', title: 'Nee', value: 'Nee' },
      { type: 'messageBack', title: 'Ja', text: 'Ja', displayText: 'Ja', value: { choice: 'yes' } },
    ]);
  });
});
