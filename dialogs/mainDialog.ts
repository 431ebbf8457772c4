import { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ChoicePrompt,
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
import { Language } from '../bot/i18n';
import { ComingSoonDialog, ComingSoonOptions } from './comingSoonDialog';
import { COMING_SOON_DIALOG, HANDOFF_DIALOG, LANGUAGE_DIALOG, MAIN_DIALOG, PERSON_OFFER_DIALOG } from './dialogIds';
import { DialogServices } from './dialogServices';
import { HandoffDialog } from './handoffDialog';
import { InterruptibleDialog } from './interruptibleDialog';
import { LanguageDialog } from './languageDialog';
import { PersonOfferDialog } from './personOfferDialog';
import { choicePromptOptions, multilingual, numberedChoices, wordsInAllLanguages } from './prompts';

export { MAIN_DIALOG };

const MAIN_WATERFALL = 'MAIN_WATERFALL';
const MENU_PROMPT = 'MENU_PROMPT';

/** Unclear answers to the menu in a row before a person is offered. */
export const MENU_FAILURES_BEFORE_PERSON = 3;

/** Where the main dialog starts: greeting (default), menu, language choice, or a person. */
export type MainEntry = 'welcome' | 'menu' | 'language' | 'person';

/** Options of the main dialog's steps. */
export interface MainDialogOptions {
  readonly entry?: MainEntry;
}

/** The entries of the main menu: text `menu.choices.<id>`, words `menu.synonyms.<id>`. */
export type MenuItemId = 'question' | 'appointment' | 'loan' | 'person' | 'language';

/** A menu entry and the dialog it starts. */
export interface MenuItem {
  readonly id: MenuItemId;
  readonly dialogId: string;
  readonly options?: object;
}

/**
 * The product's menu, in order (1-5). Entries whose feature is not built yet go to
 * `COMING_SOON_DIALOG`; a later issue points them at its own dialog (passed to the constructor).
 */
export const MENU_ITEMS: readonly MenuItem[] = [
  { id: 'question', dialogId: COMING_SOON_DIALOG, options: { feature: 'question' } satisfies ComingSoonOptions },
  { id: 'appointment', dialogId: COMING_SOON_DIALOG, options: { feature: 'appointment' } satisfies ComingSoonOptions },
  { id: 'loan', dialogId: COMING_SOON_DIALOG, options: { feature: 'loan' } satisfies ComingSoonOptions },
  { id: 'person', dialogId: HANDOFF_DIALOG },
  { id: 'language', dialogId: LANGUAGE_DIALOG },
];

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

  constructor(services: DialogServices, features: MainDialogFeatures = {}) {
    super(MAIN_DIALOG, services);
    this.menu = features.menu ?? MENU_ITEMS;
    const menuPrompt = new ChoicePrompt(MENU_PROMPT, (prompt) => this.menuValidator(prompt));
    menuPrompt.style = ListStyle.suggestedAction;
    this.addDialog(menuPrompt)
      .addDialog(new LanguageDialog(services))
      .addDialog(new ComingSoonDialog(services))
      .addDialog(new HandoffDialog(services))
      .addDialog(new PersonOfferDialog(services))
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

  /** Runs a turn (core-bot style): continues the active dialog or starts this one. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dc = await dialogSet.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  /** The menu choices of a language: titles of that language, words of every language. */
  menuChoices(language: Language): Choice[] {
    const { i18n } = this.services;
    return numberedChoices(
      this.menu.map((item) => ({
        title: i18n.t(language, `menu.choices.${item.id}`),
        synonyms: wordsInAllLanguages(i18n, `menu.synonyms.${item.id}`),
      })),
    );
  }

  protected override async onCancel(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.context.sendActivity(this.text(innerDc.context, 'common.cancelled'));
    return this.restart(innerDc, 'menu');
  }

  protected override onChangeLanguage(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.restart(innerDc, 'language');
  }

  protected override onPersonRequested(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.restart(innerDc, 'person');
  }

  private async restart(innerDc: DialogContext, entry: MainEntry): Promise<DialogTurnResult> {
    await innerDc.cancelAllDialogs();
    return innerDc.beginDialog(MAIN_WATERFALL, { entry } satisfies MainDialogOptions);
  }

  private async introStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    switch (step.options.entry ?? 'welcome') {
      case 'language':
        return step.beginDialog(LANGUAGE_DIALOG);
      case 'person':
        return step.beginDialog(HANDOFF_DIALOG);
      case 'menu':
        return step.next();
      default:
        return this.welcome(step);
    }
  }

  /** First contact: multilingual greeting and the language choice; otherwise a greeting. */
  private async welcome(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const saved = await this.services.languages.saved(step.context);
    if (!saved) {
      await step.context.sendActivity(multilingual(this.services.i18n, 'common.welcome'));
      return step.beginDialog(LANGUAGE_DIALOG);
    }
    await step.context.sendActivity(this.services.i18n.t(saved, 'common.welcomeBack'));
    return step.next();
  }

  private async menuStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const language = this.services.languages.current(step.context);
    const { i18n } = this.services;
    const retry = `${i18n.t(language, 'menu.notUnderstood')}\n${i18n.t(language, 'menu.prompt')}`;
    return step.prompt(MENU_PROMPT, choicePromptOptions(i18n.t(language, 'menu.prompt'), this.menuChoices(language), retry));
  }

  /** Starts the chosen entry's dialog; no choice means repeated misunderstanding → offer a person. */
  private async routeStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    const choice = step.result as FoundChoice | undefined;
    const item = choice ? this.menu[choice.index] : undefined;
    if (!item) return step.beginDialog(PERSON_OFFER_DIALOG);
    return step.beginDialog(item.dialogId, item.options);
  }

  private async loopStep(step: WaterfallStepContext<MainDialogOptions>): Promise<DialogTurnResult> {
    return step.replaceDialog(MAIN_WATERFALL, { entry: 'menu' } satisfies MainDialogOptions);
  }

  /** Accepts a menu choice; after too many unclear answers, ends the prompt without one. */
  private async menuValidator(prompt: PromptValidatorContext<FoundChoice>): Promise<boolean> {
    return prompt.recognized.succeeded || prompt.attemptCount >= MENU_FAILURES_BEFORE_PERSON;
  }
}
