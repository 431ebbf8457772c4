import type { CardAction } from 'botbuilder';
import { toWebChat, webChatActions, withHardLineBreaks } from '../../../../adapters/webchat/webChatRendering';

describe('web chat rendering at the Direct Line edge', () => {
  test.each([
    ['single breaks become hard breaks', 'Klopt dit?\nKortrijk\nma 7 dec', 'Klopt dit?  \nKortrijk  \nma 7 dec'],
    ['blank lines stay paragraph breaks', 'A\n\nB\nC', 'A\n\nB  \nC'],
    ['trailing spaces are not doubled', 'A  \nB', 'A  \nB'],
    ['CRLF is one break', 'A\r\nB', 'A  \nB'],
    ['a numbered list keeps its lines', 'Doe dit eerst:\n1. Stick\n2. Afmelden', 'Doe dit eerst:  \n1. Stick  \n2. Afmelden'],
    ['one line is unchanged', 'Hallo *jij*', 'Hallo *jij*'],
  ])('%s', (_name, text, expected) => {
    expect(withHardLineBreaks(text)).toBe(expected);
  });

  test('every choice becomes a numbered messageBack with its id in value.choice (imBack and messageBack alike)', () => {
    const actions: CardAction[] = [
      { type: 'messageBack', title: 'Een afspraak', text: 'Een afspraak', displayText: 'Een afspraak', value: { choice: 'menu.appointment' } },
      { type: 'imBack', title: 'Een vraag', value: 'Een vraag' },
      { type: 'imBack', title: 'ma 7 dec', value: 'day:2026-12-07' },
      { type: 'openUrl', title: 'Website', value: 'https://example.org' },
    ];
    expect(webChatActions(actions)).toEqual([
      { type: 'messageBack', title: '1. Een afspraak', text: 'Een afspraak', displayText: 'Een afspraak', value: { choice: 'menu.appointment' } },
      { type: 'messageBack', title: '2. Een vraag', text: 'Een vraag', displayText: 'Een vraag', value: { choice: 'Een vraag' } },
      { type: 'messageBack', title: '3. ma 7 dec', text: 'ma 7 dec', displayText: 'ma 7 dec', value: { choice: 'day:2026-12-07' } },
      { type: 'openUrl', title: 'Website', value: 'https://example.org' },
    ]);
  });

  test('a single choice is not numbered', () => {
    expect(webChatActions([{ type: 'imBack', title: 'Menu', value: 'Menu' }])).toEqual([{ type: 'messageBack', title: 'Menu', text: 'Menu', displayText: 'Menu', value: { choice: 'Menu' } }]);
  });

  test('plain text, events and messages without choices pass as they are', () => {
    expect(toWebChat({ type: 'message', text: 'a\nb', textFormat: 'plain' })).toEqual({ type: 'message', text: 'a\nb', textFormat: 'plain' });
    expect(toWebChat({ type: 'event', name: 'x', text: 'a\nb' })).toEqual({ type: 'event', name: 'x', text: 'a\nb' });
    expect(toWebChat({ type: 'message', text: 'a\nb' })).toEqual({ type: 'message', text: 'a  \nb' });
    expect(toWebChat({ type: 'message', attachments: [] })).toEqual({ type: 'message', attachments: [] });
  });
});
