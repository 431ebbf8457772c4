import type { Activity } from 'botbuilder';
import { Choice, DialogContext, Prompt, PromptOptions } from 'botbuilder-dialogs';
import type { Language, Translator } from '../i18n/translator';
import { deepestContext } from './otherRequest';
import { choiceAction } from './prompts';

/**
 * The question being asked, said again in another language: "simpler" in the middle of a booking
 * switches to the simplified variant, and the same question comes back in it, with what it already
 * knows (the day, the place) kept. A prompt keeps its texts in the dialog state, in the language it
 * was asked in; each text is looked up as a locale text of that language (`Translator.keyOf`), then
 * written with the same key and values in the new one. A text the locales do not give (a volunteer's
 * words, a place list) stays as it is.
 */
export function restateQuestion(dc: DialogContext, from: Language, to: Language, i18n: Translator): void {
  const deepest = deepestContext(dc);
  const question = deepest.activeDialog;
  if (!question || !(deepest.findDialog(question.id) instanceof Prompt)) return;
  const state = question.state as { options?: PromptOptions };
  if (!state.options) return;
  const restate = (text: string) => restatedText(text, from, to, i18n);
  const { prompt, retryPrompt, choices } = state.options;
  state.options = {
    ...state.options,
    ...(prompt && { prompt: restatedActivity(prompt, restate) }),
    ...(retryPrompt && { retryPrompt: restatedActivity(retryPrompt, restate) }),
    ...(choices && { choices: choices.map((choice, index) => restatedChoice(choice, index, restate)) }),
  };
}

/** A text in another language: the whole text as one locale text, else line by line. */
export function restatedText(text: string, from: Language, to: Language, i18n: Translator): string {
  const whole = i18n.keyOf(from, text);
  if (whole) return i18n.t(to, whole.key, whole.vars);
  return text
    .split('\n')
    .map((line) => {
      const found = line.trim() === '' ? undefined : i18n.keyOf(from, line);
      return found ? i18n.t(to, found.key, found.vars) : line;
    })
    .join('\n');
}

/**
 * A prompt's message in the new language: its text, and the titles of the choices it carries (a
 * question that checks its answers itself); each choice keeps the id a tap answers with, so the
 * question still knows it.
 */
function restatedActivity(activity: string | Partial<Activity>, restate: (text: string) => string): string | Partial<Activity> {
  if (typeof activity === 'string') return restate(activity);
  const actions = activity.suggestedActions?.actions;
  return {
    ...activity,
    ...(typeof activity.text === 'string' && { text: restate(activity.text) }),
    ...(activity.suggestedActions &&
      actions && {
        suggestedActions: {
          ...activity.suggestedActions,
          actions: actions.map((action) => {
            const title = typeof action.title === 'string' ? restate(action.title) : action.title;
            return title === action.title ? action : { ...action, title, ...(action.text !== undefined && { text: title }), ...(action.displayText !== undefined && { displayText: title }) };
          }),
        },
      }),
  };
}

/** A choice with its title in the new language; its old title stays one of its words. */
function restatedChoice(choice: string | Choice, index: number, restate: (text: string) => string): string | Choice {
  if (typeof choice === 'string') return restate(choice);
  const title = restate(choice.value);
  if (title === choice.value) return choice;
  return { ...choice, value: title, action: choiceAction(title, index), synonyms: [...new Set([...(choice.synonyms ?? []), choice.value])] };
}
