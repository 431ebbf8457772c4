import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { REPLY_DIALOG, ReplyOptions, RoutedDialogResult } from './dialogIds';
import { DialogServices } from './dialogServices';
import { InterruptibleDialog } from './interruptibleDialog';

export { REPLY_DIALOG };

const REPLY_WATERFALL = 'REPLY_WATERFALL';

/** A short answer (greeting, goodbye, out of scope); the menu follows unless `close`. */
export class ReplyDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(REPLY_DIALOG, services);
    this.addDialog(new WaterfallDialog<ReplyOptions>(REPLY_WATERFALL, [this.replyStep.bind(this)]));
    this.initialDialogId = REPLY_WATERFALL;
  }

  private async replyStep(step: WaterfallStepContext<ReplyOptions>): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.text(step.context, step.options.key));
    return step.endDialog(step.options.close ? ({ close: true } satisfies RoutedDialogResult) : undefined);
  }
}
