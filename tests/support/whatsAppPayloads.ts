import { createHmac } from 'node:crypto';

/**
 * Real-format WhatsApp Cloud API webhook payloads for tests and benchmarks, and Meta's
 * `X-Hub-Signature-256` over them. Format:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples
 */
export function signWhatsApp(secret: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** A webhook carrying one text message from `from` (a wa_id) to the business number `phoneNumberId`. */
export function whatsAppTextWebhook(phoneNumberId: string, from: string, text: string, id: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [{ id: 'WABA', changes: [{ field: 'messages', value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: '3225000000', phone_number_id: phoneNumberId },
      contacts: [{ profile: { name: 'Test' }, wa_id: from }],
      messages: [{ from, id, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body: text } }],
    } }] }],
  });
}
