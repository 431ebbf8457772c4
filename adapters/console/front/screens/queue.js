// Waiting citizens and my conversations: the live queue (server-sent events, in the shell), urgent
// first; each row says who (masked number), channel, language (simplified language clearly), topic
// in words, a one-line masked preview of the last message and the waiting time.
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { unlockAudio } from '../core/notify.js';
import { channelName, citizenLanguage, isSimple, minutesSince, t, topicName } from '../core/texts.js';

/** Claims a waiting conversation (or takes it over from the assistant) and opens it. */
export async function claim(conversationId, action, { say, go }) {
  unlockAudio();
  const result = await api('POST', `/console/api/conversations/${seg(conversationId)}/${action}`, {});
  if (result.status === 200) {
    say('');
    return go('conversation', conversationId);
  }
  say(explain(result), true);
}

function Row({ item, props }) {
  const waiting = item.status === 'waiting';
  return html`
    <li data-conversation=${item.conversationId} data-status=${item.status} class=${item.urgent ? 'urgent' : ''}>
      <div class="who">
        <strong>${item.maskedNumber || t('queue.anonymous')}</strong>
        <span class="preview">${item.preview || ''}</span>
      </div>
      <div class="meta">
        ${item.urgent ? html`<span class="badge urgent">${t('queue.urgent')}</span>` : null}
        <span class="badge channel">${channelName(item.channel)}</span>
        <span class=${`badge language${isSimple(item.language) ? ' simple' : ''}`}>${citizenLanguage(item.language)}</span>
        <span class="badge topic">${topicName(item.topic)}</span>
        <span class="badge reason">${t(`reasons.${item.reason}`)}</span>
        ${waiting
          ? html`<span class="badge wait">${t('queue.waiting', { minutes: minutesSince(item.requestedAt) })}</span>`
          : html`<span class="badge with">${t('queue.withVolunteer', { name: item.volunteer ? item.volunteer.name : '?' })}</span>`}
      </div>
      ${waiting ? html`<button type="button" class="claim" onClick=${() => claim(item.conversationId, 'claim', props)}>${t('queue.claim')}</button>` : null}
      <button type="button" class="open secondary" onClick=${() => props.go('conversation', item.conversationId)}>${t('queue.open')}</button>
    </li>`;
}

function QueueList({ id, heading, empty, items, props }) {
  return html`
    <section id=${id}>
      <h2>${heading}</h2>
      ${items.length === 0 ? html`<p class="empty">${empty}</p>` : null}
      <ul id=${id === 'queue-view' ? 'queue' : undefined} class="queue">${items.map((item) => html`<${Row} key=${item.handoffId} item=${item} props=${props} />`)}</ul>
    </section>`;
}

/** Everyone waiting or with a volunteer, of the user's digibank (and of no known digibank). */
export function QueueScreen(props) {
  return html`<${QueueList} id="queue-view" heading=${t('queue.heading')} empty=${t('queue.empty')} items=${props.queue} props=${props} />`;
}

/** The conversations the user has now. */
export function MineScreen(props) {
  const mine = props.queue.filter((item) => item.status === 'with_volunteer' && item.volunteer && item.volunteer.id === props.user.id);
  return html`<${QueueList} id="mine-view" heading=${t('nav.mine')} empty=${t('queue.noneMine')} items=${mine} props=${props} />`;
}
