import { ChoicePrompt, Choice, FoundChoice, ListStyle, WaterfallDialog, WaterfallStepContext, DialogTurnResult } from 'botbuilder-dialogs';
import { LANGUAGES } from '../bot/i18n';
import { LANGUAGE_DIALOG } from './dialogIds';
import { DialogServices } from './dialogServices';
import { InterruptibleDialog } from './interruptibleDialog';
import { choicePromptOptions, multilingual, numberedChoices, wordsInAllLanguages } from './prompts';

export { LANGUAGE_DIALOG };

const LANGUAGE_WATERFALL = 'LANGUAGE_WATERFALL';
const LANGUAGE_PROMPT = 'LANGUAGE_PROMPT';

/**
 * Asks the language (Nederlands, Français, English, Eenvoudig Nederlands) with a multilingual
 * question and buttons, saves the choice in the user profile and confirms in the new language.
 * Ends with the chosen `Language`.
 */
export class LanguageDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(LANGUAGE_DIALOG, services);
    const prompt = new ChoicePrompt(LANGUAGE_PROMPT);
    prompt.style = ListStyle.suggestedAction;
    this.addDialog(prompt).addDialog(
      new WaterfallDialog(LANGUAGE_WATERFALL, [this.askStep.bind(this), this.saveStep.bind(this)]),
    );
    this.initialDialogId = LANGUAGE_WATERFALL;
  }

  /** The language choices, each titled in its own language; words of every language select them. */
  languageChoices(): Choice[] {
    const { i18n } = this.services;
    return numberedChoices(
      LANGUAGES.map((language) => ({
        title: i18n.t(language, 'language.choices.name'),
        synonyms: wordsInAllLanguages(i18n, `language.synonyms.${language}`),
      })),
    );
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { i18n } = this.services;
    const options = choicePromptOptions(
      multilingual(i18n, 'language.prompt'),
      this.languageChoices(),
      multilingual(i18n, 'language.retry'),
    );
    return step.prompt(LANGUAGE_PROMPT, options);
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = step.result as FoundChoice;
    const language = LANGUAGES[choice.index];
    await this.services.languages.save(step.context, language);
    await step.context.sendActivity(this.text(step.context, 'language.confirmed'));
    return step.endDialog(language);
  }
}
