import type { Activity } from 'botbuilder';
import { choicesNumberedInText, renderNumberedChoices } from '../../../../adapters/shared/numberedChoices';

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
