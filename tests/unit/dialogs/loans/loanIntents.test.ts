import { LANGUAGES } from '../../../../bot/i18n';
import { DONATION_DIALOG, LOAN_REQUEST_DIALOG, LOAN_STATUS_DIALOG } from '../../../../dialogs/dialogIds';
import type { MessageTriage } from '../../../../dialogs/dialogServices';
import { routeOf } from '../../../../dialogs/intentRoutes';
import { loadTriage, strictI18n as i18n } from '../../../support/conversation';

let triage: MessageTriage;
beforeAll(async () => {
  triage = await loadTriage();
}, 60_000);

const dialogOf = (text: string) => routeOf(triage.classify(text).intent).dialogId;

test.each([
  ['ik heb geen laptop', LOAN_REQUEST_DIALOG],
  ["je n'ai pas d'ordinateur pour mon fils", LOAN_REQUEST_DIALOG],
  ['laptop loan', LOAN_REQUEST_DIALOG],
  ['verlengen', LOAN_STATUS_DIALOG],
  ['ik heb nog een oude laptop over', DONATION_DIALOG],
  ['je veux donner mon ancien ordinateur', DONATION_DIALOG],
])('"%s" starts %s', (text, dialogId) => {
  expect(dialogOf(text)).toBe(dialogId);
});

test.each(LANGUAGES.map((language) => [language]))('the due-date reminder choices in %s lead to the loan status (extend, return)', (language) => {
  for (const choice of ['extend', 'returnInfo']) expect(dialogOf(i18n.t(language, `loan.choices.${choice}`))).toBe(LOAN_STATUS_DIALOG);
});
