import { DialogTurnResult, FoundChoice, ListStyle, PromptValidatorContext, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { AnswerChoicePrompt } from './answerChoicePrompt';
import { BookingDialogOptions, COMING_SOON_DIALOG, ComingSoonOptions, HANDOFF_DIALOG, HandoffOptions } from './dialogIds';
import { DialogServices } from './dialogServices';
import { InterruptibleDialog } from './interruptibleDialog';
import { newRequest } from './locationHoursDialog';
import { choicePromptOptions, numberedChoices, wordsInAllLanguages } from './prompts';
import { BOOKING_DIALOG } from './booking/bookingIds';

export { COMING_SOON_DIALOG };

/** What a person can do instead: `topics.choices.<id>` titles, `topics.synonyms.<id>` words. */
export type Instead = 'book' | 'person' | 'menu';

const COMING_SOON_WATERFALL = 'COMING_SOON_WATERFALL';
const INSTEAD_PROMPT = 'COMING_SOON_INSTEAD_PROMPT';

/**
 * Says honestly that a part of the assistant is not built yet, and never ends there: it offers
 * what the person can do instead: a helpdesk appointment, a person, or the menu.
 */
export class ComingSoonDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(COMING_SOON_DIALOG, services);
    const instead = new AnswerChoicePrompt(INSTEAD_PROMPT, async (prompt: PromptValidatorContext<FoundChoice>) => prompt.recognized.succeeded || prompt.attemptCount >= 1);
    instead.style = ListStyle.suggestedAction;
    this.addDialog(instead)
      .addDialog(new WaterfallDialog<ComingSoonOptions>(COMING_SOON_WATERFALL, [this.tellStep.bind(this), this.insteadStep.bind(this)]));
    this.initialDialogId = COMING_SOON_WATERFALL;
  }

  /** What can be done instead of a feature that is not built. */
  static readonly INSTEAD: readonly Instead[] = ['book', 'person', 'menu'];

  private async tellStep(step: WaterfallStepContext<ComingSoonOptions>): Promise<DialogTurnResult> {
    const { feature } = step.options;
    await step.context.sendActivity(this.text(step.context, `comingSoon.${feature}`));
    const offers = ComingSoonDialog.INSTEAD;
    const language = this.services.languages.current(step.context);
    const { i18n } = this.services;
    const choices = numberedChoices(
      offers.map((offer) => ({ title: i18n.t(language, `topics.choices.${offer}`), synonyms: wordsInAllLanguages(i18n, `topics.synonyms.${offer}`) })),
    );
    const question = this.text(step.context, 'alternatives.instead');
    return step.prompt(INSTEAD_PROMPT, choicePromptOptions(question, choices, question));
  }

  private async insteadStep(step: WaterfallStepContext<ComingSoonOptions>): Promise<DialogTurnResult> {
    const choice = step.result as FoundChoice | undefined;
    const offer = choice ? ComingSoonDialog.INSTEAD[choice.index] : undefined;
    const topic = step.options.topic ?? null;
    if (offer === 'book') return step.replaceDialog(BOOKING_DIALOG, (topic ? { topic } : {}) satisfies BookingDialogOptions);
    if (offer === 'person') return step.replaceDialog(HANDOFF_DIALOG, { reason: 'asked', topic } satisfies HandoffOptions);
    return step.endDialog(offer ? undefined : newRequest(step, this.services));
  }
}

