import type { Activity } from 'botbuilder';

/** A line that numbers an option itself: "1. …" or "1) …". */
const NUMBERED_LINE = /^\s*(\d{1,2})[.)]\s+(.*)$/u;

/** The words of a choice title, lower case, without punctuation ("lun. 7 déc." → lun, 7, déc). */
function titleWords(title: string): string[] {
  return title.toLocaleLowerCase().split(/\s+/u).map((word) => word.replace(/[^\p{L}\p{N}:]/gu, '')).filter((word) => word.length > 0);
}

/**
 * How many choices the text already lists as numbered lines: lines "1. …", "2. …" in order, each
 * naming its choice (every word of the choice's title appears in the line, e.g. the place list
 * "1. Digibank Kortrijk, Budastraat 1, 8500 Kortrijk" for the choice "8500 Kortrijk"). Zero when
 * the text's numbered lines are something else (steps of an explanation).
 */
export function choicesNumberedInText(text: string, titles: readonly string[]): number {
  const lines = text.split('\n').map((line) => NUMBERED_LINE.exec(line)).filter((match): match is RegExpExecArray => match !== null);
  if (lines.length === 0 || lines.length > titles.length) return 0;
  const inOrder = lines.every((match, index) => Number(match[1]) === index + 1);
  const named = lines.every((match, index) => titleWords(titles[index]).every((word) => match[2].toLocaleLowerCase().includes(word)));
  return inOrder && named ? lines.length : 0;
}

/**
 * Renders a channel-neutral activity as plain text with its choices as numbered lines, for
 * channels without buttons (SMS, the terminal): "1. Nederlands". The dialogs' choice prompts
 * recognise the number as an answer. Choices the text already lists as numbered lines (a place
 * list) are not numbered a second time: the following ones continue the numbering.
 */
export function renderNumberedChoices(activity: Partial<Activity>): string {
  const titles = (activity.suggestedActions?.actions ?? []).map((action) => action.title ?? String(action.value));
  const text = activity.text ?? '';
  const skip = choicesNumberedInText(text, titles);
  const choices = titles.slice(skip).map((title, index) => `${skip + index + 1}. ${title}`);
  return [text, ...choices].filter((line) => line.length > 0).join('\n');
}
