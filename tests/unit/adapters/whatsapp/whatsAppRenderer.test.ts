import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MessageFactory } from 'botbuilder';
import { SMS_LIMITS, WHATSAPP_LIMITS } from '../../../../adapters/channelLimits';
import { smsSegments } from '../../../../adapters/sms/gsm7';
import { renderSms } from '../../../../adapters/sms/twilioSender';
import { choiceStyle, renderTemplate, renderWhatsApp, splitText, WhatsAppPart } from '../../../../adapters/whatsapp/whatsAppRenderer';
import { LANGUAGES, LOCALES_DIR } from '../../../../i18n/translator';

const activity = (text: string, titles: string[] = []) => MessageFactory.suggestedActions(titles, text);

/** Every limit breach of a rendered WhatsApp part, as text (empty when none). */
function breaches(parts: WhatsAppPart[]): string[] {
  const found: string[] = [];
  for (const part of parts) {
    if (part.type === 'text' && part.text.body.length > WHATSAPP_LIMITS.textBody) found.push('text body');
    if (part.type !== 'interactive') continue;
    const { interactive } = part;
    if (interactive.body.text.length > WHATSAPP_LIMITS.interactiveBody || interactive.body.text.length === 0) found.push('interactive body');
    if (interactive.type === 'button') {
      if (interactive.action.buttons.length > WHATSAPP_LIMITS.maxButtons) found.push('buttons');
      for (const b of interactive.action.buttons) if (b.reply.title.length > WHATSAPP_LIMITS.buttonTitle) found.push(`button title ${b.reply.title}`);
    } else {
      const rows = interactive.action.sections.flatMap((s) => s.rows);
      if (rows.length > WHATSAPP_LIMITS.maxListRows) found.push('rows');
      if (interactive.action.button.length > WHATSAPP_LIMITS.listButtonLabel) found.push('list button');
      for (const r of rows) {
        if (r.title.length > WHATSAPP_LIMITS.listRowTitle) found.push(`row title ${r.title}`);
        if ((r.description ?? '').length > WHATSAPP_LIMITS.listRowDescription) found.push('row description');
      }
    }
  }
  return found;
}

describe('WhatsApp renderer', () => {
  test('≤3 choices → reply buttons; ≤10 → list; more → numbered text', () => {
    expect(renderWhatsApp(activity('Kies', ['Ja', 'Nee']), { listButton: 'Kies' })[0]).toMatchObject({ type: 'interactive', interactive: { type: 'button' } });
    const five = renderWhatsApp(activity('Kies', ['a', 'b', 'c', 'd', 'e']), { listButton: 'Kies' });
    expect(five[0]).toMatchObject({ type: 'interactive', interactive: { type: 'list', action: { button: 'Kies' } } });
    const eleven = renderWhatsApp(activity('Kies', Array.from({ length: 11 }, (_, i) => `k${i}`)), { listButton: 'Kies' });
    expect(eleven[0]).toMatchObject({ type: 'text' });
    expect((eleven[0] as { text: { body: string } }).text.body).toContain('11. k10');
  });

  test('a title too long for a button goes to a list; too long for a row → numbered text', () => {
    expect(renderWhatsApp(activity('x', ['a'.repeat(21)]), { listButton: 'Kies' })[0]).toMatchObject({ interactive: { type: 'list' } });
    expect(renderWhatsApp(activity('x', ['a'.repeat(25)]), { listButton: 'Kies' })[0]).toMatchObject({ type: 'text' });
  });

  test('a long body is split at 1024 without breaking words; the choices stay with the last piece', () => {
    const long = Array.from({ length: 400 }, (_, i) => `woord${i}`).join(' ');
    const parts = renderWhatsApp(activity(long, ['Ja', 'Nee']), { listButton: 'Kies' });
    expect(parts.length).toBeGreaterThan(2);
    expect(breaches(parts)).toEqual([]);
    expect(parts.at(-1)).toMatchObject({ type: 'interactive' });
    expect(splitText('👍'.repeat(600), 1024).every((p) => p.length <= 1024 && !/^[\uDC00-\uDFFF]/.test(p))).toBe(true);
  });

  test('ids are the choices\' opaque ids (messageBack value.choice), titles their display titles; imBack still works', () => {
    const messageBack = (id: string, title: string) => ({ type: 'messageBack', title, text: title, displayText: title, value: { choice: id } });
    const buttons = renderWhatsApp({ text: 'Klopt dit?', suggestedActions: { to: [], actions: [messageBack('confirm.yes', 'Ja, boek'), messageBack('confirm.no', 'Nee')] } }, { listButton: 'Kies' });
    expect(buttons).toEqual([{ type: 'interactive', interactive: { type: 'button', body: { text: 'Klopt dit?' }, action: { buttons: [
      { type: 'reply', reply: { id: 'confirm.yes', title: 'Ja, boek' } },
      { type: 'reply', reply: { id: 'confirm.no', title: 'Nee' } },
    ] } } }]);
    const days = ['ma 7 dec', 'di 8 dec', 'wo 9 dec', 'do 10 dec'].map((title, i) => messageBack(`day:2026-12-${7 + i}`, title));
    const list = renderWhatsApp({ text: 'Welke dag?', suggestedActions: { to: [], actions: days } }, { listButton: 'Choose' });
    expect(list[0]).toMatchObject({ interactive: { type: 'list', action: { button: 'Choose', sections: [{ rows: [{ id: 'day:2026-12-7', title: 'ma 7 dec' }, { id: 'day:2026-12-8' }, { id: 'day:2026-12-9' }, { id: 'day:2026-12-10' }] }] } } });
    // Until the dialogs send messageBack: imBack with the title as value → the title is the id.
    expect(renderWhatsApp(activity('Kies', ['Ja', 'Nee']), { listButton: 'Kies' })[0]).toMatchObject({ interactive: { action: { buttons: [{ reply: { id: 'Ja', title: 'Ja' } }, { reply: { id: 'Nee', title: 'Nee' } }] } } });
  });

  test.each([
    ['repeated ids', [['a', 'Een'], ['a', 'Twee']], 'numbered'],
    ['repeated button titles → a list (rows have their own ids)', [['a', 'Ja'], ['b', 'Ja']], 'list'],
    ['a 201-character id fits a button, not a row', [['x'.repeat(201), 'Een'], ['b', 'Twee']], 'buttons'],
    ['a 201-character id among 4 choices → numbered', [['x'.repeat(201), 'Een'], ['b', 'Twee'], ['c', 'Drie'], ['d', 'Vier']], 'numbered'],
    ['a 257-character id → numbered', [['x'.repeat(257), 'Een']], 'numbered'],
    ['an empty title → numbered', [['a', ' ']], 'numbered'],
  ] as const)('Meta\'s rules on ids and titles: %s', (_name, pairs, style) => {
    expect(choiceStyle(pairs.map(([id, title]) => ({ id, title })))).toBe(style);
  });

  test('a template carries the text and choices on one line', () => {
    const part = renderTemplate(activity('Uw afspraak\nmorgen', ['Ja', 'Nee']), 'digibank_update', 'nl');
    expect(part).toMatchObject({ type: 'template', template: { name: 'digibank_update', language: { code: 'nl' } } });
    expect(JSON.stringify(part)).not.toMatch(/\\n/);
  });
});

