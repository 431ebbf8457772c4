import type { Activity, CardAction } from 'botbuilder';

/** One choice an activity offers: its opaque, stable id and the title a person sees. */
export interface OfferedChoice {
  id: string;
  title: string;
}

/**
 * The id of a suggested action. The dialogs offer `messageBack` actions whose `value` is
 * `{ choice: '<id>' }`; older turns (and notifications) still send `imBack` with the title as value.
 * Both are read here: `value.choice` when it is a string, else a string value, else the title.
 */
export function choiceIdOf(action: Partial<CardAction>): string {
  const value: unknown = action.value;
  if (value && typeof value === 'object' && typeof (value as { choice?: unknown }).choice === 'string') return (value as { choice: string }).choice;
  if (typeof value === 'string' && value.length > 0) return value;
  return titleOf(action);
}

/** The title a person sees on an action: its title, else its display text, else its text. */
export function titleOf(action: Partial<CardAction>): string {
  const value: unknown = action.value;
  return action.title || action.displayText || action.text || (typeof value === 'string' ? value : '');
}

/** The choices of an activity's suggested actions, in order. */
export function offeredChoices(activity: Partial<Activity> | undefined): OfferedChoice[] {
  return (activity?.suggestedActions?.actions ?? []).map((action) => ({ id: choiceIdOf(action), title: titleOf(action) }));
}

/**
 * The inbound message a tap on a choice becomes on every channel (the contract with the dialogs):
 * its display title as text and its id as `value.choice`. Nothing else marks a tap.
 */
export function choiceMessage(choice: OfferedChoice): Partial<Activity> {
  return { type: 'message', text: choice.title, value: { choice: choice.id } };
}

/**
 * The choice a typed number selects ("2", " 2. "), counted from 1 like the numbered lines of
 * {@link renderNumberedChoices}; undefined for any other text or a number out of range.
 */
export function choiceForNumber(choices: readonly OfferedChoice[], text: string | undefined): OfferedChoice | undefined {
  const match = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(text ?? '');
  return match ? choices[Number(match[1]) - 1] : undefined;
}

/**
 * Renders a channel-neutral activity as plain text with its choices as numbered lines, for
 * channels without buttons (SMS, the terminal): "1. Nederlands". The dialogs' choice prompts
 * recognise the number as an answer.
 */
export function renderNumberedChoices(activity: Partial<Activity>): string {
  const choices = offeredChoices(activity).map((choice, index) => `${index + 1}. ${choice.title}`);
  return [activity.text ?? '', ...choices].filter((line) => line.length > 0).join('\n');
}
