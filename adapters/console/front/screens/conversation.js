// One conversation: the summary (what the assistant tried), notes, the transcript (opens at the
// newest message and follows new ones; who said what; sent / delivered / read / failed), the answer
// box (Ctrl+Enter sends), quick replies in the citizen's language, and the actions.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { channelName, citizenLanguage, isSimple, t, topicName, when } from '../core/texts.js';
import { claim } from './queue.js';
import { BookingPanel } from './booking.js';

const REFRESH_MS = 3000;
const FAILED = ['failed', 'awaiting_window', 'suppressed'];

function authorName(message) {
  if (message.author && message.author.kind === 'volunteer') return message.author.name;
  return message.direction === 'in' ? t('conversation.citizen') : t('conversation.assistant');
}

function deliveryOf(message) {
  if (message.direction !== 'out') return '';
  if (FAILED.includes(message.status)) return t('conversation.failed');
  return t(`delivery.${message.status}`);
}

function Transcript({ messages }) {
  const list = useRef(null);
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    if (list.current && atBottom.current) list.current.scrollTop = list.current.scrollHeight;
  }, [messages.length, messages[messages.length - 1]?.status]);
  const onScroll = () => {
    const el = list.current;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };
  return html`
    <ol id="transcript" class="transcript" ref=${list} onScroll=${onScroll} tabindex="0" aria-label=${t('conversation.transcript')}>
      ${messages.map((m) => html`
        <li key=${m.id} class=${`${m.direction}${m.author && m.author.kind === 'volunteer' ? ' volunteer' : ''}${FAILED.includes(m.status) ? ' failed' : ''}`} data-status=${m.status}>
          <span class="author">${authorName(m)}</span>
          <span class="text">${m.text || ''}</span>
          <small>${when(m.createdAt)}${m.direction === 'out' ? ` · ${deliveryOf(m)}` : ''}</small>
        </li>`)}
    </ol>`;
}

function Summary({ view }) {
  const s = view.summary;
  const none = t('conversation.none');
  const rows = [
    ['conversation.languageLabel', citizenLanguage(s.language)],
    ['conversation.channelLabel', channelName(s.channel)],
    ['conversation.topicLabel', s.topic ? topicName(s.topic) : none],
    ['conversation.reasonLabel', s.reason ? t(`reasons.${s.reason}`) : none],
    ['conversation.triedLabel', (s.assistantSaid || []).join('\n') || none],
    ['conversation.bookingsLabel', s.bookings.map((b) => `${when(b.startsAt)}${b.place ? `, ${b.place}` : ''} (${b.reference})`).join('\n') || none],
    ['conversation.loansLabel', s.loans.map((l) => `${t(`loans.kinds.${l.deviceKind}`)}: ${t(`loans.statuses.${l.status}`)} (${l.reference})`).join('\n') || none],
  ];
  if (s.callbackRequested) rows.push(['conversation.callbackLabel', t('conversation.callbackAsked')]);
  return html`<dl id="summary-list">${rows.map(([key, value]) => html`<dt>${t(key)}</dt><dd>${value}</dd>`)}</dl>`;
}

function Notes({ notes, act }) {
  const [text, setText] = useState('');
  const submit = async (event) => {
    event.preventDefault();
    if (!text.trim()) return;
    if (await act('notes', { text: text.trim() })) setText('');
  };
  return html`
    <h3>${t('conversation.notesLabel')}</h3>
    <ul id="notes" class="notes">${notes.map((n) => html`<li key=${n.id}>${n.text} <small>${n.author ? `${n.author.name}, ` : ''}${when(n.createdAt)}</small></li>`)}</ul>
    <form id="note-form" onSubmit=${submit}>
      <label for="note-text" class="sr-only">${t('conversation.note')}</label>
      <textarea id="note-text" rows="2" maxlength="4000" placeholder=${t('conversation.notePlaceholder')} value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
      <button type="submit" id="note-submit">${t('conversation.note')}</button>
    </form>`;
}

