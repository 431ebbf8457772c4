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
  return { type: 'message', text: plainTitle(choice.title), value: { choice: choice.id } };
}

/**
 * The choice a typed number selects ("2", " 2. "), counted from 1 like the numbered lines of
 * {@link renderNumberedChoices}; undefined for any other text or a number out of range.
 */
export function choiceForNumber(choices: readonly OfferedChoice[], text: string | undefined): OfferedChoice | undefined {
  const match = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(text ?? '');
  return match ? choices[Number(match[1]) - 1] : undefined;
}

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
 * The emoji cues of an activity's choices (one per choice, in order), set by the dialogs in a
 * simplified language (`channelData.digibank.choiceCues`, dialogs/choiceCues.ts); undefined otherwise.
 * Such choices always show their number and their cue, on every channel.
 */
export function choiceCuesOf(activity: Partial<Activity> | undefined): readonly string[] | undefined {
  const cues: unknown = (activity?.channelData as { digibank?: { choiceCues?: unknown } } | undefined)?.digibank?.choiceCues;
  const count = activity?.suggestedActions?.actions?.length ?? 0;
  return Array.isArray(cues) && cues.length === count && count > 0 && cues.every((cue) => typeof cue === 'string') ? (cues as string[]) : undefined;
}

/** A choice's label with its number, and its cue when it has one: "2. 📅 Afspraak maken". */
export function numberedLabel(title: string, index: number, cue?: string): string {
  return cue ? `${index + 1}. ${cue} ${title}` : `${index + 1}. ${title}`;
}

/** A label of {@link numberedLabel} with a cue ("2. 📅 Afspraak maken"): its number and cue. */
const CUED_LABEL = /^\d{1,2}\. (?:\p{Extended_Pictographic}|\p{Regional_Indicator}|[\u200D\uFE0F\u20E3\u{1F3FB}-\u{1F3FF}])+ /u;

/**
 * The title of a choice without the number and cue its label showed ("2. 📅 Afspraak maken" →
 * "Afspraak maken"): a tap on a cued button answers with the title the dialogs offered.
 */
export function plainTitle(label: string): string {
  return label.replace(CUED_LABEL, '');
}

/**
 * Renders a channel-neutral activity as plain text with its choices as numbered lines, for
 * channels without buttons (SMS, the terminal): "1. Nederlands", with the choice's emoji cue in a
 * simplified language ("1. 📅 Afspraak maken"; SMS then drops the emoji to stay GSM-7). The dialogs'
 * choice prompts recognise the number as an answer. Choices the text already lists as numbered lines
 * (a place list) are not numbered a second time: the following ones continue the numbering.
 */
export function renderNumberedChoices(activity: Partial<Activity>): string {
  const titles = offeredChoices(activity).map((choice) => choice.title);
  const cues = choiceCuesOf(activity);
  const text = activity.text ?? '';
  const skip = choicesNumberedInText(text, titles);
  const choices = titles.slice(skip).map((title, index) => numberedLabel(title, skip + index, cues?.[skip + index]));
  return [text, ...choices].filter((line) => line.length > 0).join('\n');
}
