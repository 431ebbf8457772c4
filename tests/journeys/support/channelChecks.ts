import { WHATSAPP_LIMITS } from '../../../adapters/channelLimits';
import { translator, type Language } from '../../../i18n/translator';
import type { Reply } from './drivers';

/** Twilio's opt-out words: an SMS must never invite a person to answer with one. */
export const TWILIO_OPT_OUT_WORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'] as const;

/** Verbs that invite typing a word ("type X", "stuur X", "tapez X"…), in nl, fr and en. */
const TYPE_VERBS = /\b(?:type|typ|tik|stuur|schrijf|send|write|reply|answer|antwoord|tapez|tape|envoyez|envoie|écrivez|écris|répondez)\s+[«"'“‘]?\s*(\p{L}+)/giu;

/** The WhatsApp limits one reply breaks (buttons, rows, titles, body, list button label). */
export function whatsAppViolations(reply: Reply, language: Language | undefined): string[] {
  const problems: string[] = [];
  const max = (what: string, value: number, limit: number) => value > limit && problems.push(`${what} ${value} > ${limit}`);
  max('body length', reply.text.length, reply.whatsAppType === 'text' ? WHATSAPP_LIMITS.textBody : WHATSAPP_LIMITS.interactiveBody);
  if (reply.whatsAppType === 'button') {
    max('buttons', reply.choices.length, WHATSAPP_LIMITS.maxButtons);
    for (const c of reply.choices) max(`button title "${c.title}"`, c.title.length, WHATSAPP_LIMITS.buttonTitle);
  }
  if (reply.whatsAppType === 'list') {
    max('list rows', reply.choices.length, WHATSAPP_LIMITS.maxListRows);
    for (const c of reply.choices) max(`row title "${c.title}"`, c.title.length, WHATSAPP_LIMITS.listRowTitle);
    max('list button label', (reply.listButton ?? '').length, WHATSAPP_LIMITS.listButtonLabel);
    const expected = language && translator.t(language, 'channels.listButton');
    if (expected && reply.listButton !== expected) problems.push(`list button "${reply.listButton}" is not the ${language} label "${expected}"`);
  }
  return problems;
}

/** An SMS that offers a Twilio opt-out word as an answer: a numbered choice starting with one, or "type X". */
export function smsOptOutInvitations(reply: Reply): string[] {
  const isOptOut = (word: string) => (TWILIO_OPT_OUT_WORDS as readonly string[]).includes(word.toUpperCase());
  const problems = reply.choices
    .filter((c) => isOptOut(c.title.trim().split(/[\s,.!?]+/)[0] ?? ''))
    .map((c) => `numbered choice "${c.title}" starts with an opt-out word`);
  for (const match of reply.text.matchAll(TYPE_VERBS)) {
    if (isOptOut(match[1])) problems.push(`invites typing "${match[1]}"`);
  }
  return problems;
}
