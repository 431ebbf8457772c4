import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { isAnonymousChannel, OwnershipAccess } from '../ownershipAccess';
import type { LocationView } from '../../services/booking/locationService';
import { ReferenceCode } from '../../services/booking/referenceCode';
import { DEVICE_KINDS, DeviceKind, LOAN_PURPOSES, LoanPurpose } from '../../services/loans/deviceKinds';
import { LOAN_REQUEST_DIALOG } from '../dialogIds';
import { DialogServices } from '../dialogServices';
import { LoanDialogBase, PlaceState } from './loanDialogBase';
import { stepValues } from '../prompts';

export { LOAN_REQUEST_DIALOG };

/** An eligibility question of the chosen digibank. */
interface Question {
  readonly key: string;
  readonly required: boolean;
}

/** What the request carries from step to step (dialog options; JSON-safe). */
export interface LoanRequestState extends PlaceState {
  readonly kind?: DeviceKind;
  readonly purpose?: LoanPurpose;
  readonly locationId?: string;
  readonly digibankId?: string;
  readonly placeName?: string;
  readonly questions?: readonly Question[];
  readonly answers?: Readonly<Record<string, string>>;
  /** The question being asked (index into `questions`). */
  readonly question?: number;
}

/** The kind chosen, kept until the purpose is known. */
interface KindValues {
  kind?: DeviceKind;
}

/** Answers to an eligibility question, in choice order (`skipped` only when not required). */
const ANSWERS = ['yes', 'no', 'skipped'] as const;

const KIND_WATERFALL = 'LOAN_REQUEST_KIND';
const QUESTION_WATERFALL = 'LOAN_REQUEST_QUESTION';
const CONFIRM_WATERFALL = 'LOAN_REQUEST_CONFIRM';

/** The purpose choices: `loan.choices.<id>` ("other" has its own title key). */
const PURPOSE_TITLES: Readonly<Record<LoanPurpose, string>> = { school: 'school', job_search: 'job_search', administration: 'administration', other: 'otherPurpose' };

/**
 * Asking to borrow a device, one short question at a time with numbered choices: which device,
 * what for, at which digibank (postcode, municipality or location), that digibank's eligibility
 * questions (skippable when not required), a summary to confirm. Then the reference code and,
 * honestly, what happens next and how long it usually takes (the digibank's median decision time).
 */
export class LoanRequestDialog extends LoanDialogBase<LoanRequestState> {
  constructor(services: DialogServices) {
    super(LOAN_REQUEST_DIALOG, services);
    this.addDialog(new WaterfallDialog<LoanRequestState>(KIND_WATERFALL, [this.kindStep.bind(this), this.purposeStep.bind(this), this.placeStep.bind(this)]))
      .addDialog(new WaterfallDialog<LoanRequestState>(QUESTION_WATERFALL, [this.questionStep.bind(this), this.answerStep.bind(this)]))
      .addDialog(new WaterfallDialog<LoanRequestState>(CONFIRM_WATERFALL, [this.summaryStep.bind(this), this.commitStep.bind(this)]));
    this.initialDialogId = KIND_WATERFALL;
  }

  private kindTitles(step: WaterfallStepContext): string[] {
    return DEVICE_KINDS.map((kind) => this.text(step.context, `loan.choices.${kind}`));
  }

  private purposeTitles(step: WaterfallStepContext): string[] {
    return LOAN_PURPOSES.map((purpose) => this.text(step.context, `loan.choices.${PURPOSE_TITLES[purpose]}`));
  }

  private async kindStep(step: WaterfallStepContext<LoanRequestState>): Promise<DialogTurnResult> {
    return this.ask(step, this.text(step.context, 'loan.askKind'), this.kindTitles(step));
  }

  private async purposeStep(step: WaterfallStepContext<LoanRequestState>): Promise<DialogTurnResult> {
    const index = this.chosen(step, this.kindTitles(step));
    if (index === undefined) return this.giveUp(step);
    stepValues<KindValues>(step).kind = DEVICE_KINDS[index];
    return this.ask(step, this.text(step.context, 'loan.askPurpose'), this.purposeTitles(step));
  }

  private async placeStep(step: WaterfallStepContext<LoanRequestState>): Promise<DialogTurnResult> {
    const index = this.chosen(step, this.purposeTitles(step));
    if (index === undefined) return this.giveUp(step);
    return this.choosePlace(step, { kind: stepValues<KindValues>(step).kind, purpose: LOAN_PURPOSES[index] });
  }

