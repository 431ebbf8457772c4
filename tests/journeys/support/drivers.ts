import twilio from 'twilio';
import { smsSegments } from '../../../adapters/sms/gsm7';
import { type ProviderCall } from '../../support/fakeProviders';
import { signWhatsApp } from '../../support/whatsAppPayloads';
import { JOURNEY_SECRETS, type JourneyServer, untilSettled } from './journeyServer';

/** The citizen channels a journey runs on. */
export const CHANNELS = ['whatsapp', 'sms', 'webchat'] as const;
/** A citizen channel. */
export type Channel = (typeof CHANNELS)[number];

/** One choice the assistant offered, as the channel showed it. */
export interface OfferedChoice {
  /** How it is answered: a WhatsApp button or list row, a numbered line, a Web Chat suggested action. */
  readonly kind: 'button' | 'row' | 'numbered' | 'imBack' | 'messageBack' | 'postBack';
  /** What the person sees. */
  readonly title: string;
  /** 0-based position among the offered choices. */
  readonly index: number;
  /** WhatsApp reply id, or the Web Chat action's value. */
  readonly id?: unknown;
  /** A Web Chat `messageBack` action's text. */
  readonly text?: string;
  /** A Web Chat `messageBack` action's display text. */
  readonly displayText?: string;
  /** The provider id of the message that carried it (WhatsApp `context.id`). */
  readonly messageId?: string;
}

/** One message the assistant sent, as it arrived on the wire. */
export interface Reply {
  readonly text: string;
  readonly choices: readonly OfferedChoice[];
  /** WhatsApp: the kind of message (text, button, list, template). */
  readonly whatsAppType?: string;
  /** WhatsApp list: the label of the list's button. */
  readonly listButton?: string;
  /** SMS: segments of this message. */
  readonly segments?: number;
}

/** One inbound message of the person and what the assistant sent for it. */
export interface Turn {
  /** What the person typed, or the title of what they tapped. */
  readonly said: string;
  readonly tapped?: OfferedChoice;
  readonly replies: readonly Reply[];
}

/** Speaks one channel's real wire format to the journey server as one person. */
export interface ChannelDriver {
  readonly channel: Channel;
  /** The channel's conversation id (phone number, Direct Line conversation id). */
  readonly conversationId: string;
  /** Opens the conversation (web chat: starts it and returns the greeting; others: nothing). */
  open(): Promise<readonly Reply[]>;
  /** The person comes back later (web chat: the page again, same browser: a new conversation; others: the same thread, nothing sent). */
  newPage(): Promise<readonly Reply[]>;
  /** The person types a text. */
  say(text: string): Promise<Turn>;
  /** The person taps (or, on SMS, answers the number of) an offered choice. */
  tap(choice: OfferedChoice): Promise<Turn>;
  /** The person shares a location (a pin), on the channels that have them. */
  pin?(latitude: number, longitude: number): Promise<Turn>;
}

let sequence = 0;
/** A fresh number per run, so each journey is a new person. */
function nextNumber(prefix: string): string {
  sequence += 1;
  return `${prefix}${String(process.pid % 1000).padStart(3, '0')}${String(sequence).padStart(5, '0')}`;
}

/** Numbered lines ("1. Nederlands") of a plain text, as choices. */
export function numberedChoices(text: string): OfferedChoice[] {
  const choices: OfferedChoice[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*(\d{1,2})[.)]\s+(.+)$/.exec(line);
    if (!match) continue;
    // A list that starts again at 1 replaces the earlier one: the last numbered run is the choice.
    if (Number(match[1]) === 1) choices.length = 0;
    if (Number(match[1]) === choices.length + 1) choices.push({ kind: 'numbered', title: match[2].trim(), index: choices.length });
  }
  return choices;
}

/** The replies a fake provider accepted for one recipient since `from`. */
function callsSince(server: JourneyServer, to: string, from: number): ProviderCall[] {
  return server.fake.accepted(to).slice(from);
}

/** WhatsApp Cloud API webhooks, signed as Meta signs them; replies read from the fake Graph API. */
export class WhatsAppDriver implements ChannelDriver {
  readonly channel = 'whatsapp' as const;
  readonly conversationId: string;
  private seen = 0;
  private inbound = 0;

  /** `number`: the person's number without + (default: a fresh one). */
  constructor(private readonly server: JourneyServer, number?: string) {
    this.conversationId = number ?? nextNumber('3247');
  }

  async open(): Promise<readonly Reply[]> {
    return [];
  }

  async newPage(): Promise<readonly Reply[]> {
    return [];
  }

  say(text: string): Promise<Turn> {
    return this.send(text, { type: 'text', text: { body: text } });
  }

  /** A location message, as WhatsApp sends a shared pin. */
  pin(latitude: number, longitude: number): Promise<Turn> {
    return this.send(`(shares a location ${latitude}, ${longitude})`, { type: 'location', location: { latitude, longitude } });
  }

