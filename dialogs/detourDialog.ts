import { DialogTurnResult, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { DETOUR_DIALOG, TRIAGE_DIALOG } from './dialogIds';
import type { DialogServices, Understanding } from './dialogServices';
import { InterruptibleDialog } from './interruptibleDialog';
import type { TriageOptions } from './triageDialog';

export { DETOUR_DIALOG };

const DETOUR_WATERFALL = 'DETOUR_WATERFALL';

/** Options of {@link DetourDialog}: the other request, understood this turn. */
export interface DetourOptions {
  readonly understanding: Understanding;
}

/**
 * Another request in the middle of a task (`otherRequest.ts`): answered like any request (the
 * triage's route), then "let's carry on where we were" — the task's question underneath is asked
 * again when this dialog ends.
 */
export class DetourDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(DETOUR_DIALOG, services);
    this.addDialog(new WaterfallDialog<DetourOptions>(DETOUR_WATERFALL, [this.answerStep.bind(this), this.resumeStep.bind(this)]));
    this.initialDialogId = DETOUR_WATERFALL;
  }

  private answerStep(step: WaterfallStepContext<DetourOptions>): Promise<DialogTurnResult> {
    return step.beginDialog(TRIAGE_DIALOG, { understanding: step.options.understanding } satisfies TriageOptions);
  }

  private async resumeStep(step: WaterfallStepContext<DetourOptions>): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.text(step.context, 'answers.resume'));
    return step.endDialog();
  }
}
