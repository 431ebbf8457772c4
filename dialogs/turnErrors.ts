import { randomBytes } from 'node:crypto';
import { ConversationState, TurnContext } from 'botbuilder';
import { DIALOG_STATE_PROPERTY } from './digibankBot';
import { Translator } from '../i18n/translator';
import { describeError, logger as defaultLogger, Logger } from '../kernel/logger';
import { languageOf } from './userProfile';

/** What the turn error handler needs. */
export interface TurnErrorDependencies {
  readonly i18n: Translator;
  /** Conversation state whose dialog stack is cleared, so the next message starts fresh. */
  readonly conversationState: ConversationState;
  readonly logger?: Pick<Logger, 'error'>;
}

/** A short id (8 hex digits, e.g. `3f9a02bc`) the person can quote; it also appears in the log line. */
export function newCorrelationId(): string {
  return randomBytes(4).toString('hex');
}


/**
 * The adapter's `onTurnError`: logs the error with a correlation id (no message text, no user or
 * conversation ids), apologizes in the person's language quoting the id (`common.error`), and
 * clears the dialog stack so the next message starts at the menu. Never throws.
 */
export function onTurnError(deps: TurnErrorDependencies): (context: TurnContext, error: Error) => Promise<void> {
  const log = deps.logger ?? defaultLogger;
  return async (context, error) => {
    const correlationId = newCorrelationId();
    log.error({ correlationId, channelId: context.activity?.channelId, err: describeError(error) }, 'turn failed');
    await attempt(log, correlationId, 'apology', () =>
      context.sendActivity(deps.i18n.t(languageOf(context), 'common.error', { code: correlationId })),
    );
    await attempt(log, correlationId, 'clear dialog state', () => clearDialogState(context, deps.conversationState));
  };
}

async function clearDialogState(context: TurnContext, conversationState: ConversationState): Promise<void> {
  await conversationState.createProperty(DIALOG_STATE_PROPERTY).delete(context);
  await conversationState.saveChanges(context, true);
}

async function attempt(log: Pick<Logger, 'error'>, correlationId: string, what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    log.error({ correlationId, err: describeError(error) }, `turn error handler: ${what} failed`);
  }
}
