// Booking a helpdesk appointment for a citizen: filter by place and day, choose a free moment, then
// a confirmation step that repeats place, address, day and time (no one-click booking into the wrong town).
import { useEffect, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { t, when } from '../core/texts.js';

/** The booking panel of a conversation (the citizen is told on their channel, in their language). */
export function BookingPanel({ conversationId, say, onBooked }) {
  const [places, setPlaces] = useState(null);
  const [placeId, setPlaceId] = useState('');
  const [date, setDate] = useState('');
  const [chosen, setChosen] = useState(null);
  const base = `/console/api/conversations/${seg(conversationId)}`;
  useEffect(() => {
    let current = true; // a later filter's answer wins, whichever arrives first
    const query = new URLSearchParams();
    if (placeId) query.set('locationId', placeId);
    if (date) query.set('date', date);
    setPlaces(null);
    api('GET', `${base}/slots?${query}`).then((result) => current && setPlaces(result.status === 200 ? result.body.locations : []));
    return () => {
      current = false;
    };
  }, [placeId, date]);
  const [allPlaces, setAllPlaces] = useState([]);
  useEffect(() => {
    api('GET', `${base}/slots`).then((result) => setAllPlaces(result.status === 200 ? result.body.locations : []));
  }, []);
  const book = async () => {
    const result = await api('POST', `${base}/book`, { slotId: chosen.slot.slotId });
    if (result.status !== 201) return say(explain(result), true);
    setChosen(null);
    say(t('conversation.booked', { reference: result.body.booking.reference }));
    onBooked(result.body.booking);
  };
  if (chosen) {
    return html`
      <div id="booking" class="card confirm" role="group" aria-labelledby="confirm-heading">
        <h3 id="confirm-heading">${t('booking.confirmHeading')}</h3>
        <p id="booking-confirm-text">${t('booking.confirmText', { place: chosen.place.name, address: chosen.place.address, municipality: chosen.place.municipality, when: when(chosen.slot.startsAt) })}</p>
        <div class="row">
          <button type="button" id="booking-confirm" onClick=${book}>${t('booking.confirm')}</button>
          <button type="button" class="secondary" onClick=${() => setChosen(null)}>${t('common.cancel')}</button>
        </div>
      </div>`;
  }
  return html`
    <div id="booking" class="card">
      <h3>${t('conversation.bookChoose')}</h3>
      <div class="filters">
        <div class="field">
          <label for="booking-place">${t('booking.place')}</label>
          <select id="booking-place" value=${placeId} onChange=${(e) => setPlaceId(e.target.value)}>
            <option value="">${t('booking.anyPlace')}</option>
            ${allPlaces.map((p) => html`<option value=${p.id}>${p.name} (${p.municipality})</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="booking-date">${t('booking.day')}</label>
          <input id="booking-date" type="date" value=${date} onChange=${(e) => setDate(e.target.value)} />
        </div>
      </div>
      ${places === null ? html`<p>${t('common.loading')}</p>` : null}
      ${places && places.length === 0 ? html`<p>${t('conversation.noSlots')}</p>` : null}
      <ul id="slots" class="slots">
        ${(places || []).flatMap((place) => place.slots.map((slot) => html`
          <li key=${slot.slotId}><button type="button" class="slot secondary" onClick=${() => setChosen({ place, slot })}>${when(slot.startsAt)} · ${place.name}, ${place.municipality}</button></li>`))}
      </ul>
    </div>`;
}
