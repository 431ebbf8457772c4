// Appointments: today's and the coming days', per place; attended or no-show once it has started
// (the reach report counts kept appointments).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { clock, day, t, today, topicName } from '../core/texts.js';

/** The appointments screen (`#/appointments`). */
export function AppointmentsScreen({ say }) {
  const [from, setFrom] = useState(today());
  const [placeId, setPlaceId] = useState('');
  const [places, setPlaces] = useState([]);
  const [list, setList] = useState(null);
  const asked = useRef(0);
  const load = async () => {
    const query = new URLSearchParams({ from, days: '7' });
    if (placeId) query.set('locationId', placeId);
    const ticket = ++asked.current; // the answer to the filters chosen last wins
    const result = await api('GET', `/console/api/appointments?${query}`);
    if (ticket !== asked.current) return;
    if (result.status !== 200) return say(explain(result), true);
    setList(result.body.appointments);
  };
  useEffect(() => {
    api('GET', '/console/api/locations').then((result) => setPlaces(result.body.locations || []));
  }, []);
  useEffect(() => {
    load();
  }, [from, placeId]);
  const mark = async (appointment, outcome) => {
    const result = await api('POST', `/console/api/bookings/${seg(appointment.id)}/outcome`, { outcome });
    if (result.status !== 200) return say(explain(result), true);
    say(t(`appointments.marked.${outcome}`, { reference: appointment.reference }));
    load();
  };
  const days = [];
  for (const a of list || []) {
    const label = day(a.startsAt);
    if (!days.length || days[days.length - 1].label !== label) days.push({ label, items: [] });
    days[days.length - 1].items.push(a);
  }
  return html`
    <section id="appointments-view">
      <h2>${t('appointments.heading')}</h2>
      <p class="hint"><a href="#/history">${t('appointments.bookHint')}</a></p>
      <div class="card filters">
        <div class="field">
          <label for="appointments-from">${t('appointments.from')}</label>
          <input id="appointments-from" type="date" value=${from} onChange=${(e) => setFrom(e.target.value || today())} />
        </div>
        <div class="field">
          <label for="appointments-place">${t('appointments.place')}</label>
          <select id="appointments-place" value=${placeId} onChange=${(e) => setPlaceId(e.target.value)}>
            <option value="">${t('booking.anyPlace')}</option>
            ${places.map((p) => html`<option value=${p.id}>${p.name} (${p.municipality})</option>`)}
          </select>
        </div>
      </div>
      ${list && list.length === 0 ? html`<p class="empty">${t('appointments.empty')}</p>` : null}
      ${days.map((d) => html`
        <h3>${d.label}</h3>
        <ul class="list appointments">
          ${d.items.map((a) => html`
            <li key=${a.id} data-booking=${a.id} data-reference=${a.reference} data-status=${a.status}>
              <strong>${clock(a.startsAt)}</strong>
              <span>${a.location ? a.location.name : `${t(`appointments.kinds.${a.kind}`)} ${a.postcode || ''}`}</span>
              <span class="badge">${a.reference}</span>
              <span class="badge">${topicName(a.topic)}</span>
              <span>${a.maskedNumber || ''}</span>
              <span class="badge status">${t(`appointments.statuses.${a.status}`)}</span>
              ${a.outcomeDue ? html`
                <span class="row">
                  <button type="button" class="attended" onClick=${() => mark(a, 'attended')}>${t('appointments.attended')}</button>
                  <button type="button" class="no-show secondary" onClick=${() => mark(a, 'no_show')}>${t('appointments.noShow')}</button>
                </span>` : null}
              <a href=${`#/person/${encodeURIComponent(a.personId)}`}>${t('history.personPage')}</a>
            </li>`)}
        </ul>`)}
    </section>`;
}
