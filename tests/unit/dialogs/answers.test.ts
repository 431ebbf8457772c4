import { translator } from '../../../i18n/translator';
import { answerWords, recognizeChoice, typedNumber, yesNoOf } from '../../../dialogs/answers';
import { choiceId } from '../../../dialogs/prompts';

const words = answerWords(translator);
const confirm = ['Ja, verstuur', 'Opnieuw beginnen'];
const manage = ['Verzetten', 'Ja, afzeggen', 'Niets doen'];
const days = ['ma 7 dec', 'di 8 dec', 'wo 9 dec'];

describe('a typed answer to a question with choices', () => {
  test.each([
    ['1', days, 0], ['2.', days, 1], ['3️⃣', days, 2], ['nummer 2', days, 1], ['de tweede', days, 1], ['deux', days, 1],
    ['le premier', days, 0], ['the first one', days, 0], ['twee', days, 1], ['2de', days, 1], ['(3)', days, 2],
    ['ja', confirm, 0], ['Ja!', confirm, 0], ['jaa', confirm, 0], ['ok', confirm, 0], ['oké', confirm, 0], ['👍', confirm, 0],
    ['ja graag', confirm, 0], ['yes please', confirm, 0], ['oui', confirm, 0], ["d'accord", confirm, 0], ['doe maar', confirm, 0],
    ['opnieuw', confirm, 1], ['afzeggen', manage, 1], ['AFZEGGEN', manage, 1], ['verzetten aub', manage, undefined], ['ja', manage, 1],
    ['niets', manage, 2], ['di 8 dec', days, 1], ['DI 8 DEC', days, 1], ['4', days, undefined], ['maandag', days, undefined],
  ] as const)('"%s" → %s', (text, titles, expected) => {
    expect(recognizeChoice({ text }, titles, words)).toBe(expected);
  });

  test('a yes/no question takes yes and no words whatever its titles say', () => {
    const titles = ['Boek dit', 'Ander tijdstip'];
    expect(recognizeChoice({ text: 'ja hoor' }, titles, words, { yesNo: true })).toBe(0);
    expect(recognizeChoice({ text: 'nee dank u' }, titles, words, { yesNo: true })).toBe(1);
    expect(recognizeChoice({ text: 'non merci' }, titles, words, { yesNo: true })).toBe(1);
    expect(recognizeChoice({ text: 'ja' }, titles, words)).toBeUndefined();
  });
});

describe('a tap', () => {
  test('is the choice whose id it carries, whatever its text', () => {
    expect(recognizeChoice({ text: 'anything', value: { choice: choiceId('di 8 dec', 1) } }, days, words)).toBe(1);
  });

  test('of another question\'s button is no answer here (a stale tap)', () => {
    expect(recognizeChoice({ text: 'ma 7 dec', value: { choice: choiceId('09:30', 0) } }, days, words)).toBeUndefined();
  });
});

describe('words', () => {
  test.each(['ja', 'jawel', 'ja dat klopt', 'oui oui', 'ouais', 'dac', 'yep', 'sure', '✅', 'c\'est bon'])('"%s" is yes', (text) => expect(yesNoOf(text, words)).toBe('yes'));
  test.each(['nee', 'neen', 'liever niet', 'non merci', 'pas maintenant', 'nope', 'not now', '👎'])('"%s" is no', (text) => expect(yesNoOf(text, words)).toBe('no'));
  test.each(['ja maar ik wil eerst iets vragen', 'nee mijn laptop is kapot', 'januari'])('"%s" is neither', (text) => expect(yesNoOf(text, words)).toBeUndefined());
  test.each([['één', 1], ['eerste', 1], ['troisième', 3], ['nr 4', 4], ['optie 5', 5], ['ten', 10]] as const)('"%s" is number %s', (text, n) => expect(typedNumber(text, words)).toBe(n));
});
