import { TurnContext } from 'botbuilder';
import { LANGUAGES } from '../i18n/translator';
import { Dialog, DialogTurnResult, FoundChoice, ListStyle, PromptValidatorContext, WaterfallDialog, WaterfallStepContext } from 'botbuilder-dialogs';
import { alternativesFor, CALLBACK_MOMENTS, HandoffAlternative, HandoffReason, HandoffTicket } from '../services/handoff/handoffService';
import { BOOKING_DIALOG } from './booking/bookingIds';
import { BookingDialogOptions, HANDOFF_DIALOG, HandoffOptions, LANGUAGE_DIALOG, PRIVACY_REQUEST_DIALOG, PrivacyRequestOptions } from './dialogIds';
import { DialogServices, HandoffPort, HandoffWait } from './dialogServices';
import { INTERRUPTION_WORDS, InterruptibleDialog } from './interruptibleDialog';
import { AnswerChoicePrompt } from './answerChoicePrompt';
import { choicePromptOptions, choicesActivity, normalizeUtterance, numberedChoices, wordsInAllLanguages } from './prompts';
import { understand, wordCount } from './understanding';

export { HANDOFF_DIALOG };

/** What the person can answer while waiting: `handoff.choices.<id>` titles, `handoff.synonyms.<id>` words. */
export type WaitAnswer = HandoffAlternative | 'stopWaiting';

/** The waiting loop's state (JSON-safe). */
interface WaitState {
  readonly topic: string | null;
  /** When "still waiting" was last said (ms): at most once a minute. */
  readonly noticeAt?: number;
}

/** "You are still waiting" at most this often, however many messages the person sends. */
export const STILL_WAITING_INTERVAL_MS = 60_000;
/** Marks a turn in which a person was asked for while the scam safety advice was open. */
const URGENT_PERSON = Symbol('digibank.urgentPerson');

/**
 * Records that this turn's request for a person comes from the scam safety advice, however it was
 * asked for (the offered choice, a person word, a sentence the triage understands as a request for
 * a person, in any language): the handoff started in this turn is urgent.
 */
export function markUrgentPerson(context: TurnContext): void {
  context.turnState.set(URGENT_PERSON, true);
}

/** True when this turn left the scam safety advice for a person (see {@link markUrgentPerson}). */
export function isUrgentPerson(context: TurnContext): boolean {
  return context.turnState.get(URGENT_PERSON) === true;
}

/** Words from which a scam told while waiting makes the wait urgent. */
const URGENT_MIN_WORDS = 3;

const REQUEST_WATERFALL = 'HANDOFF_REQUEST_WATERFALL';
const WAIT_WATERFALL = 'HANDOFF_WAIT_WATERFALL';
const CALLBACK_WATERFALL = 'HANDOFF_CALLBACK_WATERFALL';
const MOMENT_PROMPT = 'HANDOFF_CALLBACK_MOMENT_PROMPT';
/** After this many unclear answers to "when shall we call?", the call-back stands without a moment. */
const MOMENT_ATTEMPTS = 2;

/**
 * Talking to a person. Asks for one (services/handoff, through the {@link HandoffPort}) and tells
 * the person honestly where they stand: their place in the line and roughly how long, or — when
 * nobody is on duty — that nobody knows when, with a helpdesk slot or a call-back instead (a
 * call-back asks ONE question: the preferred moment, stored on the handoff). Then it
 * waits: "laat maar" / "annuler" / "never mind" (or the menu words) stop waiting; other messages
 * are kept for the volunteer and get a short "still waiting, you are number N" at most once a
 * minute. While waiting, this dialog takes every message (interruption words included, see
 * `interruptibleDialog.ts`): language, help, privacy and a scam told now are handled here, so a
 * stray word never drops the person out of the line. Once a volunteer has the conversation, the
 * bot (`dialogs/digibankBot.ts`) does not run the dialogs at all; when the volunteer gives it back,
 * the bot drops this dialog.
 */
