import type { TurnContext } from 'botbuilder';
import {
  DialogContext,
  DialogInstance,
  DialogReason,
  DialogTurnResult,
  FoundChoice,
  ListStyle,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { AnswerChoicePrompt } from './answerChoicePrompt';
import { COMING_SOON_DIALOG, HANDOFF_DIALOG, HandoffOptions, RoutedDialogResult, TOPIC_HELP_DIALOG, TopicHelpOptions } from './dialogIds';
import { DialogServices, Intent, Topic } from './dialogServices';
import { isUrgentPerson, markUrgentPerson } from './handoffDialog';
import { routeOf } from './intentRoutes';
import { InterruptibleDialog } from './interruptibleDialog';
import { choicePromptOptions, numberedChoices, wordsInAllLanguages } from './prompts';
import { decide, understand } from './understanding';

export { TOPIC_HELP_DIALOG };

/** What can follow the self-help: `topics.choices.<id>` titles, `topics.synonyms.<id>` words. */
export type TopicOffer = 'book' | 'homeVisit' | 'workshop' | 'person' | 'menu';

/** The intent each offer routes to (through the one routing table, with the topic filled in). */
const OFFER_INTENTS: Readonly<Record<Exclude<TopicOffer, 'menu'>, Intent>> = {
  book: 'book_helpdesk',
  homeVisit: 'book_home_visit',
  workshop: 'training',
  person: 'talk_to_human',
};

/** The offers that fit each topic, in order; `menu` always comes last. */
export const TOPIC_OFFERS: Readonly<Record<Topic, readonly TopicOffer[]>> = {
  eid_itsme: ['book', 'homeVisit', 'person'],
  tax: ['book', 'homeVisit', 'person'],
  banking: ['book', 'workshop', 'person'],
  email_accounts: ['book', 'workshop', 'person'],
  smartphone_basics: ['book', 'workshop', 'homeVisit', 'person'],
  government_services: ['book', 'homeVisit', 'person'],
  health: ['book', 'homeVisit', 'person'],
  work_school: ['book', 'workshop', 'person'],
  scam_security: ['person', 'book'],
  internet_access: ['book', 'person'],
  printing_scanning: ['book', 'workshop', 'person'],
};

/**
 * True when an offer leads somewhere that works: an offer whose route still ends at "coming soon"
 * (the workshops today) is not offered; it appears by itself once its row in the routing table
 * points at a dialog that is built.
 */
function isBuilt(offer: TopicOffer): boolean {
  return offer === 'menu' || routeOf(OFFER_INTENTS[offer]).dialogId !== COMING_SOON_DIALOG;
}

/** After the urgent safety advice: a person now, or the menu. */
export const URGENT_OFFERS: readonly TopicOffer[] = ['person', 'menu'];

const TOPIC_WATERFALL = 'TOPIC_HELP_WATERFALL';
/** Key in this dialog's instance state: the safety advice of a scam in progress is open. */
const URGENT_STATE = 'urgent';
const OFFER_PROMPT = 'TOPIC_OFFER_PROMPT';

/**
 * Help for a topic: the short self-help of the sub-question the triage understood
 * (`locales/<lang>/selfHelp.json`, `selfHelp.<id>`) or else the topic's generic help
 * (`locales/<lang>/topics.json`, `topics.<topic>.help`), then the offers that fit as choices. A
 * scam in progress gets the safety advice first (`topics.scam_security.urgent`: hang up, never
 * share codes, Card Stop) and a person now. Anything else typed at the offers is a new request: the
 * dialog ends with `retriage`.
 */
export class TopicHelpDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(TOPIC_HELP_DIALOG, services);
    const prompt = new AnswerChoicePrompt(OFFER_PROMPT, async () => true);
    prompt.style = ListStyle.suggestedAction;
    this.addDialog(prompt).addDialog(
      new WaterfallDialog<TopicHelpOptions>(TOPIC_WATERFALL, [this.helpStep.bind(this), this.offerStep.bind(this), this.endStep.bind(this)]),
    );
    this.initialDialogId = TOPIC_WATERFALL;
  }

  /** Remembers in its own state that this is the urgent scam advice (read when it is cancelled). */
  override async beginDialog(outerDc: DialogContext, options?: TopicHelpOptions): Promise<DialogTurnResult> {
    if (options?.urgent && outerDc.activeDialog) (outerDc.activeDialog.state as Record<string, unknown>)[URGENT_STATE] = true;
    return super.beginDialog(outerDc, options);
  }

  /**
   * Cancelled while the scam safety advice was open (a person asked for in words or in a sentence,
   * which the outer dialogs handle first): a person started in this turn is still urgent, whatever
   * the language.
   */
  override async endDialog(context: TurnContext, instance: DialogInstance, reason: DialogReason): Promise<void> {
    if (reason === DialogReason.cancelCalled && (instance.state as Record<string, unknown> | undefined)?.[URGENT_STATE]) markUrgentPerson(context);
    return super.endDialog(context, instance, reason);
  }

  /** The self-help shown: the sub-question's own (`selfHelp.<id>`) when understood, else the topic's generic help. */
  static helpKey(options: TopicHelpOptions): string {
    return options.subQuestion ? `selfHelp.${options.subQuestion}` : `topics.${options.topic}.help`;
  }

  /** The offers shown for a topic. */
  static offersFor(options: TopicHelpOptions): readonly TopicOffer[] {
    return options.urgent ? URGENT_OFFERS : [...TOPIC_OFFERS[options.topic].filter(isBuilt), 'menu'];
  }

  private async helpStep(step: WaterfallStepContext<TopicHelpOptions>): Promise<DialogTurnResult> {
    const { urgent } = step.options;
    // The advice was open and the person answered with more of the scam ("nu iemand spreken" reads as one): a person now, not the advice again.
    if (urgent && isUrgentPerson(step.context)) return this.personNow(step);
    const language = this.services.languages.current(step.context);
    const { i18n } = this.services;
    await step.context.sendActivity(i18n.t(language, urgent ? 'topics.scam_security.urgent' : TopicHelpDialog.helpKey(step.options)));
    const offers = TopicHelpDialog.offersFor(step.options);
    const choices = numberedChoices(
      offers.map((offer) => ({
        title: i18n.t(language, urgent && offer === 'person' ? 'topics.choices.personNow' : `topics.choices.${offer}`),
        synonyms: wordsInAllLanguages(i18n, `topics.synonyms.${offer}`),
      })),
    );
    const question = i18n.t(language, urgent ? 'topics.urgentPrompt' : 'topics.offersPrompt');
    return step.prompt(OFFER_PROMPT, choicePromptOptions(question, choices, question));
  }

  private async offerStep(step: WaterfallStepContext<TopicHelpOptions>): Promise<DialogTurnResult> {
    const choice = step.result as FoundChoice | undefined;
    const offer = choice ? TopicHelpDialog.offersFor(step.options)[choice.index] : undefined;
    if (!offer) {
      // Not one of the offers: a new request ("and for tax-on-web?") is understood again by the main loop.
      const decision = decide(understand(step.context, this.services), this.services.triage.confidenceThreshold);
      return step.endDialog(decision && decision.kind !== 'unclear' ? ({ retriage: true } satisfies RoutedDialogResult) : undefined);
    }
    if (offer === 'menu') return step.endDialog();
    if (offer === 'person' && step.options.urgent) return this.personNow(step);
    const target = routeOf(OFFER_INTENTS[offer], step.options.topic);
    return step.beginDialog(target.dialogId, target.options);
  }

  /** A person now, first in line (a scam in progress). */
  private personNow(step: WaterfallStepContext<TopicHelpOptions>): Promise<DialogTurnResult> {
    return step.beginDialog(HANDOFF_DIALOG, { reason: 'urgent', urgent: true, topic: step.options.topic } satisfies HandoffOptions);
  }

  private async endStep(step: WaterfallStepContext<TopicHelpOptions>): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
