import { LANGUAGES, translator } from '../../../i18n/translator';
import { ErasureService } from '../../../services/privacy/erasureService';
import type { Goal, GoalContext } from './journey';
import { repliesHold } from './runJourney';
import { ReferenceCode } from '../../../services/booking/referenceCode';
import { SUB_QUESTION_TOPICS, SUB_QUESTIONS } from '../../../triage/subQuestions';
import type { Topic } from '../../../triage/taxonomy';

/** Every help text that answers a question on a topic: the generic one and those of its sub-questions. */
export const helpOf = (topic: Topic): string[] => [
  `topics.${topic}.help`,
  ...SUB_QUESTIONS.filter((id) => (SUB_QUESTION_TOPICS[id] as readonly Topic[]).includes(topic)).map((id) => `selfHelp.${id}`),
];

/** The answers to "where is my laptop?": the status (WhatsApp, SMS), or on web chat first the request's code. */
export const LOAN_STATUS_ANSWERS: readonly string[] = ['loan.status.none', 'loan.status.intro', 'proof.askCode.loans'];

/** A goal from a description and a check. */
function goal(description: string, reached: (c: GoalContext) => Promise<boolean>): Goal {
  return { description, reached };
}

/** The person has a booked appointment of this kind. */
export const booked = (kind: 'helpdesk' | 'home_visit', notesInclude?: string): Goal =>
  goal(`a ${kind} booking is booked${notesInclude ? ` with "${notesInclude}" in its notes` : ''}`, async (c) => {
    if (!c.personId) return false;
    const bookings = await c.prisma.booking.findMany({ where: { personId: c.personId, kind, status: 'booked' } });
    return bookings.some((b) => !notesInclude || (b.notes ?? '').includes(notesInclude));
  });

/** A remembered booking is still booked, at another time. */
export const moved: Goal = goal('the remembered booking is booked at another time', async (c) => {
  if (!c.personId || c.remembered.size === 0) return false;
  const bookings = await c.prisma.booking.findMany({ where: { id: { in: [...c.remembered.keys()] }, status: 'booked' } });
  return bookings.some((b) => b.startsAt.getTime() !== c.remembered.get(b.id)?.getTime());
});

/** The person's booking is cancelled and none is left booked. */
export const cancelled: Goal = goal('the booking is cancelled', async (c) => {
  if (!c.personId) return false;
  const bookings = await c.prisma.booking.findMany({ where: { personId: c.personId } });
  return bookings.some((b) => b.status === 'cancelled') && !bookings.some((b) => b.status === 'booked');
});

/** Web chat: after the person came back on a new page, no reply shows the code of any of their bookings. */
export const noBookingShownAfterReturn: Goal = goal('no booking code is shown after coming back on a new page', async (c) => {
  const back = c.turns.findIndex((t) => t.said === '(comes back on a new page)');
  if (back < 0 || !c.personId) return false;
  const codes = (await c.prisma.booking.findMany({ where: { personId: c.personId } })).map((b) => ReferenceCode.format(b.reference));
  return codes.length > 0 && !c.turns.slice(back).some((t) => t.replies.some((r) => codes.some((code) => r.text.includes(code))));
});

/** The person holds a seat in a workshop (`waiting`: or a place on its waiting list). */
export const workshopRegistered = (orWaiting = true): Goal =>
  goal(`the person is registered for a workshop${orWaiting ? ' (or on its waiting list)' : ''}`, async (c) =>
    !!c.personId && (await c.prisma.workshopRegistration.count({ where: { personId: c.personId, status: { in: orWaiting ? ['registered', 'waiting'] : ['registered'] } } })) > 0);

/** The person registered for a workshop and then gave up the place: nothing active is left. */
export const workshopCancelled: Goal = goal('the workshop registration is cancelled', async (c) => {
  if (!c.personId) return false;
  const rows = await c.prisma.workshopRegistration.findMany({ where: { personId: c.personId } });
  return rows.some((r) => r.status === 'cancelled') && !rows.some((r) => r.status !== 'cancelled');
});

/** The person has a repair request booked at a repair moment. */
export const repairBooked: Goal = goal('a repair request is booked at a repair moment', async (c) =>
  !!c.personId && (await c.prisma.repairRequest.count({ where: { personId: c.personId, momentId: { not: null }, status: 'received' } })) > 0);

/** The person's loaned device's problem is with the loans coordinator (a loaned request without a moment). */
export const repairForCoordinator: Goal = goal('a loaned device is with the loans coordinator', async (c) =>
  !!c.personId && (await c.prisma.repairRequest.count({ where: { personId: c.personId, loaned: true, momentId: null } })) > 0);

