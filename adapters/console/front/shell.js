// The console after login: the bar, the menu (only what the role may do), the status line, the live
// queue (tab title, notification, tone) and the screen of the address (#/name/param).
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, explain } from './core/api.js';
import { html } from './core/html.js';
import { announce, askNotifications, notificationState, setSound, soundOn, unlockAudio, updateTitle } from './core/notify.js';
import { languageName, setUiLanguage, t, UI_LANGUAGES, uiLanguage } from './core/texts.js';
import { screensFor } from './screens/index.js';

/** The address as a route: `#/conversation/abc` → {name: 'conversation', param: 'abc'}. */
export function routeOf(hash) {
  const [name, ...rest] = (hash || '').replace(/^#\/?/, '').split('/');
  return { name: name || 'queue', param: rest.length ? decodeURIComponent(rest.join('/')) : null };
}

/** Goes to a screen. */
export function go(name, param) {
  location.hash = `#/${name}${param ? `/${encodeURIComponent(param)}` : ''}`;
}

function useRoute() {
  const [route, setRoute] = useState(routeOf(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(routeOf(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** The live queue from the server-sent events stream; announces citizens who start waiting. */
function useQueue(onLoggedOut) {
  const [queue, setQueue] = useState([]);
  const seen = useRef(null);
  useEffect(() => {
    const events = new EventSource('/console/api/queue/stream');
    events.addEventListener('queue', (event) => {
      const list = JSON.parse(event.data).queue || [];
      const waiting = list.filter((item) => item.status === 'waiting').map((item) => item.handoffId);
      const fresh = seen.current ? waiting.filter((id) => !seen.current.has(id)) : [];
      seen.current = new Set(waiting);
      setQueue(list);
      if (fresh.length) announce(fresh.length);
    });
    events.addEventListener('logout', () => onLoggedOut(t('login.ended')));
    // The stream broke (server restarted, session gone): the browser reconnects by itself; a session
    // that ended shows the login form (the API client does that on a 401).
    events.addEventListener('error', () => void api('GET', '/console/api/me'));
    return () => events.close();
  }, []);
  return queue;
}

/** The console's language (nl, fr, en), each named in its own words. */
export function LanguageSwitch({ onChange }) {
  return html`
    <label class="tool">${t('language')}
      <select id="ui-language" value=${uiLanguage()} onChange=${(event) => onChange(event.target.value)}>
        ${UI_LANGUAGES.map((lang) => html`<option value=${lang} lang=${lang}>${languageName(lang)}</option>`)}
      </select>
    </label>`;
}

/** Logged in: everything but the login form. */
export function Shell({ user, setUser, onLoggedOut, status, say }) {
  const route = useRoute();
  const queue = useQueue(onLoggedOut);
  const [, redraw] = useState(0);
  const [notifications, setNotifications] = useState(notificationState());
  const waiting = queue.filter((item) => item.status === 'waiting').length;
  useEffect(() => updateTitle(waiting), [waiting, uiLanguage()]);
  useEffect(() => {
    // Re-render every 30 s: waiting times move on.
    const timer = setInterval(() => redraw((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  const screens = screensFor(user.role);
  const screen = screens.find((s) => s.name === route.name && s.component) ?? screens[0];

  const changeLanguage = async (lang) => {
    setUiLanguage(lang);
    setUser({ ...user, uiLanguage: lang });
    const result = await api('PATCH', '/console/api/me', { uiLanguage: lang });
    if (result.status !== 200) say(explain(result), true);
  };
  const logout = async () => {
    await api('POST', '/console/api/logout', {});
    onLoggedOut('');
  };
  const Screen = screen.component;
  return html`
    <header class="bar">
      <h1>${t('title')}</h1>
      <div class="tools">
        <${LanguageSwitch} onChange=${changeLanguage} />
        <label class="tool" id="sound-tool"><input type="checkbox" id="sound" checked=${soundOn()} onChange=${(e) => { setSound(e.target.checked); unlockAudio(); }} /> ${t('sound')}</label>
        ${notifications === 'default' ? html`<button type="button" id="allow-notifications" onClick=${async () => setNotifications(await askNotifications())}>${t('notify.allow')}</button>` : null}
        <span id="who" class="tool">${user.displayName || user.username}</span>
        ${user.role === 'admin' ? html`<button type="button" id="open-audit" onClick=${() => go('audit')}>${t('audit.open')}</button>` : null}
        <button type="button" id="logout" onClick=${logout}>${t('logout')}</button>
      </div>
    </header>
    <nav class="menu" aria-label=${t('nav.label')}>
      <ul>
        ${screens.filter((s) => s.nav).map((s) => html`
          <li><a id=${s.id ?? `nav-${s.name}`} href=${s.href ?? `#/${s.name}`} aria-current=${s.name === screen.name ? 'page' : undefined}>
            ${t(`nav.${s.name}`)}${s.name === 'queue' && waiting > 0 ? html` <span class="count">${waiting}</span>` : null}
          </a></li>`)}
      </ul>
    </nav>
    <p id="status" role="status" aria-live="polite" class=${status.error ? 'error' : ''}>${status.text}</p>
    <main>
      <${Screen} key=${`${screen.name}/${route.param ?? ''}`} user=${user} setUser=${setUser} param=${route.param} queue=${queue} say=${say} go=${go} />
    </main>`;
}
