import { MessageFactory } from 'botbuilder';
import { choiceCue, withChoiceCues } from '../../../dialogs/choiceCues';
import { citizenTexts } from '../../../i18n/readability';
import { isSimple, LANGUAGES, translator as i18n } from '../../../i18n/translator';
import { conversationIn, useConversations } from '../../support/conversation';

useConversations();

/** Every `….choices.…` key of the Dutch locales (what a person can be offered to tap). */
function choiceKeys(): string[] {
  return citizenTexts('nl').map(({ key }) => key).filter((key) => key.split('.').includes('choices'));
}

const SIMPLE = LANGUAGES.filter(isSimple);
const EMOJI = /\p{Extended_Pictographic}/u;

test('every choice a person can be offered has an emoji cue of its own, in every simplified language', () => {
  const missing = SIMPLE.flatMap((language) => choiceKeys().filter((key) => !i18n.has(language, `cues.${key}`)).map((key) => `${language}:cues.${key}`));
  expect(missing).toEqual([]);
  const notEmoji = SIMPLE.flatMap((language) => choiceKeys().map((key) => i18n.t(language, `cues.${key}`)).filter((cue) => !EMOJI.test(cue)));
  expect(notEmoji).toEqual([]);
});

test.each(SIMPLE)('%s: a choice gets the cue of its key; data choices the cue of their kind', (language) => {
  expect(choiceCue(i18n.t(language, 'menu.choices.appointment'), language, i18n)).toBe(i18n.t(language, 'cues.menu.choices.appointment'));
  expect(choiceCue(i18n.t('fr', 'language.choices.name'), language, i18n)).toBe(i18n.t(language, 'cues.language.choices.name'));
  expect(choiceCue('09:30', language, i18n)).toBe(i18n.t(language, 'cues.kinds.time'));
  expect(choiceCue('8500 Kortrijk', language, i18n)).toBe(i18n.t(language, 'cues.kinds.place'));
  expect(choiceCue('di 8 dec', language, i18n)).toBe(i18n.t(language, 'cues.kinds.day'));
  expect(choiceCue('Iets dat geen keuze is', language, i18n)).toBe(i18n.t(language, 'cues.kinds.other'));
});

test('only simplified languages mark their choices; titles and ids stay as they are', () => {
  const titles = ['menu.choices.question', 'menu.choices.appointment'];
  for (const language of LANGUAGES) {
    const activity = MessageFactory.suggestedActions(titles.map((key) => i18n.t(language, key)), 'x');
    const before = JSON.stringify(activity.suggestedActions);
    withChoiceCues(activity, language, i18n);
    const cues = (activity.channelData as { digibank?: { choiceCues?: string[] } } | undefined)?.digibank?.choiceCues;
    expect(cues).toEqual(isSimple(language) ? titles.map((key) => i18n.t(language, `cues.${key}`)) : undefined);
    expect(JSON.stringify(activity.suggestedActions)).toBe(before);
  }
});

test.each(SIMPLE)('%s: the menu the assistant sends carries a cue per choice', async (language) => {
  const conversation = await conversationIn(language);
  const replies = await conversation.say('menu');
  const menu = replies.find((reply) => reply.suggestedActions?.actions?.length);
  const cues = (menu?.channelData as { digibank?: { choiceCues?: string[] } } | undefined)?.digibank?.choiceCues;
  expect(cues).toEqual(['question', 'appointment', 'loan', 'person', 'language'].map((id) => i18n.t(language, `cues.menu.choices.${id}`)));
});
