import { ActivityHandler, ActivityTypes, ConversationState, StatePropertyAccessor, TurnContext, UserState } from 'botbuilder';
import { DialogState } from 'botbuilder-dialogs';
import { HANDOFF_DIALOG } from './dialogIds';
import type { HandoffPort, MessageTriage } from './dialogServices';
import { MainDialog } from './mainDialog';
import { withChoiceCues } from './choiceCues';
import { languageEvidence } from './languagePolicy';
import { CONVERSATION_STATE_KEY } from './ownershipAccess';
import { isLanguage, translator } from '../i18n/translator';
import { languageOf, setTurnLanguage, UserProfileAccessor } from './userProfile';

/** Name of the conversation-state property holding the dialog stack. */
export const DIALOG_STATE_PROPERTY = 'DialogState';
/** Conversation-state property: the open handoff the relay last saw (its end resets the dialogs). */
const HANDOFF_SEEN_PROPERTY = 'HandoffSeen';

/**
 * The assistant's ActivityHandler (core-bot `DialogBot` style). Every turn resolves the person's
 * language first (see `languageOf`: saved choice → detected from a clear message by the triage,
 * while no language is chosen → channel locale → `nl`), messages run the main dialog, a person joining a conversation
 * is greeted (language choice or menu), and conversation and user state are saved after the turn.
 *
 * The handoff relay comes before the dialogs: while a volunteer has the conversation, the person's
 * messages are for the volunteer (they are in the transcript, which the console reads) and the
 * dialogs stay silent; once the handoff has ended (given back, closed), the dialogs the person was
 * in before — the wait for a person, or a prompt a volunteer interrupted by taking over — are dropped,
 * so the next message is the bot's again: a clear request is answered, else the menu.
 */
export class DigibankBot extends ActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly handoffSeen: StatePropertyAccessor<string>;
  private readonly profiles: UserProfileAccessor;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly dialog: MainDialog,
    private readonly triage: MessageTriage,
    private readonly handoffs: HandoffPort,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);
    this.handoffSeen = conversationState.createProperty<string>(HANDOFF_SEEN_PROPERTY);
    this.profiles = new UserProfileAccessor(userState);
    this.onMessage(async (context, next) => {
      const handoff = await this.handoffOf(context);
      if (handoff !== 'with_volunteer') await this.dialog.run(context, this.dialogState, handoff === 'ended' ? { entry: 'afterHandoff' } : undefined);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      if (DigibankBot.personJoined(context)) await this.dialog.run(context, this.dialogState);
      await next();
    });
  }

  /** Runs the turn, then saves conversation and user state (also when nothing changed). */
  override async run(context: TurnContext): Promise<void> {
    // Every reply says which language it is in (the outbox renders WhatsApp's list label in it);
    // in a simplified language its choices carry their emoji cues (dialogs/choiceCues.ts).
    context.onSendActivities(async (ctx, activities, next) => {
      for (const activity of activities) {
        activity.locale ??= languageOf(ctx);
        withChoiceCues(activity, languageOf(ctx), translator);
      }
      return next();
    });
    // What this conversation may show on web chat lives in its state (dialogs/ownershipAccess.ts).
    context.turnState.set(CONVERSATION_STATE_KEY, this.conversationState);
    await this.detectLanguage(context);
    await this.profiles.resolve(context);
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
    await this.userState.saveChanges(context, false);
  }

  /**
   * The language policy (`dialogs/languagePolicy.ts`): while the person has not chosen a language,
   * what they type clearly in one (a greeting, a sentence) sets the language of the turn; the first
   * such language is remembered as the prior, and a later one never replaces it silently (the
   * triage offers the switch). Taps, dates and short answers change nothing.
   */
  private async detectLanguage(context: TurnContext): Promise<void> {
    if (context.activity.type !== ActivityTypes.Message) return;
    if (await this.profiles.saved(context)) return;
    const { detectedLanguage: remembered } = await this.profiles.get(context);
    const evidence = languageEvidence(context.activity, this.triage, translator, isLanguage(remembered) ? remembered : undefined);
    if (!evidence || (isLanguage(remembered) && remembered !== evidence.language)) return;
    setTurnLanguage(context, evidence.language);
    await this.profiles.rememberDetected(context, evidence.language);
  }

  /**
   * The handoff relay. `with_volunteer`: a volunteer has the conversation (the dialogs stay silent).
   * `ended`: a handoff a volunteer had has ended, or a wait for a person is left on the stack — the
   * dialogs are dropped and start afresh at the menu. `none`: the dialogs go on (also after the
   * person stopped waiting: the menu they were shown then takes their next message).
   */
  private async handoffOf(context: TurnContext): Promise<'with_volunteer' | 'ended' | 'none'> {
    const open = await this.handoffs.open(context);
    if (open?.status === 'with_volunteer') {
      // Only a volunteer's turn leaves stale dialogs behind; a wait the person stopped themselves
      // has already ended in the dialogs (their next message answers the menu like any other).
      await this.handoffSeen.set(context, open.handoffId);
      await this.handoffs.citizenWrote(context);
      return 'with_volunteer';
    }
    if (open || !((await this.handoffSeen.get(context)) || stackHolds(await this.dialogState.get(context), HANDOFF_DIALOG))) return 'none';
    await this.handoffSeen.delete(context);
    await this.dialogState.delete(context);
    return 'ended';
  }

  /** True when someone other than the bot itself was added. */
  private static personJoined(context: TurnContext): boolean {
    const botId = context.activity.recipient?.id;
    return (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
  }
}

/** True when a dialog of that id is on the stack, at any depth (component dialogs keep their own stack under `dialogs`). */
function stackHolds(state: DialogState | undefined, dialogId: string): boolean {
  return (state?.dialogStack ?? []).some((instance) => instance.id === dialogId || stackHolds((instance.state as { dialogs?: DialogState } | undefined)?.dialogs, dialogId));
}
