// The loan inventory: list per kind and status; coordinators add, edit (tag, place, condition,
// accessories, notes, status: available / in repair / retired) and remove devices.
import { useEffect, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { t } from '../core/texts.js';

const KINDS = ['laptop', 'tablet', 'smartphone', 'dongle'];
const SET_BY_HAND = ['available', 'in_repair', 'retired'];

function DeviceForm({ device, places, onSave, onCancel }) {
  const [form, setForm] = useState({ kind: device?.kind ?? 'laptop', assetTag: device?.assetTag ?? '', locationId: device?.locationId ?? '', condition: device?.condition ?? '', accessories: (device?.accessories ?? []).join(', '), notes: device?.notes ?? '', status: device?.status ?? 'available' });
  const field = (name) => (e) => setForm({ ...form, [name]: e.target.value });
  const submit = (e) => {
    e.preventDefault();
    const body = { assetTag: form.assetTag.trim(), locationId: form.locationId || null, condition: form.condition.trim() || null, accessories: form.accessories.split(',').map((a) => a.trim()).filter(Boolean), notes: form.notes.trim() || null };
    onSave(device ? { ...body, ...(SET_BY_HAND.includes(device.status) ? { status: form.status } : {}) } : { ...body, kind: form.kind });
  };
  return html`
    <form id="device-form" class="card form-grid" onSubmit=${submit}>
      ${device ? null : html`<label for="device-kind">${t('loans.kind')}</label>
        <select id="device-kind" value=${form.kind} onChange=${field('kind')}>${KINDS.map((k) => html`<option value=${k}>${t(`loans.kinds.${k}`)}</option>`)}</select>`}
      <label for="device-tag">${t('devices.assetTag')}</label>
      <input id="device-tag" value=${form.assetTag} onInput=${field('assetTag')} required maxlength="100" />
      <label for="device-place">${t('appointments.place')}</label>
      <select id="device-place" value=${form.locationId} onChange=${field('locationId')}>
        <option value="">${t('devices.noPlace')}</option>
        ${places.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
      </select>
      <label for="device-condition">${t('loans.condition')}</label>
      <input id="device-condition" value=${form.condition} onInput=${field('condition')} maxlength="500" />
      <label for="device-accessories">${t('devices.accessories')}</label>
      <input id="device-accessories" value=${form.accessories} onInput=${field('accessories')} maxlength="500" />
      <label for="device-notes">${t('devices.notes')}</label>
      <input id="device-notes" value=${form.notes} onInput=${field('notes')} maxlength="1000" />
      ${device && SET_BY_HAND.includes(device.status) ? html`<label for="device-status">${t('loans.status')}</label>
        <select id="device-status" value=${form.status} onChange=${field('status')}>${SET_BY_HAND.map((s) => html`<option value=${s}>${t(`devices.statuses.${s}`)}</option>`)}</select>` : null}
      <div class="row"><button type="submit" id="device-save">${t('common.save')}</button><button type="button" class="secondary" onClick=${onCancel}>${t('common.cancel')}</button></div>
    </form>`;
}

/** The inventory (`#/devices`). */
export function DevicesScreen({ user, say }) {
  const [devices, setDevices] = useState(null);
  const [places, setPlaces] = useState([]);
  const [editing, setEditing] = useState(null);
  const lead = user.role === 'admin' || user.role === 'coordinator';
  const load = async () => {
    const result = await api('GET', '/console/api/loans/devices');
    if (result.status !== 200) return say(explain(result), true);
    setDevices(result.body.devices);
  };
  useEffect(() => {
    load();
    api('GET', '/console/api/locations').then((result) => setPlaces(result.body.locations || []));
  }, []);
  const save = async (body) => {
    const result = editing === 'new' ? await api('POST', '/console/api/loans/devices', body) : await api('PATCH', `/console/api/loans/devices/${seg(editing.id)}`, body);
    if (result.status !== 200 && result.status !== 201) return say(explain(result), true);
    say(t('devices.saved'));
    setEditing(null);
    load();
  };
  const remove = async (device) => {
    if (!window.confirm(t('devices.confirmRemove', { tag: device.assetTag }))) return;
    const result = await api('DELETE', `/console/api/loans/devices/${seg(device.id)}`);
    if (result.status !== 200) return say(explain(result), true);
    say(t('devices.removed'));
    load();
  };
  return html`
    <section id="devices-view">
      <h2>${t('devices.heading')}</h2>
      ${lead && !editing ? html`<button type="button" id="device-add" onClick=${() => setEditing('new')}>${t('devices.add')}</button>` : null}
      ${editing ? html`<${DeviceForm} device=${editing === 'new' ? null : editing} places=${places} onSave=${save} onCancel=${() => setEditing(null)} />` : null}
      ${devices && devices.length === 0 ? html`<p class="empty">${t('devices.empty')}</p>` : null}
      ${devices && devices.length ? html`
        <div class="table-wrap"><table id="devices-table">
          <thead><tr><th scope="col">${t('devices.assetTag')}</th><th scope="col">${t('loans.kind')}</th><th scope="col">${t('loans.status')}</th><th scope="col">${t('loans.condition')}</th>${lead ? html`<th scope="col">${t('devices.actions')}</th>` : null}</tr></thead>
          <tbody>${devices.map((d) => html`
            <tr key=${d.id} data-device=${d.id}>
              <td>${d.assetTag}</td><td>${t(`loans.kinds.${d.kind}`)}</td><td>${t(`devices.statuses.${d.status}`)}</td><td>${d.condition || ''}</td>
              ${lead ? html`<td class="row"><button type="button" class="secondary" onClick=${() => setEditing(d)}>${t('common.edit')}</button><button type="button" class="danger" onClick=${() => remove(d)}>${t('devices.remove')}</button></td>` : null}
            </tr>`)}</tbody>
        </table></div>` : null}
    </section>`;
}
