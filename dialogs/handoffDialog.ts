import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { HANDOFF_DIALOG } from './dialogIds';
import { DialogServices } from './dialogServices';
import { InterruptibleDialog } from './interruptibleDialog';

export { HANDOFF_DIALOG };

const HANDOFF_WATERFALL = 'HANDOFF_WATERFALL';

/**
 * Talking to a person. For now it says honestly (from locales, `handoff.notYet`) that this comes in
 * a later version, and ends; the caller shows the menu again. The handoff feature replaces this
 * dialog under the same id, so the menu entry, the "person" words and the offer after repeated
 * misunderstanding all reach it.
 */
export class HandoffDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(HANDOFF_DIALOG, services);
    this.addDialog(new WaterfallDialog(HANDOFF_WATERFALL, [this.notYetStep.bind(this)]));
    this.initialDialogId = HANDOFF_WATERFALL;
  }

  private async notYetStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.text(step.context, 'handoff.notYet'));
    return step.endDialog();
  }
}
