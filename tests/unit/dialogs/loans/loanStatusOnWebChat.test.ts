import { Language } from '../../../../i18n/translator';
import { LOAN_REQUEST_DIALOG, LOAN_STATUS_DIALOG } from '../../../../dialogs/dialogIds';
import type { LoanPort } from '../../../../dialogs/dialogServices';
import { ReferenceCode } from '../../../../services/booking/referenceCode';
import { strictI18n as i18n } from '../../../support/conversation';
import { createTestDatabase, TestDatabase } from '../../../support/database';
import { createLendingDigibank, testLoanPort } from '../../../integration/services/loans/loanFixtures';
import { createLoanConversation, textOf } from './loanConversation';

// Monday 23 November 2026, 10:00 in Brussels.
const NOW = new Date('2026-11-23T09:00:00Z');

let db: TestDatabase;
let port: LoanPort;
beforeAll(async () => {
  db = await createTestDatabase('embedded');
  port = testLoanPort(db.prisma, () => NOW);
  await createLendingDigibank(db.prisma, '8500');
}, 60_000);
afterAll(() => db.drop());

const t = (language: Language, key: string, vars?: Record<string, string | number>) => i18n.t(language, key, vars);

/** Asks for a laptop for school at the digibank of 8500 (no eligibility questions there); returns the request. */
async function request(channelId: string) {
  const conversation = createLoanConversation({ prisma: db.prisma, port, now: NOW, channelId });
  await conversation.start(LOAN_REQUEST_DIALOG);
  for (const answer of ['1', t('nl', 'loan.choices.school'), '8500', '1', '1']) await conversation.say(answer);
  const { personId } = await conversation.person();
  return { conversation, loan: await db.prisma.loanRequest.findFirstOrThrow({ where: { personId } }) };
}

describe('"where is my laptop" on web chat', () => {
  test('without the code nothing is shown; with the code and the postcode of its digibank, its status', async () => {
    const { loan } = await request('whatsapp');
    const code = ReferenceCode.format(loan.reference);
    const visitor = createLoanConversation({ prisma: db.prisma, port, now: NOW, channelId: 'webchat' });
    const asked = textOf(await visitor.start(LOAN_STATUS_DIALOG, 'waar blijft mijn laptop?'));
    expect(asked).toBe(t('nl', 'proof.askCode.loans'));
    expect(textOf(await visitor.say(`${code} 9000`))).toBe(`${t('nl', 'proof.wrong.loans')}\n${t('nl', 'proof.askCode.loans')}`);
    const status = textOf(await visitor.say(`${code} 8500`));
    expect(status).toContain(t('nl', 'loan.status.intro'));
    expect(status).toContain(code);
  });

  test('a request made in this web chat conversation is shown without asking', async () => {
    const { conversation, loan } = await request('webchat');
    const status = textOf(await conversation.start(LOAN_STATUS_DIALOG, 'waar blijft mijn laptop?'));
    expect(status).toContain(ReferenceCode.format(loan.reference));
  });
});
