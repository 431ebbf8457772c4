import { Choice, DialogTurnResult, FoundChoice, ListStyle, PromptValidatorContext, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { Language, LANGUAGES } from '../i18n/translator';
import { LANGUAGE_DIALOG, RoutedDialogResult } from './dialogIds';
import { languageEvidence } from './languagePolicy';
import { isRequest, understand } from './understanding';
import { DialogServices } from './dialogServices';
import { InterruptibleDialog } from './interruptibleDialog';
import { RebuiltChoicePrompt } from './rebuiltChoicePrompt';
import { choicePromptOptions, frozenChoices, multilingual, normalizeUtterance, normalizeWord, numberedChoices, wordsInAllLanguages } from './prompts';

export { LANGUAGE_DIALOG };

const LANGUAGE_WATERFALL = 'LANGUAGE_WATERFALL';
const LANGUAGE_PROMPT = 'LANGUAGE_PROMPT';
/** The language a message at the language question was written in (this turn). */
const WRITTEN_IN = Symbol('digibank.writtenIn');

/**
 * Asks the language (Nederlands, Français, English, Eenvoudig Nederlands) with a multilingual
 * question and buttons, saves the choice in the user profile and confirms in the new language.
 * Ends with the chosen `Language`.
 */
export class LanguageDialog extends InterruptibleDialog {
  private choices?: Choice[];

  constructor(services: DialogServices) {
    super(LANGUAGE_DIALOG, services);
    const prompt = new RebuiltChoicePrompt(LANGUAGE_PROMPT, () => this.languageChoices(), (prompt) => this.answered(prompt));
    prompt.style = ListStyle.suggestedAction;
    this.addDialog(prompt).addDialog(
      new WaterfallDialog(LANGUAGE_WATERFALL, [this.askStep.bind(this), this.saveStep.bind(this)]),
    );
    this.initialDialogId = LANGUAGE_WATERFALL;
  }

  /** The language choices, each titled in its own language; words of every language select them (built once). */
  languageChoices(): Choice[] {
    const { i18n } = this.services;
    this.choices ??= frozenChoices(
      numberedChoices(
        LANGUAGES.map((language) => ({
          title: i18n.t(language, 'language.choices.name'),
          synonyms: wordsInAllLanguages(i18n, `language.synonyms.${language}`),
        })),
      ),
    );
    return this.choices;
  }

  /**
   * In a sentence naming several languages ("en français svp": "en" is also English's code), the
   * longest name wins; `undefined` when the sentence names none or one (the prompt's choice stands).
   */
  mostSpecific(text: unknown): Language | undefined {
    const words = ` ${normalizeUtterance(text).replace(/[^\p{L}\p{N}-]+/gu, ' ')} `;
    let best: { language: Language; length: number } | undefined;
    const named = new Set<Language>();
    for (const language of LANGUAGES) {
      const names = [this.services.i18n.t(language, 'language.choices.name'), ...wordsInAllLanguages(this.services.i18n, `language.synonyms.${language}`)];
      for (const name of names.map(normalizeWord)) {
        if (name === '' || !words.includes(` ${name} `)) continue;
        named.add(language);
        if (!best || name.length > best.length) best = { language, length: name.length };
      }
    }
    return named.size > 1 ? best?.language : undefined;
  }

  /** The question in the person's language when it is known (chosen or written in), else in all three. */
  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { i18n, languages } = this.services;
    const known = (await languages.saved(step.context)) ?? (await languages.remembered(step.context));
    const say = (key: string) => (known ? i18n.t(known, key) : multilingual(i18n, key));
    // No choices in the options: the prompt rebuilds them on each turn rather than keep them in the state.
    return step.prompt(LANGUAGE_PROMPT, choicePromptOptions(say('language.prompt'), undefined, say('language.retry')));
  }

  /**
   * A language from the list, or a greeting or sentence written in a language ("Goeiendag",
   * "bonjour je voudrais un rendez-vous"): that answers the question too.
   */
  private async answered(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
    if (prompt.recognized.succeeded) return true;
    const evidence = languageEvidence(prompt.context.activity, this.services.triage, this.services.i18n);
    if (evidence) prompt.context.turnState.set(WRITTEN_IN, evidence.language);
    return !!evidence;
  }

  /** Saves the language; a request written with it ("je voudrais un rendez-vous") is answered next. */
  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = step.result as FoundChoice;
    const written = step.context.turnState.get(WRITTEN_IN) as Language | undefined;
    const language = written ?? this.mostSpecific(step.context.activity.text) ?? LANGUAGES[choice.index];
    await this.services.languages.save(step.context, language);
    await step.context.sendActivity(this.text(step.context, 'language.confirmed'));
    const request = written && isRequest(understand(step.context, this.services), this.services.triage.confidenceThreshold);
    return step.endDialog(request ? ({ retriage: true } satisfies RoutedDialogResult) : language);
  }
}
