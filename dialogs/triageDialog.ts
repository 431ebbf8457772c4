import {
  DialogTurnResult,
  FoundChoice,
  ListStyle,
  TextPrompt,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { isSimple, Language, simpleLanguage } from '../i18n/translator';
import { LOCATION_HOURS_DIALOG, LocationHoursOptions, RoutedDialogResult, TRIAGE_DIALOG } from './dialogIds';
import { DialogServices, Understanding } from './dialogServices';
import { RouteTarget, routeOf, URGENT_ROUTE } from './intentRoutes';
import { AnswerChoicePrompt } from './answerChoicePrompt';
import { InterruptibleDialog } from './interruptibleDialog';
import { REPAIR_DIALOG, RepairDialogOptions } from './repair/repairIds';
import { languageEvidence } from './languagePolicy';
import { choicePromptOptions, numberedChoices, textActivity, wordsInAllLanguages } from './prompts';
import {
  decide,
  LANGUAGE_CONFIDENCE,
  languageOfTriage,
  Reading,
  triageLanguageOf,
  understand,
  understandText,
  sameReading,
  supportedReading,
  wordCount,
} from './understanding';

export { TRIAGE_DIALOG };

/** Options of {@link TriageDialog}. */
export interface TriageOptions {
  /** The message to act on (understood this turn); without it, the dialog asks for the question. */
  readonly understanding?: Understanding;
}

/** Words from which a message in another language leads to the offer to switch. */
export const SWITCH_MIN_WORDS = 3;

const TRIAGE_WATERFALL = 'TRIAGE_WATERFALL';
const QUESTION_PROMPT = 'TRIAGE_QUESTION_PROMPT';
/** Also named in `interruptibleDialog.ts`: "en français svp" here answers the offer, it does not interrupt it. */
export const SWITCH_PROMPT = 'TRIAGE_SWITCH_PROMPT';
const CLARIFY_PROMPT = 'TRIAGE_CLARIFY_PROMPT';

interface TriageValues {
  understanding?: Understanding;
  readings?: readonly Reading[];
  /** The message the question was about: "où puis-je imprimer à Anvers ?" still names the place and the service once clarified. */
  asked?: string;
}

/**
 * Acts on free text understood by the triage:
 * 1. without a message yet (menu entry "digital question"), asks for it in the person's own words;
 * 2. a sentence clearly in another language than the saved one: offers to continue in that
 *    language (`triage.switchOffer`, written in the message's language) before answering;
 * 3. the confidence policy: a scam in progress → safety advice first; confident → the route of
 *    the intent (`intentRoutes.ts`); unsure → ONE clarifying question with the two or three likeliest
 *    readings; nothing usable → "not understood" (the menu follows).
 */
export class TriageDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(TRIAGE_DIALOG, services);
    const question = new TextPrompt(QUESTION_PROMPT, async () => true);
    const switchPrompt = new AnswerChoicePrompt(SWITCH_PROMPT, async () => true);
    switchPrompt.style = ListStyle.suggestedAction;
    const clarify = new AnswerChoicePrompt(CLARIFY_PROMPT, async () => true);
    clarify.style = ListStyle.suggestedAction;
    this.addDialog(question)
      .addDialog(switchPrompt)
      .addDialog(clarify)
      .addDialog(
        new WaterfallDialog<TriageOptions>(TRIAGE_WATERFALL, [
          this.questionStep.bind(this),
          this.switchStep.bind(this),
          this.decideStep.bind(this),
          this.clarifiedStep.bind(this),
          this.endStep.bind(this),
        ]),
      );
    this.initialDialogId = TRIAGE_WATERFALL;
  }

  /** The title of a reading in a clarifying question: the topic for a help question, else the intent. */
  static readingTitleKey(reading: Reading): string {
    return reading.intent === 'ask_help' && reading.topic ? `topics.choices.${reading.topic}` : `triage.choices.${reading.intent}`;
  }

  private values(step: WaterfallStepContext<TriageOptions>): TriageValues {
    return step.values as TriageValues;
  }

  private async questionStep(step: WaterfallStepContext<TriageOptions>): Promise<DialogTurnResult> {
    if (step.options.understanding) return step.next();
    return step.prompt(QUESTION_PROMPT, { prompt: textActivity(this.text(step.context, 'triage.ask')) });
  }

  /** A sentence clearly written in another language than the saved one: offer to switch first. */
  private async switchStep(step: WaterfallStepContext<TriageOptions>): Promise<DialogTurnResult> {
    const understanding = step.options.understanding ?? understand(step.context, this.services);
    this.values(step).understanding = understanding;
    const { languages } = this.services;
    const saved = (await languages.saved(step.context)) ?? (await languages.remembered(step.context));
    const other = switchTarget(understanding.language, saved);
    // The language of the words that tell one: a service name ("mijn burgerprofiel") is no language.
    const evidence = languageEvidence({ type: 'message', text: understanding.text }, this.services.triage, this.services.i18n, saved);
    const offer =
      saved !== undefined &&
      evidence !== undefined &&
      triageLanguageOf(evidence.language) === understanding.language &&
      understanding.language !== triageLanguageOf(saved) &&
      understanding.languageConfidence >= LANGUAGE_CONFIDENCE &&
      wordCount(understanding.text) >= SWITCH_MIN_WORDS &&
      !understanding.urgent &&
      understanding.intent !== 'change_language';
    if (!offer) return step.next();
    const { i18n } = this.services;
    const choices = numberedChoices([
      { title: i18n.t(other, 'language.choices.name'), synonyms: [...wordsInAllLanguages(i18n, `language.synonyms.${other}`), ...i18n.list(other, 'handoff.synonyms.yes')] },
      { title: i18n.t(saved, 'language.choices.name'), synonyms: [...wordsInAllLanguages(i18n, `language.synonyms.${saved}`), ...i18n.list(other, 'handoff.synonyms.no')] },
    ]);
    const text = i18n.t(other, 'triage.switchOffer');
    return step.prompt(SWITCH_PROMPT, choicePromptOptions(text, choices, text));
  }

  private async decideStep(step: WaterfallStepContext<TriageOptions>): Promise<DialogTurnResult> {
    const understanding = this.values(step).understanding as Understanding;
    const choice = step.result as FoundChoice | undefined;
    if (choice?.index === 0 && choice.value) await this.switchTo(step, switchTarget(understanding.language, this.services.languages.current(step.context)));
    const decision = decide(understanding, this.services.triage.confidenceThreshold);
    switch (decision.kind) {
      case 'urgent':
        return this.begin(step, URGENT_ROUTE);
      case 'act':
        return this.begin(step, routeOf(decision.reading.intent, decision.reading.topic, decision.reading.subQuestion));
      case 'clarify':
        return this.clarify(step, decision.readings);
      case 'unclear':
        await step.context.sendActivity(this.text(step.context, 'menu.notUnderstood'));
        return step.endDialog();
    }
  }

  /** ONE short question: the likeliest readings, and "something else" (the menu). */
  private async clarify(step: WaterfallStepContext<TriageOptions>, readings: readonly Reading[]): Promise<DialogTurnResult> {
    this.values(step).readings = readings;
    this.values(step).asked = step.context.activity.text;
    const language = this.services.languages.current(step.context);
    const { i18n } = this.services;
    const choices = numberedChoices([
      ...readings.map((reading) => ({ title: i18n.t(language, TriageDialog.readingTitleKey(reading)) })),
      { title: i18n.t(language, 'triage.choices.other'), synonyms: wordsInAllLanguages(i18n, 'triage.synonyms.other') },
    ]);
    const text = i18n.t(language, 'triage.clarify');
    return step.prompt(CLARIFY_PROMPT, choicePromptOptions(text, choices, text));
  }

  private async clarifiedStep(step: WaterfallStepContext<TriageOptions>): Promise<DialogTurnResult> {
    const readings = this.values(step).readings;
    if (!readings) return step.endDialog(step.result);
    const choice = step.result as FoundChoice | undefined;
    const reading = choice ? readings[choice.index] : undefined;
    if (reading) return this.begin(step, withAsked(routeOf(reading.intent, reading.topic, reading.subQuestion), this.values(step).asked));
    if (!choice) return this.typedAnswer(step, readings);
    return step.endDialog();
  }

  /**
   * Neither a reading nor "something else" typed at the question: a clear new request is understood
   * again; else the answer adds to the first message ("het werkt niet meer" … "gsm"), and the two
   * together are acted on when they are clear or point at one of the readings offered.
   */
  private async typedAnswer(step: WaterfallStepContext<TriageOptions>, readings: readonly Reading[]): Promise<DialogTurnResult> {
    const threshold = this.services.triage.confidenceThreshold;
    const alone = decide(understand(step.context, this.services), threshold);
    const first = this.values(step).asked ?? '';
    const asked = `${first} ${step.context.activity.text ?? ''}`.trim();
    // "laten maken" at "lenen of laten maken?": one of the readings, said in words; the first message's words still count.
    const offered = alone.kind === 'act' ? readings.find((r) => sameReading(r, alone.reading)) : undefined;
    if (offered) return this.begin(step, withAsked(routeOf(offered.intent, offered.topic, offered.subQuestion), asked));
    if (alone.kind === 'act' || alone.kind === 'urgent') return step.endDialog({ retriage: true } satisfies RoutedDialogResult);
    const together = understandText(step.context, this.services, asked);
    const decision = decide(together, threshold);
    if (decision.kind === 'urgent') return this.begin(step, URGENT_ROUTE);
    const reading = decision.kind === 'act' ? decision.reading : supportedReading(understandText(step.context, this.services, first), together, readings);
    if (!reading) return step.endDialog();
    return this.begin(step, withAsked(routeOf(reading.intent, reading.topic, reading.subQuestion), asked));
  }

  private async endStep(step: WaterfallStepContext<TriageOptions>): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }

  private begin(step: WaterfallStepContext<TriageOptions>, target: RouteTarget): Promise<DialogTurnResult> {
    return step.beginDialog(target.dialogId, target.options);
  }

  private async switchTo(step: WaterfallStepContext<TriageOptions>, language: Language): Promise<void> {
    await this.services.languages.save(step.context, language);
    await step.context.sendActivity(this.text(step.context, 'language.confirmed'));
  }
}

/**
 * The clarified message goes with the route where its words matter: for where and when it is the
 * search itself (its place, day and service); for a repair its device and problem words count.
 */
function withAsked(target: RouteTarget, asked: string | undefined): RouteTarget {
  if (!asked) return target;
  if (target.dialogId === LOCATION_HOURS_DIALOG) return { ...target, options: { ...(target.options ?? {}), query: asked } satisfies LocationHoursOptions };
  if (target.dialogId === REPAIR_DIALOG) return { ...target, options: { ...(target.options ?? {}), asked } satisfies RepairDialogOptions };
  return target;
}

/**
 * The language a switch goes to: the one the message was written in, in its simplified variant
 * when the person reads a simplified language (Easy English, then a French sentence: Français facile).
 */
function switchTarget(written: Understanding['language'], current: Language | undefined): Language {
  const language = languageOfTriage(written);
  return current && isSimple(current) ? (simpleLanguage(language) ?? language) : language;
}
