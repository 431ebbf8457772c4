import type { Activity } from 'botbuilder';
import type { CardAction } from 'botbuilder';
import { choiceForNumber, choiceIdOf, choiceMessage, choicesNumberedInText, offeredChoices, renderNumberedChoices } from '../../../../adapters/shared/numberedChoices';

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



const withChoices = (text: string, titles: string[]): Partial<Activity> => ({
  text,
  suggestedActions: { to: [], actions: titles.map((title) => ({ type: 'imBack', title, value: title })) },
});

describe('numbered choices', () => {
  test('choices are numbered after the text', () => {
    expect(renderNumberedChoices(withChoices('Kies een taal.', ['Nederlands', 'English']))).toBe('Kies een taal.\n1. Nederlands\n2. English');
  });

  test('a place list the text already numbers is not numbered again; the next choice continues the numbering', () => {
    const text = 'Dit vond ik:\n1. Digibank Kortrijk, Budastraat 1, 8500 Kortrijk (2 km)\n2. Bib Gent, Kouter 2, 9000 Gent\nKies een plaats.';
    expect(renderNumberedChoices(withChoices(text, ['8500 Kortrijk', '9000 Gent', 'Andere plaats']))).toBe(`${text}\n3. Andere plaats`);
  });

  test('a list of appointments whose choices are short dates is recognised', () => {
    const text = '1. maandag 7 december om 09:30, Kortrijk\n2. dinsdag 8 december om 14:00, Gent';
    expect(choicesNumberedInText(text, ['ma 7 dec 09:30', 'di 8 dec 14:00'])).toBe(2);
  });

  test('numbered lines that are something else (steps) leave the choices numbered as usual', () => {
    const text = 'Doe dit:\n1. Open de app\n2. Kies "wachtwoord vergeten"';
    expect(choicesNumberedInText(text, ['Ja', 'Nee'])).toBe(0);
    expect(renderNumberedChoices(withChoices(text, ['Ja', 'Nee']))).toBe(`${text}\n1. Ja\n2. Nee`);
  });
});
