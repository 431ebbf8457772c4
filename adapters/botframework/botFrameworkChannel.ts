import {
  Activity,
  CardAction,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  TurnContext,
} from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import restify from 'restify';
import type { TurnHandler } from '../../turns/turnRunner';
import type { TurnLock } from '../../turns/turnLock';
import type { TranscriptRecorder } from '../../turns/transcriptRecorder';
import { choiceIdOf, titleOf } from '../shared/numberedChoices';
import { toWebChat } from '../webchat/webChatRendering';

/**
 * Bot Service channels that show replies with Microsoft's Web Chat (Azure's Web Chat, Direct Line
 * clients, the Emulator): their replies get the same line breaks and numbered `messageBack`
 * choices as the self-hosted web chat (adapters/webchat/webChatRendering.ts).
 */
const WEB_CHAT_CHANNELS: ReadonlySet<string> = new Set(['webchat', 'directline', 'emulator']);

/** The Azure Bot registration (configuration `MicrosoftApp…`); an unset id means anonymous. */
export interface BotRegistration {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType?: string;
  MicrosoftAppTenantId?: string;
}

/** Dependencies of the Bot Framework channel. */
export interface BotFrameworkChannelDeps {
  config: BotRegistration;
  bot: TurnHandler;
  lock: TurnLock;
  transcript: TranscriptRecorder;
  onTurnError(context: TurnContext, error: Error): Promise<void>;
}

/**
 * `POST /api/messages` for channels connected through Azure Bot Service (Teams, Azure's own Web
 * Chat, the Emulator). botbuilder's CloudAdapter checks the channel's JWT (anonymous when
 * MicrosoftAppId is unset) and sends replies through the connector; turns still run one at a time
 * per conversation and land in the transcript.
 */
export class BotFrameworkChannel {
  readonly adapter: CloudAdapter;

  constructor(private readonly deps: BotFrameworkChannelDeps) {
    const { config } = deps;
    const credentials = new ConfigurationServiceClientCredentialFactory({
      MicrosoftAppId: config.MicrosoftAppId,
      MicrosoftAppPassword: config.MicrosoftAppPassword,
      MicrosoftAppType: config.MicrosoftAppType,
      MicrosoftAppTenantId: config.MicrosoftAppTenantId,
    });
    const auth = new ConfigurationBotFrameworkAuthentication(
      { MicrosoftAppId: config.MicrosoftAppId, MicrosoftAppTenantId: config.MicrosoftAppTenantId },
      credentials,
    );
    this.adapter = new CloudAdapter(auth);
    this.adapter.use(deps.transcript);
    this.adapter.use(async (context, next) => {
      const webChat = WEB_CHAT_CHANNELS.has(context.activity.channelId);
      context.onSendActivities(async (_context, activities, send) => {
        for (const activity of activities) {
          if (webChat) Object.assign(activity, toWebChat(activity));
          else withTappableChoices(activity);
        }
        return send();
      });
      await next();
    });
    this.adapter.onTurnError = deps.onTurnError;
  }

  register(server: Server): void {
    const body = restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false });
    server.post('/api/messages', body, async (req: Request, res: Response) =>
      this.adapter.process(req, res, (context) =>
        this.deps.lock.run(`${context.activity.channelId}:${context.activity.conversation?.id}`, () => this.deps.bot.run(context)),
      ),
    );
  }
}

/**
 * For other Bot Service channels (Teams…): an `imBack` posts its value as the person's own words,
 * so one whose value is an opaque id (not its title) would show the id and send it as text. Such
 * an action becomes a `messageBack` that shows and sends the title and carries the id in
 * `value.choice` (a tap is a choice). An `imBack` whose value is its title stays as it is: every
 * Bot Service channel supports it.
 * https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-api-reference#cardaction-object
 */
export function withTappableChoices(activity: Partial<Activity>): void {
  const actions = activity.suggestedActions?.actions;
  if (actions?.length) activity.suggestedActions = { ...activity.suggestedActions, to: activity.suggestedActions?.to ?? [], actions: actions.map(tappable) };
}

function tappable(action: CardAction): CardAction {
  const title = titleOf(action);
  if (action.type !== 'imBack' || action.value === title) return action;
  return { type: 'messageBack', title, text: title, displayText: title, value: { choice: choiceIdOf(action) } };
}