function PersonData({ personId, go, say }) {
  const base = `/console/api/people/${seg(personId)}/export?format=`;
  const erase = async () => {
    if (!window.confirm(t('person.confirmErase'))) return;
    const result = await api('POST', `/console/api/people/${seg(personId)}/erase`, {});
    if (result.status !== 200) return say(explain(result), true);
    go('queue');
    say(t('person.erased'));
  };
  return html`
    <div id="person-data" class="person-data" data-person=${personId}>
      <h3>${t('person.heading')}</h3>
      <p class="row">
        <a id="export-json" class="button-link" download href=${`${base}json`}>${t('person.export')}</a>
        <a id="export-text" class="button-link" download href=${`${base}text`}>${t('person.exportText')}</a>
      </p>
      <button type="button" id="erase-person" class="danger" onClick=${erase}>${t('person.erase')}</button>
    </div>`;
}

function WindowInfo({ view }) {
  if (view.optedOut) return html`<p id="window-info" class="window closed">${t('conversation.optedOut')}</p>`;
  if (!view.window.applies) return null;
  if (view.window.open) return html`<p id="window-info" class="window">${t('conversation.windowOpen', { time: when(view.window.closesAt) })}</p>`;
  return html`<p id="window-info" class="window closed">${view.window.template ? t('conversation.windowClosed') : t('conversation.noTemplate')}</p>`;
}

function ReplyBox({ view, base, reload, say }) {
  const [text, setText] = useState('');
  const [quick, setQuick] = useState({ language: null, replies: [] });
  const area = useRef(null);
  useEffect(() => {
    api('GET', `${base}/quick-replies`).then((result) => {
      if (result.status === 200) setQuick(result.body);
    });
  }, [base]);
  const closed = view.window.applies && !view.window.open;
  const send = async (asTemplate) => {
    const body = text.trim();
    if (!body) return;
    const result = await api('POST', `${base}/messages`, { text: body, asTemplate });
    if (result.status === 201) {
      setText('');
      say(t('conversation.sent'));
      return reload();
    }
    say(explain(result), true);
    if (result.body.error === 'window_closed') reload();
  };
  const onKeyDown = (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      send(closed);
    }
  };
  return html`
    <div id="quick-replies" class="quick" role="group" aria-labelledby="quick-label">
      <span id="quick-label">${t('conversation.quickReplies')}${isSimple(quick.language) ? ` (${t('conversation.simpleWording')})` : ''}</span>
      ${quick.replies.map((reply) => html`<button type="button" class="quick-reply" key=${reply.id} onClick=${() => { setText(reply.text); area.current && area.current.focus(); }}>${reply.text}</button>`)}
    </div>
    <form id="reply-form" class="reply" onSubmit=${(e) => { e.preventDefault(); send(false); }}>
      <label for="reply-text">${t('conversation.reply')}</label>
      <textarea id="reply-text" ref=${area} rows="3" maxlength="4000" value=${text} onInput=${(e) => setText(e.target.value)} onKeyDown=${onKeyDown} aria-describedby="reply-hint"></textarea>
      <small id="reply-hint">${t('conversation.ctrlEnter')}</small>
      <div class="row">
        ${closed ? null : html`<button type="submit" id="send">${t('conversation.send')}</button>`}
        ${closed && view.window.template ? html`<button type="button" id="send-template" onClick=${() => send(true)}>${t('conversation.sendTemplate')}</button>` : null}
      </div>
    </form>`;
}

function Transfer({ user, act }) {
  const [colleagues, setColleagues] = useState([]);
  const [to, setTo] = useState('');
  useEffect(() => {
    api('GET', '/console/api/users').then((result) => setColleagues((result.body.users || []).filter((u) => u.active && u.id !== user.id)));
  }, []);
  return html`
    <span class="row">
      <label for="transfer-to" class="sr-only">${t('conversation.transferTo')}</label>
      <select id="transfer-to" value=${to} onChange=${(e) => setTo(e.target.value)}>
        <option value="">${t('conversation.transferTo')}</option>
        ${colleagues.map((u) => html`<option value=${u.id}>${u.displayName || u.username}</option>`)}
      </select>
      <button type="button" id="transfer" onClick=${() => to && act('transfer', { userId: to })}>${t('conversation.transfer')}</button>
    </span>`;
}

