import type { TurnContext } from 'botbuilder';
import { Choice, FoundChoice, PromptOptions, PromptRecognizerResult, PromptValidator } from 'botbuilder-dialogs';
import { AnswerChoicePrompt } from './answerChoicePrompt';

/**
 * A `ChoicePrompt` whose choices are not kept in the dialog state but rebuilt from the turn
 * (`choicesOf`: e.g. the menu of the person's language). botbuilder keeps a prompt's options in
 * the conversation state, which every turn reads and writes: the main menu's choices, with their
 * words in every language, were three quarters of it (1.1 of 1.46 KB). A prompt begun with choices
 * (a state saved before) keeps using them.
 */
export class RebuiltChoicePrompt extends AnswerChoicePrompt {
  constructor(dialogId: string, private readonly choicesOf: (context: TurnContext) => Choice[], validator?: PromptValidator<FoundChoice>) {
    super(dialogId, validator);
  }

  /** The prompt's options with the turn's choices when it was begun without. */
  private withChoices(context: TurnContext, options: PromptOptions): PromptOptions {
    return options.choices ? options : { ...options, choices: this.choicesOf(context) };
  }

  protected override onPrompt(context: TurnContext, state: object, options: PromptOptions, isRetry: boolean): Promise<void> {
    return super.onPrompt(context, state, this.withChoices(context, options), isRetry);
  }

  protected override onRecognize(context: TurnContext, state: object, options: PromptOptions): Promise<PromptRecognizerResult<FoundChoice>> {
    return super.onRecognize(context, state, this.withChoices(context, options));
  }
}
