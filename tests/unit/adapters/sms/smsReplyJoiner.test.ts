import type { Activity } from 'botbuilder';
import { ActivityTypes, TestAdapter, TurnContext } from 'botbuilder';
import { joinSmsReplies, SmsReplyJoiner } from '../../../../adapters/sms/smsReplyJoiner';
import { asksSomething } from '../../../../adapters/sms/twilioSmsChannel';

const menu: Partial<Activity> = {
  type: 'message',
  text: 'Wat wil je doen?',
  inputHint: 'expectingInput',
  suggestedActions: { to: [], actions: ['Een vraag', 'Een afspraak'].map((title) => ({ type: 'imBack', title, value: title })) },
};

describe('SMS replies of a turn joined', () => {
  test('texts with a blank line between them; the last keeps its choices, input hint and channel data', () => {
    const joined = joinSmsReplies([
      { type: 'message', text: 'Je afspraak is geboekt.' },
      { type: 'message', text: 'Kies:', suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Ok', value: 'Ok' }] } },
      { ...menu, channelData: { digibank: { kind: 'booking_reminder' } } },
    ]);
    expect(joined.text).toBe('Je afspraak is geboekt.\n\nKies:\n1. Ok\n\nWat wil je doen?');
    expect(joined.suggestedActions).toEqual(menu.suggestedActions);
    expect(asksSomething(joined)).toBe(true);
    expect(joined.channelData).toMatchObject({ digibank: { kind: 'booking_reminder' }, smsJoined: 3 });
  });

  test('a control message (the STOP confirmation) makes the whole a control message; one reply stays as it is', () => {
    const stopped = { type: 'message', text: 'Je krijgt geen berichten meer.', channelData: { smsControl: true } };
    expect(joinSmsReplies([{ type: 'message', text: 'Goed.' }, stopped]).channelData).toMatchObject({ smsControl: true });
    expect(joinSmsReplies([stopped])).toBe(stopped);
    expect(asksSomething(stopped)).toBe(false);
  });

  test('the middleware sends one message per SMS turn, and the turn has responded; other channels are untouched', async () => {
    const adapter = new TestAdapter(async (context: TurnContext) => {
      await context.sendActivity('Een.');
      await context.sendActivity({ type: ActivityTypes.Typing });
      expect(context.responded).toBe(true);
      await context.sendActivities([{ text: 'Twee.' }, menu]);
    });
    adapter.use(new SmsReplyJoiner('sms'));
    const sms = await sent(adapter, 'sms');
    expect(sms.map((activity) => activity.type)).toEqual(['typing', 'message']);
    expect(sms[1].text).toBe('Een.\n\nTwee.\n\nWat wil je doen?');
    const web = await sent(adapter, 'webchat');
    expect(web.filter((activity) => activity.type === 'message').map((activity) => activity.text)).toEqual(['Een.', 'Twee.', 'Wat wil je doen?']);
  });
});

/** The activities one turn of `channelId` sends through the test adapter. */
async function sent(adapter: TestAdapter, channelId: string): Promise<Partial<Activity>[]> {
  adapter.activeQueue.splice(0);
  await adapter.processActivity({ type: 'message', text: 'hallo', channelId, from: { id: 'u', name: 'u' }, conversation: { id: channelId } as Activity['conversation'], recipient: { id: 'bot', name: 'bot' } });
  return [...adapter.activeQueue];
}