  tap(choice: OfferedChoice): Promise<Turn> {
    if (choice.kind === 'numbered') return this.say(String(choice.index + 1)).then((turn) => ({ ...turn, tapped: choice }));
    const reply = { id: String(choice.id), title: choice.title };
    const interactive = choice.kind === 'button' ? { type: 'button_reply', button_reply: reply } : { type: 'list_reply', list_reply: reply };
    const context = choice.messageId ? { context: { from: JOURNEY_SECRETS.whatsAppPhoneId, id: choice.messageId } } : {};
    return this.send(choice.title, { type: 'interactive', interactive, ...context }).then((turn) => ({ ...turn, tapped: choice }));
  }

  private async send(said: string, message: Record<string, unknown>): Promise<Turn> {
    const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: 'WABA', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '3225000001', phone_number_id: JOURNEY_SECRETS.whatsAppPhoneId },
      contacts: [{ profile: { name: 'Journey' }, wa_id: this.conversationId }],
      messages: [{ from: this.conversationId, id: `wamid.journey.${this.conversationId}.${++this.inbound}`, timestamp: String(Math.floor(Date.now() / 1000)), ...message }],
    } }] }] });
    const response = await fetch(`${this.server.app.url}/api/whatsapp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsApp(JOURNEY_SECRETS.whatsAppAppSecret, body) },
      body,
    });
    await response.text();
    if (response.status !== 200) throw new Error(`WhatsApp webhook answered ${response.status}`);
    await untilSettled(this.server.app, this.channel, this.conversationId);
    const calls = callsSince(this.server, this.conversationId, this.seen);
    this.seen += calls.length;
    return { said, replies: calls.map(whatsAppReply) };
  }
}

/** A Graph API `/messages` call as a reply: its text and the buttons or rows it offered. */
export function whatsAppReply(call: ProviderCall): Reply {
  const body = call.body as {
    type?: string;
    text?: { body: string };
    interactive?: {
      type: string;
      body: { text: string };
      action: { buttons?: { reply: { id: string; title: string } }[]; button?: string; sections?: { rows: { id: string; title: string }[] }[] };
    };
    template?: { components: { parameters: { text: string }[] }[] };
  };
  const messageId = call.providerMessageId;
  if (body.interactive) {
    const { action } = body.interactive;
    const buttons = (action.buttons ?? []).map((b, index): OfferedChoice => ({ kind: 'button', id: b.reply.id, title: b.reply.title, index, messageId }));
    const rows = (action.sections ?? []).flatMap((s) => s.rows).map((r, index): OfferedChoice => ({ kind: 'row', id: r.id, title: r.title, index, messageId }));
    return { text: body.interactive.body.text, choices: [...buttons, ...rows], whatsAppType: body.interactive.type, listButton: action.button };
  }
  const text = body.text?.body ?? body.template?.components[0]?.parameters[0]?.text ?? '';
  return { text, choices: numberedChoices(text), whatsAppType: body.type ?? 'text' };
}

/** Twilio inbound SMS form posts, signed as Twilio signs them; replies read from the fake Twilio API. */
export class SmsDriver implements ChannelDriver {
  readonly channel = 'sms' as const;
  readonly conversationId: string;
  private seen = 0;
  private inbound = 0;

  /** `number`: the person's number without + (default: a fresh one). */
  constructor(private readonly server: JourneyServer, number?: string) {
    this.conversationId = `+${number ?? nextNumber('3248')}`;
  }

  async open(): Promise<readonly Reply[]> {
    return [];
  }

  async newPage(): Promise<readonly Reply[]> {
    return [];
  }

  async say(text: string): Promise<Turn> {
    const s = JOURNEY_SECRETS;
    const sid = `SM${this.conversationId.slice(1)}${String(++this.inbound).padStart(32 - this.conversationId.length + 1, '0')}`;
    const fields: Record<string, string> = {
      ToCountry: 'BE', SmsMessageSid: sid, NumMedia: '0', MessageSid: sid, AccountSid: s.twilioSid,
      From: this.conversationId, To: s.twilioFrom, Body: text, NumSegments: String(smsSegments(text).segments), ApiVersion: '2010-04-01',
    };
    const response = await fetch(`${this.server.app.url}/api/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(s.twilioToken, `${s.publicBaseUrl}/api/sms`, fields) },
      body: new URLSearchParams(fields).toString(),
    });
    await response.text();
    if (response.status !== 200) throw new Error(`Twilio webhook answered ${response.status}`);
    await untilSettled(this.server.app, this.channel, this.conversationId);
    const calls = callsSince(this.server, this.conversationId, this.seen);
    this.seen += calls.length;
    return { said: text, replies: calls.map(smsReply) };
  }

  /** On SMS a tap is typing the number of the numbered line. */
  async tap(choice: OfferedChoice): Promise<Turn> {
    return { ...(await this.say(String(choice.index + 1))), tapped: choice };
  }
}