export class HandoffDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(HANDOFF_DIALOG, services);
    this.addDialog(new WaterfallDialog<HandoffOptions>(REQUEST_WATERFALL, [this.requestStep.bind(this)]))
      .addDialog(new WaterfallDialog<WaitState>(WAIT_WATERFALL, [this.listenStep.bind(this), this.answerStep.bind(this), this.afterChildStep.bind(this)]))
      .addDialog(new WaterfallDialog(CALLBACK_WATERFALL, [this.askMomentStep.bind(this), this.momentStep.bind(this)]));
    const momentPrompt = new AnswerChoicePrompt(MOMENT_PROMPT, async (prompt: PromptValidatorContext<FoundChoice>) => prompt.recognized.succeeded || prompt.attemptCount >= MOMENT_ATTEMPTS);
    momentPrompt.style = ListStyle.suggestedAction;
    this.addDialog(momentPrompt);
    this.initialDialogId = REQUEST_WATERFALL;
  }

  private async requestStep(step: WaterfallStepContext<HandoffOptions>): Promise<DialogTurnResult> {
    const port = this.services.handoffs;
    const { reason, topic, urgent } = HandoffDialog.requestOf(step.context, step.options);
    const language = this.services.languages.current(step.context);
    const ticket = await port.request(step.context, { reason, topic, urgent, language });
    if (ticket.position === 0) return step.endDialog(); // a volunteer already has the conversation
    await this.tellPlace(step.context, ticket);
    return step.replaceDialog(WAIT_WATERFALL, { topic } satisfies WaitState);
  }

  /** The request of the options, urgent (scam, first in line) when this turn left the scam safety advice for a person. */
  private static requestOf(context: TurnContext, options: HandoffOptions): { reason: HandoffReason; topic: string | null; urgent: boolean } {
    if (options.urgent || isUrgentPerson(context)) return { reason: 'urgent', topic: options.topic ?? 'scam_security', urgent: true };
    return { reason: options.reason ?? 'asked', topic: options.topic ?? null, urgent: false };
  }

  /** Waits for the person's next message. */
  private async listenStep(): Promise<DialogTurnResult> {
    return Dialog.EndOfTurn;
  }

  private async answerStep(step: WaterfallStepContext<WaitState>): Promise<DialogTurnResult> {
    const port = this.services.handoffs;
    const wait = await port.status(step.context);
    if (wait?.status !== 'waiting') return step.endDialog();
    await port.citizenWrote(step.context);
    const answer = this.answerOf(step.context, wait);
    if (answer) return this.onAnswer(step, answer, wait);
    const word = this.interruptionOf(step.context.activity.text);
    if (word === 'language') return step.beginDialog(LANGUAGE_DIALOG);
    if (word === 'optOut' || word === 'forgetMe') return step.beginDialog(PRIVACY_REQUEST_DIALOG, { kind: word } satisfies PrivacyRequestOptions);
    if (word === 'help') return this.help(step, wait);
    if (this.isScam(step.context)) return this.urgentNow(step);
    return this.stillWaiting(step, wait, false);
  }

  /** After the language or privacy dialog: back to waiting. */
  private async afterChildStep(step: WaterfallStepContext<WaitState>): Promise<DialogTurnResult> {
    const wait = await this.services.handoffs.status(step.context);
    if (wait?.status !== 'waiting') return step.endDialog();
    return this.stillWaiting(step, wait, true);
  }

  private async onAnswer(step: WaterfallStepContext<WaitState>, answer: WaitAnswer, wait: HandoffWait): Promise<DialogTurnResult> {
    switch (answer) {
      case 'stopWaiting':
        await this.services.handoffs.cancel(step.context);
        await step.context.sendActivity(this.text(step.context, 'handoff.cancelled'));
        return step.endDialog();
      case 'callback':
        await this.services.handoffs.requestCallback(step.context);
        return step.replaceDialog(CALLBACK_WATERFALL);
      case 'book':
        // The handoff stays in the queue: a volunteer may still answer before the appointment.
        return step.replaceDialog(BOOKING_DIALOG, (step.options.topic ? { topic: step.options.topic } : {}) satisfies BookingDialogOptions);
      case 'keepWaiting':
        await step.context.sendActivity(this.text(step.context, 'handoff.keptPlace', { position: wait.position }));
        return this.waitAgain(step, {});
    }
  }

  /** The call-back is recorded; ONE question: when does the citizen prefer the call (numbered choices)? */
  private async askMomentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { i18n } = this.services;
    const choices = numberedChoices(
      CALLBACK_MOMENTS.map((moment) => ({
        title: this.text(step.context, `handoff.callbackMoment.choices.${moment}`),
        synonyms: wordsInAllLanguages(i18n, `handoff.callbackMoment.synonyms.${moment}`),
      })),
    );
    const text = (key: string) => this.text(step.context, `handoff.callbackMoment.${key}`);
    return step.prompt(MOMENT_PROMPT, choicePromptOptions(text('question'), choices, text('retry')));
  }

  /** Stores the moment (none when still unclear) and confirms the call-back. */
  private async momentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const choice = step.result as FoundChoice | undefined;
    const moment = choice ? CALLBACK_MOMENTS[choice.index] : undefined;
    if (moment) await this.services.handoffs.callbackMoment(step.context, moment);
    await step.context.sendActivity(this.text(step.context, 'handoff.callbackConfirmed'));
    return step.endDialog();
  }

  /** The waiting text: place and estimate with "stop waiting"; or nobody on duty, with the alternatives. */
  private async tellPlace(context: TurnContext, ticket: HandoffTicket): Promise<void> {
    const answers = this.offered(context, !ticket.onDuty);
    const text =
      ticket.onDuty && ticket.estimatedMinutes !== null
        ? this.text(context, 'handoff.waiting', { position: ticket.position, minutes: ticket.estimatedMinutes })
        : this.text(context, 'handoff.nobodyOnDuty', { position: ticket.position });
    await context.sendActivity(choicesActivity(text, answers.map((answer) => this.text(context, `handoff.choices.${answer}`))));
  }

  /** "Still waiting, you are number N": always when asked for (`force`), else at most once a minute. */
  private async stillWaiting(step: WaterfallStepContext<WaitState>, wait: HandoffWait, force: boolean): Promise<DialogTurnResult> {
    const now = this.services.clock().getTime();
    if (!force && step.options.noticeAt !== undefined && now - step.options.noticeAt < STILL_WAITING_INTERVAL_MS) return this.waitAgain(step, {});
    await step.context.sendActivity(this.text(step.context, 'handoff.stillWaiting', { position: wait.position }));
    return this.waitAgain(step, { noticeAt: now });
  }

  private async help(step: WaterfallStepContext<WaitState>, wait: HandoffWait): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.text(step.context, 'handoff.waitingHelp', { position: wait.position }));
    return this.waitAgain(step, {});
  }

  /** A scam told while waiting: the safety advice now, and the wait becomes urgent (first in line). */
  private async urgentNow(step: WaterfallStepContext<WaitState>): Promise<DialogTurnResult> {
    const language = this.services.languages.current(step.context);
    const ticket = await this.services.handoffs.request(step.context, { reason: 'urgent', urgent: true, language });
    await step.context.sendActivity(this.text(step.context, 'topics.scam_security.urgent'));
    await step.context.sendActivity(this.text(step.context, 'handoff.stillWaiting', { position: ticket.position }));
    return this.waitAgain(step, { noticeAt: this.services.clock().getTime() });
  }

  private waitAgain(step: WaterfallStepContext<WaitState>, changes: Partial<WaitState>): Promise<DialogTurnResult> {
    return step.replaceDialog(WAIT_WATERFALL, { topic: step.options.topic, noticeAt: step.options.noticeAt, ...changes } satisfies WaitState);
  }

  /**
   * What the message answers: a number of the choices last offered (the alternatives once they
   * were offered, by this dialog or by the claim timeout, else "stop waiting"), or a title or word
   * of any answer in any language. The menu and cancel words stop waiting too.
   */
  private answerOf(context: TurnContext, wait: HandoffWait): WaitAnswer | undefined {
    const typed = normalizeUtterance(context.activity.text);
    if (typed === '') return undefined;
    const offered = this.offered(context, wait.alternativeOfferedAt !== null);
    const numbered = numberedChoices(offered.map((answer) => ({ title: this.text(context, `handoff.choices.${answer}`), synonyms: this.wordsOf(answer) })));
    const index = numbered.findIndex((choice) => [choice.value, ...(choice.synonyms ?? [])].some((word) => normalizeUtterance(word) === typed));
    if (index >= 0) return offered[index];
    return this.possibleAnswers(context).find((answer) => this.wordsOf(answer).some((word) => normalizeUtterance(word) === typed));
  }

  /**
   * The choices shown: "stop waiting" alone, or (once alternatives were offered) slot, call-back,
   * keep waiting, stop — numbered as the claim timeout's offer, which lists the same alternatives.
   */
  private offered(context: TurnContext, withAlternatives: boolean): WaitAnswer[] {
    return withAlternatives ? this.possibleAnswers(context) : ['stopWaiting'];
  }

  private possibleAnswers(context: TurnContext): WaitAnswer[] {
    return [...alternativesFor(context.activity.channelId), 'stopWaiting'];
  }

  /** Titles and words of an answer in every language (the cancel words stop waiting). */
  private wordsOf(answer: WaitAnswer): string[] {
    const { i18n } = this.services;
    const words = [...wordsInAllLanguages(i18n, `handoff.synonyms.${answer}`), ...this.titlesOf(answer)];
    return answer === 'stopWaiting' ? [...words, ...wordsInAllLanguages(i18n, INTERRUPTION_WORDS.cancel)] : words;
  }

  private titlesOf(answer: WaitAnswer): string[] {
    return LANGUAGES.map((language) => this.services.i18n.t(language, `handoff.choices.${answer}`));
  }

  private isScam(context: TurnContext): boolean {
    return wordCount(context.activity.text) >= URGENT_MIN_WORDS && understand(context, this.services).urgent;
  }
}
