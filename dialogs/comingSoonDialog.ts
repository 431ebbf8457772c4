import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { BookingDialogOptions, COMING_SOON_DIALOG } from './dialogIds';
import { DialogServices } from './dialogServices';
import { InterruptibleDialog } from './interruptibleDialog';

export { COMING_SOON_DIALOG };

/** Features not built yet; each has a text `comingSoon.<feature>`. */
export type ComingSoonFeature =
  | 'question'
  | 'appointment'
  | 'homeVisit'
  | 'loan'
  | 'donate'
  | 'repair'
  | 'training'
  | 'manageBooking'
  | 'loanStatus'
  | 'locationHours';

/** Options of {@link ComingSoonDialog} (a booking entry also carries the topic, unused here). */
export interface ComingSoonOptions extends BookingDialogOptions {
  readonly feature: ComingSoonFeature;
}

const COMING_SOON_WATERFALL = 'COMING_SOON_WATERFALL';

/** Says honestly that this part of the assistant is coming, and ends (the menu follows). */
export class ComingSoonDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(COMING_SOON_DIALOG, services);
    this.addDialog(new WaterfallDialog<ComingSoonOptions>(COMING_SOON_WATERFALL, [this.tellStep.bind(this)]));
    this.initialDialogId = COMING_SOON_WATERFALL;
  }

  private async tellStep(step: WaterfallStepContext<ComingSoonOptions>): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.text(step.context, `comingSoon.${step.options.feature}`));
    return step.endDialog();
  }
}
