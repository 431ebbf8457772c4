import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { LoanService, LoanView } from '../../services/loans/loanService';
import { LOAN_STATUS_DIALOG } from '../dialogIds';
import { DialogServices } from '../dialogServices';
import { LoanDialogBase, PlaceState } from './loanDialogBase';
import { isAnonymousChannel, OwnershipAccess } from '../ownershipAccess';
import { OWNERSHIP_PROOF_DIALOG } from '../dialogIds';
import type { OwnershipProofOptions, OwnershipProofResult } from '../ownershipProofDialog';
import { stepValues } from '../prompts';

export { LOAN_STATUS_DIALOG };

/** Requests shown: the open ones and the latest closed ones, newest first. */
export const REQUESTS_SHOWN = 3;

/** What the person can do about a device they have: in the order of the choices. */
const ACTIONS = ['extend', 'returnInfo', 'menu'] as const;

const STATUS_WATERFALL = 'LOAN_STATUS';

/**
 * "Where is my laptop?": each request's status in plain words (still being looked at and how long
 * that usually takes, place on the waiting list, ready and where to pick it up, lent until when,
 * rejected and why). With a device on loan: "verlengen" records an extension request for the
 * coordinator, "terugbrengen" says where and when to bring it back (from the database) and what to
 * bring and remove first. Both words also work in the message that started the dialog. On web chat
 * only the requests made or proved (code and postcode or phone number) in this conversation.
 */
export class LoanStatusDialog extends LoanDialogBase<PlaceState> {
  constructor(services: DialogServices) {
    super(LOAN_STATUS_DIALOG, services);
    this.addDialog(new WaterfallDialog(STATUS_WATERFALL, [this.proveStep.bind(this), this.overviewStep.bind(this), this.actionStep.bind(this)]));
    this.initialDialogId = STATUS_WATERFALL;
  }

  private actionTitles(step: WaterfallStepContext): string[] {
    return ACTIONS.map((action) => this.text(step.context, `loan.choices.${action}`));
  }

  /**
   * Web chat: with no request made or proved in this conversation, the code and the postcode or
   * phone number first (the visitor is anonymous); elsewhere, and with one, straight on.
   */
  private async proveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!isAnonymousChannel(step.context) || (await OwnershipAccess.granted(step.context, 'loans')).length) return step.next();
    stepValues<{ proving?: boolean }>(step).proving = true;
    return step.beginDialog(OWNERSHIP_PROOF_DIALOG, { kind: 'loans' } satisfies OwnershipProofOptions);
  }

  private async overviewStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const proving = stepValues<{ proving?: boolean }>(step).proving;
    if (proving && !(step.result as OwnershipProofResult | undefined)?.id) return step.endDialog();
    const loans = await this.loansOf(step);
    const lent = loans.find((loan) => loan.status === 'on_loan');
    const typed = proving ? undefined : step.context.activity.text;
    if (lent && this.mentions(typed, 'loan.words.extend')) return this.extend(step, lent);
    if (lent && this.mentions(typed, 'loan.words.returnInfo')) return this.returnInfo(step, lent);
    if (loans.length === 0) {
      await step.context.sendActivity(this.text(step.context, 'loan.status.none'));
      return step.endDialog();
    }
    const lines = await Promise.all(loans.slice(0, REQUESTS_SHOWN).map((loan) => this.describe(step.context, loan)));
    const overview = [this.text(step.context, 'loan.status.intro'), ...lines].join('\n');
    if (!lent) {
      await step.context.sendActivity(overview);
      return step.endDialog();
    }
    return this.ask(step, `${overview}\n${this.text(step.context, 'loan.status.askAction')}`, this.actionTitles(step));
  }

  private async actionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const index = this.chosen(step, this.actionTitles(step));
    const lent = (await this.loansOf(step)).find((loan) => loan.status === 'on_loan');
    if (index === undefined && !this.mentions(step.result, 'loan.words.extend') && !this.mentions(step.result, 'loan.words.returnInfo')) return this.giveUp(step);
    if (!lent || index === 2) return step.endDialog();
    if (index === 0 || this.mentions(step.result, 'loan.words.extend')) return this.extend(step, lent);
    return this.returnInfo(step, lent);
  }

  /** On WhatsApp and SMS the person's requests; on web chat those made or proved in this conversation. */
  private async loansOf(step: WaterfallStepContext): Promise<LoanView[]> {
    const { loans } = this.services.loans;
    if (isAnonymousChannel(step.context)) return loans.byIds(await OwnershipAccess.granted(step.context, 'loans'));
    return loans.forPerson(await this.services.people.personIdFor(step.context));
  }

  private async extend(step: WaterfallStepContext, loan: LoanView): Promise<DialogTurnResult> {
    const result = await this.services.loans.loans.requestExtension(loan.personId, loan.id);
    const key = result === 'requested' ? 'loan.extension.requested' : result === 'already_requested' ? 'loan.extension.already' : 'loan.extension.notOnLoan';
    await step.context.sendActivity(this.text(step.context, key, { reference: ReferenceCode.format(loan.reference) }));
    return step.endDialog();
  }

  private async returnInfo(step: WaterfallStepContext, loan: LoanView): Promise<DialogTurnResult> {
    const language = this.services.languages.current(step.context);
    const { formats } = this.services.loans;
    const place = LoanService.place(loan);
    const lines = [
      this.text(step.context, 'loan.returnInfo', {
        kind: this.text(step.context, `loan.kinds.${loan.deviceKind}`),
        date: loan.dueAt ? formats.date(language, loan.dueAt) : '',
        place: place?.name ?? loan.digibank.name,
        address: place ? `${place.address}, ${place.postcode} ${place.municipality}` : '',
        hours: place ? formats.openingHours(language, place.openingPeriods) : '',
      }),
    ];
    const accessories = loan.device?.accessories ?? [];
    if (accessories.length > 0) lines.push(this.text(step.context, 'loan.returnAccessories', { accessories: accessories.join(', ') }));
    lines.push(this.text(step.context, 'loan.returnPrepare'));
    await step.context.sendActivity(lines.join('\n'));
    return step.endDialog();
  }
}
