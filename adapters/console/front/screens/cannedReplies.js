// Canned replies per language, written by coordinators (one per line). With none in a language the
// seven fixed quick replies of that language are offered; simplified language has its own set.
import { useEffect, useState } from 'preact/hooks';
import { api, explain, seg } from '../core/api.js';
import { html } from '../core/html.js';
import { citizenLanguage, t } from '../core/texts.js';

/** The canned replies screen (`#/replies`). */
export function CannedRepliesScreen({ user, say }) {
  const [language, setLanguage] = useState('nl');
  const [data, setData] = useState(null);
  const [text, setText] = useState('');
  const [digibanks, setDigibanks] = useState([]);
  const [digibankId, setDigibankId] = useState(user.digibankId || '');
  useEffect(() => {
    if (user.role === 'admin') api('GET', '/console/api/digibanks').then((result) => setDigibanks(result.body.digibanks || []));
  }, []);
  useEffect(() => {
    let current = true; // the answer for the language chosen last wins
    const query = new URLSearchParams({ language });
    if (digibankId) query.set('digibankId', digibankId);
    setData(null); // the box is editable only once the replies of this language are in it
    api('GET', `/console/api/canned-replies?${query}`).then((result) => {
      if (!current) return;
      if (result.status !== 200) return say(explain(result), true);
      setData(result.body);
      setText(result.body.replies.map((r) => r.text).join('\n'));
    });
    return () => {
      current = false;
    };
  }, [language, digibankId]);
  const save = async (e) => {
    e.preventDefault();
    const replies = text.split('\n').map((line) => line.trim()).filter(Boolean);
    const result = await api('PUT', `/console/api/canned-replies/${seg(language)}`, { replies, ...(user.role === 'admin' ? { digibankId } : {}) });
    if (result.status !== 200) return say(explain(result), true);
    setData(result.body);
    setText(result.body.replies.map((r) => r.text).join('\n'));
    say(t('replies.saved'));
  };
  return html`
    <section id="replies-view">
      <h2>${t('replies.heading')}</h2>
      <p class="hint">${t('replies.hint')}</p>
      <form id="replies-form" class="card form-grid" onSubmit=${save}>
        ${user.role === 'admin' ? html`<label for="replies-digibank">${t('users.digibank')}</label>
          <select id="replies-digibank" value=${digibankId} onChange=${(e) => setDigibankId(e.target.value)} required>
            <option value="">${t('users.chooseDigibank')}</option>
            ${digibanks.map((d) => html`<option value=${d.id}>${d.name}</option>`)}
          </select>` : null}
        <label for="replies-language">${t('replies.language')}</label>
        <select id="replies-language" value=${language} onChange=${(e) => setLanguage(e.target.value)}>
          ${(data?.languages || ['nl', 'fr', 'en', 'nl-simple']).map((lang) => html`<option value=${lang}>${citizenLanguage(lang)}</option>`)}
        </select>
        ${data ? html`
          <p>${data.custom ? t('replies.own') : t('replies.defaults')}</p>
          <label for="replies-text">${t('replies.lines')}</label>
          <textarea id="replies-text" rows="10" value=${text} onInput=${(e) => setText(e.target.value)}></textarea>
          <button type="submit" id="replies-save">${t('common.save')}</button>` : html`<p>${t('common.loading')}</p>`}
      </form>
    </section>`;
}
