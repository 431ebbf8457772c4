import type { TurnContext } from 'botbuilder';
import type { Database } from '../../db/database';
import { TranscriptRecorder } from '../../turns/transcriptRecorder';
import type { TurnHandler } from '../../turns/turnRunner';
import type { TurnLock } from '../../turns/turnLock';
import { type ChannelModule, NOTHING_TO_CLOSE } from '../channelModule';
import { BotFrameworkChannel, BotRegistration } from './botFrameworkChannel';

/** What the Bot Framework channel needs from the assistant. */
export interface BotFrameworkPorts {
  readonly bot: TurnHandler;
  readonly lock: TurnLock;
  /** Where its turns land in the transcript. */
  readonly db: Pick<Database, 'prisma'>;
  /** The assistant's answer to a turn that failed. */
  turnError(context: TurnContext, error: Error): Promise<void>;
}

/** `POST /api/messages` for channels connected through Azure Bot Service, when the bot is registered (`MicrosoftAppId`, `MicrosoftAppPassword`). */
export const botFrameworkMount: ChannelModule<BotRegistration, BotFrameworkPorts> = {
  name: 'botframework',
  title: 'Bot Framework',
  route: '/api/messages',
  // Mounted only with a registration: an anonymous endpoint would take activities from anyone.
  needs: ['MicrosoftAppId', 'MicrosoftAppPassword'],
  mount: async (server, settings, ports) => {
    new BotFrameworkChannel({
      config: settings,
      bot: ports.bot,
      lock: ports.lock,
      transcript: new TranscriptRecorder(ports.db.prisma),
      onTurnError: (context, error) => ports.turnError(context, error),
    }).register(server);
    return NOTHING_TO_CLOSE;
  },
};
