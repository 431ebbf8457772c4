import { baseLanguage, LANGUAGES, translator, type Language } from '../../../i18n/translator';
import { driverFor, type Channel, type ChannelDriver, type OfferedChoice, type Reply, type Turn } from './drivers';
import { smsOptOutInvitations, whatsAppViolations } from './channelChecks';
import type { JourneyServer } from './journeyServer';
import type { LanguageJudge } from './languageCheck';
import { type GoalContext, type Journey, type Mode, type Pick, pickIn, type Step, wordsIn } from './journey';

/** What a greeting looks like in each language (guessed mode opens with it). */
export const GREETINGS: Readonly<Record<Language, string>> = { nl: 'Goeiendag', fr: 'Bonjour', en: 'Hello', 'nl-simple': 'Dag', 'fr-simple': 'Salut', 'en-simple': 'Hi' };

/** A language-neutral first message (chosen mode opens with it, then picks the language). */
export const NEUTRAL_OPENING = '👋';

/** The result of one run of a journey. */
export interface JourneyResult {
  readonly journeyId: string;
  readonly language: Language;
  readonly channel: Channel;
  readonly mode: Mode;
  /** The goal holds after the steps and the steps took no more turns than the budget. */
  readonly reached: boolean;
  readonly goalHolds: boolean;
  /** Inbound messages of the journey's steps (the language opening not counted). */
  readonly turnsUsed: number;
  readonly budget: number;
  /** SMS segments the assistant sent in the whole run (0 on other channels). */
  readonly smsSegments: number;
  /** Every broken rule: language, unanswered message, channel limits, a step that could not be taken. */
  readonly violations: readonly string[];
  /** The conversation, for a failure message. */
  readonly transcript: readonly string[];
}

/** The mutable state of one run. */
interface RunState {
  readonly driver: ChannelDriver;
  language: Language;
  readonly startLanguage: Language;
  readonly turns: Turn[];
  readonly offers: (readonly OfferedChoice[])[];
  readonly violations: string[];
  readonly transcript: string[];
  readonly remembered: Map<string, Date>;
  /** What the person noted from replies (`remember: 'codeAndPostcode'`), for `{{name}}` in what they type. */
  readonly notes: Map<string, string>;
  languageKnown: boolean;
  segments: number;
  stepTurns: number;
}

/** Runs one journey in one language, on one channel, in one mode, as a new person; never throws on a failed step. */
export async function runJourney(server: JourneyServer, judge: LanguageJudge, journey: Journey, language: Language, channel: Channel, mode: Mode): Promise<JourneyResult> {
  const driver = driverFor(channel, server);
  const state: RunState = { driver, language, startLanguage: language, turns: [], offers: [], violations: [], transcript: [], remembered: new Map(), notes: new Map(), languageKnown: false, segments: 0, stepTurns: 0 };
  record(state, judge, { said: '(opens the conversation)', replies: await driver.open() }, false);
  const opened = journey.opening === 'none' ? (state.languageKnown = true) : await openLanguage(state, judge, mode);
  for (const [index, step] of journey.steps.entries()) {
    if (!opened) break;
    const problem = await runStep(state, judge, step, server);
    if (problem) {
      state.violations.push(`step ${index + 1}: ${problem}`);
      break;
    }
  }
  const goalHolds = await journey.goal.reached(await goalContext(state, server, channel)).catch(() => false);
  const reached = goalHolds && state.stepTurns <= journey.budget;
  return {
    journeyId: journey.id, language, channel, mode, reached, goalHolds, turnsUsed: state.stepTurns, budget: journey.budget,
    smsSegments: state.segments, violations: state.violations, transcript: state.transcript,
  };
}

/** The opening: pick the language at the menu (chosen), or greet in it (guessed). False when it could not be done. */
async function openLanguage(state: RunState, judge: LanguageJudge, mode: Mode): Promise<boolean> {
  if (mode === 'guessed') {
    state.languageKnown = true;
    record(state, judge, await state.driver.say(GREETINGS[state.language]), false);
    return true;
  }
  if (state.offers.length === 0) record(state, judge, await state.driver.say(NEUTRAL_OPENING), false);
  const choice = findChoice(lastOffer(state), { key: 'language.choices.name' }, state.language);
  if (!choice) {
    state.violations.push(`opening: no language choice "${translator.t(state.language, 'language.choices.name')}" offered`);
    return false;
  }
  state.languageKnown = true;
  record(state, judge, await state.driver.tap(choice), false);
  return true;
}

