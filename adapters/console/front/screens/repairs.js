// Repair requests of the user's digibank: the devices booked in at a repair café and the loaned
// devices passed to the loans coordinator. Each status change (in repair, ready, not repairable,
// collected, cancelled), with an optional note, is told to the citizen on their channel by the server.
import { useEffect, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { t, when } from '../core/texts.js';

export const REPAIR_STATUSES = ['received', 'in_repair', 'ready', 'not_repairable', 'collected', 'cancelled'];

/** The repair requests (`#/repairs`). */
export function RepairsScreen({ say }) {
  const [status, setStatus] = useState('');
  const [rows, setRows] = useState(null);
  const load = async (current = { live: true }) => {
    const result = await api('GET', `/console/api/repairs${status ? `?status=${status}` : ''}`);
    if (!current.live) return;
    if (result.status !== 200) return say(explain(result), true);
    setRows(result.body.repairs);
  };
  useEffect(() => {
    const current = { live: true }; // the list of the status chosen last wins
    load(current);
    return () => {
      current.live = false;
    };
  }, [status]);
  const change = async (repair, next, note) => {
    const result = await api('POST', `/console/api/repairs/${seg(repair.id)}/status`, { status: next, ...(note ? { note } : {}) });
    if (result.status !== 200) return say(explain(result), true);
    say(t(result.body.told ? 'repairs.toldCitizen' : 'repairs.changed', { reference: repair.reference, status: t(`repairs.statuses.${next}`) }));
    load();
  };
  return html`
    <section id="repairs-view">
      <h2>${t('repairs.heading')}</h2>
      <div class="card filters">
        <div class="field">
          <label for="repairs-status">${t('repairs.status')}</label>
          <select id="repairs-status" value=${status} onChange=${(e) => setStatus(e.target.value)}>
            <option value="">${t('repairs.allStatuses')}</option>
            ${REPAIR_STATUSES.map((s) => html`<option value=${s}>${t(`repairs.statuses.${s}`)}</option>`)}
          </select>
        </div>
      </div>
      ${rows && rows.length === 0 ? html`<p class="empty">${t('repairs.empty')}</p>` : null}
      <ul id="repairs" class="list">
        ${(rows || []).map((repair) => html`<${RepairRow} key=${repair.id} repair=${repair} onChange=${change} />`)}
      </ul>
    </section>`;
}

function RepairRow({ repair, onChange }) {
  const [note, setNote] = useState('');
  const noteId = `repair-note-${repair.id}`;
  return html`
    <li data-repair=${repair.id} data-reference=${repair.reference} data-status=${repair.status}>
      <strong>${repair.reference}</strong>
      <span class="badge">${t(`repairs.kinds.${repair.deviceKind}`)}</span>
      <span class="badge">${t(`repairs.problems.${repair.problem}`)}</span>
      <span class="badge status">${t(`repairs.statuses.${repair.status}`)}</span>
      ${repair.loaned ? html`<span class="badge">${repair.loan ? t('repairs.loanedWith', { reference: repair.loan.reference }) : t('repairs.loaned')}</span>` : null}
      <small>
        ${repair.moment ? `${when(repair.moment.startsAt)} · ` : ''}${repair.location.name} · ${t(`repairs.since.${repair.since}`)}${repair.channel ? ` · ${t(`channels.${repair.channel}`)}` : ''}
      </small>
      ${repair.note ? html`<p class="note">${t('repairs.noteShown', { note: repair.note })}</p>` : null}
      ${repair.next.length ? html`
        <form class="row inline-form" onSubmit=${(e) => e.preventDefault()}>
          <label for=${noteId}>${t('repairs.note')}</label>
          <input id=${noteId} value=${note} onInput=${(e) => setNote(e.target.value)} maxlength="500" />
          ${repair.next.map((next) => html`
            <button type="button" data-next=${next} class=${next === 'cancelled' ? 'danger' : ''} onClick=${() => onChange(repair, next, note.trim())}>
              ${t(`repairs.actions.${next}`)}
            </button>`)}
        </form>` : null}
    </li>`;
}
