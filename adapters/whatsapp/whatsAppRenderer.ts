import type { Activity } from 'botbuilder';
import { WHATSAPP_LIMITS } from '../channelLimits';
import { choiceCuesOf, numberedLabel, offeredChoices, OfferedChoice, renderNumberedChoices } from '../shared/numberedChoices';

/** One message of the Graph API `/messages` call, without `messaging_product`, `recipient_type` and `to`. */
export type WhatsAppPart =
  | { type: 'text'; text: { body: string; preview_url: false } }
  | { type: 'interactive'; interactive: WhatsAppInteractive }
  | { type: 'template'; template: { name: string; language: { code: string }; components: TemplateComponent[] } };

/** Reply buttons or a list. */
export type WhatsAppInteractive =
  | { type: 'button'; body: { text: string }; action: { buttons: { type: 'reply'; reply: { id: string; title: string } }[] } }
  | {
      type: 'list';
      body: { text: string };
      action: { button: string; sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[] };
    };

interface TemplateComponent {
  type: 'body';
  parameters: { type: 'text'; text: string }[];
}

/** Options of {@link renderWhatsApp}. */
export interface WhatsAppRenderOptions {
  /** Label of a list message's button (≤20 characters), in the person's language. */
  listButton: string;
}

/** How the choices of an activity are shown. */
export type ChoiceStyle = 'none' | 'buttons' | 'list' | 'numbered';

/**
 * Choices of a channel-neutral activity: each action's opaque id (`value.choice` of a
 * `messageBack`, or an `imBack`'s value) and its display title (adapters/shared/numberedChoices.ts).
 */
export function choicesOf(activity: Partial<Activity>): OfferedChoice[] {
  return offeredChoices(activity);
}

/** True when every value is non-empty, at most `max` long, and no two are equal. */
function uniqueWithin(values: string[], max: number): boolean {
  return new Set(values).size === values.length && values.every((v) => v.trim().length > 0 && v.length <= max);
}

/**
 * The style the renderer picks: ≤3 choices whose titles fit a button → reply buttons, ≤10 whose
 * titles fit a row → list, else numbered text. Meta refuses a message whose button or row ids
 * repeat or are too long (button id ≤256, row id ≤200) and whose button titles repeat, so such
 * choices fall back to numbered text rather than fail.
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-reply-buttons-messages
 * https://developers.facebook.com/documentation/business-messaging/whatsapp/messages/interactive-list-messages
 */
export function choiceStyle(choices: OfferedChoice[]): ChoiceStyle {
  if (choices.length === 0) return 'none';
  const ids = choices.map((c) => c.id);
  const titles = choices.map((c) => c.title);
  const fits = (max: number) => titles.every((t) => t.trim().length > 0 && t.length <= max);
  if (choices.length <= WHATSAPP_LIMITS.maxButtons && uniqueWithin(ids, WHATSAPP_LIMITS.replyId) && uniqueWithin(titles, WHATSAPP_LIMITS.buttonTitle)) return 'buttons';
  if (choices.length <= WHATSAPP_LIMITS.maxListRows && uniqueWithin(ids, WHATSAPP_LIMITS.listRowId) && fits(WHATSAPP_LIMITS.listRowTitle)) return 'list';
  return 'numbered';
}

/**
 * Renders a channel-neutral activity as WhatsApp messages: text split at the body limit; choices as
 * reply buttons, a list or numbered lines (the dialogs' prompts recognise the number). A button's
 * or row's id is the choice's opaque id and its title the display title: a tap comes back with
 * both (whatsAppChannel.ts `toActivity`), as `value.choice` and `text`.
 */
export function renderWhatsApp(activity: Partial<Activity>, options: WhatsAppRenderOptions): WhatsAppPart[] {
  const { choices, style } = shownChoices(activity);
  const text = (activity.text ?? '').trim();
  if (style === 'none' || style === 'numbered') {
    const body = style === 'none' ? text : renderNumberedChoices(activity);
    return splitText(body, WHATSAPP_LIMITS.textBody).map(textPart);
  }
  const chunks = splitText(text, WHATSAPP_LIMITS.interactiveBody);
  const last = chunks.pop() || '👇';
  return [...chunks.map(textPart), interactivePart(style, choices, last, options.listButton)];
}

/** A choice as WhatsApp shows it: its title, and in a list a description under it. */
interface ShownChoice extends OfferedChoice {
  readonly description?: string;
}

/**
 * The choices as shown and their style. In a simplified language every choice shows its number and
 * emoji cue: in the title ("2. 📅 Afspraak maken") where that fits a button or a row, else in the
 * row's description under the plain title (a list, which also holds what three buttons cannot).
 */
function shownChoices(activity: Partial<Activity>): { choices: ShownChoice[]; style: ChoiceStyle } {
  const choices = choicesOf(activity);
  const cues = choiceCuesOf(activity);
  if (!cues) return { choices, style: choiceStyle(choices) };
  const labelled = choices.map((choice, index) => ({ ...choice, title: numberedLabel(choice.title, index, cues[index]) }));
  const style = choiceStyle(labelled);
  if (style !== 'numbered') return { choices: labelled, style };
  const plain = choiceStyle(choices);
  if (plain === 'numbered' || choices.length > WHATSAPP_LIMITS.maxListRows || !choices.every((c) => c.title.length <= WHATSAPP_LIMITS.listRowTitle)) return { choices, style: 'numbered' };
  return { choices: choices.map((choice, index) => ({ ...choice, description: numberedLabel('', index, cues[index]).trim() })), style: 'list' };
}

/** Reply buttons or a one-section list: each id the choice's id, each title its display title. */
function interactivePart(style: 'buttons' | 'list', choices: ShownChoice[], body: string, listButton: string): WhatsAppPart {
  if (style === 'buttons') {
    const buttons = choices.map((c) => ({ type: 'reply' as const, reply: { id: c.id, title: c.title } }));
    return { type: 'interactive', interactive: { type: 'button', body: { text: body }, action: { buttons } } };
  }
  const rows = choices.map((c) => ({ id: c.id, title: c.title, ...(c.description ? { description: c.description } : {}) }));
  const button = truncate(listButton, WHATSAPP_LIMITS.listButtonLabel);
  return { type: 'interactive', interactive: { type: 'list', body: { text: body }, action: { button, sections: [{ rows }] } } };
}

/**
 * The activity as an approved template with one body parameter: the text and its choices on one
 * line (template parameters may not hold new lines, tabs or more than four spaces in a row).
 */
export function renderTemplate(activity: Partial<Activity>, name: string, languageCode: string): WhatsAppPart {
  const flat = renderNumberedChoices(activity)
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' · ')
    .replace(/\s+/g, ' ');
  return {
    type: 'template',
    template: { name, language: { code: languageCode }, components: [{ type: 'body', parameters: [{ type: 'text', text: truncate(flat, 900) || '…' }] }] },
  };
}

function textPart(body: string): WhatsAppPart {
  return { type: 'text', text: { body, preview_url: false } };
}

/** Cuts at `max` characters with an ellipsis. */
function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Splits text into pieces of at most `max` UTF-16 units, preferring paragraph, line, sentence and
 * word boundaries, never splitting a surrogate pair. Empty text gives no piece.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = -1;
    for (const separator of ['\n\n', '\n', '. ', ' ']) {
      const at = window.lastIndexOf(separator);
      if (at >= max / 2 && at < max) {
        cut = at + (separator === '. ' ? 1 : 0);
        break;
      }
    }
    if (cut <= 0) {
      cut = max;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}
