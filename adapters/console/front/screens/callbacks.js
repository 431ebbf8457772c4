// Call-backs: citizens who asked to be called. The number is shown only to users of the person's
// digibank (the server decides, and writes each view to the audit trail).
import { useEffect, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { channelName, citizenLanguage, t, topicName, when } from '../core/texts.js';

/** The call-backs screen (`#/callbacks`). */
export function CallbacksScreen({ say }) {
  const [list, setList] = useState(null);
  const load = async () => {
    const result = await api('GET', '/console/api/callbacks');
    if (result.status !== 200) return say(explain(result), true);
    setList(result.body.callbacks);
  };
  useEffect(() => {
    load();
  }, []);
  const mark = async (item, outcome) => {
    const result = await api('POST', `/console/api/callbacks/${seg(item.handoffId)}/outcome`, { outcome });
    if (result.status !== 200) return say(explain(result), true);
    say(t(`callbacks.marked.${outcome}`));
    load();
  };
  return html`
    <section id="callbacks-view">
      <h2>${t('callbacks.heading')}</h2>
      <p class="hint">${t('callbacks.hint')}</p>
      ${list && list.length === 0 ? html`<p class="empty">${t('callbacks.empty')}</p>` : null}
      <ul id="callbacks" class="list">
        ${(list || []).map((item) => html`
          <li key=${item.handoffId} data-handoff=${item.handoffId} class=${item.outcome === 'done' ? 'done' : ''}>
            <div>
              ${item.phone
                ? html`<a class="phone" href=${`tel:${item.phone}`}>${item.phone}</a>`
                : html`<span class="phone masked">${item.maskedNumber || channelName(item.channel)}</span> <small>${t('callbacks.otherDigibank')}</small>`}
            </div>
            <div class="meta">
              <span class="badge">${citizenLanguage(item.language)}</span>
              <span class="badge">${topicName(item.topic)}</span>
              <span class="badge">${t('callbacks.asked', { when: when(item.requestedAt) })}</span>
              <span class="badge moment">${item.moment ? t(`callbacks.moments.${item.moment}`) : t('callbacks.moment')}</span>
              ${item.outcome ? html`<span class="badge outcome">${t(`callbacks.outcomes.${item.outcome}`, { when: when(item.outcomeAt) })}</span>` : null}
            </div>
            ${item.outcome === 'done' ? null : html`
              <div class="row">
                <button type="button" class="callback-done" onClick=${() => mark(item, 'done')}>${t('callbacks.done')}</button>
                <button type="button" class="callback-unreachable secondary" onClick=${() => mark(item, 'unreachable')}>${t('callbacks.unreachable')}</button>
                <a href=${`#/conversation/${encodeURIComponent(item.conversationId)}`}>${t('callbacks.open')}</a>
              </div>`}
          </li>`)}
      </ul>
    </section>`;
}
