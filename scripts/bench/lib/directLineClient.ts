/**
 * A minimal Direct Line 3.0 client over fetch (the endpoints Web Chat uses, with polling), shared
 * by the end-to-end tests and the turn benchmark.
 */

/** An activity as the Direct Line stream returns it (only what the callers read). */
export interface WireActivity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from?: { id: string; role?: string };
  suggestedActions?: { actions: { title?: string; value?: unknown }[] };
}

export interface ActivitySet {
  activities: WireActivity[];
  watermark: string;
}

const REQUEST_TIMEOUT_MS = 10_000;

export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(url: string, init: { method: string; token?: string; body?: unknown }): Promise<T> {
  const res = await fetch(url, {
    method: init.method,
    headers: {
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new DirectLineError(res.status, `${init.method} ${new URL(url).pathname} → ${res.status} ${text.slice(0, 200)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** One Direct Line conversation; `base` may differ per call (any server process accepts the token). */
export class DirectLineConversation {
  watermark = '';

  private constructor(
    readonly conversationId: string,
    readonly token: string,
    readonly userId: string | undefined,
  ) {}

  /** `POST /tokens/generate` on `base`: a new conversation id and its token (no conversation yet). */
  static async generate(base: string, userId?: string): Promise<DirectLineConversation> {
    const body = userId ? { user: { id: userId } } : {};
    const { conversationId, token } = await call<{ conversationId: string; token: string }>(`${base}/v3/directline/tokens/generate`, { method: 'POST', body });
    return new DirectLineConversation(conversationId, token, userId);
  }

  /** `POST /conversations`: starts it (the bot greets). */
  async start(base: string, locale?: string): Promise<void> {
    await call(`${base}/v3/directline/conversations`, { method: 'POST', token: this.token, body: locale ? { locale } : {} });
  }

  /** `POST /conversations/:id/activities`: sends a message; resolves with the activity id. */
  async send(base: string, text: string): Promise<string> {
    const { id } = await call<{ id: string }>(`${base}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      token: this.token,
      body: { type: 'message', text, from: { id: this.userId ?? 'user' } },
    });
    return id;
  }

  /** `GET /conversations/:id/activities?watermark=`: what is new since the last poll (advances the watermark). */
  async poll(base: string): Promise<WireActivity[]> {
    const query = this.watermark ? `?watermark=${encodeURIComponent(this.watermark)}` : '';
    const set = await call<ActivitySet>(`${base}/v3/directline/conversations/${this.conversationId}/activities${query}`, { method: 'GET', token: this.token });
    this.watermark = set.watermark;
    return set.activities;
  }
}

/** True for an activity the bot sent. */
export function fromBot(activity: WireActivity): boolean {
  return activity.from?.role === 'bot';
}
