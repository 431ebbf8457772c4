import {
  DialogTurnResult,
  FoundChoice,
  ListStyle,
  PromptValidatorContext,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { HANDOFF_DIALOG, HandoffOptions, PERSON_OFFER_DIALOG } from './dialogIds';
import { DialogServices } from './dialogServices';
import { AnswerChoicePrompt } from './answerChoicePrompt';
import { InterruptibleDialog } from './interruptibleDialog';
import { choicePromptOptions, numberedChoices, wordsInAllLanguages } from './prompts';

export { PERSON_OFFER_DIALOG };

const OFFER_WATERFALL = 'PERSON_OFFER_WATERFALL';
const OFFER_PROMPT = 'PERSON_OFFER_PROMPT';
/** After this many unclear answers to the offer, the menu comes back. */
const OFFER_ATTEMPTS = 2;

/**
 * After repeated misunderstanding: "shall a person help you?" Yes → `HANDOFF_DIALOG` (reason
 * `not_understood`); no (or
 * still unclear) → ends, and the menu comes back.
 */
export class PersonOfferDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(PERSON_OFFER_DIALOG, services);
    const prompt = new AnswerChoicePrompt(OFFER_PROMPT, (prompt) => this.offerValidator(prompt));
    prompt.style = ListStyle.suggestedAction;
    this.addDialog(prompt).addDialog(
      new WaterfallDialog(OFFER_WATERFALL, [this.offerStep.bind(this), this.answerStep.bind(this)]),
    );
    this.initialDialogId = OFFER_WATERFALL;
  }

  private async offerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const language = this.services.languages.current(step.context);
    const { i18n } = this.services;
    const choices = numberedChoices(
      (['yes', 'no'] as const).map((answer) => ({
        title: i18n.t(language, `handoff.choices.${answer}`),
        synonyms: wordsInAllLanguages(i18n, `handoff.synonyms.${answer}`),
      })),
    );
    const options = choicePromptOptions(i18n.t(language, 'handoff.offer'), choices, i18n.t(language, 'handoff.offerRetry'));
    return step.prompt(OFFER_PROMPT, options);
  }

  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = step.result as FoundChoice | undefined;
    return choice?.index === 0 ? step.replaceDialog(HANDOFF_DIALOG, { reason: 'not_understood' } satisfies HandoffOptions) : step.endDialog();
  }

  private async offerValidator(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
    return prompt.recognized.succeeded || prompt.attemptCount >= OFFER_ATTEMPTS;
  }
}
