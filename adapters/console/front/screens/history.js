// History and search: a reference code (appointment, loan) or the last digits of a phone number
// finds the person; their page lists earlier conversations, appointments and loans.
import { useState } from 'preact/hooks';
import { api, explain } from '../core/api.js';
import { html } from '../core/html.js';
import { channelName, t, when } from '../core/texts.js';

/** The search screen (`#/history`). */
export function HistoryScreen({ say, go }) {
  const [q, setQ] = useState('');
  const [found, setFound] = useState(null);
  const search = async (event) => {
    event.preventDefault();
    if (!q.trim()) return;
    const result = await api('GET', `/console/api/history?q=${encodeURIComponent(q.trim())}`);
    if (result.status !== 200) return say(explain(result), true);
    say('');
    setFound(result.body.people);
  };
  return html`
    <section id="history-view">
      <h2>${t('history.heading')}</h2>
      <form id="history-form" class="card filters" role="search" onSubmit=${search}>
        <div class="field">
          <label for="history-q">${t('history.query')}</label>
          <input id="history-q" value=${q} onInput=${(e) => setQ(e.target.value)} maxlength="40" aria-describedby="history-hint" />
          <small id="history-hint">${t('history.hint')}</small>
        </div>
        <button type="submit" id="history-search">${t('history.search')}</button>
      </form>
      ${found && found.length === 0 ? html`<p id="history-none">${t('history.none')}</p>` : null}
      <ul id="history-results" class="list">
        ${(found || []).map((p) => html`
          <li key=${`${p.personId}-${p.matchedBy}`} data-person=${p.personId}>
            <a href=${`#/person/${encodeURIComponent(p.personId)}`}>${p.maskedNumber || channelName(p.channel)}</a>
            <span class="badge">${t(`history.matched.${p.matchedBy}`)}${p.reference ? ` ${p.reference}` : ''}</span>
            <small>${t('history.lastSeen', { when: when(p.lastSeenAt) })}</small>
          </li>`)}
      </ul>
    </section>`;
}
