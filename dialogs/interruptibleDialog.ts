import { ActivityTypes, TurnContext } from 'botbuilder';
import { ComponentDialog, Dialog, DialogContext, DialogTurnResult, PromptValidatorContext, WaterfallStepContext } from 'botbuilder-dialogs';
import { answerWords, fold, recognizeChoice, RecognizeOptions, withoutCourtesy } from './answers';
import { DialogServices } from './dialogServices';
import type { Intent } from './dialogServices';
import { DETOUR_DIALOG, HANDOFF_DIALOG, LANGUAGE_DIALOG, PERSON_OFFER_DIALOG, PRIVACY_REQUEST_DIALOG } from './dialogIds';
import { answersQuestion, deepestContext, otherRequestAt } from './otherRequest';
import { isTap, normalizeUtterance, wordsInAllLanguages } from './prompts';
import { restateQuestion } from './restatedQuestion';
import { simpleLanguage } from '../i18n/translator';
import { URGENT_ROUTE } from './intentRoutes';
import { activeDialogIds, INTERRUPTION_CONFIDENCE, MIN_SENTENCE_WORDS, personRequestOf, understand, wordCount } from './understanding';

/** Words from which a scam told mid-dialog interrupts it ("hij belt nu" is not enough context on its own). */
const URGENT_MIN_WORDS = 3;

/**
 * What a person can ask for at any step with a word typed alone: help, cancel, back, another
 * language, a person, no more messages, erasure, simpler words ("simpeler", "plus simple",
 * "simpler": the simplified variant of the current language) and the question again ("nog eens",
 * "répète", "again").
 */
export type WordInterruption = 'help' | 'cancel' | 'back' | 'language' | 'person' | 'optOut' | 'forgetMe' | 'simpler' | 'repeat';

/**
 * What interrupts any step: the words, a scam in progress told in a sentence (safety first), and
 * another clear request typed at a question of a task (`request`: answered, then the task goes on).
 */
export type InterruptionKind = WordInterruption | 'scam' | 'request';

/** The locale lists (`common.json`, every language) holding the words of each interruption. */
export const INTERRUPTION_WORDS: Readonly<Record<WordInterruption, string>> = {
  help: 'common.words.help',
  cancel: 'common.words.cancel',
  back: 'answers.words.back',
  language: 'common.words.language',
  person: 'common.words.person',
  optOut: 'common.words.stop',
  forgetMe: 'common.words.forget',
  simpler: 'common.words.simpler',
  repeat: 'common.words.repeat',
};

/** Triage intents that interrupt any step when understood with high confidence in a sentence. */
export const INTERRUPTION_INTENTS: Readonly<Partial<Record<Intent, InterruptionKind>>> = {
  talk_to_human: 'person',
  change_language: 'language',
  opt_out: 'optOut',
  forget_me: 'forgetMe',
};

/**
 * An interruption is not taken while the dialog that handles it is already asking (e.g. "stop" is
 * the answer to "do you want no more messages?", "en français svp" answers the language choice).
 * Words of `help`, `cancel`, `language` and `person` still work everywhere, as before.
 */
const HANDLED_BY: Readonly<Partial<Record<InterruptionKind, readonly string[]>>> = {
  optOut: [PRIVACY_REQUEST_DIALOG],
  forgetMe: [PRIVACY_REQUEST_DIALOG],
  // "simpeler" at the language question chooses the simplified variant of the word's language.
  simpler: [LANGUAGE_DIALOG],
};
/** The same for interruptions understood by the triage (not typed as an interruption word). */
const TRIAGE_HANDLED_BY: Readonly<Partial<Record<InterruptionKind, readonly string[]>>> = {
  ...HANDLED_BY,
  language: [LANGUAGE_DIALOG, 'TRIAGE_SWITCH_PROMPT'],
  person: [HANDOFF_DIALOG],
};

/**
 * Dialogs that take every message while they are active, interruption words included, and handle
 * those themselves: the wait for a person (so "stop wachten" stops waiting rather than all messages,
 * and a stray word never drops the person out of the line).
 */