/** The conversation screen (`#/conversation/<id>`). */
export function ConversationScreen(props) {
  const { param: id, user, say, go } = props;
  const [view, setView] = useState(null);
  const [booking, setBooking] = useState(false);
  const base = `/console/api/conversations/${seg(id)}`;
  const load = async () => {
    const result = await api('GET', base);
    if (result.status === 200) return setView(result.body);
    say(explain(result), true);
    go('queue');
  };
  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [id]);
  const act = async (action, body) => {
    const result = await api('POST', `${base}/${action}`, body || {});
    if (result.status !== 200 && result.status !== 201) {
      say(explain(result), true);
      return false;
    }
    if (['release', 'close', 'transfer'].includes(action)) {
      go('queue');
      say(t(`conversation.done.${action}`));
    } else {
      say('');
      await load();
    }
    return true;
  };
  if (!view) return html`<section id="conversation-view"><p>${t('common.loading')}</p></section>`;
  const handoff = view.handoff;
  const open = handoff && (handoff.status === 'waiting' || handoff.status === 'with_volunteer');
  const state = !open ? t('conversation.statusEnded') : handoff.status === 'waiting' ? t('conversation.statusWaiting') : t('conversation.statusWithVolunteer', { name: handoff.volunteer ? handoff.volunteer.name : '?' });
  const lead = user.role === 'admin' || user.role === 'coordinator';
  return html`
    <section id="conversation-view">
      <button type="button" id="back" class="link" onClick=${() => go('queue')}>${t('conversation.back')}</button>
      <div class="columns">
        <aside class="card summary">
          <h2>${t('conversation.summary')}</h2>
          <p id="handoff-state" class="state">${state}</p>
          <${Summary} view=${view} />
          ${view.conversation.personId ? html`<p><a href=${`#/person/${encodeURIComponent(view.conversation.personId)}`}>${t('history.personPage')}</a></p>` : null}
          <${Notes} notes=${view.notes} act=${act} />
          ${view.conversation.personId && lead ? html`<${PersonData} personId=${view.conversation.personId} go=${go} say=${say} />` : null}
        </aside>
        <section class="card chat" aria-labelledby="transcript-heading">
          <h2 id="transcript-heading">${t('conversation.transcript')}</h2>
          <${Transcript} messages=${view.transcript} />
          <${WindowInfo} view=${view} />
          ${view.mine ? html`<${ReplyBox} view=${view} base=${base} reload=${load} say=${say} />` : null}
          <div id="actions" class="actions">
            ${handoff && handoff.status === 'waiting' ? html`<button type="button" id="claim" onClick=${() => claim(id, 'claim', props)}>${t('conversation.claim')}</button>` : null}
            ${!open ? html`<button type="button" id="takeover" onClick=${() => claim(id, 'takeover', props)}>${t('conversation.takeover')}</button>` : null}
            ${view.mine ? html`<button type="button" id="release" onClick=${() => act('release')}>${t('conversation.release')}</button>` : null}
            ${open ? html`<button type="button" id="close" class="danger" onClick=${() => window.confirm(t('conversation.confirmClose')) && act('close')}>${t('conversation.close')}</button>` : null}
            ${view.mine ? html`<${Transfer} user=${user} act=${act} />` : null}
            ${view.conversation.personId ? html`<button type="button" id="book" class="secondary" onClick=${() => setBooking(!booking)} aria-expanded=${booking}>${t('conversation.book')}</button>` : null}
          </div>
          ${booking ? html`<${BookingPanel} conversationId=${id} say=${say} onBooked=${() => { setBooking(false); load(); }} />` : null}
        </section>
      </div>
    </section>`;
}