/** Takes one step; returns why it could not be taken, if so. */
async function runStep(state: RunState, judge: LanguageJudge, step: Step, server: JourneyServer): Promise<string | undefined> {
  if ('say' in step) {
    const text = wordsIn(step.say, state.language).replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) => state.notes.get(name) ?? placeholder);
    if (/\{\{\w+\}\}/.test(text)) return `nothing noted for "${text}"`;
    record(state, judge, await state.driver.say(text), true);
  } else if ('pin' in step) {
    const { latitude, longitude } = step.pin;
    record(state, judge, state.driver.pin ? await state.driver.pin(latitude, longitude) : await state.driver.say(wordsIn(step.orSay, state.language)), true);
  } else if ('tap' in step) {
    const pick = pickIn(step.tap, state.language);
    const choice = findChoice(lastOffer(state), pick, state.language);
    if (!choice) return step.optional ? undefined : `no choice ${describePick(pick, state.language)} among [${lastOffer(state).map((c) => c.title).join(' | ')}]`;
    record(state, judge, await state.driver.tap(choice), true);
  } else if ('tapStale' in step) {
    const offer = state.offers.at(-step.offersBack) ?? [];
    const choice = findChoice(offer, step.tapStale, state.language);
    if (!choice) return `no earlier choice ${describePick(step.tapStale, state.language)}`;
    record(state, judge, await state.driver.tap(choice), true);
  } else if ('expect' in step) {
    const replies = state.turns.at(-1)?.replies ?? [];
    if (!step.expect.some((key) => repliesHold(replies, key, state.language))) return `expected a reply with ${step.expect.join(' or ')}`;
  } else if ('switchTo' in step) {
    state.language = step.switchTo[state.language];
  } else if ('newPage' in step) {
    record(state, judge, { said: '(comes back on a new page)', replies: await state.driver.newPage() }, false);
  } else if (step.remember === 'codeAndPostcode') {
    return noteCodeAndPostcode(state);
  } else {
    const personId = await personOf(server, state.driver);
    const bookings = personId ? await server.app.db.prisma.booking.findMany({ where: { personId, status: 'booked' } }) : [];
    for (const b of bookings) state.remembered.set(b.id, b.startsAt);
  }
  return undefined;
}

/** A reference code as the assistant shows it ("K7M-4QX"), and the postcode of an address line ("…, 8500 Kortrijk"). */
const SHOWN_CODE = /\b([2-9A-HJ-NP-Z]{3}-[2-9A-HJ-NP-Z]{3})\b/;
const ADDRESS_POSTCODE = /, ([1-9]\d{3}) \p{L}/u;

/** Notes the code and postcode of the last turn's replies; says so when they are not there. */
function noteCodeAndPostcode(state: RunState): string | undefined {
  const text = (state.turns.at(-1)?.replies ?? []).map((reply) => reply.text).join('\n');
  const reference = SHOWN_CODE.exec(text)?.[1];
  const postcode = ADDRESS_POSTCODE.exec(text)?.[1];
  if (!reference || !postcode) return `no code and postcode to note in the last replies`;
  state.notes.set('reference', reference);
  state.notes.set('postcode', postcode);
  return undefined;
}

/** Keeps a turn, and checks it: answered, in the person's language, within the channel's limits. */
function record(state: RunState, judge: LanguageJudge, turn: Turn, counts: boolean): void {
  state.turns.push(turn);
  if (counts) state.stepTurns += 1;
  const at = `turn ${state.turns.length - 1} ("${turn.said}")`;
  state.transcript.push(`> ${turn.said}${turn.tapped ? ` [tap ${turn.tapped.kind}]` : ''}`);
  for (const reply of turn.replies) state.transcript.push(`  < ${reply.text.replace(/\n/g, ' ⏎ ')}${reply.choices.length ? ` {${reply.choices.map((c) => c.title).join(' | ')}}` : ''}`);
  if (!turn.said.startsWith('(') && turn.replies.length === 0) state.violations.push(`${at}: no answer`);
  for (const reply of turn.replies) {
    if (reply.choices.length > 0) state.offers.push(reply.choices);
    state.segments += reply.segments ?? 0;
    state.violations.push(...replyViolations(state, judge, reply).map((v) => `${at}: ${v}`));
  }
}

