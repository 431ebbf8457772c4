// Device loans: the requests (with the citizen's answers) and every action of the loan API: approve,
// reject with a reason, reserve a device, picked up, returned with its condition, extend, cancel.
// The server tells the citizen of each decision, as before.
import { useEffect, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { t, when } from '../core/texts.js';

export const LOAN_STATUSES = ['requested', 'approved', 'ready', 'on_loan', 'returned', 'rejected', 'cancelled'];
const DECIDERS = ['admin', 'coordinator'];

/** The loan requests (`#/loans`). */
export function LoansScreen({ say }) {
  const [status, setStatus] = useState('requested');
  const [loans, setLoans] = useState(null);
  useEffect(() => {
    let current = true; // the list of the status chosen last wins
    api('GET', `/console/api/loans${status ? `?status=${status}` : ''}`).then((result) => {
      if (!current) return;
      if (result.status !== 200) return say(explain(result), true);
      setLoans(result.body.loans);
    });
    return () => {
      current = false;
    };
  }, [status]);
  return html`
    <section id="loans-view">
      <h2>${t('loans.heading')}</h2>
      <div class="card filters">
        <div class="field">
          <label for="loans-status">${t('loans.status')}</label>
          <select id="loans-status" value=${status} onChange=${(e) => setStatus(e.target.value)}>
            <option value="">${t('loans.allStatuses')}</option>
            ${LOAN_STATUSES.map((s) => html`<option value=${s}>${t(`loans.statuses.${s}`)}</option>`)}
          </select>
        </div>
      </div>
      ${loans && loans.length === 0 ? html`<p class="empty">${t('loans.empty')}</p>` : null}
      <ul id="loans" class="list">
        ${(loans || []).map((loan) => html`
          <li key=${loan.id} data-loan=${loan.id} data-reference=${loan.reference}>
            <a href=${`#/loan/${encodeURIComponent(loan.id)}`}>${loan.reference}</a>
            <span class="badge">${t(`loans.kinds.${loan.deviceKind}`)}</span>
            <span class="badge">${t(`loans.purposes.${loan.purpose}`)}</span>
            <span class="badge status">${t(`loans.statuses.${loan.status}`)}</span>
            <small>${when(loan.createdAt)}${loan.location ? ` · ${loan.location.name}` : ''}</small>
          </li>`)}
      </ul>
    </section>`;
}

function ReasonForm({ id, label, onSubmit }) {
  const [reason, setReason] = useState('');
  return html`
    <form class="row inline-form" onSubmit=${(e) => { e.preventDefault(); if (reason.trim()) onSubmit({ reason: reason.trim() }); }}>
      <label for=${`${id}-reason`}>${t('loans.reason')}</label>
      <input id=${`${id}-reason`} value=${reason} onInput=${(e) => setReason(e.target.value)} maxlength="500" required />
      <button type="submit" id=${id} class="danger">${label}</button>
    </form>`;
}

function ReserveForm({ loan, onSubmit }) {
  const [devices, setDevices] = useState([]);
  const [deviceId, setDeviceId] = useState('');
  useEffect(() => {
    api('GET', `/console/api/loans/devices?status=available&kind=${seg(loan.deviceKind)}`).then((result) => setDevices(result.body.devices || []));
  }, []);
  return html`
    <form class="row inline-form" onSubmit=${(e) => { e.preventDefault(); onSubmit(deviceId ? { deviceId } : {}); }}>
      <label for="reserve-device">${t('loans.device')}</label>
      <select id="reserve-device" value=${deviceId} onChange=${(e) => setDeviceId(e.target.value)}>
        <option value="">${t('loans.anyDevice')}</option>
        ${devices.map((d) => html`<option value=${d.id}>${d.assetTag}</option>`)}
      </select>
      <button type="submit" id="loan-reserve">${t('loans.actions.reserve')}</button>
    </form>`;
}

function ReturnForm({ onSubmit }) {
  const [condition, setCondition] = useState('');
  const [needsRepair, setNeedsRepair] = useState(false);
  return html`
    <form class="row inline-form" onSubmit=${(e) => { e.preventDefault(); onSubmit({ condition: condition.trim() || undefined, needsRepair }); }}>
      <label for="return-condition">${t('loans.condition')}</label>
      <input id="return-condition" value=${condition} onInput=${(e) => setCondition(e.target.value)} maxlength="500" />
      <label><input type="checkbox" checked=${needsRepair} onChange=${(e) => setNeedsRepair(e.target.checked)} /> ${t('loans.needsRepair')}</label>
      <button type="submit" id="loan-return">${t('loans.actions.return')}</button>
    </form>`;
}

function Actions({ loan, user, act }) {
  const decide = DECIDERS.includes(user.role);
  const s = loan.status;
  return html`
    <div id="loan-actions" class="actions column">
      ${decide && s === 'requested' ? html`<button type="button" id="loan-approve" onClick=${() => act('approve', {})}>${t('loans.actions.approve')}</button>` : null}
      ${decide && s === 'requested' ? html`<${ReasonForm} id="loan-reject" label=${t('loans.actions.reject')} onSubmit=${(body) => act('reject', body)} />` : null}
      ${decide && s === 'approved' ? html`<${ReserveForm} loan=${loan} onSubmit=${(body) => act('reserve', body)} />` : null}
      ${s === 'ready' ? html`<button type="button" id="loan-pickup" onClick=${() => act('pickup', {})}>${t('loans.actions.pickup')}</button>` : null}
      ${s === 'on_loan' ? html`<${ReturnForm} onSubmit=${(body) => act('return', body)} />` : null}
      ${decide && s === 'on_loan' ? html`<button type="button" id="loan-extend" class="secondary" onClick=${() => act('extend', {})}>${t('loans.actions.extend')}</button>` : null}
      ${decide && ['requested', 'approved', 'ready'].includes(s) ? html`<${ReasonForm} id="loan-cancel" label=${t('loans.actions.cancel')} onSubmit=${(body) => act('cancel', body)} />` : null}
    </div>`;
}

/** One loan request (`#/loan/<id>`): the answers, the dates, the events and the actions. */
export function LoanScreen({ param: id, user, say, go }) {
  const [data, setData] = useState(null);
  const load = async () => {
    const result = await api('GET', `/console/api/loans/${seg(id)}`);
    if (result.status !== 200) {
      say(explain(result), true);
      return go('loans');
    }
    setData(result.body);
  };
  useEffect(() => {
    load();
  }, [id]);
  const act = async (action, body) => {
    const result = await api('POST', `/console/api/loans/${seg(id)}/${action}`, body);
    if (result.status !== 200) return say(explain(result), true);
    say(t(`loans.done.${action}`, { reference: result.body.loan.reference }));
    setData({ ...data, loan: result.body.loan });
    load();
  };
  if (!data) return html`<section id="loan-view"><p>${t('common.loading')}</p></section>`;
  const { loan, events } = data;
  const dates = [['loans.asked', loan.createdAt], ['loans.decided', loan.decidedAt], ['loans.ready', loan.readyAt], ['loans.pickedUp', loan.pickedUpAt], ['loans.due', loan.dueAt], ['loans.returned', loan.returnedAt]].filter(([, at]) => at);
  return html`
    <section id="loan-view" data-status=${loan.status}>
      <a href="#/loans">${t('loans.back')}</a>
      <h2>${t('loans.request', { reference: loan.reference })}</h2>
      <div class="columns">
        <div class="card summary">
          <dl>
            <dt>${t('loans.status')}</dt><dd id="loan-status">${t(`loans.statuses.${loan.status}`)}${loan.statusReason ? ` (${loan.statusReason})` : ''}</dd>
            <dt>${t('loans.kind')}</dt><dd>${t(`loans.kinds.${loan.deviceKind}`)}</dd>
            <dt>${t('loans.purpose')}</dt><dd>${t(`loans.purposes.${loan.purpose}`)}</dd>
            <dt>${t('appointments.place')}</dt><dd>${loan.location ? loan.location.name : loan.digibank.name}</dd>
            ${loan.device ? html`<dt>${t('loans.device')}</dt><dd>${loan.device.assetTag}</dd>` : null}
            ${Object.entries(loan.answers || {}).map(([key, value]) => html`<dt>${t(`loans.questions.${key}`)}</dt><dd>${t(`loans.answerValues.${value}`) === `loans.answerValues.${value}` ? value : t(`loans.answerValues.${value}`)}</dd>`)}
            ${dates.map(([key, at]) => html`<dt>${t(key)}</dt><dd>${when(at)}</dd>`)}
          </dl>
          ${loan.personId ? html`<p><a href=${`#/person/${encodeURIComponent(loan.personId)}`}>${t('history.personPage')}</a></p>` : null}
        </div>
        <div class="card">
          <h3>${t('loans.actionsHeading')}</h3>
          <${Actions} loan=${loan} user=${user} act=${act} />
          <h3>${t('loans.events')}</h3>
          <ol class="events">${(events || []).map((e) => html`<li key=${e.id}>${when(e.at)}: ${e.fromStatus ? `${t(`loans.statuses.${e.fromStatus}`)} → ` : ''}${t(`loans.statuses.${e.toStatus}`)}${e.reason ? ` (${e.reason})` : ''}</li>`)}</ol>
        </div>
      </div>
    </section>`;
}