const TAKES_EVERY_MESSAGE: readonly string[] = [HANDOFF_DIALOG];

/** Order of detection; a word listed for two kinds goes to the first. */
const KINDS: readonly WordInterruption[] = ['language', 'person', 'optOut', 'forgetMe', 'simpler', 'repeat', 'back', 'cancel', 'help'];

/** Marks a turn whose over-long message was already refused (nested dialogs see the same turn). */
const REFUSED = Symbol('digibank.tooLongRefused');

/**
 * Base of every dialog of the assistant: before any step continues, it refuses over-long messages
 * and handles interruptions — help, cancel, language, person, stop, forget-me, simpler and
 * repeat — typed as a whole
 * message in any language (the words live in `locales/<language>/common.json`, `words.*`), or, for
 * person, language, stop and forget-me, written as a sentence the triage understands with high
 * confidence ("ik wil iemand spreken" in the middle of a booking).
 *
 * The outermost dialog handles an interruption first (MainDialog, in the bot). Subclasses change
 * what happens by overriding {@link onHelp}, {@link onCancel}, {@link onChangeLanguage} and
 * {@link onPersonRequested} and {@link onPrivacyRequest}; the handoff issue plugs in at {@link onPersonRequested} /
 * `HANDOFF_DIALOG`.
 */
export abstract class InterruptibleDialog extends ComponentDialog {
  private words?: Map<string, WordInterruption>;

  protected constructor(
    dialogId: string,
    protected readonly services: DialogServices,
  ) {
    super(dialogId);
  }