/** The rules one reply breaks. */
function replyViolations(state: RunState, judge: LanguageJudge, reply: Reply): string[] {
  const language = state.languageKnown ? state.language : undefined;
  const problems: string[] = [];
  if (state.driver.channel === 'whatsapp') problems.push(...whatsAppViolations(reply, language));
  if (state.driver.channel === 'sms') problems.push(...smsOptOutInvitations(reply));
  // A language menu (every language by its name) may speak every language.
  if (!language || isLanguageMenu(reply)) return problems;
  const titles = reply.choices.map((c) => c.title);
  for (const m of judge.mismatches(reply.text, language, titles)) problems.push(`language ${m.found} instead of ${language}: "${m.judged}"`);
  for (const line of [reply.text, ...titles].flatMap((t) => judge.foreignLocaleLines(t, language))) problems.push(`text of another language's locale: "${line}"`);
  return problems;
}

/** True when the reply offers every language by its own name. */
function isLanguageMenu(reply: Reply): boolean {
  const titles = new Set(reply.choices.map((c) => comparable(c.title)));
  return LANGUAGES.every((l) => titles.has(comparable(translator.t(l, 'language.choices.name'))));
}

/** The choices of the latest reply that offered any. */
function lastOffer(state: RunState): readonly OfferedChoice[] {
  return state.offers.at(-1) ?? [];
}

/** The choice a pick means among the offered ones. */
export function findChoice(choices: readonly OfferedChoice[], pick: Pick, language: Language): OfferedChoice | undefined {
  if ('index' in pick) return choices[pick.index];
  if ('last' in pick) return choices.at(-1);
  if ('title' in pick) return choices.find((c) => pick.title.test(c.title));
  for (const form of familyOf(language)) {
    const wanted = comparable(translator.t(form, pick.key));
    const found = choices.find((c) => comparable(c.title) === wanted)
      ?? choices.find((c) => comparable(c.title).includes(wanted) || (wanted.includes(comparable(c.title)) && comparable(c.title).length >= 3));
    if (found) return found;
  }
  return undefined;
}

/** The language and its base (`nl-simple` → also `nl`: simplified Dutch cannot be told from Dutch). */
function familyOf(language: Language): Language[] {
  return [...new Set([language, baseLanguage(language)])];
}

function describePick(pick: Pick, language: Language): string {
  if ('key' in pick) return `${pick.key} ("${translator.t(language, pick.key)}")`;
  if ('title' in pick) return `titled ${pick.title}`;
  return 'index' in pick ? `#${pick.index}` : 'the last one';
}

/** Case, accents-insensitive and punctuation-free form for comparing a title with a locale text. */
function comparable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** True when some reply holds the longest fixed part of the key's text (placeholders cut out). */
export function repliesHold(replies: readonly Reply[], key: string, language: Language): boolean {
  return familyOf(language).some((form) => {
    const fragments = translator.t(form, key).split(/\{\{[^}]*\}\}|\n/).map(comparable).filter(Boolean);
    const longest = fragments.sort((a, b) => b.length - a.length)[0] ?? '';
    return replies.some((r) => comparable(r.text).includes(longest));
  });
}

/** The person of a conversation (once the assistant created them). */
async function personOf(server: JourneyServer, driver: ChannelDriver): Promise<string | undefined> {
  const conversation = await server.app.db.prisma.conversation.findFirst({ where: { channel: driver.channel, channelConversationId: driver.conversationId } });
  return conversation?.personId ?? undefined;
}

async function goalContext(state: RunState, server: JourneyServer, channel: Channel): Promise<GoalContext> {
  return {
    prisma: server.app.db.prisma, language: state.startLanguage, currentLanguage: state.language, channel,
    personId: await personOf(server, state.driver), turns: state.turns, remembered: state.remembered,
  };
}
