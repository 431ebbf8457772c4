import { Activity, ConversationState, MemoryStorage, TestAdapter } from 'botbuilder';
import { DialogSet, DialogState } from 'botbuilder-dialogs';
import { Language } from '../../../../i18n/translator';
import type { PrismaClient } from '../../../../generated/prisma/client';
import type { LoanPort } from '../../../../dialogs/dialogServices';
import { DonationDialog } from '../../../../dialogs/loans/donationDialog';
import { LoanRequestDialog } from '../../../../dialogs/loans/loanRequestDialog';
import { LoanStatusDialog } from '../../../../dialogs/loans/loanStatusDialog';
import { acceptedPrivacy, fixedLanguage, silentTriage, testDialogServices } from '../../../support/testDialogServices';
import { strictI18n } from '../../../support/conversation';
import { OwnershipProofDialog } from '../../../../dialogs/ownershipProofDialog';
import { CONVERSATION_STATE_KEY } from '../../../../dialogs/ownershipAccess';

let users = 0;

/** The loan dialogs alone on botbuilder's TestAdapter, with the real services on a database. */
export function createLoanConversation(options: { prisma: PrismaClient; port: LoanPort; now: Date; language?: Language; channelId?: string }) {
  const language = options.language ?? 'nl';
  const services = testDialogServices(options.prisma, { i18n: strictI18n, languages: fixedLanguage(language), privacy: acceptedPrivacy, triage: silentTriage, loans: options.port, clock: () => options.now });
  const conversationState = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(conversationState.createProperty<DialogState>('DialogState'));
  for (const dialog of [new LoanRequestDialog(services), new LoanStatusDialog(services), new DonationDialog(services), new OwnershipProofDialog(services)]) dialogs.add(dialog);
  let starting: string | undefined;
  const adapter = new TestAdapter(async (context) => {
    context.turnState.set(CONVERSATION_STATE_KEY, conversationState);
    const dc = await dialogs.createContext(context);
    if (starting) {
      const id = starting;
      starting = undefined;
      await dc.cancelAllDialogs();
      await dc.beginDialog(id);
    } else {
      await dc.continueDialog();
    }
    await conversationState.saveChanges(context, false);
  });
  const userId = `loan-user-${process.pid}-${(users += 1)}`;
  adapter.conversation.channelId = options.channelId ?? 'whatsapp';
  adapter.conversation.user = { id: userId, name: 'person' };
  const say = async (text: string): Promise<Partial<Activity>[]> => {
    await adapter.processActivity(adapter.makeActivity(text));
    return adapter.activeQueue.splice(0);
  };
  return {
    userId,
    start: (dialogId: string, text = 'start') => {
      starting = dialogId;
      return say(text);
    },
    say,
    /** The person row of this sender, and a conversation row for the messages the services send. */
    async person(): Promise<{ personId: string; conversationId: string }> {
      const person = await options.prisma.person.findUniqueOrThrow({ where: { channel_channelUserId: { channel: adapter.conversation.channelId, channelUserId: userId } } });
      const conversation = await options.prisma.conversation.upsert({
        where: { channel_channelConversationId: { channel: adapter.conversation.channelId, channelConversationId: userId } },
        create: { channel: adapter.conversation.channelId, channelConversationId: userId, personId: person.id, language },
        update: {},
      });
      return { personId: person.id, conversationId: conversation.id };
    },
  };
}

/** The texts of a turn's replies. */
export const textOf = (replies: Partial<Activity>[]): string => replies.map((reply) => reply.text ?? '').join('\n');

/** The choice titles of the last reply that has them. */
export function titlesOf(replies: Partial<Activity>[]): string[] {
  const withActions = replies.filter((reply) => reply.suggestedActions?.actions?.length);
  return (withActions.at(-1)?.suggestedActions?.actions ?? []).map((action) => String(action.title ?? action.value));
}
