// One person's history on one page: conversations (with who helped), appointments, loans.
import { useEffect, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { channelName, citizenLanguage, t, topicName, when } from '../core/texts.js';
import { BookingPanel } from './booking.js';

/** The person screen (`#/person/<id>`). */
export function PersonScreen({ param: id, say, go }) {
  const [data, setData] = useState(null);
  const [booking, setBooking] = useState(false);
  const load = () =>
    api('GET', `/console/api/people/${seg(id)}/history`).then((result) => {
      if (result.status === 200) return setData(result.body);
      say(explain(result), true);
      go('history');
    });
  useEffect(() => {
    load();
  }, [id]);
  if (!data) return html`<section id="person-view"><p>${t('common.loading')}</p></section>`;
  const { person } = data;
  return html`
    <section id="person-view">
      <h2>${person.maskedNumber || channelName(person.channel)}</h2>
      <p>${channelName(person.channel)} · ${citizenLanguage(person.language)} · ${t('history.lastSeen', { when: when(person.lastSeenAt) })}</p>
      <h3>${t('history.conversations')}</h3>
      <ul id="person-conversations" class="list">
        ${data.conversations.length === 0 ? html`<li>${t('conversation.none')}</li>` : null}
        ${data.conversations.map((c) => html`
          <li key=${c.id} data-conversation=${c.id}>
            <a href=${`#/conversation/${encodeURIComponent(c.id)}`}>${when(c.lastInboundAt || c.createdAt)} · ${channelName(c.channel)}</a>
            ${c.preview ? html` <span class="preview">${c.preview}</span>` : null}
            ${c.handoffs.map((h) => html` <span class="badge">${topicName(h.topic)} · ${t(`handoffStatus.${h.status}`)}${h.volunteer ? ` · ${h.volunteer}` : ''}</span>`)}
          </li>`)}
      </ul>
      <h3>${t('history.appointments')}</h3>
      ${data.conversations.length ? html`<button type="button" id="book" class="secondary" aria-expanded=${booking} onClick=${() => setBooking(!booking)}>${t('conversation.book')}</button>` : null}
      ${booking ? html`<${BookingPanel} conversationId=${data.conversations[0].id} say=${say} onBooked=${() => { setBooking(false); load(); }} />` : null}
      <div class="table-wrap"><table id="person-appointments">
        <thead><tr><th scope="col">${t('appointments.when')}</th><th scope="col">${t('appointments.place')}</th><th scope="col">${t('appointments.reference')}</th><th scope="col">${t('appointments.status')}</th></tr></thead>
        <tbody>${data.appointments.map((a) => html`<tr key=${a.id}><td>${when(a.startsAt)}</td><td>${a.place || t(`appointments.kinds.${a.kind}`)}</td><td>${a.reference}</td><td>${t(`appointments.statuses.${a.status}`)}</td></tr>`)}</tbody>
      </table></div>
      <h3>${t('history.loans')}</h3>
      <div class="table-wrap"><table id="person-loans">
        <thead><tr><th scope="col">${t('loans.asked')}</th><th scope="col">${t('loans.kind')}</th><th scope="col">${t('appointments.reference')}</th><th scope="col">${t('appointments.status')}</th></tr></thead>
        <tbody>${data.loans.map((l) => html`<tr key=${l.id}><td>${when(l.createdAt)}</td><td>${t(`loans.kinds.${l.deviceKind}`)}</td><td><a href=${`#/loan/${encodeURIComponent(l.id)}`}>${l.reference}</a></td><td>${t(`loans.statuses.${l.status}`)}</td></tr>`)}</tbody>
      </table></div>
    </section>`;
}
