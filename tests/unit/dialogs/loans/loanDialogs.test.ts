import { Language } from '../../../../i18n/translator';
import { LOAN_REQUEST_DIALOG, LOAN_STATUS_DIALOG, DONATION_DIALOG } from '../../../../dialogs/dialogIds';
import type { LoanPort } from '../../../../dialogs/dialogServices';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { strictI18n as i18n } from '../../../support/conversation';
import { createTestDatabase, TestDatabase } from '../../../support/database';
import { createDevice, createLendingDigibank, testLoanPort } from '../../../integration/services/loans/loanFixtures';
import { createLoanConversation, textOf, titlesOf } from './loanConversation';

// Monday 23 November 2026, 10:00 in Brussels.
const NOW = new Date('2026-11-23T09:00:00Z');

let db: TestDatabase;
let port: LoanPort;
let bank: { digibankId: string; locationId: string };
beforeAll(async () => {
  db = await createTestDatabase('embedded');
  port = testLoanPort(db.prisma, () => NOW);
  bank = await createLendingDigibank(db.prisma, '8500');
  await db.prisma.loanQuestion.createMany({
    data: [
      { digibankId: bank.digibankId, key: 'referred_by_social_service', required: true, position: 1 },
      { digibankId: bank.digibankId, key: 'income_situation', required: false, position: 2 },
    ],
  });
}, 60_000);
afterAll(() => db.drop());

const t = (language: Language, key: string, vars?: Record<string, string | number>) => i18n.t(language, key, vars);
const chat = (language: Language = 'nl') => createLoanConversation({ prisma: db.prisma, port, now: NOW, language });

/** Asks for a laptop for school at the test digibank, answering the questions; returns the conversation at the summary. */
async function toSummary(language: Language) {
  const conversation = chat(language);
  const kinds = await conversation.start(LOAN_REQUEST_DIALOG);
  expect(textOf(kinds)).toBe(t(language, 'loan.askKind'));
  expect(titlesOf(kinds)).toEqual(['laptop', 'tablet', 'smartphone', 'dongle'].map((kind) => t(language, `loan.choices.${kind}`)));
  expect(textOf(await conversation.say('1'))).toBe(t(language, 'loan.askPurpose'));
  expect(textOf(await conversation.say(t(language, 'loan.choices.school')))).toBe(t(language, 'loan.askPlace'));
  const places = await conversation.say('8500');
  expect(textOf(places)).toContain(t(language, 'loan.placesFound'));
  const first = await conversation.say('1');
  expect(textOf(first)).toBe(`${t(language, 'loan.questionsIntro', { digibank: (await db.prisma.digibank.findUniqueOrThrow({ where: { id: bank.digibankId } })).name })}\n${t(language, 'loan.questions.referred_by_social_service')}`);
  expect(titlesOf(first)).toEqual([t(language, 'loan.choices.yes'), t(language, 'loan.choices.no')]); // required: no skip
  const second = await conversation.say('1');
  expect(titlesOf(second)).toEqual([t(language, 'loan.choices.yes'), t(language, 'loan.choices.no'), t(language, 'loan.choices.skip')]);
  const summary = await conversation.say('3');
  expect(textOf(summary)).toBe(
    t(language, 'loan.summary', { kind: t(language, 'loan.kinds.laptop'), purpose: t(language, 'loan.purposes.school'), place: (await db.prisma.location.findUniqueOrThrow({ where: { id: bank.locationId } })).name }),
  );
  return conversation;
}

test.each(['nl', 'fr', 'en', 'nl-simple'] as Language[])('a request in %s: few questions, one at a time, then the reference and what happens next', async (language) => {
  const conversation = await toSummary(language);
  const done = await conversation.say('1');
  const { personId } = await conversation.person();
  const loan = await db.prisma.loanRequest.findFirstOrThrow({ where: { personId } });
  expect(loan).toMatchObject({ status: 'requested', deviceKind: 'laptop', purpose: 'school', answers: { referred_by_social_service: 'yes', income_situation: 'skipped' }, language });
  const digibank = await db.prisma.digibank.findUniqueOrThrow({ where: { id: bank.digibankId } });
  expect(textOf(done)).toBe(t(language, 'loan.requested', { reference: ReferenceCode.format(loan.reference), digibank: digibank.name, days: 7 }));
});

