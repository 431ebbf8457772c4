import { LANGUAGES } from '../../../../i18n/translator';
import { DONATION_DIALOG, LOAN_REQUEST_DIALOG, LOAN_STATUS_DIALOG } from '../../../../dialogs/dialogIds';
import type { MessageTriage } from '../../../../dialogs/dialogServices';
import { routeOf } from '../../../../dialogs/intentRoutes';
import { decide } from '../../../../dialogs/understanding';
import { loadTriage, strictI18n as i18n } from '../../../support/conversation';

let triage: MessageTriage;
beforeAll(async () => {
  triage = await loadTriage();
}, 60_000);

/** The dialog a message starts: the triage must be confident enough to act on it (no clarifying question). */
const dialogOf = (text: string) => {
  const decision = decide(triage.classify(text), triage.confidenceThreshold);
  return decision.kind === 'act' ? routeOf(decision.reading.intent).dialogId : decision.kind;
};

test.each([
  ['ik heb geen laptop', LOAN_REQUEST_DIALOG],
  ["je n'ai pas d'ordinateur pour mon fils", LOAN_REQUEST_DIALOG],
  ['laptop loan', LOAN_REQUEST_DIALOG],
  ['verlengen', LOAN_STATUS_DIALOG],
  ['waar blijft mijn laptop?', LOAN_STATUS_DIALOG],
  ['où en est mon ordinateur ?', LOAN_STATUS_DIALOG],
  ['where is my laptop?', LOAN_STATUS_DIALOG],
  ['ik heb nog een oude laptop over', DONATION_DIALOG],
  ['je veux donner mon ancien ordinateur', DONATION_DIALOG],
])('"%s" starts %s', (text, dialogId) => {
  expect(dialogOf(text)).toBe(dialogId);
});

test.each(LANGUAGES.map((language) => [language]))('the due-date reminder choices in %s lead to the loan status (extend, return)', (language) => {
  for (const choice of ['extend', 'returnInfo']) expect(dialogOf(i18n.t(language, `loan.choices.${choice}`))).toBe(LOAN_STATUS_DIALOG);
});
