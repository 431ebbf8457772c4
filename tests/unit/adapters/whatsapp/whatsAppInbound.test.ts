import { toActivity, UNSUPPORTED_MEDIA_EVENT } from '../../../../adapters/whatsapp/whatsAppChannel';

type Message = Parameters<typeof toActivity>[0];
const message = (fields: Partial<Message>): Message => ({ from: '32470000001', id: 'wamid.1', timestamp: '1764849600', type: 'text', ...fields });

// A tap is a choice, not text: its title as text and its id as value.choice; typed text has no value.
describe('WhatsApp inbound message → activity', () => {
  test.each([
    ['button_reply', message({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'confirm.yes', title: 'Ja, boek' } } }), { type: 'message', text: 'Ja, boek', value: { choice: 'confirm.yes' } }],
    ['list_reply', message({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'day:2026-12-07', title: 'lun. 7 déc.', description: 'x' } } }), { type: 'message', text: 'lun. 7 déc.', value: { choice: 'day:2026-12-07' } }],
    ['template quick-reply button', message({ type: 'button', button: { payload: 'handoff.keep', text: 'Blijven wachten' } }), { type: 'message', text: 'Blijven wachten', value: { choice: 'handoff.keep' } }],
    ['template button without payload', message({ type: 'button', button: { text: 'Ja' } }), { type: 'message', text: 'Ja', value: { choice: 'Ja' } }],
    ['text', message({ type: 'text', text: { body: 'ma 7 dec' } }), { type: 'message', text: 'ma 7 dec' }],
  ])('%s', (_name, input, expected) => {
    const activity = toActivity(input);
    expect(activity).toMatchObject(expected);
    if (!('value' in expected)) expect(activity.value).toBeUndefined();
    expect(activity.timestamp).toEqual(new Date(1764849600 * 1000));
    expect(activity.channelData).toMatchObject({ whatsapp: { type: input.type } });
  });

  test('a location is an empty message with the coordinates, no choice', () => {
    const activity = toActivity(message({ type: 'location', location: { latitude: 50.85, longitude: 4.35, name: 'Bib' } }));
    expect(activity).toMatchObject({ type: 'message', text: '', channelData: { location: { latitude: 50.85, longitude: 4.35, name: 'Bib' } } });
    expect(activity.entities).toEqual([{ type: 'GeoCoordinates', latitude: 50.85, longitude: 4.35, name: 'Bib' }]);
    expect(activity.value).toBeUndefined();
  });

  test.each([
    ['an interactive message without a reply', message({ type: 'interactive', interactive: { type: 'nfm_reply' } }), 'other'],
    ['a voice message', message({ type: 'audio' }), 'audio'],
    ['an unknown type', message({ type: 'poll' }), 'other'],
  ])('%s → the unsupported-media event', (_name, input, kind) => {
    expect(toActivity(input)).toMatchObject({ type: 'event', name: UNSUPPORTED_MEDIA_EVENT, channelData: { unsupportedMedia: kind } });
  });
});
