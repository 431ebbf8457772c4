import { WHATSAPP_LIMITS } from '../channelLimits';
import { HoldError, OutboundMessage, PermanentError, PreparedMessage, RetryableError, Sender } from '../../outbox/sender';
import { renderTemplate, renderWhatsApp, WhatsAppPart } from './whatsAppRenderer';
import { partCallbackData, WHATSAPP_CHANNEL } from './whatsAppChannel';

/** Settings of the Graph API sender. */
export interface WhatsAppSenderOptions {
  apiUrl: string;
  token: string;
  phoneNumberId: string;
  /** Approved template for messages outside the 24-hour window; none → keep them `awaiting_window`. */
  templateName?: string;
  /** Template language code per assistant language (`nl` → `nl`, `en` → `en_US`). */
  templateLanguages: Record<string, string>;
  /** The person's language (their saved choice) for the list button and the template. */
  languageOf(message: OutboundMessage): Promise<string>;
  /** The list button label in a language. */
  listButton(language: string): string;
  /** Request timeout (default 15 s). */
  timeoutMs?: number;
  /** Time source (tests). */
  now?: () => number;
}

/** Graph API error codes that are worth retrying although they come with a 4xx status. */
const RETRYABLE_CODES = new Set(['1', '2', '4', '17', '80007', '130429', '131000', '131016', '131056', '133004']);
/** "Re-engagement message": the 24-hour window closed between our check and Meta's. */
const OUTSIDE_WINDOW_CODE = '131047';
/** Keep a margin before the window closes, so that a message never reaches Meta just too late. */
const WINDOW_MARGIN_MS = 2 * 60_000;

/** Parses `nl=nl,fr=fr,en=en_US` into a map. */
export function parseTemplateLanguages(value: string): Record<string, string> {
  return Object.fromEntries(
    value
      .split(',')
      .map((pair) => pair.split('=').map((s) => s.trim()))
      .filter((pair) => pair.length === 2 && pair[0] && pair[1]),
  );
}

/**
 * Delivers outbound rows through the WhatsApp Cloud API (`POST {api}/{phone-number-id}/messages`).
 * Inside the 24-hour customer-service window the rendered messages go out as they are; outside it
 * the configured template carries the text, or the row is held as `awaiting_window` until the
 * person writes again. Never sends what Meta would reject for the window.
 */
export class WhatsAppSender implements Sender<WhatsAppPart> {
  readonly channel = WHATSAPP_CHANNEL;

  constructor(private readonly options: WhatsAppSenderOptions) {}

  async prepare(message: OutboundMessage): Promise<PreparedMessage<WhatsAppPart>> {
    if (!message.recipientId) throw new PermanentError('no recipient', 'no_recipient');
    const language = await this.options.languageOf(message);
    if (this.insideWindow(message)) return { parts: renderWhatsApp(message.activity, { listButton: this.options.listButton(language) }) };
    const code = this.options.templateLanguages[language] ?? this.options.templateLanguages[language.split('-')[0]];
    // A row already half sent free-form waits for the window rather than repeating itself as a template.
    if (this.options.templateName && code && message.partsSent === 0) {
      return { parts: [renderTemplate(message.activity, this.options.templateName, code)], template: true };
    }
    throw new HoldError('awaiting_window', 'outside_24h_window');
  }

  async send(message: OutboundMessage, part: WhatsAppPart, index: number): Promise<{ providerMessageId: string }> {
    let response: Response;
    try {
      response = await fetch(`${this.options.apiUrl.replace(/\/$/, '')}/${this.options.phoneNumberId}/messages`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.options.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: message.recipientId,
          ...part,
          biz_opaque_callback_data: partCallbackData({ messageId: message.id, part: index }),
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw networkError(error);
    }
    const body = (await response.json().catch(() => undefined)) as
      | { messages?: { id?: string }[]; error?: { code?: number; error_subcode?: number } }
      | undefined;
    if (response.ok) {
      const id = body?.messages?.[0]?.id;
      if (!id) throw new RetryableError('no message id in the answer', 'no_message_id');
      return { providerMessageId: id };
    }
    const code = body?.error?.code !== undefined ? String(body.error.code) : `http_${response.status}`;
    if (response.status === 429 || response.status >= 500 || RETRYABLE_CODES.has(code)) {
      throw new RetryableError(`HTTP ${response.status}`, code, retryAfter(response.headers.get('retry-after')));
    }
    if (code === OUTSIDE_WINDOW_CODE) throw new HoldError('awaiting_window', 'outside_24h_window');
    throw new PermanentError(`HTTP ${response.status}`, code);
  }

  private insideWindow(message: OutboundMessage): boolean {
    if (!message.lastInboundAt) return false;
    const now = this.options.now?.() ?? Date.now();
    return now - message.lastInboundAt.getTime() < WHATSAPP_LIMITS.customerServiceWindowHours * 3600_000 - WINDOW_MARGIN_MS;
  }
}

/** `Retry-After` in seconds (or an HTTP date) as milliseconds. */
export function retryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0), 3600) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.min(Math.max(at - Date.now(), 0), 3600_000);
}

/**
 * A request that failed without an answer. A timeout or a connection reset may come after the
 * provider accepted the message: that part is in doubt (its retry waits for a status callback).
 * A refused connection or an unknown host never reached the provider.
 */
export function networkError(error: unknown): RetryableError {
  const name = (error as Error).name;
  const code = ((error as { cause?: { code?: string } }).cause?.code ?? '').toUpperCase();
  const reachedNoProvider = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH'].includes(code);
  const timeout = name === 'TimeoutError' || name === 'AbortError';
  return new RetryableError(`network: ${name}${code ? ` ${code}` : ''}`, timeout ? 'timeout' : 'network', undefined, timeout || !reachedNoProvider);
}
