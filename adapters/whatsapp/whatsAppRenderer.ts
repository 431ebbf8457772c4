import type { Activity, CardAction } from 'botbuilder';
import { WHATSAPP_LIMITS } from '../channelLimits';
import { renderNumberedChoices } from '../shared/numberedChoices';

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

interface Choice {
  id: string;
  title: string;
}

/** Choices of a channel-neutral activity: `imBack` suggested actions (value and title). */
export function choicesOf(activity: Partial<Activity>): Choice[] {
  return (activity.suggestedActions?.actions ?? []).map((action: CardAction) => {
    const value = typeof action.value === 'string' ? action.value : String(action.value ?? action.title ?? '');
    return { id: value, title: action.title ?? value };
  });
}

/**
 * The style the renderer picks: ≤3 choices whose titles fit a button → reply buttons, ≤10 whose
 * titles fit a row → list, else numbered text. Ids must be unique and fit the id limit.
 */
export function choiceStyle(choices: Choice[]): ChoiceStyle {
  if (choices.length === 0) return 'none';
  const ids = new Set(choices.map((c) => c.id));
  const idsFit = ids.size === choices.length && choices.every((c) => c.id.length > 0 && c.id.length <= WHATSAPP_LIMITS.replyId);
  const fits = (max: number) => choices.every((c) => c.title.trim().length > 0 && c.title.length <= max);
  if (idsFit && choices.length <= WHATSAPP_LIMITS.maxButtons && fits(WHATSAPP_LIMITS.buttonTitle)) return 'buttons';
  if (idsFit && choices.length <= WHATSAPP_LIMITS.maxListRows && fits(WHATSAPP_LIMITS.listRowTitle)) return 'list';
  return 'numbered';
}

/**
 * Renders a channel-neutral activity as WhatsApp messages: text split at the body limit; choices as
 * reply buttons, a list or numbered lines (the dialogs' prompts recognise the number). A tapped
 * button or row comes back with its id: the choice's value, which the prompt matches exactly.
 */
export function renderWhatsApp(activity: Partial<Activity>, options: WhatsAppRenderOptions): WhatsAppPart[] {
  const choices = choicesOf(activity);
  const style = choiceStyle(choices);
  const text = (activity.text ?? '').trim();
  if (style === 'none' || style === 'numbered') {
    const body = style === 'none' ? text : renderNumberedChoices(activity);
    return splitText(body, WHATSAPP_LIMITS.textBody).map(textPart);
  }
  const chunks = splitText(text, WHATSAPP_LIMITS.interactiveBody);
  const last = chunks.pop() || '👇';
  const parts: WhatsAppPart[] = chunks.map(textPart);
  if (style === 'buttons') {
    parts.push({
      type: 'interactive',
      interactive: { type: 'button', body: { text: last }, action: { buttons: choices.map((c) => ({ type: 'reply', reply: { id: c.id, title: c.title } })) } },
    });
  } else {
    parts.push({
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: last },
        action: { button: truncate(options.listButton, WHATSAPP_LIMITS.listButtonLabel), sections: [{ rows: choices.map((c) => ({ id: c.id, title: c.title })) }] },
      },
    });
  }
  return parts;
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
