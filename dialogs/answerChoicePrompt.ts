import type { TurnContext } from 'botbuilder';
import { Choice, ChoicePrompt, FoundChoice, PromptOptions, PromptRecognizerResult, PromptValidator } from 'botbuilder-dialogs';
import { recognizeChoice } from './answers';
import { isTap } from './prompts';

/**
 * A `ChoicePrompt` that understands answers the way every prompt of the assistant does
 * (`answers.ts`): a tap by the id of the choice it offered (a tap of another question's button is
 * no answer), the number in any form and any language, the choice's own words shortened, and yes /
 * no words for the choice whose title says yes or no; then botbuilder's own recognition (the
 * choice's synonyms inside a sentence).
 */
export class AnswerChoicePrompt extends ChoicePrompt {
  constructor(dialogId: string, validator?: PromptValidator<FoundChoice>) {
    super(dialogId, validator);
  }

  protected override async onRecognize(context: TurnContext, state: object, options: PromptOptions): Promise<PromptRecognizerResult<FoundChoice>> {
    const choices = (options.choices ?? []).map((choice) => (typeof choice === 'string' ? { value: choice } : choice)) as Choice[];
    const index = recognizeChoice(context.activity, choices.map((choice) => choice.action?.title ?? choice.value));
    if (index !== undefined) return { succeeded: true, value: { value: choices[index].value, index, score: 1, synonym: choices[index].value } };
    if (isTap(context.activity)) return { succeeded: false };
    return super.onRecognize(context, state, options);
  }
}
