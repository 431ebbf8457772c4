import { Activity, TurnContext } from 'botbuilder';
import { DialogTurnResult, PromptValidatorContext, TextPrompt, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import type { RegistrationView } from '../../services/workshops/workshopService';
import { distinct } from '../booking/appointmentText';
import { OWNERSHIP_PROOF_DIALOG } from '../dialogIds';
import { DialogServices } from '../dialogServices';
import { InterruptibleDialog } from '../interruptibleDialog';
import { isAnonymousChannel, OwnershipAccess } from '../ownershipAccess';
import { OwnershipProofOptions, OwnershipProofResult, referenceIn } from '../ownershipProofDialog';
import { choicesActivity, isTap, stepValues } from '../prompts';
import { MY_WORKSHOPS_DIALOG, WORKSHOP_DIALOG, WorkshopDialogOptions } from './workshopIds';
import { WorkshopText } from './workshopText';

export { MY_WORKSHOPS_DIALOG };

const MINE_WATERFALL = 'MY_WORKSHOPS_WATERFALL';
const MINE_PROMPT = 'MY_WORKSHOPS_PROMPT';
const MAX_ATTEMPTS = 3;

interface MineValues {
  /** Web chat: the code was asked first. */
  proving?: boolean;
  ids?: string[];
  titles?: string[];
  chosen?: string;
  actionTitles?: string[];
  confirmTitles?: string[];
}

/**
 * "Mijn cursussen": the person's registrations and waiting places (web chat: only those made in
 * this conversation or proved with their code and the postcode or phone number — a shared
 * computer shows nothing else), then for one of them: give up the
 * place (confirmed), or go back. A freed seat goes to the waiting list at once (WorkshopService).
 */
export class MyWorkshopsDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(MY_WORKSHOPS_DIALOG, services);
    this.addDialog(new TextPrompt(MINE_PROMPT, (prompt) => this.validateChoice(prompt))).addDialog(
      new WaterfallDialog(MINE_WATERFALL, [this.proveStep.bind(this), this.listStep.bind(this), this.actionStep.bind(this), this.confirmStep.bind(this), this.cancelStep.bind(this)]),
    );
    this.initialDialogId = MINE_WATERFALL;
  }

  /**
   * Web chat with no registration made or proved in this conversation: its code and the postcode or
   * phone number first (the visitor is anonymous; a code typed with the request is taken). Elsewhere straight on.
   */
  private async proveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (!isAnonymousChannel(step.context) || (await OwnershipAccess.granted(step.context, 'workshops')).length) return step.next();
    stepValues<MineValues>(step).proving = true;
    const typed = referenceIn(step.context.activity.text ?? '');
    return step.beginDialog(OWNERSHIP_PROOF_DIALOG, { kind: 'workshops', ...(typed ? { reference: typed } : {}) } satisfies OwnershipProofOptions);
  }

  private async listStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = stepValues<MineValues>(step);
    if (v.proving && !(step.result as OwnershipProofResult | undefined)?.id) return step.endDialog();
    const mine = await this.visible(step.context);
    if (mine.length === 0) {
      await step.context.sendActivity(this.text(step.context, isAnonymousChannel(step.context) ? 'workshops.mine.noneHere' : 'workshops.mine.none'));
      return step.endDialog();
    }
    const words = this.workshopText(step.context);
    const lines = mine.map(async (r, i) => this.text(step.context, 'workshops.mine.line', { n: i + 1, title: words.title(r.workshop), when: words.when(r.workshop), status: await this.status(step.context, r) }));
    const titles = distinct([...mine.map((r) => words.choiceTitle(r.workshop)), this.text(step.context, 'workshops.choices.search')]);
    v.ids = mine.map((r) => r.id);
    v.titles = titles;
    const text = `${this.text(step.context, 'workshops.mine.intro')}\n${(await Promise.all(lines)).join('\n')}\n${this.text(step.context, 'workshops.mine.choose')}`;
    return this.prompt(step, text, titles);
  }

  private async actionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = stepValues<MineValues>(step);
    const index = this.choiceOf(step.context, v.titles ?? []);
    if (index === undefined) return this.offerPerson(step, 'workshops.stuck');
    if (index >= (v.ids ?? []).length) return step.replaceDialog(WORKSHOP_DIALOG, { askPlace: false } satisfies WorkshopDialogOptions);
    v.chosen = (v.ids ?? [])[index];
    const registration = (await this.visible(step.context)).find((r) => r.id === v.chosen);
    if (!registration) return step.replaceDialog(MINE_WATERFALL);
    const words = this.workshopText(step.context);
    const titles = [this.text(step.context, 'workshops.choices.cancel'), this.text(step.context, 'workshops.choices.back')];
    v.actionTitles = titles;
    return this.prompt(step, this.text(step.context, 'workshops.mine.whatToDo', { title: words.title(registration.workshop), when: words.when(registration.workshop) }), titles);
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = stepValues<MineValues>(step);
    const index = this.choiceOf(step.context, v.actionTitles ?? []);
    if (index === undefined) return this.offerPerson(step, 'workshops.stuck');
    if (index === 1) return step.replaceDialog(MINE_WATERFALL);
    const registration = (await this.visible(step.context)).find((r) => r.id === v.chosen);
    if (!registration) return step.replaceDialog(MINE_WATERFALL);
    const titles = [this.text(step.context, 'workshops.choices.yesCancel'), this.text(step.context, 'workshops.choices.keep')];
    v.confirmTitles = titles;
    return this.prompt(step, this.text(step.context, 'workshops.mine.confirmCancel', { title: this.workshopText(step.context).title(registration.workshop) }), titles, true);
  }

  private async cancelStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const v = stepValues<MineValues>(step);
    const index = this.choiceOf(step.context, v.confirmTitles ?? [], { yesNo: true });
    if (index === undefined) return this.offerPerson(step, 'workshops.stuck');
    if (index === 1) {
      await step.context.sendActivity(this.text(step.context, 'workshops.mine.kept'));
      return step.endDialog();
    }
    const registration = (await this.visible(step.context)).find((r) => r.id === v.chosen);
    if (!registration) return step.replaceDialog(MINE_WATERFALL);
    const result = await this.services.workshops.workshops.cancel(registration.personId, registration.id, this.services.clock());
    const title = this.workshopText(step.context).title(registration.workshop);
    await step.context.sendActivity(this.text(step.context, result.kind === 'started' ? 'workshops.mine.started' : 'workshops.mine.cancelled', { title }));
    return step.endDialog();
  }

  /** The registrations this conversation may show. */
  private async visible(context: TurnContext): Promise<RegistrationView[]> {
    const personId = await this.services.people.personIdFor(context);
    const mine = await this.services.workshops.workshops.mine(personId, this.services.clock());
    if (!isAnonymousChannel(context)) return mine;
    const granted = await OwnershipAccess.granted(context, 'workshops');
    return mine.filter((r) => granted.includes(r.id));
  }

  private async status(context: TurnContext, registration: RegistrationView): Promise<string> {
    if (registration.status !== 'waiting') return this.text(context, 'workshops.mine.registered');
    return this.text(context, 'workshops.mine.waiting', { position: await this.services.workshops.workshops.waitingPosition(registration.id) });
  }

  private workshopText(context: TurnContext): WorkshopText {
    return new WorkshopText(this.services.i18n, this.services.languages.current(context));
  }

  private prompt(step: WaterfallStepContext, text: string, titles: readonly string[], yesNo = false): Promise<DialogTurnResult> {
    const retry = `${this.text(step.context, 'booking.notUnderstood')}\n${text}`;
    return step.prompt(MINE_PROMPT, { prompt: choicesActivity(text, titles) as Activity, retryPrompt: choicesActivity(retry, titles) as Activity, validations: { titles, yesNo } });
  }

  private async validateChoice(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (prompt.attemptCount >= MAX_ATTEMPTS) return true;
    const { titles, yesNo } = prompt.options.validations as { titles: string[]; yesNo: boolean };
    if (this.choiceOf(prompt.context, titles, { yesNo }) !== undefined) return true;
    if (isTap(prompt.context.activity)) return this.staleTap(prompt.context);
    return false;
  }
}
