/**
 * Self-help per sub-question (issue 20, "Answers that help"): the digital questions the issue found
 * answered with the wrong generic text, asked on WhatsApp and SMS, each in the language it was asked
 * in. The goal is the sub-question's own help (`locales/<lang>/selfHelp.json`); a scam call may also
 * get the urgent safety advice (both say to hang up).
 */
import type { Language } from '../../i18n/translator';
import type { SubQuestion } from '../../triage/subQuestions';
import type { Journey } from './support/journey';
import * as goals from './support/goals';

/** One question of the issue: who asks it, in which words, and the help it must get. */
interface Case {
  readonly id: string;
  readonly language: Language;
  readonly say: string;
  readonly help: SubQuestion;
  /** Other answers that are right too. */
  readonly alsoRight?: readonly string[];
}

const CASES: readonly Case[] = [
  { id: 'itsme-new-phone', language: 'nl', say: 'itsme op mijn nieuwe gsm', help: 'itsme_new_phone' },
  { id: 'itsme-will-not-open', language: 'nl', say: 'mijn itsme wil nie openen', help: 'itsme_not_working' },
  { id: 'whatsapp-install', language: 'nl', say: 'hoe zet ik whatsapp op mijn gsm', help: 'whatsapp_install' },
  { id: 'send-photo', language: 'en', say: 'how do I send a photo', help: 'send_photo' },
  { id: 'phone-full', language: 'en', say: 'my phone is full', help: 'storage_full' },
  { id: 'email-hacked', language: 'nl', say: 'mijn e-mail is gehackt', help: 'email_hacked' },
  { id: 'mypension', language: 'en', say: 'how do I see my pension on mypension', help: 'mypension' },
  { id: 'myminfin', language: 'fr', say: "c'est quoi myminfin", help: 'myminfin' },
  { id: 'burgerprofiel', language: 'nl', say: 'wat is mijn burgerprofiel?', help: 'burgerprofiel' },
  { id: 'bank-app-broken-simple', language: 'nl-simple', say: 'bank app kapot', help: 'bank_app_broken' },
  {
    id: 'scam-call-card-code', language: 'en', say: 'someone called saying he is from my bank and wants my card code', help: 'scam_call',
    alsoRight: ['topics.scam_security.urgent'],
  },
  { id: 'phishing-sms-simple', language: 'nl-simple', say: 'sms van bank met link', help: 'phishing_message' },
];

/** The self-help journeys: one message, its own help, on WhatsApp and SMS. */
export const SELF_HELP: readonly Journey[] = CASES.map((c) => ({
  id: `help-${c.id}`,
  group: 'selfHelp',
  description: `"${c.say}" gets the help for ${c.help}`,
  steps: [{ say: c.say }],
  goal: goals.replied([`selfHelp.${c.help}`, ...(c.alsoRight ?? [])]),
  budget: 1,
  channels: ['whatsapp', 'sms'],
  languages: [c.language],
  // a simplified language is one the person picks: it cannot be guessed from the text
  ...(c.language.endsWith('-simple') ? { modes: ['chosen'] as const } : {}),
}));