/** A Twilio Messages API call as a reply: its body, its numbered lines, its segments. */
export function smsReply(call: ProviderCall): Reply {
  const text = String(call.body.Body ?? '');
  return { text, choices: numberedChoices(text), segments: smsSegments(text).segments };
}

/** A Direct Line activity as Bot Framework Web Chat receives it. */
interface DirectLineActivity {
  type: string;
  text?: string;
  from: { id: string; role?: string };
  suggestedActions?: { actions: { type: string; title?: string; value?: unknown; text?: string; displayText?: string }[] };
}

/** Direct Line 3.0 over HTTP polling, posting what Web Chat posts for typed text and suggested actions. */
export class WebChatDriver implements ChannelDriver {
  readonly channel = 'webchat' as const;
  conversationId = '';
  private token = '';
  private watermark = '';
  /** The browser's `digibank_uid` cookie. */
  private cookie = '';

  constructor(private readonly server: JourneyServer) {}

  /** The page as a browser loads it (its visitor cookie kept, as a browser keeps it), then the conversation its token names. */
  async open(): Promise<readonly Reply[]> {
    const page = await fetch(`${this.server.app.url}/`, { headers: this.cookie ? { cookie: this.cookie } : {} });
    this.cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] || this.cookie;
    const config = /<script type="application\/json" id="webchat-config"[^>]*>(.*?)<\/script>/s.exec(await page.text());
    if (!config) throw new Error(`the web chat page answered ${page.status} without its configuration`);
    const { token } = JSON.parse(config[1]) as { token: string };
    const started = await this.call('POST', '/v3/directline/conversations', undefined, token);
    this.conversationId = started.conversationId as string;
    this.watermark = '';
    this.token = started.token as string;
    await untilSettled(this.server.app, this.channel, this.conversationId);
    return this.botReplies();
  }

  /** The page again in the same browser: a new conversation of the same visitor. */
  newPage(): Promise<readonly Reply[]> {
    return this.open();
  }

  say(text: string): Promise<Turn> {
    return this.post(text, { type: 'message', text });
  }

  /** What Web Chat posts for the action: imBack its value as text; messageBack text, value and display text; postBack the value. */
  tap(choice: OfferedChoice): Promise<Turn> {
    const said = choice.displayText ?? choice.title;
    if (choice.kind === 'messageBack') {
      return this.post(said, { type: 'message', text: choice.text, value: choice.id, channelData: { messageBack: { displayText: choice.displayText } } }, choice);
    }
    if (choice.kind === 'postBack') {
      return this.post(said, typeof choice.id === 'string' ? { type: 'message', text: choice.id, channelData: { postBack: true } } : { type: 'message', value: choice.id, channelData: { postBack: true } }, choice);
    }
    return this.post(said, { type: 'message', text: String(choice.id ?? choice.title) }, choice);
  }

  private async post(said: string, activity: Record<string, unknown>, tapped?: OfferedChoice): Promise<Turn> {
    await this.call('POST', `/v3/directline/conversations/${this.conversationId}/activities`, { ...activity, from: { id: 'journey-user' } }, this.token);
    await untilSettled(this.server.app, this.channel, this.conversationId);
    return { said, tapped, replies: await this.botReplies() };
  }

  private async botReplies(): Promise<Reply[]> {
    const query = this.watermark ? `?watermark=${this.watermark}` : '';
    const page = await this.call('GET', `/v3/directline/conversations/${this.conversationId}/activities${query}`, undefined, this.token);
    this.watermark = String(page.watermark ?? this.watermark);
    const activities = page.activities as DirectLineActivity[];
    return activities.filter((a) => a.from.role === 'bot' && a.type === 'message').map(webChatReply);
  }

  private async call(method: string, path: string, body?: object, token?: string): Promise<Record<string, unknown>> {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.server.app.url}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`Direct Line ${method} ${path} answered ${response.status}: ${text}`);
    return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  }
}

/** A bot activity as a reply: its text and suggested actions. */
function webChatReply(activity: DirectLineActivity): Reply {
  const actions = activity.suggestedActions?.actions ?? [];
  const choices = actions.map((a, index): OfferedChoice => ({
    kind: a.type === 'messageBack' ? 'messageBack' : a.type === 'postBack' ? 'postBack' : 'imBack',
    title: a.title ?? a.displayText ?? a.text ?? String(a.value ?? ''),
    index,
    id: a.value,
    text: a.text,
    displayText: a.displayText ?? a.title,
  }));
  return { text: activity.text ?? '', choices };
}

/** A driver for a channel, as a new person. */
export function driverFor(channel: Channel, server: JourneyServer): ChannelDriver {
  if (channel === 'whatsapp') return new WhatsAppDriver(server);
  if (channel === 'sms') return new SmsDriver(server);
  return new WebChatDriver(server);
}
