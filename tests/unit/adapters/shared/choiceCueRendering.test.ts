import type { Activity } from 'botbuilder';
import { MessageFactory } from 'botbuilder';
import { WHATSAPP_LIMITS } from '../../../../adapters/channelLimits';
import { choiceCuesOf, choiceMessage, renderNumberedChoices } from '../../../../adapters/shared/numberedChoices';
import { smsBody, toGsm7Text } from '../../../../adapters/sms/smsText';
import { toWebChat } from '../../../../adapters/webchat/webChatRendering';
import { renderWhatsApp } from '../../../../adapters/whatsapp/whatsAppRenderer';
import { withChoiceCues } from '../../../../dialogs/choiceCues';
import { isSimple, LANGUAGES, loadResources, translator as i18n, type Language } from '../../../../i18n/translator';

/** A message of a simplified language with these choice titles, marked as the dialogs mark it. */
function cued(language: Language, titles: string[]): Partial<Activity> {
  const activity = MessageFactory.suggestedActions(titles, 'Kies een nummer.');
  withChoiceCues(activity, language, i18n);
  return activity;
}

/** Every group of choices the locales offer together (`<ns>.choices`, `<ns>.homeVisit.choices`, …). */
function choiceGroups(language: Language): string[][] {
  const groups: string[][] = [];
  const walk = (value: unknown, path: string) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return;
    // A question never offers one title twice (loan.choices holds the device, purpose and yes/no choices).
    if (path.endsWith('.choices')) groups.push([...new Set(Object.values(value as Record<string, unknown>).filter((v): v is string => typeof v === 'string'))]);
    else for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
  };
  const { cues: _cues, console: _console, ...citizenFacing } = loadResources()[language];
  walk(citizenFacing, '');
  return groups.map((titles) => titles.slice(0, WHATSAPP_LIMITS.maxListRows));
}

const SIMPLE = LANGUAGES.filter(isSimple);

describe('choices of a simplified language show their number and emoji cue on every channel', () => {
  const activity = cued('nl-simple', ['Ja', 'Nee']);
  const [yes, no] = choiceCuesOf(activity) ?? [];

  test('SMS and the terminal: numbered lines; SMS drops the emoji to stay GSM-7', () => {
    expect(renderNumberedChoices(activity)).toBe(`Kies een nummer.\n1. ${yes} Ja\n2. ${no} Nee`);
    expect(toGsm7Text(smsBody(activity))).toBe('Kies een nummer.\n1. Ja\n2. Nee');
  });

  test('WhatsApp: buttons titled with number and cue', () => {
    const [part] = renderWhatsApp(activity, { listButton: 'Kies' });
    expect(part).toMatchObject({ type: 'interactive', interactive: { type: 'button', action: { buttons: [{ reply: { title: `1. ${yes} Ja` } }, { reply: { title: `2. ${no} Nee` } }] } } });
  });

  test('web chat: labels with number and cue, even for a single choice; the tap posts the plain title', () => {
    const actions = toWebChat({ ...cued('en-simple', ['Yes']), type: 'message' }).suggestedActions?.actions ?? [];
    expect(actions).toEqual([expect.objectContaining({ title: `1. ${i18n.t('en-simple', 'cues.booking.choices.yes')} Yes`, text: 'Yes', displayText: 'Yes' })]);
  });

  test('WhatsApp: titles too long for a number and a cue keep them in the row description', () => {
    const long = cued('fr-simple', ['Ordinateur portable', 'Tablette', 'Smartphone', 'Internet (4G)']);
    const [part] = renderWhatsApp(long, { listButton: 'Choisir' });
    if (part.type !== 'interactive' || part.interactive.type !== 'list') throw new Error(`a list expected, got ${JSON.stringify(part)}`);
    const rows = part.interactive.action.sections[0].rows;
    expect(rows[0]).toEqual(expect.objectContaining({ title: 'Ordinateur portable', description: `1. ${i18n.t('fr-simple', 'cues.loan.choices.laptop')}` }));
  });

  test.each(SIMPLE)('%s: every group of choices fits WhatsApp as buttons or a list, each showing its number', (language) => {
    const problems = choiceGroups(language).flatMap((titles) => {
      const [part] = renderWhatsApp(cued(language, titles), { listButton: 'x' });
      if (part.type !== 'interactive') return [`numbered text: ${titles.join(' | ')}`];
      const shown = part.interactive.type === 'button' ? part.interactive.action.buttons.map((b) => b.reply.title) : part.interactive.action.sections[0].rows.map((r) => `${r.title} ${r.description ?? ''}`);
      return shown.filter((label, index) => !label.includes(`${index + 1}. `)).map((label) => `no number: ${label}`);
    });
    expect(problems).toEqual([]);
  });

  test('a tap on a cued button or row answers with the plain title and the id', () => {
    expect(choiceMessage({ id: 'c1.ab', title: `1. ${yes} Ja` })).toEqual({ type: 'message', text: 'Ja', value: { choice: 'c1.ab' } });
    expect(choiceMessage({ id: 'c2.ab', title: '2. 🕐 11:30' }).text).toBe('11:30');
    expect(choiceMessage({ id: 'c3.ab', title: '3. Mijn afspraak' }).text).toBe('3. Mijn afspraak');
  });

  test('a full language renders as before (no cue)', () => {
    const plain = MessageFactory.suggestedActions(['Ja', 'Nee'], 'Kies.');
    withChoiceCues(plain, 'nl', i18n);
    expect(renderNumberedChoices(plain)).toBe('Kies.\n1. Ja\n2. Nee');
  });
});
