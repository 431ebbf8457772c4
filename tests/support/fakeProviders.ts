import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

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
 * A fake of the WhatsApp Graph API (`POST /v21.0/{phone-number-id}/messages`) and of Twilio's
 * Messages API (`POST /2010-04-01/Accounts/{sid}/Messages.json`) on loopback. `failWith(500)`
 * makes it refuse every call until `failWith(undefined)`.
 */
export class FakeProviders {
  readonly calls: ProviderCall[] = [];
  private server?: Server;
  private failure?: { status: number; code?: number };
  private counter = 0;

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

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
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
