import { OwnershipProofDialog } from './ownershipProofDialog';
import { Activity, ActivityTypes, StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  Choice,
  Dialog,
  DialogContext,
  DialogSet,
  DialogState,
  DialogTurnResult,
  DialogTurnStatus,
  FoundChoice,
  ListStyle,
  PromptValidatorContext,
  WaterfallDialog,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { isLanguage, Language, LANGUAGES } from '../i18n/translator';
import { BookingDialog } from './booking/bookingDialog';
import { HomeVisitDialog } from './booking/homeVisitDialog';
import { MANAGE_BOOKING_DIALOG, ManageBookingDialog, ManageBookingOptions } from './booking/manageBookingDialog';
import { ComingSoonDialog } from './comingSoonDialog';
import { DetourDialog } from './detourDialog';
import {
  HANDOFF_DIALOG,
  isRoutedResult,
  LANGUAGE_DIALOG,
  MAIN_DIALOG,
  PERSON_OFFER_DIALOG,
  PRIVACY_REQUEST_DIALOG,
  PrivacyRequestOptions,
  TRIAGE_DIALOG,
} from './dialogIds';
import { DialogServices, Understanding } from './dialogServices';
import { HandoffDialog } from './handoffDialog';
import { routeOf, URGENT_ROUTE } from './intentRoutes';
import { InterruptibleDialog } from './interruptibleDialog';
import { LanguageDialog } from './languageDialog';
import { LocationHoursDialog } from './locationHoursDialog';
import { DonationDialog } from './loans/donationDialog';
import { LoanRequestDialog } from './loans/loanRequestDialog';
import { LoanStatusDialog } from './loans/loanStatusDialog';
import { PersonOfferDialog } from './personOfferDialog';
import { PrivacyRequestDialog } from './privacyRequestDialog';
import { choicePromptOptions, frozenChoices, multilingual, normalizeUtterance, normalizeWord, numberedChoices, tappedChoice, wordsInAllLanguages } from './prompts';
import { RebuiltChoicePrompt } from './rebuiltChoicePrompt';
import { ReplyDialog } from './replyDialog';
import { TopicHelpDialog } from './topicHelpDialog';
import { MyWorkshopsDialog } from './workshops/myWorkshopsDialog';
import { WorkshopDialog } from './workshops/workshopDialog';
import { RepairDialog } from './repair/repairDialog';
import { RepairStatusDialog } from './repair/repairStatusDialog';
import { TriageDialog, TriageOptions } from './triageDialog';
import { decide, isClearRequest, personRequestOf, understand } from './understanding';

export { MAIN_DIALOG };

const MAIN_WATERFALL = 'MAIN_WATERFALL';
const MENU_PROMPT = 'MENU_PROMPT';

/** Unclear answers to the menu in a row before a person is offered. */
export const MENU_FAILURES_BEFORE_PERSON = 3;

/**
 * Where the main dialog starts: greeting (default), menu, language choice, a person, the
 * confirmation of an opt-out or erasure, the scam safety advice, this turn's message understood
 * again (`request`), or back from a volunteer (`afterHandoff`: a clear request is answered, else the
 * menu — no greeting, no language choice).
 */
export type MainEntry = 'welcome' | 'menu' | 'again' | 'language' | 'person' | 'optOut' | 'forgetMe' | 'request' | 'scam' | 'reminderAnswer' | 'afterHandoff';

/** Options of the main dialog's steps. */
export interface MainDialogOptions {
  readonly entry?: MainEntry;
  /** `reminderAnswer`: the booking the reminder was about and the answer. */
  readonly reminder?: { readonly bookingId: string; readonly answer: 'keep' | 'cancel' };
}

/** Where botbuilder keeps the dialog memory's configuration in the turn state. */
const MEMORY_CONFIGURATION = 'DialogStateManagerConfiguration';

/** The reminder's choices in order ("1. I'll come  2. Cancel"): `booking.reminder.<answer>`. */
const REMINDER_ANSWERS = ['keep', 'cancel'] as const;

/** The entries of the main menu: text `menu.choices.<id>`, words `menu.synonyms.<id>`. */
export type MenuItemId = 'question' | 'appointment' | 'loan' | 'person' | 'language';

/** A menu entry and the dialog it starts. */
export interface MenuItem {
  readonly id: MenuItemId;
  readonly dialogId: string;
  readonly options?: object;
}

/**
 * The product's menu, in order (1-5). "Digital question" asks the question in the person's own
 * words (the triage); the others follow the routing table (`intentRoutes.ts`), so a feature that
 * changes its row there changes the menu entry too.
 */
export const MENU_ITEMS: readonly MenuItem[] = [
  { id: 'question', dialogId: TRIAGE_DIALOG, options: {} satisfies TriageOptions },
  { id: 'appointment', ...routeOf('book_helpdesk') },
  { id: 'loan', ...routeOf('loan_device') },
  { id: 'person', ...routeOf('talk_to_human') },
  { id: 'language', ...routeOf('change_language') },
];

/** Marks the understanding the menu accepted this turn (free text instead of a menu choice). */
const MENU_UNDERSTANDING = Symbol('digibank.menuUnderstanding');
/** The intro's result when it answered nothing: the whole menu follows (else the short "anything else?"). */
const PLAIN_MENU = 'digibank.plainMenu';
/** Marks a turn whose message was already understood again once (no loops). */
const RETRIAGED = Symbol('digibank.retriaged');

/** Feature dialogs and menu routes of later issues. */
export interface MainDialogFeatures {
  /** Extra dialogs to register (e.g. booking), reachable from every child dialog. */
  readonly dialogs?: readonly Dialog[];
  /** The menu, default {@link MENU_ITEMS}. */
  readonly menu?: readonly MenuItem[];
}

/**
 * The root dialog: greets (multilingual on first contact, then the language choice), shows the
 * menu, routes the choice to a child dialog and comes back to the menu. Unclear input gets a short
 * clarification with the menu; after {@link MENU_FAILURES_BEFORE_PERSON} in a row, a person is
 * offered. Interruptions restart its loop: cancel → menu, language → language choice then menu,
 * person → `HANDOFF_DIALOG` then menu.
 */
export class MainDialog extends InterruptibleDialog {
  private readonly menu: readonly MenuItem[];
  private readonly reminderWordsByLanguage = new Map<Language, Map<string, number>>();
  private readonly menuChoicesByLanguage = new Map<Language, Choice[]>();
  private memoryConfiguration: unknown;

  constructor(services: DialogServices, features: MainDialogFeatures = {}) {
    super(MAIN_DIALOG, services);
    this.menu = features.menu ?? MENU_ITEMS;
    const menuPrompt = new RebuiltChoicePrompt(MENU_PROMPT, (context) => this.menuChoicesOf(context), (prompt) => this.menuValidator(prompt));
    menuPrompt.style = ListStyle.suggestedAction;
    this.addDialog(menuPrompt)
      .addDialog(new LanguageDialog(services))
      .addDialog(new ComingSoonDialog(services))
      .addDialog(new LocationHoursDialog(services))
      .addDialog(new HandoffDialog(services))
      .addDialog(new PersonOfferDialog(services))
      .addDialog(new TriageDialog(services))
      .addDialog(new TopicHelpDialog(services))
      .addDialog(new PrivacyRequestDialog(services))
      .addDialog(new ReplyDialog(services))
      .addDialog(new BookingDialog(services))
      .addDialog(new HomeVisitDialog(services))
      .addDialog(new ManageBookingDialog(services))
      .addDialog(new OwnershipProofDialog(services))
      .addDialog(new LoanRequestDialog(services))
      .addDialog(new LoanStatusDialog(services))
      .addDialog(new DonationDialog(services))
      .addDialog(new WorkshopDialog(services))
      .addDialog(new MyWorkshopsDialog(services))
      .addDialog(new RepairDialog(services))
      .addDialog(new RepairStatusDialog(services))
      .addDialog(new DetourDialog(services))
      .addDialog(
        new WaterfallDialog<MainDialogOptions>(MAIN_WATERFALL, [
          this.introStep.bind(this),
          this.menuStep.bind(this),
          this.routeStep.bind(this),
          this.loopStep.bind(this),
        ]),
      );
    for (const dialog of features.dialogs ?? []) this.addDialog(dialog);
    this.initialDialogId = MAIN_WATERFALL;
  }

  /** Runs a turn (core-bot style): continues the active dialog or starts this one (at `start`, default the greeting). */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>, start?: MainDialogOptions): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    // botbuilder builds the dialog memory's scopes anew on every turn (a service collection, 0.07 ms
    // of a turn's CPU) unless the turn state has them (botbuilder-dialogs memory/dialogStateManager.js).
    // They keep nothing of a turn: the first turn's serve the next ones.
    if (this.memoryConfiguration) context.turnState.set(MEMORY_CONFIGURATION, this.memoryConfiguration);
    const dc = await dialogSet.createContext(context);
    this.memoryConfiguration ??= context.turnState.get(MEMORY_CONFIGURATION) as unknown;
    const reminder = await this.reminderAnswer(context);
    if (reminder) {
      await dc.cancelAllDialogs();
      await dc.beginDialog(this.id, { entry: 'reminderAnswer', reminder } satisfies MainDialogOptions);
      return;
    }
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id, start);
  }

  /**
   * The answer to a day-before reminder, when this message is one ("2", "annuleren", "I'll come")
   * and the assistant's last message in the conversation was that reminder — whatever dialog was
   * open before it. The database is asked only when the words match.
   */
  private async reminderAnswer(context: TurnContext): Promise<MainDialogOptions['reminder']> {
    const { booking, languages } = this.services;
    if (context.activity.type !== ActivityTypes.Message) return undefined;
    // A tap answers with its choice's id: the reminder's title (its label may show a number and a cue).
    const typed = normalizeUtterance(tappedChoice(context.activity) ?? context.activity.text);
    const number = /^\d{1,2}$/.test(typed) ? Number(typed) : 0;
    const index = number >= 1 && number <= REMINDER_ANSWERS.length ? number - 1 : this.reminderWords(languages.current(context)).get(typed);
    if (index === undefined) return undefined;
    const { channelId, conversation } = context.activity;
    const bookingId = await booking.reminders.awaitingAnswer(channelId, conversation.id, this.services.clock());
    return bookingId ? { bookingId, answer: REMINDER_ANSWERS[index] } : undefined;
  }

  /**
   * What answers a reminder in a language, normalized, to the answer's index: that language's
   * titles first, then every language's words and titles. Built once per language: it is looked
   * up on every message, and the locale files do not change while the process runs.
   */
  private reminderWords(language: Language): Map<string, number> {
    const known = this.reminderWordsByLanguage.get(language);
    if (known) return known;
    const { i18n } = this.services;
    const words = new Map<string, number>();
    const add = (word: string, index: number) => {
      const normalized = normalizeUtterance(word);
      if (normalized && !words.has(normalized)) words.set(normalized, index);
    };
    REMINDER_ANSWERS.forEach((answer, index) => add(i18n.t(language, `booking.reminder.${answer}`), index));
    REMINDER_ANSWERS.forEach((answer, index) => {
      for (const word of wordsInAllLanguages(i18n, `booking.reminder.${answer}Words`)) add(word, index);
      for (const other of LANGUAGES) add(i18n.t(other, `booking.reminder.${answer}`), index);
    });
    this.reminderWordsByLanguage.set(language, words);
    return words;
  }

  /** The menu choices of a language: titles of that language, words of every language (built once per language). */
  menuChoices(language: Language): Choice[] {
    const { i18n } = this.services;
    let choices = this.menuChoicesByLanguage.get(language);
    if (!choices) {
      choices = frozenChoices(numberedChoices(this.menu.map((item) => ({ title: i18n.t(language, `menu.choices.${item.id}`), synonyms: wordsInAllLanguages(i18n, `menu.synonyms.${item.id}`) }))));
      this.menuChoicesByLanguage.set(language, choices);
    }
    return choices;
  }

  /** The menu choices in the person's current language (what the menu prompt offers this turn). */
  private menuChoicesOf(context: TurnContext): Choice[] {
    return this.menuChoices(this.services.languages.current(context));
  }

  protected override async onCancel(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.context.sendActivity(this.text(innerDc.context, 'common.cancelled'));
    return this.restart(innerDc, 'menu');
  }

  /** "Back" with nothing before it: the menu. */
  protected override onBack(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.onCancel(innerDc);
  }

  protected override onChangeLanguage(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.restart(innerDc, 'language');
  }

  protected override onPersonRequested(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.restart(innerDc, 'person');
  }

  protected override onPrivacyRequest(innerDc: DialogContext, kind: 'optOut' | 'forgetMe'): Promise<DialogTurnResult> {
    return this.restart(innerDc, kind);
  }

  protected override onScamInProgress(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.restart(innerDc, 'scam');
  }

  private async restart(innerDc: DialogContext, entry: MainEntry): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(MAIN_WATERFALL, { entry } satisfies MainDialogOptions);
  }

  private async introStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const entry = step.options.entry ?? 'welcome';
    switch (entry) {
      case 'language':
        return step.beginDialog(LANGUAGE_DIALOG);
      case 'person':
        return step.beginDialog(HANDOFF_DIALOG, personRequestOf(step.context, this.services));
      case 'optOut':
      case 'forgetMe':
        return step.beginDialog(PRIVACY_REQUEST_DIALOG, { kind: entry } satisfies PrivacyRequestOptions);
      case 'scam':
        return step.beginDialog(URGENT_ROUTE.dialogId, URGENT_ROUTE.options);
      case 'request':
        return step.beginDialog(TRIAGE_DIALOG, { understanding: understand(step.context, this.services) } satisfies TriageOptions);
      case 'reminderAnswer': {
        const reminder = step.options.reminder;
        if (!reminder) return step.next(PLAIN_MENU);
        return step.beginDialog(MANAGE_BOOKING_DIALOG, { bookingId: reminder.bookingId, answered: reminder.answer } satisfies ManageBookingOptions);
      }
      case 'menu':
      case 'again':
        return step.next(PLAIN_MENU);
      case 'afterHandoff': {
        const understanding = this.firstMessage(step);
        return understanding ? step.beginDialog(TRIAGE_DIALOG, { understanding } satisfies TriageOptions) : step.next(PLAIN_MENU);
      }
      default:
        return this.welcome(step);
    }
  }

  /**
   * First contact: when the person wrote in a language (a greeting, a sentence: the language
   * policy), a greeting in it and the answer to a clear request, else the menu — no language
   * question; otherwise the multilingual greeting and the language question. A returning person is
   * greeted, and a clear request is answered at once; otherwise the menu.
   */
  private async welcome(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const { languages } = this.services;
    const saved = await languages.saved(step.context);
    const understanding = this.firstMessage(step);
    if (!saved) {
      if (understanding || (await languages.remembered(step.context))) {
        await step.context.sendActivity(this.text(step.context, 'common.welcomeDetected'));
        return understanding ? step.beginDialog(TRIAGE_DIALOG, { understanding } satisfies TriageOptions) : step.next(PLAIN_MENU);
      }
      await step.context.sendActivity(multilingual(this.services.i18n, 'common.welcome'));
      return step.beginDialog(LANGUAGE_DIALOG);
    }
    await step.context.sendActivity(this.services.i18n.t(saved, 'common.welcomeBack'));
    if (understanding) return step.beginDialog(TRIAGE_DIALOG, { understanding } satisfies TriageOptions);
    return step.next(PLAIN_MENU);
  }

  /** This turn's message when it is a clear request (not a greeting, not noise). */
  private firstMessage(step: WaterfallStepContext<MainDialogOptions>): Understanding | undefined {
    if (step.context.activity.type !== ActivityTypes.Message) return undefined;
    const understanding = understand(step.context, this.services);
    return isClearRequest(understanding, this.services.triage.confidenceThreshold) ? understanding : undefined;
  }

  /**
   * After a routed dialog: a kind goodbye ends the conversation; a new request typed instead of an
   * answer (or together with the answer to the language question) is understood again, once per turn.
   */
  private async afterRouted(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult | undefined> {
    const result: unknown = step.result;
    if (isRoutedResult(result) && result.close) return step.endDialog();
    if (isRoutedResult(result) && result.retriage && !step.context.turnState.get(RETRIAGED)) {
      step.context.turnState.set(RETRIAGED, true);
      return step.replaceDialog(MAIN_WATERFALL, { entry: 'request' } satisfies MainDialogOptions);
    }
    return undefined;
  }

  private async menuStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const after = await this.afterRouted(step);
    if (after) return after;
    const language = this.services.languages.current(step.context);
    const { i18n } = this.services;
    const retry = `${i18n.t(language, 'menu.notUnderstood')}\n${i18n.t(language, 'menu.prompt')}`;
    // No choices in the options: the prompt rebuilds them on each turn rather than keep them in the state.
    const entry = step.options.entry ?? 'welcome';
    const answered = entry === 'again' || (step.result !== PLAIN_MENU && !isLanguage(step.result));
    if (!answered) return step.prompt(MENU_PROMPT, choicePromptOptions(i18n.t(language, 'menu.prompt'), undefined, retry));
    // After an answer: one short line; the choices stay where they cost nothing (buttons), not on SMS.
    const options = choicePromptOptions(i18n.t(language, 'menu.again'), undefined, retry);
    return step.prompt(MENU_PROMPT, { ...options, prompt: { ...(options.prompt as Partial<Activity>), channelData: { digibank: { quietChoices: true } } } });
  }

  /**
   * Starts the chosen entry's dialog, or acts on free text (the triage dialog); no choice means
   * repeated misunderstanding → offer a person.
   */
  private async routeStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const understanding = step.context.turnState.get(MENU_UNDERSTANDING) as Understanding | undefined;
    if (understanding) return step.beginDialog(TRIAGE_DIALOG, { understanding } satisfies TriageOptions);
    const choice = step.result as FoundChoice | undefined;
    const item = choice ? this.menu[choice.index] : undefined;
    if (!item) return step.beginDialog(PERSON_OFFER_DIALOG);
    return step.beginDialog(item.dialogId, item.options);
  }

  private async loopStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const after = await this.afterRouted(step);
    if (after) return after;
    return step.replaceDialog(MAIN_WATERFALL, { entry: 'again' } satisfies MainDialogOptions);
  }

  /**
   * The menu and free text side by side: a number, a title or a menu word typed alone is the menu
   * choice; other text goes to the triage when it yields something to act on or ask about (the
   * whole sentence says more than one menu word in it); else a menu word inside the sentence still
   * counts; else the clarification (a person after too many).
   */
  private async menuValidator(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
    prompt.context.turnState.delete(MENU_UNDERSTANDING);
    const choices = prompt.options.choices ?? this.menuChoicesOf(prompt.context);
    if (prompt.recognized.succeeded && this.isWholeChoice(prompt.context.activity.text, choices)) return true;
    const understanding = understand(prompt.context, this.services);
    const decision = decide(understanding, this.services.triage.confidenceThreshold);
    if (decision.kind !== 'unclear') {
      prompt.context.turnState.set(MENU_UNDERSTANDING, understanding);
      return true;
    }
    return prompt.recognized.succeeded || prompt.attemptCount >= MENU_FAILURES_BEFORE_PERSON;
  }

  /** True when the message is exactly a choice: its number, its title or one of its words. */
  private isWholeChoice(text: unknown, choices: readonly (string | Choice)[]): boolean {
    const typed = normalizeUtterance(text);
    return choices.some((choice) =>
      typeof choice === 'string'
        ? normalizeWord(choice) === typed
        : normalizeWord(choice.value) === typed || (choice.synonyms ?? []).some((word) => normalizeWord(word) === typed),
    );
  }
}