  protected override async placeChosen(step: WaterfallStepContext<LoanRequestState>, location: LocationView): Promise<DialogTurnResult> {
    const rows = await this.services.loans.loans.questionsOf(location.digibankId);
    const questions = rows.filter((row) => this.services.i18n.has(this.services.languages.current(step.context), `loan.questions.${row.key}`));
    const state: LoanRequestState = { ...step.options, query: undefined, locationId: location.id, digibankId: location.digibankId, placeName: location.name, questions, answers: {}, question: 0 };
    if (questions.length > 0) await step.context.sendActivity(this.text(step.context, 'loan.questionsIntro', { digibank: location.digibankName }));
    return step.replaceDialog(QUESTION_WATERFALL, state);
  }

  private answerTitles(step: WaterfallStepContext, question: Question): string[] {
    return ANSWERS.slice(0, question.required ? 2 : 3).map((answer) => this.text(step.context, `loan.choices.${answer === 'skipped' ? 'skip' : answer}`));
  }

  private async questionStep(step: WaterfallStepContext<LoanRequestState>): Promise<DialogTurnResult> {
    const question = step.options.questions?.[step.options.question ?? 0];
    if (!question) return step.replaceDialog(CONFIRM_WATERFALL, step.options);
    return this.ask(step, this.text(step.context, `loan.questions.${question.key}`), this.answerTitles(step, question));
  }

  private async answerStep(step: WaterfallStepContext<LoanRequestState>): Promise<DialogTurnResult> {
    const at = step.options.question ?? 0;
    const question = (step.options.questions ?? [])[at];
    const index = this.chosen(step, this.answerTitles(step, question));
    if (index === undefined) return this.giveUp(step);
    const answers = { ...step.options.answers, [question.key]: ANSWERS[index] };
    return step.replaceDialog(QUESTION_WATERFALL, { ...step.options, answers, question: at + 1 });
  }

  private confirmTitles(step: WaterfallStepContext): string[] {
    return [this.text(step.context, 'loan.choices.send'), this.text(step.context, 'loan.choices.restart')];
  }

  private async summaryStep(step: WaterfallStepContext<LoanRequestState>): Promise<DialogTurnResult> {
    const { kind, purpose, placeName } = step.options;
    const text = this.text(step.context, 'loan.summary', {
      kind: this.text(step.context, `loan.kinds.${kind}`),
      purpose: this.text(step.context, `loan.purposes.${purpose}`),
      place: placeName ?? '',
    });
    return this.ask(step, text, this.confirmTitles(step));
  }

  private async commitStep(step: WaterfallStepContext<LoanRequestState>): Promise<DialogTurnResult> {
    const index = this.chosen(step, this.confirmTitles(step));
    if (index === undefined) return this.giveUp(step);
    if (index === 1) return step.replaceDialog(KIND_WATERFALL, {});
    const state = step.options;
    const result = await this.services.loans.loans.request({
      personId: await this.services.people.personIdFor(step.context),
      digibankId: state.digibankId as string,
      locationId: state.locationId,
      deviceKind: state.kind as DeviceKind,
      purpose: state.purpose as LoanPurpose,
      answers: { ...state.answers },
      language: this.services.languages.current(step.context),
    });
    if (result.kind === 'existing' && isAnonymousChannel(step.context) && !(await OwnershipAccess.granted(step.context, 'loans')).includes(result.loan.id)) {
      // Web chat: the open request may be another visitor's of this computer; its code shows it.
      await step.context.sendActivity(this.text(step.context, 'loan.existingElsewhere'));
      return step.endDialog();
    }
    if (result.kind === 'existing') {
      const status = await this.describe(step.context, result.loan);
      await step.context.sendActivity(this.text(step.context, 'loan.existing', { kind: this.text(step.context, `loan.kinds.${result.loan.deviceKind}`), status }));
      return step.endDialog();
    }
    const { loan, decision } = result;
    if (isAnonymousChannel(step.context)) await OwnershipAccess.grant(step.context, 'loans', loan.id);
    await step.context.sendActivity(this.text(step.context, 'loan.requested', { reference: ReferenceCode.format(loan.reference), digibank: loan.digibank.name, days: decision.days }));
    return step.endDialog({ requested: loan.id });
  }
}
