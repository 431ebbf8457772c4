import {
  DialogTurnResult,
  FoundChoice,
  ListStyle,
  PromptOptions,
  PromptValidatorContext,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { AnswerChoicePrompt } from './answerChoicePrompt';
import type { TurnContext } from 'botbuilder';
import { PRIVACY_REQUEST_DIALOG, PrivacyRequestOptions, RoutedDialogResult } from './dialogIds';
import { DialogServices, PrivacyNotice } from './dialogServices';
import { InterruptibleDialog, INTERRUPTION_WORDS } from './interruptibleDialog';
import { choicePromptOptions, normalizeUtterance, numberedChoices, wordsInAllLanguages } from './prompts';

export { PRIVACY_REQUEST_DIALOG };

const PRIVACY_WATERFALL = 'PRIVACY_WATERFALL';
/** Words (or prefixes, ending in `*`) that ask for erasure, in every language: `privacyInfo.words.erase`. */
const ERASE_WORDS = 'privacyInfo.words.erase';
const CONFIRM_PROMPT = 'PRIVACY_CONFIRM_PROMPT';
/** The notice without configuration (RETENTION_DAYS' default, no contact). */
const DEFAULT_NOTICE: PrivacyNotice = { retentionDays: 180 };
/** After this many unclear answers nothing is recorded (never act on a guess). */
const CONFIRM_ATTEMPTS = 2;

/**
 * Opt-out and erasure. A question about personal data ("wat doen jullie met mijn gegevens?") is
 * read by the triage as `forget_me` too — the labels are a fixed contract and the area is the same —
 * so this dialog tells the two apart by form: without an erasure word it answers what is kept, for
 * how long and how to erase (`privacyInfo.answer`) and asks nothing; an erasure is never done on a
 * guess. Otherwise it asks for confirmation first (`privacy.<kind>.confirm`), then records the
 * request and says what happens (`privacy.<kind>.done`): no more messages from us; or the data are
 * erased now and this is the last message (the erasure itself waits until that message has left
 * the outbox, `services/privacy/erasureService.ts`). Confirmed, the conversation ends (`close`);
 * not confirmed, nothing changes and the menu follows.
 */
export class PrivacyRequestDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(PRIVACY_REQUEST_DIALOG, services);
    const prompt = new AnswerChoicePrompt(CONFIRM_PROMPT, (prompt) => this.confirmValidator(prompt));
    prompt.style = ListStyle.suggestedAction;
    this.addDialog(prompt).addDialog(
      new WaterfallDialog<PrivacyRequestOptions>(PRIVACY_WATERFALL, [this.confirmStep.bind(this), this.actStep.bind(this)]),
    );
    this.initialDialogId = PRIVACY_WATERFALL;
  }

  private async confirmStep(step: WaterfallStepContext<PrivacyRequestOptions>): Promise<DialogTurnResult> {
    const { kind } = step.options;
    if (kind === 'forgetMe' && !this.asksErasure(step.context.activity.text)) {
      // A question about the data ("what do you do with my data?"): the answer, which says how to erase them.
      await step.context.sendActivity(this.notice(step.context));
      return step.endDialog();
    }
    const language = this.services.languages.current(step.context);
    const { i18n } = this.services;
    // "stop" answers "no more messages?" with yes.
    const yesWords = [...wordsInAllLanguages(i18n, 'privacy.synonyms.yes'), ...(kind === 'optOut' ? wordsInAllLanguages(i18n, INTERRUPTION_WORDS.optOut) : [])];
    const choices = numberedChoices([
      { title: i18n.t(language, `privacy.choices.${kind}`), synonyms: yesWords },
      { title: i18n.t(language, 'privacy.choices.no'), synonyms: wordsInAllLanguages(i18n, 'privacy.synonyms.no') },
    ]);
    return step.prompt(
      CONFIRM_PROMPT,
      choicePromptOptions(i18n.t(language, `privacy.${kind}.confirm`), choices, i18n.t(language, 'privacy.retry')),
    );
  }

  private async actStep(step: WaterfallStepContext<PrivacyRequestOptions>): Promise<DialogTurnResult> {
    const choice = step.result as FoundChoice | undefined;
    if (choice?.index !== 0) {
      await step.context.sendActivity(this.text(step.context, 'privacy.kept'));
      return step.endDialog();
    }
    const { kind } = step.options;
    if (kind === 'optOut') await this.optOutStep(step.context);
    else {
      await this.services.privacy.requestErasure(step.context);
      await step.context.sendActivity(this.text(step.context, 'privacy.forgetMe.done'));
    }
    return step.endDialog({ close: true } satisfies RoutedDialogResult);
  }

  /**
   * The privacy notice in the person's language: what is kept, who sees it, how long
   * (RETENTION_DAYS), how to erase, and whom to ask (PRIVACY_CONTACT, else their digibank).
   */
  notice(context: TurnContext): string {
    const { retentionDays, contact } = this.services.privacy.notice ?? DEFAULT_NOTICE;
    const answer = this.text(context, 'privacyInfo.answer', { days: retentionDays });
    return `${answer} ${contact ? this.text(context, 'privacyInfo.contact', { contact }) : this.text(context, 'privacyInfo.contactDigibank')}`;
  }

  /**
   * Records the opt-out and says what it means. On a channel that now stays silent until START (SMS)
   * that is the channel's STOP confirmation, marked as a control message so that it is still sent.
   */
  private async optOutStep(context: TurnContext): Promise<void> {
    const scope = await this.services.privacy.optOut(context);
    if (scope === 'channel') await context.sendActivity({ text: this.text(context, 'channels.sms.stopped'), channelData: { smsControl: true } });
    else await context.sendActivity(this.text(context, 'privacy.optOut.done'));
  }

  /**
   * True when the message asks to erase the data (an erasure word of any language: "verwijder",
   * "wis", "effacez", "delete", "forget me"…), false for a question about them ("wat doen jullie met
   * mijn gegevens?", "how long do you keep my data?"). The triage reads both as `forget_me`; only an
   * explicit erasure is asked to be confirmed, the others get the information first.
   */
  asksErasure(text: unknown): boolean {
    const words = normalizeUtterance(text)
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    if (words.length === 0) return true;
    return wordsInAllLanguages(this.services.i18n, ERASE_WORDS).some((entry) => {
      const stem = entry.endsWith('*') ? entry.slice(0, -1) : undefined;
      return words.some((word) => (stem !== undefined ? word.startsWith(stem) : word === entry));
    });
  }

  /**
   * "Yes" must be the whole answer ("1", "ja", the button's title): a sentence that merely contains
   * a 1 or a yes-word ("bericht 1") is asked again, and never counts as yes after the last attempt.
   */
  private async confirmValidator(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
    const found = prompt.recognized.succeeded ? prompt.recognized.value : undefined;
    if (found && (found.index !== 0 || this.isWholeAnswer(prompt.context.activity.text, prompt.options.choices))) return true;
    prompt.recognized.value = undefined;
    return prompt.attemptCount >= CONFIRM_ATTEMPTS;
  }

  private isWholeAnswer(text: string | undefined, choices: PromptOptions['choices']): boolean {
    const yes = (choices ?? [])[0];
    if (!yes || typeof yes === 'string') return false;
    const answer = normalizeUtterance(text);
    return [yes.value, ...(yes.synonyms ?? [])].some((word) => normalizeUtterance(word) === answer);
  }
}
