import {
  ChoicePrompt,
  DialogTurnResult,
  FoundChoice,
  ListStyle,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { HANDOFF_DIALOG, RoutedDialogResult, TOPIC_HELP_DIALOG } from './dialogIds';
import { DialogServices, Intent, Topic } from './dialogServices';
import type { HandoffOptions } from './handoffDialog';
import { routeOf } from './intentRoutes';
import { InterruptibleDialog } from './interruptibleDialog';
import { choicePromptOptions, numberedChoices, wordsInAllLanguages } from './prompts';
import { decide, understand } from './understanding';

export { TOPIC_HELP_DIALOG };

/** Options of {@link TopicHelpDialog}. */
export interface TopicHelpOptions {
  readonly topic: Topic;
  /** A scam in progress: the safety advice first, then a person now. */
  readonly urgent?: boolean;
}

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

/** After the urgent safety advice: a person now, or the menu. */
export const URGENT_OFFERS: readonly TopicOffer[] = ['person', 'menu'];

const TOPIC_WATERFALL = 'TOPIC_HELP_WATERFALL';
const OFFER_PROMPT = 'TOPIC_OFFER_PROMPT';

/**
 * Help for a topic, driven by `locales/<lang>/topics.json`: one or two short self-help steps
 * (`topics.<topic>.help`), then the offers that fit as choices. A scam in progress gets the safety
 * advice first (`topics.scam_security.urgent`: hang up, never share codes, Card Stop) and a person
 * now. Anything else typed at the offers is a new request: the dialog ends with `retriage`.
 */
export class TopicHelpDialog extends InterruptibleDialog {
  constructor(services: DialogServices) {
    super(TOPIC_HELP_DIALOG, services);
    const prompt = new ChoicePrompt(OFFER_PROMPT, async () => true);
    prompt.style = ListStyle.suggestedAction;
    this.addDialog(prompt).addDialog(
      new WaterfallDialog<TopicHelpOptions>(TOPIC_WATERFALL, [this.helpStep.bind(this), this.offerStep.bind(this), this.endStep.bind(this)]),
    );
    this.initialDialogId = TOPIC_WATERFALL;
  }

  /** The offers shown for a topic. */
  static offersFor(options: TopicHelpOptions): readonly TopicOffer[] {
    return options.urgent ? URGENT_OFFERS : [...TOPIC_OFFERS[options.topic], 'menu'];
  }

  private async helpStep(step: WaterfallStepContext<TopicHelpOptions>): Promise<DialogTurnResult> {
    const { topic, urgent } = step.options;
    const language = this.services.languages.current(step.context);
    const { i18n } = this.services;
    await step.context.sendActivity(i18n.t(language, urgent ? 'topics.scam_security.urgent' : `topics.${topic}.help`));
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
      const decision = this.services.triage ? decide(understand(step.context, this.services), this.services.triage.confidenceThreshold) : undefined;
      return step.endDialog(decision && decision.kind !== 'unclear' ? ({ retriage: true } satisfies RoutedDialogResult) : undefined);
    }
    if (offer === 'menu') return step.endDialog();
    if (offer === 'person' && step.options.urgent) {
      return step.beginDialog(HANDOFF_DIALOG, { reason: 'urgent', urgent: true, topic: step.options.topic } satisfies HandoffOptions);
    }
    const target = routeOf(OFFER_INTENTS[offer], step.options.topic);
    return step.beginDialog(target.dialogId, target.options);
  }

  private async endStep(step: WaterfallStepContext<TopicHelpOptions>): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}
