// Who opened what (administrators): the audit trail of conversations, people, loans and exports.
import { useEffect, useState } from 'preact/hooks';
import { api, explain } from '../core/api.js';
import { html } from '../core/html.js';
import { t, when } from '../core/texts.js';

/** The audit screen (`#/audit`). */
export function AuditScreen({ say, go }) {
  const [events, setEvents] = useState(null);
  useEffect(() => {
    api('GET', '/console/api/audit?limit=500').then((result) => (result.status === 200 ? setEvents(result.body.events || []) : say(explain(result), true)));
  }, []);
  return html`
    <section id="audit-view">
      <button type="button" id="audit-back" class="link" onClick=${() => go('queue')}>${t('conversation.back')}</button>
      <h2>${t('audit.heading')}</h2>
      ${events && events.length === 0 ? html`<p id="audit-empty">${t('audit.empty')}</p>` : null}
      <div class="card table-wrap">
        <table id="audit-table">
          <thead><tr><th scope="col">${t('audit.when')}</th><th scope="col">${t('audit.who')}</th><th scope="col">${t('audit.what')}</th><th scope="col">${t('audit.subject')}</th></tr></thead>
          <tbody id="audit-rows">${(events || []).map((e) => html`<tr key=${e.id}><td>${when(e.at)}</td><td>${e.actorName}</td><td>${t(`audit.actions.${e.action}`)}</td><td class="id">${e.subjectType} ${e.subjectId}</td></tr>`)}</tbody>
        </table>
      </div>
    </section>`;
}
