// Workshops and courses: the digibank's workshops to come, a new one (one session or a weekly series),
// and for one workshop its sessions, the people registered and waiting, attendance, more or fewer
// seats, and cancelling it. The server tells the citizens (a freed seat, a cancelled workshop).
import { useEffect, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { channelName, t, today, topicName, uiLanguage, when } from '../core/texts.js';

const PLANNERS = ['admin', 'coordinator'];
const LEVELS = ['beginner', 'intermediate', 'advanced'];
const LANGUAGES = ['nl', 'fr', 'en'];

/** A workshop's title in the console's language, else in its language of instruction, else any. */
export function titleOf(workshop) {
  const title = workshop.title || {};
  return title[uiLanguage()] || title[workshop.language] || Object.values(title)[0] || '';
}

/** A 422 answer in words: the fields that are not right. */
function invalidFields(result) {
  return t('workshops.invalid', { fields: (result.body.fields || []).map((field) => t(`workshops.fields.${field}`)).join(', ') });
}

/** The places of the user's digibank (for a new workshop). */
function usePlaces() {
  const [places, setPlaces] = useState([]);
  useEffect(() => {
    api('GET', '/console/api/locations').then((result) => setPlaces(result.body.locations || []));
  }, []);
  return places;
}

/** The form for a new workshop: a place, a title in one or more languages, what and for whom, when. */
function NewWorkshopForm({ topics, say, onCreated }) {
  const places = usePlaces();
  const [form, setForm] = useState({ locationId: '', nl: '', fr: '', en: '', topic: 'smartphone_basics', level: 'beginner', language: uiLanguage(), seats: 12, firstDate: today(), time: '14:00', minutes: 120, weeks: 1 });
  const set = (field) => (event) => setForm({ ...form, [field]: event.target.value });
  const submit = async (event) => {
    event.preventDefault();
    const title = Object.fromEntries(LANGUAGES.filter((lang) => form[lang].trim()).map((lang) => [lang, form[lang].trim()]));
    const body = {
      locationId: form.locationId || (places[0] && places[0].id) || '', title, topic: form.topic, level: form.level, language: form.language, seats: Number(form.seats),
      series: { firstDate: form.firstDate, time: form.time, minutes: Number(form.minutes), weeks: Number(form.weeks) },
    };
    const result = await api('POST', '/console/api/workshops', body);
    if (result.status === 422) return say(invalidFields(result), true);
    if (result.status !== 201) return say(explain(result), true);
    say(t('workshops.created', { title: titleOf(result.body.workshop) }));
    onCreated(result.body.workshop);
  };
  return html`
    <form id="workshop-new" class="card" onSubmit=${submit}>
      <h3>${t('workshops.new')}</h3>
      <div class="field">
        <label for="workshop-place">${t('workshops.fields.locationId')}</label>
        <select id="workshop-place" value=${form.locationId} onChange=${set('locationId')}>
          ${places.map((p) => html`<option value=${p.id}>${p.name} (${p.municipality})</option>`)}
        </select>
      </div>
      ${LANGUAGES.map((lang) => html`
        <div class="field">
          <label for=${`workshop-title-${lang}`}>${t('workshops.titleIn', { language: t(`languages.${lang}`) })}</label>
          <input id=${`workshop-title-${lang}`} lang=${lang} value=${form[lang]} onInput=${set(lang)} maxlength="200" />
        </div>`)}
      <div class="field">
        <label for="workshop-topic">${t('workshops.fields.topic')}</label>
        <select id="workshop-topic" value=${form.topic} onChange=${set('topic')}>
          ${topics.map((topic) => html`<option value=${topic}>${topicName(topic)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="workshop-level">${t('workshops.fields.level')}</label>
        <select id="workshop-level" value=${form.level} onChange=${set('level')}>
          ${LEVELS.map((level) => html`<option value=${level}>${t(`workshops.levels.${level}`)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="workshop-language">${t('workshops.fields.language')}</label>
        <select id="workshop-language" value=${form.language} onChange=${set('language')}>
          ${LANGUAGES.map((lang) => html`<option value=${lang}>${t(`languages.${lang}`)}</option>`)}
        </select>
      </div>
      <div class="field">
        <label for="workshop-seats">${t('workshops.fields.seats')}</label>
        <input id="workshop-seats" type="number" min="1" max="500" value=${form.seats} onInput=${set('seats')} required />
      </div>
      <div class="field">
        <label for="workshop-date">${t('workshops.firstDate')}</label>
        <input id="workshop-date" type="date" value=${form.firstDate} onInput=${set('firstDate')} required />
      </div>
      <div class="field">
        <label for="workshop-time">${t('workshops.time')}</label>
        <input id="workshop-time" type="time" value=${form.time} onInput=${set('time')} required />
      </div>
      <div class="field">
        <label for="workshop-minutes">${t('workshops.minutes')}</label>
        <input id="workshop-minutes" type="number" min="15" max="600" value=${form.minutes} onInput=${set('minutes')} required />
      </div>
      <div class="field">
        <label for="workshop-weeks">${t('workshops.weeks')}</label>
        <input id="workshop-weeks" type="number" min="1" max="52" value=${form.weeks} onInput=${set('weeks')} required />
      </div>
      <button type="submit" id="workshop-create">${t('workshops.create')}</button>
    </form>`;
}

/** The digibank's workshops to come (`#/workshops`), and a new one for those who plan. */
export function WorkshopsScreen({ user, say, go }) {
  const [workshops, setWorkshops] = useState(null);
  const [topics, setTopics] = useState([]);
  const load = async () => {
    const result = await api('GET', '/console/api/workshops');
    if (result.status !== 200) return say(explain(result), true);
    setWorkshops(result.body.workshops);
    setTopics(result.body.topics || []);
  };
  useEffect(() => {
    load();
  }, []);
  return html`
    <section id="workshops-view">
      <h2>${t('workshops.heading')}</h2>
      ${workshops && workshops.length === 0 ? html`<p class="empty">${t('workshops.empty')}</p>` : null}
      <ul id="workshops" class="list">
        ${(workshops || []).map((w) => html`
          <li key=${w.id} data-workshop=${w.id} data-status=${w.status}>
            <a href=${`#/workshop/${encodeURIComponent(w.id)}`}>${titleOf(w)}</a>
            <small>${when(w.startsAt)}</small>
            <span class="badge">${t('workshops.sessionCount', { count: w.sessions.length })}</span>
            <span class="badge">${t('workshops.seatsTaken', { taken: w.taken, seats: w.seats })}</span>
            <span class="badge">${topicName(w.topic)}</span>
            <span class="badge status">${t(`workshops.statuses.${w.status}`)}</span>
          </li>`)}
      </ul>
      ${PLANNERS.includes(user.role) ? html`<${NewWorkshopForm} topics=${topics} say=${say} onCreated=${(w) => go('workshop', w.id)} />` : null}
    </section>`;
}

/** Who came to one session: a checkbox per person registered, once the session has started. */
function AttendanceCell({ registration, session, mark }) {
  const started = new Date(session.startsAt).getTime() <= Date.now();
  if (!started || registration.status !== 'registered') return html`<td>–</td>`;
  const id = `came-${registration.registrationId}-${session.id}`;
  return html`
    <td>
      <input type="checkbox" id=${id} checked=${registration.attendance[session.id] === true} onChange=${(e) => mark(registration, session, e.target.checked)} />
      <label for=${id} class="sr-only">${t('workshops.came', { reference: registration.reference, date: when(session.startsAt) })}</label>
    </td>`;
}

/** More or fewer seats: the same workshop with another number (more seats go to the waiting list at once). */
function SeatsForm({ workshop, save }) {
  const [seats, setSeats] = useState(workshop.seats);
  return html`
    <form class="row inline-form" onSubmit=${(e) => { e.preventDefault(); save(Number(seats)); }}>
      <label for="workshop-seats-edit">${t('workshops.fields.seats')}</label>
      <input id="workshop-seats-edit" type="number" min="1" max="500" value=${seats} onInput=${(e) => setSeats(e.target.value)} required />
      <button type="submit" id="workshop-seats-save">${t('workshops.saveSeats')}</button>
    </form>`;
}

/** Cancelling a whole workshop asks once more, saying how many people will be told. */
function CancelWorkshop({ people, cancel }) {
  const [asking, setAsking] = useState(false);
  if (!asking) return html`<button type="button" id="workshop-cancel" class="danger" onClick=${() => setAsking(true)}>${t('workshops.cancel')}</button>`;
  return html`
    <div class="row" role="group" aria-labelledby="workshop-cancel-question">
      <p id="workshop-cancel-question">${t('workshops.cancelQuestion', { count: people })}</p>
      <button type="button" id="workshop-cancel-yes" class="danger" onClick=${cancel}>${t('workshops.cancelYes')}</button>
      <button type="button" id="workshop-cancel-no" class="secondary" onClick=${() => setAsking(false)}>${t('workshops.cancelNo')}</button>
    </div>`;
}

/** One workshop (`#/workshop/<id>`): sessions, people, attendance, seats, cancel. */
export function WorkshopScreen({ param: id, user, say, go }) {
  const [workshop, setWorkshop] = useState(null);
  const [people, setPeople] = useState([]);
  const load = async () => {
    const [list, registrations] = await Promise.all([api('GET', '/console/api/workshops'), api('GET', `/console/api/workshops/${seg(id)}/registrations`)]);
    const found = (list.body.workshops || []).find((w) => w.id === id);
    if (registrations.status !== 200 || !found) {
      say(registrations.status !== 200 ? explain(registrations) : t('workshops.gone'), true);
      return go('workshops');
    }
    setWorkshop(found);
    setPeople(registrations.body.registrations);
  };
  useEffect(() => {
    load();
  }, [id]);
  const mark = async (registration, session, attended) => {
    const result = await api('POST', `/console/api/workshops/${seg(id)}/attendance`, { registrationId: registration.registrationId, sessionId: session.id, attended });
    if (result.status !== 200) return say(explain(result), true);
    say(t(attended ? 'workshops.marked' : 'workshops.unmarked', { reference: registration.reference }));
    load();
  };
  const saveSeats = async (seats) => {
    const { locationId, title, description, whatToBring, topic, level, language, priceCents, sessions } = workshop;
    const body = { locationId, title, description, whatToBring, topic, level, language, priceCents, seats, sessions: sessions.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })) };
    const result = await api('PUT', `/console/api/workshops/${seg(id)}`, body);
    if (result.status === 422) return say(invalidFields(result), true);
    if (result.status !== 200) return say(explain(result), true);
    say(t('workshops.seatsSaved', { seats }));
    load();
  };
  const cancel = async () => {
    const result = await api('POST', `/console/api/workshops/${seg(id)}/cancel`, {});
    if (result.status !== 200) return say(explain(result), true);
    say(t('workshops.cancelled', { count: result.body.cancelled.told }));
    load();
  };
  if (!workshop) return html`<section id="workshop-view"><p>${t('common.loading')}</p></section>`;
  const plans = PLANNERS.includes(user.role) && workshop.status === 'open';
  const active = people.filter((p) => p.status !== 'cancelled').length;
  return html`
    <section id="workshop-view" data-status=${workshop.status}>
      <a href="#/workshops">${t('workshops.back')}</a>
      <h2>${titleOf(workshop)}</h2>
      <div class="columns">
        <div class="card summary">
          <dl>
            <dt>${t('workshops.status')}</dt><dd id="workshop-status">${t(`workshops.statuses.${workshop.status}`)}</dd>
            <dt>${t('workshops.fields.topic')}</dt><dd>${topicName(workshop.topic)}</dd>
            <dt>${t('workshops.fields.level')}</dt><dd>${t(`workshops.levels.${workshop.level}`)}</dd>
            <dt>${t('workshops.fields.language')}</dt><dd>${t(`languages.${workshop.language}`)}</dd>
            <dt>${t('workshops.fields.seats')}</dt><dd id="workshop-seats-taken">${t('workshops.seatsTaken', { taken: workshop.taken, seats: workshop.seats })}</dd>
          </dl>
          <h3>${t('workshops.sessions')}</h3>
          <ol class="events">${workshop.sessions.map((s) => html`<li key=${s.id}>${when(s.startsAt)}</li>`)}</ol>
          ${plans ? html`<${SeatsForm} workshop=${workshop} save=${saveSeats} />` : null}
          ${plans ? html`<${CancelWorkshop} people=${active} cancel=${cancel} />` : null}
        </div>
        <div class="card">
          <h3>${t('workshops.people')}</h3>
          ${people.length === 0 ? html`<p class="empty">${t('workshops.nobody')}</p>` : html`
            <div class="table-wrap"><table id="workshop-people">
              <caption class="sr-only">${t('workshops.people')}</caption>
              <thead><tr>
                <th scope="col">${t('workshops.reference')}</th>
                <th scope="col">${t('workshops.status')}</th>
                <th scope="col">${t('workshops.channel')}</th>
                ${workshop.sessions.map((s) => html`<th scope="col" key=${s.id}>${when(s.startsAt)}</th>`)}
              </tr></thead>
              <tbody>
                ${people.map((p) => html`
                  <tr key=${p.registrationId} data-reference=${p.reference} data-status=${p.status}>
                    <td>${p.reference}</td>
                    <td>${t(`workshops.registrationStatuses.${p.status}`)}</td>
                    <td>${channelName(p.channel)}</td>
                    ${workshop.sessions.map((s) => html`<${AttendanceCell} key=${s.id} registration=${p} session=${s} mark=${mark} />`)}
                  </tr>`)}
              </tbody>
            </table></div>`}
        </div>
      </div>
    </section>`;
}