test('asking again while a request is open tells its status instead of a second request', async () => {
  const conversation = await toSummary('nl');
  await conversation.say('1');
  await conversation.start(LOAN_REQUEST_DIALOG);
  for (const answer of ['1', '1', '8500', '1', '2', '2']) await conversation.say(answer);
  const again = await conversation.say('1');
  const { personId } = await conversation.person();
  const loans = await db.prisma.loanRequest.findMany({ where: { personId } });
  expect(loans).toHaveLength(1);
  const status = t('nl', 'loan.status.requested', { reference: ReferenceCode.format(loans[0].reference), kind: t('nl', 'loan.kinds.laptop'), days: 7 });
  expect(textOf(again)).toBe(t('nl', 'loan.existing', { kind: t('nl', 'loan.kinds.laptop'), status }));
});

test('unclear answers: asked again, then pointed to a person', async () => {
  const conversation = chat('nl');
  await conversation.start(LOAN_REQUEST_DIALOG);
  expect(textOf(await conversation.say('banaan'))).toBe(`${t('nl', 'loan.notUnderstood')}\n${t('nl', 'loan.askKind')}`);
  await conversation.say('peer');
  expect(textOf(await conversation.say('appel'))).toBe(t('nl', 'loan.stuck'));
});

test('a place without a lending digibank is said so and asked again', async () => {
  const conversation = chat('en');
  await conversation.start(LOAN_REQUEST_DIALOG);
  await conversation.say('2');
  await conversation.say('4');
  expect(textOf(await conversation.say('Zzyzx'))).toBe(`${t('en', 'loan.placeNotFound')}\n${t('en', 'loan.askPlace')}`);
});

test('status in plain words; "verlengen" records an extension request; return instructions from the database', async () => {
  const conversation = await toSummary('nl');
  await conversation.say('1');
  const { personId } = await conversation.person();
  const loan = await db.prisma.loanRequest.findFirstOrThrow({ where: { personId } });
  const deviceId = await createDevice(db.prisma, bank.digibankId, bank.locationId);
  await port.loans.approve(loan.id, 'coordinator');
  await port.loans.pickUp(loan.id, 'coordinator');
  const device = await db.prisma.device.findUniqueOrThrow({ where: { id: deviceId } });

  const status = await conversation.start(LOAN_STATUS_DIALOG, 'waar blijft mijn laptop?');
  const due = port.formats.date('nl', new Date(NOW.getTime() + 90 * 86_400_000));
  expect(textOf(status)).toContain(t('nl', 'loan.status.on_loan', { reference: ReferenceCode.format(loan.reference), kind: t('nl', 'loan.kinds.laptop'), date: due }));
  expect(titlesOf(status)).toEqual(['extend', 'returnInfo', 'menu'].map((action) => t('nl', `loan.choices.${action}`)));

  const back = await conversation.say('2');
  expect(textOf(back)).toContain(t('nl', 'loan.returnAccessories', { accessories: device.accessories.join(', ') }));
  expect(textOf(back)).toContain('ma 09:00-12:00; wo 09:00-12:00');

  const extend = await conversation.start(LOAN_STATUS_DIALOG, 'verlengen');
  expect(textOf(extend)).toBe(t('nl', 'loan.extension.requested', { reference: ReferenceCode.format(loan.reference) }));
  expect((await db.prisma.loanRequest.findUniqueOrThrow({ where: { id: loan.id } })).extensionRequestedAt).not.toBeNull();
  expect(textOf(await conversation.start(LOAN_STATUS_DIALOG, 'je voudrais prolonger'))).toBe(t('nl', 'loan.extension.already'));
});

test('no request: said plainly', async () => {
  const conversation = chat('fr');
  expect(textOf(await conversation.start(LOAN_STATUS_DIALOG, 'où est mon ordinateur'))).toBe(t('fr', 'loan.status.none'));
});

test('a donation: drop-off places and hours from the database, what to remove first, registered once', async () => {
  const conversation = chat('nl');
  expect(textOf(await conversation.start(DONATION_DIALOG))).toBe(t('nl', 'loan.donation.askKind'));
  expect(textOf(await conversation.say('1'))).toBe(t('nl', 'loan.donation.askPlace'));
  const places = await conversation.say('Kortrijk');
  expect(textOf(places)).toContain(t('nl', 'loan.donation.placesFound'));
  const done = await conversation.say('1');
  const location = await db.prisma.location.findUniqueOrThrow({ where: { id: bank.locationId } });
  expect(textOf(done)).toBe(
    `${t('nl', 'loan.donation.registered', { place: location.name, address: 'Teststraat 1, 8500 Kortrijk', hours: 'ma 09:00-12:00; wo 09:00-12:00' })}\n\n${t('nl', 'loan.donation.prepare')}`,
  );
  const { personId } = await conversation.person();
  expect(await db.prisma.deviceDonation.findMany({ where: { personId } })).toEqual([expect.objectContaining({ deviceKind: 'laptop', status: 'offered', locationId: bank.locationId })]);
});
