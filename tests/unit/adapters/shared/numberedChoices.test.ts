import type { CardAction } from 'botbuilder';
import { choiceForNumber, choiceIdOf, choiceMessage, offeredChoices, renderNumberedChoices } from '../../../../adapters/shared/numberedChoices';

describe('the choices of an activity (every channel)', () => {
  test.each([
    ['messageBack: value.choice', { type: 'messageBack', title: 'Ja, boek', text: 'Ja, boek', displayText: 'Ja, boek', value: { choice: 'confirm.yes' } }, 'confirm.yes', 'Ja, boek'],
    ['imBack: the value', { type: 'imBack', title: 'Nederlands', value: 'Nederlands' }, 'Nederlands', 'Nederlands'],
    ['imBack without a title: the value is both', { type: 'imBack', value: 'Menu' }, 'Menu', 'Menu'],
    ['messageBack without a title: its display text', { type: 'messageBack', displayText: 'Nee', value: { choice: 'no' } }, 'no', 'Nee'],
    ['a value that is no choice object: the title', { type: 'messageBack', title: 'Stop', value: { other: 1 } }, 'Stop', 'Stop'],
  ])('%s', (_name, action, id, title) => {
    expect(choiceIdOf(action)).toBe(id);
    expect(offeredChoices({ suggestedActions: { to: [], actions: [action as CardAction] } })).toEqual([{ id, title }]);
  });

  test('a tap (or the number of a choice) is a message with the title as text and the id as value.choice', () => {
    const choices = [{ id: 'a', title: 'Een' }, { id: 'b', title: 'Twee' }];
    expect(choiceMessage(choices[1])).toEqual({ type: 'message', text: 'Twee', value: { choice: 'b' } });
    expect(['2', ' 2 ', '2.', '2)'].map((text) => choiceForNumber(choices, text))).toEqual([choices[1], choices[1], choices[1], choices[1]]);
    expect(['0', '3', '12', 'twee', '2 dagen', '', undefined].map((text) => choiceForNumber(choices, text))).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, undefined]);
  });

  test('numbered lines show the titles, never the ids', () => {
    const actions: CardAction[] = [{ type: 'messageBack', title: 'Ja, boek', value: { choice: 'confirm.yes' } }, { type: 'imBack', title: 'Nee', value: 'Nee' }];
    const activity = { text: 'Klopt dit?', suggestedActions: { to: [], actions } };
    expect(renderNumberedChoices(activity)).toBe('Klopt dit?\n1. Ja, boek\n2. Nee');
  });
});
