import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import twilio from 'twilio';
import { signWhatsApp } from './whatsAppPayloads';

/** One request the fake provider accepted (or refused). */
export interface ProviderCall {
  provider: 'graph' | 'twilio';
  /** Recipient: `to` (Graph) or `To` (Twilio). */
  to: string;
  /** The JSON body (Graph) or the form fields (Twilio). */
  body: Record<string, unknown>;
  accepted: boolean;
  authorization?: string;
  /** The id the fake answered with (wamid or MessageSid) when it accepted the call. */
  providerMessageId?: string;
}

/**
 * Status callbacks after each accepted send, as the real providers post them: WhatsApp a signed
 * `statuses[]` webhook (echoing `biz_opaque_callback_data`), Twilio a signed form to the message's
 * `StatusCallback` URL. A callback the server does not take (down, 5xx) is retried for a while.
 */
export interface StatusCallbackOptions {
  /** Where the server listens now (it may move after a restart); the callbacks go there. */
  serverUrl: () => string;
  /** WhatsApp: the app secret that signs the webhook (`X-Hub-Signature-256`); none → no WhatsApp callbacks. */
  whatsAppAppSecret?: string;
  /** Twilio: the auth token that signs the callback (`X-Twilio-Signature` over the StatusCallback URL); none → no SMS callbacks. */
  twilioAuthToken?: string;
  /** How long a callback is retried while the server does not take it (default 120 s). */
  retryForMs?: number;
}

/** Options of the fake providers. */
export interface FakeProvidersOptions {
  /** Post a `sent` status callback after every accepted send (off unless given). */
  statusCallbacks?: StatusCallbackOptions;
}

/**
 * A fake of the WhatsApp Graph API (`POST /v21.0/{phone-number-id}/messages`) and of Twilio's
 * Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`) on loopback. `failWith(500)`
 * makes it refuse every call until `failWith(undefined)`. With `statusCallbacks` it posts a `sent`
 * status back to the server after each accepted call, as Meta and Twilio do.
 */
export class FakeProviders {
  readonly calls: ProviderCall[] = [];
  /** Status callbacks the server answered with 2xx, and those still being retried. */
  readonly callbacks = { delivered: 0, pending: 0, abandoned: 0 };
  private server?: Server;
  private failure?: { status: number; code?: number };
  private counter = 0;
  private stopped = false;

  constructor(private readonly options: FakeProvidersOptions = {}) {}

