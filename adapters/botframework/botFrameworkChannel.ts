import {
  Activity,
  CardAction,
  CloudAdapter,
  Middleware,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  TurnContext,
} from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import type { TurnHandler } from '../../turns/turnRunner';
import type { TurnLock } from '../../turns/turnLock';
import type { TranscriptRecorder } from '../../turns/transcriptRecorder';
import { choiceIdOf, titleOf } from '../shared/numberedChoices';
import { RawBodyError, readJsonBody } from '../shared/rawBody';
import { isBotServiceUrl } from './botServiceUrl';
import { toWebChat } from '../webchat/webChatRendering';

/**
 * Bot Service channels that show replies with Microsoft's Web Chat (Azure's Web Chat, Direct Line
 * clients, the Emulator): their replies get the same line breaks and numbered `messageBack`
 * choices as the self-hosted web chat (adapters/webchat/webChatRendering.ts).
 */
const WEB_CHAT_CHANNELS: ReadonlySet<string> = new Set(['webchat', 'directline', 'emulator']);

/** The Azure Bot registration (configuration `MicrosoftApp…`); the channel is mounted only when it is set. */
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
  lock: Pick<TurnLock, 'run'>;
  /** Stores the turn's messages in the transcript (a {@link TranscriptRecorder}). */
  transcript: Middleware;
  onTurnError(context: TurnContext, error: Error): Promise<void>;
}

/**
 * `POST /api/messages` for channels connected through Azure Bot Service (Teams, Azure's own Web
 * Chat). botbuilder's CloudAdapter checks the channel's JWT against the bot's registration and
 * sends replies through the connector; turns still run one at a time per conversation and land in
 * the transcript.
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

  /**
   * `POST /api/messages`: JSON only, read by the project's own reader (no upload ever reaches the
   * disk; restify's bodyParser would hand multipart bodies to formidable, which leaves temp files),
   * and only activities whose replies go back to a Bot Service host.
   */
  register(server: Server): void {
    server.post('/api/messages', async (req: Request, res: Response) => {
      const activity = await this.readActivity(req, res);
      if (!activity) return;
      req.body = activity;
      await this.adapter.process(req, res, (context) =>
        this.deps.lock.run(`${context.activity.channelId}:${context.activity.conversation?.id}`, () => this.deps.bot.run(context)),
      );
    });
  }

  /** The activity of the request, or undefined once the request was refused (415, 413, 400, 403). */
  private async readActivity(req: Request, res: Response): Promise<Partial<Activity> | undefined> {
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return refuse(res, 415, 'UnsupportedMediaType');
    let body: unknown;
    try {
      body = await readJsonBody(req, MAX_BODY_BYTES);
    } catch (error) {
      return refuse(res, error instanceof RawBodyError ? error.status : 400, 'BadRequest');
    }
    if (!body || typeof body !== 'object') return refuse(res, 400, 'BadRequest');
    const activity = body as Partial<Activity>;
    if (!isBotServiceUrl(activity.serviceUrl)) return refuse(res, 403, 'ServiceUrlNotAllowed');
    return activity;
  }
}

/** Largest activity accepted (Bot Service activities are a few KB; attachments come by URL). */
const MAX_BODY_BYTES = 256 * 1024;

function refuse(res: Response, status: number, code: string): undefined {
  res.send(status, { error: { code } });
  return undefined;
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
