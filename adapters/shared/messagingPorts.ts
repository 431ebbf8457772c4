import type { TurnContext } from 'botbuilder';
import type { Database } from '../../db/database';
import type { Language } from '../../i18n/translator';
import { applyDeliveryStatus, recordAcceptedPart } from '../../outbox/deliveryStatus';
import type { OutboxSender } from '../../outbox/outboxSender';
import type { SentPart } from '../../outbox/sender';
import type { DurableAdapter } from '../../turns/durableAdapter';
import type { TurnRunner } from '../../turns/turnRunner';
import type { LanguagePorts } from '../channelModule';

/** What a messaging channel (its replies go out through the outbox: WhatsApp, SMS) needs from the assistant. */
export interface MessagingPorts extends LanguagePorts {
  readonly runner: Pick<TurnRunner, 'receive'>;
  /** The turns' adapter, for the channel's own middleware. */
  readonly adapter: Pick<DurableAdapter, 'use'>;
  /** Sends the channel's replies: the channel registers its sender. */
  readonly outbox: Pick<OutboxSender, 'register' | 'registerFallback' | 'wake'>;
  readonly db: Pick<Database, 'prisma'>;
  /** The language of the turn under way (the chosen one, or the one detected this turn). */
  turnLanguage(context: TurnContext): Language;
}

/** The outbox settings a messaging channel reads. */
export interface OutboxLeaseSettings {
  OUTBOX_LEASE_SECONDS: number;
}

/** A provider request ends well within the outbox lease, so that no other process takes the row over meanwhile. */
export function providerTimeoutMs(settings: OutboxLeaseSettings): number {
  return Math.min(15_000, (settings.OUTBOX_LEASE_SECONDS * 1000) / 2);
}

/** What a provider's status callback does to the outbox: the webhook's `applyStatus` and `recordAccepted`. */
export interface DeliveryReports {
  applyStatus(providerMessageId: string, status: 'sent' | 'delivered' | 'read' | 'failed', errorCode?: string): Promise<boolean>;
  /** A status proving a part in doubt: the row goes on at once (its next part, or marked sent). */
  recordAccepted(providerMessageId: string, sent: SentPart): Promise<boolean>;
}

/** The delivery reports of a channel, on the outbox rows of that channel. */
export function deliveryReports(ports: Pick<MessagingPorts, 'db' | 'outbox'>, channel: string): DeliveryReports {
  const { prisma } = ports.db;
  return {
    applyStatus: (providerMessageId, status, errorCode) => applyDeliveryStatus(prisma, channel, providerMessageId, status, errorCode),
    recordAccepted: async (providerMessageId, sent) => {
      const recorded = await recordAcceptedPart(prisma, channel, sent, providerMessageId);
      if (recorded) ports.outbox.wake(channel);
      return recorded;
    },
  };
}
