import type { Activity, CardAction } from 'botbuilder';
import { choiceCuesOf, choiceIdOf, numberedLabel, titleOf } from '../shared/numberedChoices';

/**
 * Message text as Web Chat should show it. Web Chat renders a message's text as markdown
 * (`textFormat` unset or `markdown`), where a single line break is a soft break that collapses into
 * a space: a booking summary written on four lines ran together. Each single break becomes a
 * markdown hard break (two spaces before the new line); blank lines still separate paragraphs, and
 * lines starting with "1." or "-" still make lists (markdown lets a list interrupt a paragraph).
 * Plain text is kept as it is. https://spec.commonmark.org/0.31.2/#hard-line-breaks
 */
export function withHardLineBreaks(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/(\n{2,})/)
    .map((part, index) => (index % 2 === 1 ? part : part.split('\n').map((line) => line.trimEnd()).join('  \n')))
    .join('');
}

/**
 * The suggested actions as Web Chat gets them. Every choice becomes a `messageBack`: Web Chat then
 * posts the display title as `text` and the id as `value.choice` (and shows `displayText`), so a tap
 * is a choice and a person never sees an opaque id — an `imBack` would post its value as the
 * visitor's own words. With two or more choices each label shows its number ("2. Een afspraak"),
 * as SMS and the terminal show them: the prompts say "choose a number", and typing the number works
 * on every channel. In a simplified language every label shows its number and emoji cue
 * ("2. 📅 Afspraak maken"), even a single choice. Other action types (openUrl…) pass unchanged.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#cardaction-object
 * (Web Chat 4.18 posts a `messageBack` as `{ text, value, channelData: { messageBack: { displayText } } }`.)
 */
export function webChatActions(actions: readonly CardAction[], cues?: readonly string[]): CardAction[] {
  const numbered = actions.length >= 2 || cues !== undefined;
  return actions.map((action, index) => {
    if (action.type !== 'imBack' && action.type !== 'messageBack') return action;
    const title = titleOf(action);
    const label = numbered ? numberedLabel(title, index, cues?.[index]) : title;
    return { type: 'messageBack', title: label, text: title, displayText: title, value: { choice: choiceIdOf(action) } };
  });
}

/** A stored activity as Direct Line hands it to Web Chat: hard line breaks, choices as `messageBack`. */
export function toWebChat(activity: Partial<Activity>): Partial<Activity> {
  if (activity.type !== 'message') return activity;
  const markdown = activity.textFormat === undefined || activity.textFormat === 'markdown';
  const text = markdown && activity.text ? withHardLineBreaks(activity.text) : activity.text;
  const actions = activity.suggestedActions?.actions;
  const suggestedActions = actions?.length ? { ...activity.suggestedActions, to: activity.suggestedActions?.to ?? [], actions: webChatActions(actions, choiceCuesOf(activity)) } : activity.suggestedActions;
  return { ...activity, ...(text === undefined ? {} : { text }), ...(suggestedActions ? { suggestedActions } : {}) };
}
