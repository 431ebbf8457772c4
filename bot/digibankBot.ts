import { ActivityHandler, ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import { DialogState } from 'botbuilder-dialogs';
import { MainDialog } from '../dialogs/mainDialog';
import { UserProfileAccessor } from './userProfile';

/** Name of the conversation-state property holding the dialog stack. */
export const DIALOG_STATE_PROPERTY = 'DialogState';

/**
 * The assistant's ActivityHandler (core-bot `DialogBot` style). Every turn resolves the person's
 * language first (see `languageOf`), messages run the main dialog, a person joining a conversation
 * is greeted (language choice or menu), and conversation and user state are saved after the turn.
 */
export class DigibankBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly profiles: UserProfileAccessor;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly dialog: MainDialog,
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
    await this.profiles.resolve(context);
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }

  /** True when someone other than the bot itself was added. */
  private static personJoined(context: TurnContext): boolean {
    const botId = context.activity.recipient?.id;
    return (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
  }
}
