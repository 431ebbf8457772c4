// The loan waiting list: approved requests waiting for a device, first come first served, per kind.
import { useEffect, useState } from 'preact/hooks';
import { api, explain } from '../core/api.js';
import { html } from '../core/html.js';
import { t, when } from '../core/texts.js';

/** The waiting list (`#/waiting`). */
export function WaitingListScreen({ say }) {
  const [rows, setRows] = useState(null);
  useEffect(() => {
    api('GET', '/console/api/loans/waiting').then((result) => (result.status === 200 ? setRows(result.body.waiting) : say(explain(result), true)));
  }, []);
  return html`
    <section id="waiting-view">
      <h2>${t('waiting.heading')}</h2>
      <p class="hint">${t('waiting.hint')}</p>
      ${rows && rows.length === 0 ? html`<p class="empty">${t('waiting.empty')}</p>` : null}
      ${rows && rows.length ? html`
        <div class="table-wrap"><table id="waiting-table">
          <thead><tr><th scope="col">${t('waiting.position')}</th><th scope="col">${t('loans.kind')}</th><th scope="col">${t('appointments.reference')}</th><th scope="col">${t('waiting.since')}</th></tr></thead>
          <tbody>${rows.map((r) => html`<tr key=${r.loanId}><td>${r.position}</td><td>${t(`loans.kinds.${r.deviceKind}`)}</td><td><a href=${`#/loan/${encodeURIComponent(r.loanId)}`}>${r.reference.length === 6 ? `${r.reference.slice(0, 3)}-${r.reference.slice(3)}` : r.reference}</a></td><td>${when(r.waitlistedAt)}</td></tr>`)}</tbody>
        </table></div>` : null}
    </section>`;
}
