// Devices people offered in the chat: mark received or declined (coordinators).
import { useEffect, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { t, when } from '../core/texts.js';

/** The donations (`#/donations`). */
export function DonationsScreen({ user, say }) {
  const [rows, setRows] = useState(null);
  const lead = user.role === 'admin' || user.role === 'coordinator';
  const load = async () => {
    const result = await api('GET', '/console/api/loans/donations');
    if (result.status !== 200) return say(explain(result), true);
    setRows(result.body.donations);
  };
  useEffect(() => {
    load();
  }, []);
  const mark = async (donation, status) => {
    const result = await api('POST', `/console/api/loans/donations/${seg(donation.id)}/status`, { status });
    if (result.status !== 200) return say(explain(result), true);
    say(t(`donations.marked.${status}`));
    load();
  };
  return html`
    <section id="donations-view">
      <h2>${t('donations.heading')}</h2>
      ${rows && rows.length === 0 ? html`<p class="empty">${t('donations.empty')}</p>` : null}
      <ul id="donations" class="list">
        ${(rows || []).map((d) => html`
          <li key=${d.id} data-donation=${d.id}>
            <span class="badge">${t(`loans.kinds.${d.deviceKind}`)}</span>
            <span>${d.description || ''}</span>
            <span class="badge status">${t(`donations.statuses.${d.status}`)}</span>
            <small>${when(d.createdAt)}</small>
            ${lead && d.status === 'offered' ? html`<span class="row">
              <button type="button" onClick=${() => mark(d, 'received')}>${t('donations.receive')}</button>
              <button type="button" class="secondary" onClick=${() => mark(d, 'declined')}>${t('donations.decline')}</button></span>` : null}
          </li>`)}
      </ul>
    </section>`;
}