/** A loan request of the person exists (not cancelled). */
export const loanRequested: Goal = goal('a loan request exists', async (c) =>
  !!c.personId && (await c.prisma.loanRequest.count({ where: { personId: c.personId, status: { not: 'cancelled' } } })) > 0);

/** A device donation of the person is registered. */
export const donationOffered: Goal = goal('a donation is registered', async (c) =>
  !!c.personId && (await c.prisma.deviceDonation.count({ where: { personId: c.personId } })) > 0);

/** A handoff to a person is open (waiting or with a volunteer); `urgent` also requires it to be urgent. */
export const handoffOpen = (urgent = false): Goal =>
  goal(`an ${urgent ? 'urgent ' : ''}handoff is open`, async (c) =>
    !!c.personId && (await c.prisma.handoff.count({ where: { personId: c.personId, status: { in: ['waiting', 'with_volunteer'] }, ...(urgent ? { urgent: true } : {}) } })) > 0);

/** No handoff of the person is open. */
export const noOpenHandoff: Goal = goal('no handoff is open', async (c) =>
  !c.personId || (await c.prisma.handoff.count({ where: { personId: c.personId, status: { in: ['waiting', 'with_volunteer'] } } })) === 0);

/** The person is not opted out (SMS STOP). */
export const notOptedOut: Goal = goal('the person is not opted out', async (c) =>
  !c.personId || (await c.prisma.person.findUnique({ where: { id: c.personId } }))?.optedOutAt == null);

/**
 * After the erasure job has run (its clock past the wait for the last confirmation), the person is
 * anonymous and nothing of their conversation is left.
 */
export const erased: Goal = goal('the erasure job erased the person', async (c) => {
  if (!c.personId) return false;
  await new ErasureService(c.prisma).eraseDue(new Date(Date.now() + 60_000));
  const person = await c.prisma.person.findUnique({ where: { id: c.personId } });
  return Boolean(person?.erasedAt) && (await c.prisma.conversation.count({ where: { personId: c.personId } })) === 0;
});

/** Some reply of the last `lastTurns` turns holds the text of one of the keys (in the person's language). */
export const replied = (keys: readonly string[], lastTurns = 1): Goal =>
  goal(`a reply holds ${keys.join(' or ')}`, async (c) =>
    c.turns.slice(-lastTurns).some((t) => keys.some((key) => repliesHold(t.replies, key, c.currentLanguage))));

/** No reply of the last `lastTurns` turns holds any of the keys. */
export const notReplied = (keys: readonly string[], lastTurns = 1): Goal =>
  goal(`no reply holds ${keys.join(' or ')}`, async (c) =>
    !c.turns.slice(-lastTurns).some((t) => keys.some((key) => repliesHold(t.replies, key, c.currentLanguage))));

/** Every inbound message of the last `lastTurns` turns got an answer. */
export const answered = (lastTurns = 1): Goal =>
  goal('the last messages were answered', async (c) => c.turns.slice(-lastTurns).every((t) => t.replies.length > 0));

/** No reply of the whole conversation offered a choice titled with the key's text (what is not built is not offered). */
export const neverOffered = (key: string): Goal =>
  goal(`${key} is never offered`, async (c) =>
    !c.turns.some((t) => t.replies.some((r) => r.choices.some((choice) => LANGUAGES.some((l) => choice.title.replace(/^\d+\.\s*/, '') === translator.t(l, key))))));

/** The last turn's replies offer something to do (choices), never a dead end. */
export const offersChoices = (): Goal =>
  goal('the last answer offers what can be done', async (c) => (c.turns.at(-1)?.replies ?? []).some((r) => r.choices.length > 0));

/** The last turn offered no language menu (every language by its name). */
export const noLanguageMenu = (): Goal =>
  goal('no language menu is offered', async (c) => {
    const names = LANGUAGES.map((l) => translator.t(l, 'language.choices.name'));
    return !(c.turns.at(-1)?.replies ?? []).some((r) => names.every((name) => r.choices.some((choice) => choice.title === name)));
  });

/** Each reply of the last turn numbers its lines once (no second list starting again at 1). */
export const numberedOnce = (): Goal =>
  goal('every reply is numbered once', async (c) =>
    (c.turns.at(-1)?.replies ?? []).every((r) => r.text.split('\n').filter((line) => /^\s*1[.)]\s/.test(line)).length <= 1));

/** Every goal holds. */
export function all(...goals: Goal[]): Goal {
  return goal(goals.map((g) => g.description).join(' and '), async (c) => {
    for (const g of goals) if (!(await g.reached(c))) return false;
    return true;
  });
}
