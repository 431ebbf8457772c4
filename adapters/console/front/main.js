// Digibank console: the entry point bundled by esbuild (adapters/console/consoleBundle.ts) into
// /console/console.js. Preact + htm, one module per screen under screens/, no inline script, no eval.
import { useState } from 'preact/hooks';
import { api, startSession } from './core/api.js';
import { html, render } from './core/html.js';
import { unlockAudio, updateTitle } from './core/notify.js';
import { loadTexts, setUiLanguage, t, UI_LANGUAGES } from './core/texts.js';
import { LoginScreen } from './screens/login.js';
import { LanguageSwitch, Shell } from './shell.js';

function App({ initial }) {
  const [session, setSession] = useState(initial);
  const [status, setStatus] = useState({ text: '', error: false });
  const [loginMessage, setLoginMessage] = useState('');
  const [, setLanguage] = useState(null);
  const say = (text, error = false) => setStatus({ text: text || '', error });
  const onLoggedOut = (message) => {
    setSession(null);
    say('');
    updateTitle(0);
    setLoginMessage(message || '');
  };
  const signedIn = (user, csrf) => {
    startSession(csrf, onLoggedOut);
    if (UI_LANGUAGES.includes(user.uiLanguage)) setUiLanguage(user.uiLanguage);
    setLoginMessage('');
    say('');
    setSession({ user, csrf });
  };
  // The API client needs the session's CSRF token, and what to do on a 401, before any screen asks.
  if (session) startSession(session.csrf ?? '', onLoggedOut);
  if (!session) {
    return html`
      <header class="bar"><h1>${t('title')}</h1><div class="tools"><${LanguageSwitch} onChange=${(lang) => { setUiLanguage(lang); updateTitle(0); setLanguage(lang); }} /></div></header>
      <main><${LoginScreen} message=${loginMessage} onSignedIn=${signedIn} /></main>`;
  }
  return html`<${Shell} user=${session.user} setUser=${(user) => setSession({ ...session, user })} onLoggedOut=${onLoggedOut} status=${status} say=${say} />`;
}

async function start() {
  const preferred = (navigator.language || 'nl').slice(0, 2);
  setUiLanguage(UI_LANGUAGES.includes(preferred) ? preferred : 'nl');
  document.addEventListener('click', unlockAudio, { once: true });
  await loadTexts();
  updateTitle(0);
  const me = await api('GET', '/console/api/me');
  let initial = null;
  if (me.status === 200) {
    startSession(me.body.csrfToken, () => undefined);
    if (UI_LANGUAGES.includes(me.body.user.uiLanguage)) setUiLanguage(me.body.user.uiLanguage);
    initial = { user: me.body.user, csrf: me.body.csrfToken };
  }
  const root = document.getElementById('app');
  root.textContent = '';
  render(html`<${App} initial=${initial} />`, root);
}

start();