// Every prompt of every locale on every channel: each namespace's `choices` with its texts, and
// the language choice (every language's name). Fails on any limit breach; reports SMS segments.
describe('every locale prompt on every channel', () => {
  const read = (language: string) =>
    Object.fromEntries(readdirSync(join(LOCALES_DIR, language)).filter((f) => f.endsWith('.json')).map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(LOCALES_DIR, language, f), 'utf8'))]));
  const languageNames = LANGUAGES.map((l) => String(read(l).language?.choices?.name ?? l));
  const report: string[] = [];

  test.each(LANGUAGES)('%s', (language) => {
    const locale = read(language);
    const prompts: { key: string; text: string; titles: string[] }[] = [];
    const strings = (value: unknown, key: string): void => {
      if (typeof value === 'string') prompts.push({ key, text: value, titles: [] });
      else if (value && typeof value === 'object' && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) strings(v, `${key}.${k}`);
    };
    for (const [ns, content] of Object.entries(locale)) {
      strings(content, ns);
      const choices = (content as { choices?: Record<string, string> }).choices;
      if (!choices) continue;
      const titles = ns === 'language' ? languageNames : Object.values(choices);
      for (const [key, text] of Object.entries(content as Record<string, unknown>)) {
        if (typeof text === 'string') prompts.push({ key: `${ns}.${key}+choices`, text, titles });
      }
    }
    const listButton = String(locale.channels?.listButton ?? 'Kies');
    for (const prompt of prompts) {
      expect({ key: prompt.key, breaches: breaches(renderWhatsApp(activity(prompt.text, prompt.titles), { listButton })) }).toEqual({ key: prompt.key, breaches: [] });
      for (const sms of renderSms({ activity: activity(prompt.text, prompt.titles) })) {
        expect(smsSegments(sms).segments).toBeLessThanOrEqual(SMS_LIMITS.maxSegmentsPerMessage);
      }
    }
    const menu = prompts.find((p) => p.key === 'menu.prompt+choices');
    if (menu) {
      const info = smsSegments(renderSms({ activity: activity(menu.text, menu.titles) })[0]);
      report.push(`${language}: menu SMS ${info.segments} segment(s), ${info.encoding}`);
    }
  });

  afterAll(() => {
    process.stdout.write(`SMS segments of the menu prompt per language:\n  ${report.join('\n  ')}\n`);
  });
});
