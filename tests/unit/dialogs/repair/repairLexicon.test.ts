import { translator } from '../../../../i18n/translator';
import { RepairLexicon } from '../../../../dialogs/repair/repairLexicon';

const lexicon = new RepairLexicon(translator);

/** [what a person writes, the device kind read, the problem read] (undefined: not said, the question is asked). */
const PHRASINGS: [string, string | undefined, string | undefined][] = [
  ['mijn laptop start niet meer', 'laptop', 'wont_start'],
  ['mijn laptop start nie meer op', 'laptop', 'wont_start'],
  ["l'écran de ma tablette est cassé", 'tablet', 'screen'],
  ['my phone fell in water', 'smartphone', 'other'],
  ['mijn gsm is kapot', 'smartphone', undefined],
  ['mijne gsm laadt niet meer op', 'smartphone', 'battery'],
  ['mon ordinateur portable ne démarre plus', 'laptop', 'wont_start'],
  ['mon ordi est très lent, je crois qu il y a un virus', 'desktop', 'slow'],
  ["my laptop won't start", 'laptop', 'wont_start'],
  ['my computer is very slow', 'desktop', 'slow'],
  ['het toetsenbord van mijn laptop werkt niet', 'laptop', 'keyboard_sound'],
  ['mon téléphone ne charge plus', 'smartphone', 'battery'],
  ['MIJN TABLET SCHERM GEBARSTEN', 'tablet', 'screen'],
  ['printer doet niks', 'printer', 'wont_start'],
  ['ik heb een probleem', undefined, undefined],
  ['no sound on my ipad', 'tablet', 'keyboard_sound'],
  ['mijn pc blijft zwart', 'desktop', 'wont_start'],
  ['toestel kapot', undefined, undefined],
];

test.each(PHRASINGS)('"%s" → %s, %s', (text, deviceKind, problem) => {
  expect(lexicon.read(text)).toEqual({ deviceKind, problem });
});

