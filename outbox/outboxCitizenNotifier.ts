import type { Activity, CardAction } from 'botbuilder';
import { withChoiceCues } from '../dialogs/choiceCues';
import type { PrismaClient } from '../generated/prisma/client';
import type { CitizenMessage, CitizenNotifier, CitizenTarget } from '../services/citizenNotifier';
import { isLanguage, Language, Translator } from '../i18n/translator';
import { enqueueOutbound } from './enqueueOutbound';

/** The saved language of a channel user (app/assistant.ts `savedLanguage`). */
export type SavedLanguage = (channel: string, userId: string) => Promise<Language | undefined>;

/**
 * {@link CitizenNotifier} over the outbox: the person's language is their saved choice, else the
 * conversation's, else the person's, else the default; the text comes from the locales and is
 * queued with `enqueueOutbound` on the conversation's channel.
 */
export class OutboxCitizenNotifier implements CitizenNotifier {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly i18n: Translator,
    private readonly defaultLanguage: Language,
    private readonly savedLanguage?: SavedLanguage,
  ) {}

  async notify(target: CitizenTarget, message: CitizenMessage): Promise<string | undefined> {
    const conversation = await this.conversation(target);
    if (!conversation) return undefined;
    const language = await this.language(conversation);
    const text = message.verbatim ?? this.i18n.t(language, message.key, typeof message.vars === 'function' ? message.vars(language) : message.vars);
    const actions: CardAction[] = (message.choiceKeys ?? []).map((key) => {
      const title = this.i18n.t(language, key);
      return { type: 'imBack', title, value: title };
    });
    const activity: Partial<Activity> = {
      text,
      locale: language,
      ...(actions.length ? { suggestedActions: { to: [], actions } } : {}),
      ...(message.about ? { channelData: { digibank: message.about } } : {}),
    };
    withChoiceCues(activity, language, this.i18n);
    return enqueueOutbound(this.prisma, conversation.id, conversation.channel, activity);
  }

  async languageOf(target: CitizenTarget): Promise<string> {
    const conversation = await this.conversation(target);
    return conversation ? this.language(conversation) : this.defaultLanguage;
  }

  private conversation(target: CitizenTarget) {
    const include = { person: true } as const;
    return 'conversationId' in target
      ? this.prisma.conversation.findUnique({ where: { id: target.conversationId }, include })
      : this.prisma.conversation.findFirst({ where: { personId: target.personId }, orderBy: { createdAt: 'desc' }, include });
  }

  private async language(conversation: { channel: string; language: string | null; person: { channelUserId: string; language: string | null } | null }): Promise<Language> {
    const saved = conversation.person ? await this.savedLanguage?.(conversation.channel, conversation.person.channelUserId) : undefined;
    return [saved, conversation.language, conversation.person?.language].find(isLanguage) ?? this.defaultLanguage;
  }
}
