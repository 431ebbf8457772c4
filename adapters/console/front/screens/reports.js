// Reports: the reach report of a period as tables and charts, as a screen of the console. The
// drawing is the Reports script's (public/reports.js, also behind /console/reports), loaded with
// Chart.js from this server on first use.
import { useEffect, useRef } from 'preact/hooks';
import { html } from '../core/html.js';
import { t, uiLanguage } from '../core/texts.js';

/** Loads a script of this server once (no inline script: the CSP allows only files of 'self'). */
function loadScript(src) {
  const found = document.querySelector(`script[src="${src}"]`);
  if (found) return found.loaded;
  const script = document.createElement('script');
  script.src = src;
  script.loaded = new Promise((resolve, reject) => {
    script.addEventListener('load', resolve);
    script.addEventListener('error', reject);
  });
  document.head.appendChild(script);
  return script.loaded;
}

/** The reports screen (`#/reports`), for coordinators and administrators. */
export function ReportsScreen({ user, say }) {
  const root = useRef(null);
  useEffect(() => {
    loadScript('/console/chart.umd.js')
      .then(() => loadScript('/console/reports.js'))
      .then(() => window.digibankReports.mount(root.current, { lang: uiLanguage(), user, say }))
      .catch(() => say(t('errors.network'), true));
  }, []);
  return html`
    <section id="reports-view">
      <h2>${t('reports.heading')}</h2>
      <div id="reports" ref=${root} hidden></div>
    </section>`;
}