  /** Base URLs for WHATSAPP_API_URL and TWILIO_API_URL. */
  graphUrl = '';
  twilioUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const isGraph = /\/messages$/.test(req.url ?? '');
        const body: Record<string, unknown> = isGraph ? safeJson(raw) : Object.fromEntries(new URLSearchParams(raw));
        const to = String((isGraph ? body.to : body.To) ?? '');
        const call = { provider: isGraph ? ('graph' as const) : ('twilio' as const), to, body, authorization: req.headers.authorization };
        const failure = this.failure ?? this.failureFor?.(call);
        if (!failure) this.counter += 1;
        const providerMessageId = failure ? undefined : isGraph ? `wamid.fake${this.counter}` : `SM${String(this.counter).padStart(32, 'f')}`;
        this.calls.push({ ...call, accepted: !failure, providerMessageId });
        if (failure) {
          res.writeHead(failure.status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(isGraph ? { error: { code: failure.code ?? failure.status, message: 'fake failure' } } : { code: failure.code ?? failure.status, status: failure.status }));
          return;
        }
        res.writeHead(isGraph ? 200 : 201, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(isGraph ? { messaging_product: 'whatsapp', messages: [{ id: providerMessageId }] } : { sid: providerMessageId, status: 'queued' }));
        this.scheduleStatus({ ...call, accepted: true, providerMessageId });
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.graphUrl = `http://127.0.0.1:${port}/v21.0`;
    this.twilioUrl = `http://127.0.0.1:${port}`;
    return this;
  }

  /** Refuse the calls this function picks (e.g. one recipient) with its status and provider error code. */
  failureFor?: (call: Omit<ProviderCall, 'accepted'>) => { status: number; code?: number } | undefined;

  /** Refuse every call with this status (and provider error code) until called with undefined. */
  failWith(status: number | undefined, code?: number): void {
    this.failure = status === undefined ? undefined : { status, code };
  }

  /** Accepted calls to one recipient, in the order they arrived. */
  accepted(to: string): ProviderCall[] {
    return this.calls.filter((call) => call.accepted && call.to === to);
  }

  /** Posts the `sent` status of an accepted call (when status callbacks are on for its provider). */
  private scheduleStatus(call: ProviderCall): void {
    const callbacks = this.options.statusCallbacks;
    const request = callbacks && (call.provider === 'graph' ? whatsAppStatus(callbacks, call) : twilioStatus(callbacks, call));
    if (!callbacks || !request) return;
    this.callbacks.pending += 1;
    void this.deliver(callbacks, request).then((delivered) => {
      this.callbacks.pending -= 1;
      if (delivered) this.callbacks.delivered += 1;
      else this.callbacks.abandoned += 1;
    });
  }

  /** Posts one callback until the server answers 2xx, retrying (growing pauses) for `retryForMs`. */
  private async deliver(callbacks: StatusCallbackOptions, request: CallbackRequest): Promise<boolean> {
    const deadline = Date.now() + (callbacks.retryForMs ?? 120_000);
    for (let pause = 100; !this.stopped && Date.now() < deadline; pause = Math.min(pause * 2, 2000)) {
      try {
        const response = await fetch(`${callbacks.serverUrl()}${request.path}`, { method: 'POST', headers: request.headers, body: request.body, signal: AbortSignal.timeout(10_000) });
        await response.text();
        if (response.ok) return true;
      } catch {
        /* the server is down: retry */
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
    return false;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

/** A status callback to post: path (with query) on the server, headers and body. */
interface CallbackRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Meta's `statuses[]` webhook for a message it accepted, signed with the app secret; it echoes the
 * send's `biz_opaque_callback_data`. Shape:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples#message-status-updates
 */
function whatsAppStatus(callbacks: StatusCallbackOptions, call: ProviderCall): CallbackRequest | undefined {
  if (!callbacks.whatsAppAppSecret) return undefined;
  const opaque = call.body.biz_opaque_callback_data;
  const status = {
    id: call.providerMessageId,
    status: 'sent',
    timestamp: String(Math.floor(Date.now() / 1000)),
    recipient_id: call.to,
    ...(typeof opaque === 'string' ? { biz_opaque_callback_data: opaque } : {}),
    conversation: { id: 'CONVERSATION_ID', origin: { type: 'service' } },
    pricing: { billable: true, pricing_model: 'CBP', category: 'service' },
  };
  const body = JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '3225000000', phone_number_id: 'PHONE_NUMBER_ID' },
      statuses: [status],
    } }] }],
  });
  return { path: '/api/whatsapp', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signWhatsApp(callbacks.whatsAppAppSecret, body) }, body };
}

/**
 * Twilio's status callback to the message's `StatusCallback` URL (form-encoded), signed over that
 * URL with its query by the twilio package itself. It goes to the server's current address with
 * the URL's path and query (a proxy between the public URL and the server).
 * https://www.twilio.com/docs/messaging/guides/track-outbound-message-status
 */
function twilioStatus(callbacks: StatusCallbackOptions, call: ProviderCall): CallbackRequest | undefined {
  const target = call.body.StatusCallback;
  if (!callbacks.twilioAuthToken || typeof target !== 'string') return undefined;
  const sid = call.providerMessageId as string;
  const fields = {
    SmsSid: sid, SmsStatus: 'sent', MessageStatus: 'sent', MessageSid: sid,
    To: call.to, From: String(call.body.From ?? ''), AccountSid: `AC${'0'.repeat(32)}`, ApiVersion: '2010-04-01',
  };
  const url = new URL(target);
  const signature = twilio.getExpectedTwilioSignature(callbacks.twilioAuthToken, target, fields);
  return {
    path: `${url.pathname}${url.search}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(fields).toString(),
  };
}

/** The text a person sees in a Graph API call: text body, interactive body or template parameter. */
export function graphText(call: ProviderCall): string {
  const body = call.body as {
    text?: { body: string };
    interactive?: { body: { text: string } };
    template?: { components: { parameters: { text: string }[] }[] };
  };
  return body.text?.body ?? body.interactive?.body.text ?? body.template?.components[0].parameters[0].text ?? '';
}

/** Waits until `done()` holds (polling), at most `timeoutMs`; never asserts on time itself. */
export async function eventually(done: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function safeJson(raw: string): Record<string, unknown> {
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return {};
  }
}
