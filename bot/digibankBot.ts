import { ActivityHandler, ActivityTypes, ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import { DialogState } from 'botbuilder-dialogs';
import type { MessageTriage } from '../dialogs/dialogServices';
import { MainDialog } from '../dialogs/mainDialog';
import { LANGUAGE_CONFIDENCE, languageOfTriage, MIN_SENTENCE_WORDS, wordCount } from '../dialogs/understanding';
import { setTurnLanguage, UserProfileAccessor } from './userProfile';

/** Name of the conversation-state property holding the dialog stack. */
export const DIALOG_STATE_PROPERTY = 'DialogState';

/**
 * The assistant's ActivityHandler (core-bot `DialogBot` style). Every turn resolves the person's
 * language first (see `languageOf`: saved choice → detected from a clear message by the triage,
 * while no language is chosen → channel locale → `nl`), messages run the main dialog, a person joining a conversation
 * is greeted (language choice or menu), and conversation and user state are saved after the turn.
 */
export class DigibankBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly profiles: UserProfileAccessor;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly dialog: MainDialog,
    private readonly triage?: MessageTriage,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);
    this.profiles = new UserProfileAccessor(userState);
    this.onMessage(async (context, next) => {
      await this.dialog.run(context, this.dialogState);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (DigibankBot.personJoined(context)) await this.dialog.run(context, this.dialogState);
      await next();
    });
  }

  /** Runs the turn, then saves conversation and user state (also when nothing changed). */
  override async run(context: TurnContext): Promise<void> {
    await this.detectLanguage(context);
    await this.profiles.resolve(context);
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }

  /**
   * While the person has not chosen a language, a clear sentence sets the language of the turn and
   * is remembered until they choose (short or ambiguous messages change nothing).
   */
  private async detectLanguage(context: TurnContext): Promise<void> {
    const text = context.activity.type === ActivityTypes.Message ? context.activity.text : undefined;
    if (!this.triage || typeof text !== 'string' || wordCount(text) < MIN_SENTENCE_WORDS) return;
    if (await this.profiles.saved(context)) return;
    const understanding = this.triage.classify(text);
    if (understanding.languageConfidence < LANGUAGE_CONFIDENCE) return;
    const language = languageOfTriage(understanding.language);
    setTurnLanguage(context, language);
    await this.profiles.rememberDetected(context, language);
  }

  /** True when someone other than the bot itself was added. */
  private static personJoined(context: TurnContext): boolean {
    const botId = context.activity.recipient?.id;
    return (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
  }
}