  /** Starts the dialog, after refusing an over-long message. */
  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    await this.refuseTooLong(innerDc.context);
    return super.onBeginDialog(innerDc, options);
  }

  /**
   * Continues the dialog unless the message is too long or an interruption. "Back" is for the
   * innermost dialog of the assistant (it knows its previous question); the others pass it on.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (innerDc.context.activity.type === ActivityTypes.Message) {
      if (await this.refuseTooLong(innerDc.context)) return this.reprompt(innerDc);
      const kind = this.interruptionIn(innerDc);
      if (kind === 'request') return this.onOtherRequest(innerDc);
      if (kind && !(kind === 'back' && this.innerDialogActive(innerDc))) return this.onInterruption(innerDc, kind);
    }
    return super.onContinueDialog(innerDc);
  }

  /** True when the active dialog inside this one is itself one of the assistant's dialogs. */
  private innerDialogActive(innerDc: DialogContext): boolean {
    const active = innerDc.activeDialog;
    return !!active && innerDc.findDialog(active.id) instanceof InterruptibleDialog;
  }

  /** The interruption a message asks for, if it is one of the interruption words. */
  interruptionOf(text: unknown): WordInterruption | undefined {
    const normalized = normalizeUtterance(text);
    if (normalized === '') return undefined;
    const words = this.interruptionWords();
    return words.get(normalized) ?? words.get(withoutCourtesy(text, answerWords(this.services.i18n)));
  }

  /**
   * The interruption this turn's message asks for at this point of the conversation: an
   * interruption word (whole message), else a sentence the triage understands with high confidence
   * as a request for a person, another language, no more messages or erasure.
   */
  protected interruptionIn(innerDc: DialogContext): InterruptionKind | undefined {
    const text = innerDc.context.activity.text;
    const active = [this.id, ...activeDialogIds(innerDc)];
    if (TAKES_EVERY_MESSAGE.some((id) => active.includes(id))) return undefined;
    const handledHere = (kind: InterruptionKind, table: typeof HANDLED_BY): boolean =>
      (table[kind] ?? []).some((id) => active.includes(id));
    if (isTap(innerDc.context.activity)) return undefined;
    const word = this.interruptionOf(text);
    if (word && answersQuestion(innerDc, this.services)) return undefined;
    if (word) return handledHere(word, HANDLED_BY) ? undefined : word;
    if (wordCount(text) < MIN_SENTENCE_WORDS) return undefined;
    const understanding = understand(innerDc.context, this.services);
    if (understanding.urgent && wordCount(text) >= URGENT_MIN_WORDS) return 'scam';
    const kind = INTERRUPTION_INTENTS[understanding.intent];
    if (kind && understanding.confidence >= INTERRUPTION_CONFIDENCE && !understanding.urgent) return handledHere(kind, TRIAGE_HANDLED_BY) ? undefined : kind;
    return otherRequestAt(innerDc, understanding, this.services, active) ? 'request' : undefined;
  }

  /** Dispatches an interruption to its handler. */
  protected onInterruption(innerDc: DialogContext, kind: InterruptionKind): Promise<DialogTurnResult> {
    switch (kind) {
      case 'help':
        return this.onHelp(innerDc);
      case 'cancel':
        return this.onCancel(innerDc);
      case 'language':
        return this.onChangeLanguage(innerDc);
      case 'person':
        return this.onPersonRequested(innerDc);
      case 'optOut':
        return this.onPrivacyRequest(innerDc, 'optOut');
      case 'forgetMe':
        return this.onPrivacyRequest(innerDc, 'forgetMe');
      case 'scam':
        return this.onScamInProgress(innerDc);
      case 'simpler':
        return this.onSimpler(innerDc);
      case 'repeat':
        return this.reprompt(innerDc);
      case 'back':
        return this.onBack(innerDc);
      case 'request':
        return this.onOtherRequest(innerDc);
    }
  }

  /**
   * Back: the previous question of this dialog. By default this dialog's first question is asked
   * again when the current question is a later one of the same steps, else the dialog is left (the
   * question before it comes back). Dialogs that know their steps better override it.
   */
  protected async onBack(innerDc: DialogContext): Promise<DialogTurnResult> {
    const steps = innerDc.stack[0];
    const stepIndex = (steps?.state as { stepIndex?: number } | undefined)?.stepIndex ?? 0;
    if (steps && innerDc.stack.length > 1 && stepIndex > 0) {
      return innerDc.replaceDialog(steps.id, (steps.state as { options?: object }).options);
    }
    return this.onCancel(innerDc);
  }

  /**
   * Another clear request typed at a question of a task ("mijn itsme werkt niet" at "which day?"):
   * it is answered on top of the question (`DETOUR_DIALOG`), then the task asks its question again.
   */
  protected async onOtherRequest(innerDc: DialogContext): Promise<DialogTurnResult> {
    const deepest = deepestContext(innerDc);
    return deepest.beginDialog(DETOUR_DIALOG, { understanding: understand(innerDc.context, this.services) });
  }

  /** Help: explains the words that work everywhere, then asks the current question again. */
  protected async onHelp(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.context.sendActivity(this.text(innerDc.context, 'common.help'));
    return this.reprompt(innerDc);
  }

  /**
   * Simpler: the simplified variant of the current language from now on (saved like a language
   * choice), and the current question again in it. Already simplified: said so, and the question again.
   */
  protected async onSimpler(innerDc: DialogContext): Promise<DialogTurnResult> {
    const { context } = innerDc;
    const { languages, i18n } = this.services;
    const current = languages.current(context);
    const simple = simpleLanguage(current);
    if (!simple || simple === current) {
      await context.sendActivity(this.text(context, 'common.alreadySimple'));
      return this.reprompt(innerDc);
    }
    await languages.save(context, simple);
    await context.sendActivity(i18n.t(simple, 'language.confirmed'));
    restateQuestion(innerDc, current, simple, i18n);
    return this.reprompt(innerDc);
  }

  /** Cancel: ends this dialog; the parent goes on. */
  protected async onCancel(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.context.sendActivity(this.text(innerDc.context, 'common.cancelled'));
    return innerDc.cancelAllDialogs();
  }

  /** Language: drops the current steps (their texts are in the old language) and asks the language. */
  protected async onChangeLanguage(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(LANGUAGE_DIALOG);
  }

  /** Person: hands over to `HANDOFF_DIALOG` (the hook of the handoff feature). */
  protected async onPersonRequested(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(HANDOFF_DIALOG, personRequestOf(innerDc.context, this.services));
  }

  /** No more messages / erase my data: drops the current steps and asks for confirmation. */
  protected async onPrivacyRequest(innerDc: DialogContext, kind: 'optOut' | 'forgetMe'): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(PRIVACY_REQUEST_DIALOG, { kind });
  }

  /** A scam in progress, told in the middle of anything: the safety advice first, then a person. */
  protected async onScamInProgress(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(URGENT_ROUTE.dialogId, URGENT_ROUTE.options);
  }

  /** The choice an answer selects (a tap of one of these titles, their number or words, yes / no), or undefined. */
  protected choiceOf(context: TurnContext, titles: readonly string[], options: RecognizeOptions = {}): number | undefined {
    return recognizeChoice(context.activity, titles, answerWords(this.services.i18n), options);
  }

  /**
   * A free-text answer of a prompt that takes any text (an address, a postcode, a question): typed
   * text, never a tap of an earlier question's button ("09:30" is no street).
   */
  protected async typedText(prompt: PromptValidatorContext<string>): Promise<boolean> {
    if (isTap(prompt.context.activity)) return this.staleTap(prompt.context);
    return prompt.recognized.succeeded && (prompt.recognized.value ?? '').trim() !== '';
  }

  /** Says that a tapped button belongs to an earlier question; the prompt then asks again (false). */
  protected async staleTap(context: TurnContext): Promise<false> {
    await context.sendActivity(this.text(context, 'answers.staleTap'));
    return false;
  }

  /**
   * After repeated misunderstanding: the offer of a person (`PERSON_OFFER_DIALOG`), never a silent
   * drop; where no such offer is registered (a dialog run on its own), where to find one (`fallbackKey`).
   */
  protected async offerPerson(step: WaterfallStepContext, fallbackKey: string): Promise<DialogTurnResult> {
    if (step.findDialog(PERSON_OFFER_DIALOG)) return step.replaceDialog(PERSON_OFFER_DIALOG);
    await step.context.sendActivity(this.text(step.context, fallbackKey));
    return step.endDialog();
  }

  /** A text of the current language. */
  protected text(context: TurnContext, key: string, vars?: Record<string, string | number>): string {
    return this.services.i18n.t(this.services.languages.current(context), key, vars);
  }

  /**
   * Asks the current question again: the deepest active dialog (the prompt) is reprompted in its
   * own context, which knows every dialog above it. (A component's `repromptDialog` builds its
   * inner context without a parent, and so cannot find a dialog registered higher up, such as a
   * booking begun by the triage.)
   */
  private async reprompt(innerDc: DialogContext): Promise<DialogTurnResult> {
    const deepest = deepestContext(innerDc);
    if (deepest.activeDialog) await deepest.repromptDialog();
    return Dialog.EndOfTurn;
  }

  /** Sends the polite refusal once per turn when the message is longer than allowed. */
  private async refuseTooLong(context: TurnContext): Promise<boolean> {
    const text = context.activity.text;
    if (typeof text !== 'string' || text.length <= this.services.maxMessageLength) return false;
    if (!context.turnState.get(REFUSED)) {
      context.turnState.set(REFUSED, true);
      await context.sendActivity(this.text(context, 'common.tooLong', { max: this.services.maxMessageLength }));
    }
    return true;
  }

  private interruptionWords(): Map<string, WordInterruption> {
    if (!this.words) {
      const words = new Map<string, WordInterruption>();
      for (const kind of [...KINDS].reverse()) {
        for (const word of wordsInAllLanguages(this.services.i18n, INTERRUPTION_WORDS[kind])) {
          words.set(normalizeUtterance(word), kind);
          if (fold(word) !== '') words.set(fold(word), kind);
        }
      }
      this.words = words;
    }
    return this.words;
  }
}
