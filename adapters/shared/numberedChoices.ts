import type { Activity } from 'botbuilder';

/**
 * Renders a channel-neutral activity as plain text with its choices as numbered lines, for
 * channels without buttons (SMS, the terminal): "1. Nederlands". The dialogs' choice prompts
 * recognise the number as an answer.
 */
export function renderNumberedChoices(activity: Partial<Activity>): string {
  const choices = (activity.suggestedActions?.actions ?? []).map((action, index) => `${index + 1}. ${action.title ?? String(action.value)}`);
  return [activity.text ?? '', ...choices].filter((line) => line.length > 0).join('\n');
}
