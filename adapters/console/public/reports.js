// Console › Reports: the reach report of a period as tables and charts (Chart.js, served from this
// server), CSV and XLSX downloads. Plain browser JavaScript, no inline script (CSP). Every chart has
// its table; texts come from /console/texts.json (`reports`), figures from /console/api/reports/reach.
// The same code draws the page /console/reports and the console's Reports screen: it builds its
// markup into a root element (`window.digibankReports.mount(root, {lang, user, say})`).
(function () {
  'use strict';

  var LANGUAGES = ['nl', 'fr', 'en'];
  /** The Flemish result tiers count unique people: up to 1,000, 1,001–1,500, 1,501–1,750, above 1,750. */
  var TIERS = [1000, 1500, 1750];
  var COLORS = ['#004f9f', '#b3261e', '#1b7a3a', '#7a4b00', '#5b3a9c', '#00707a', '#4a5560'];
  var state = { texts: {}, lang: 'nl', user: null, charts: {}, digibanksListed: false, say: null };
  /** The four charts, each with its table: id → heading key. */
  var CHARTS = [['weeks', 'reports.chartPeople'], ['channels', 'reports.chartChannels'], ['topics', 'reports.chartTopics'], ['tiers', 'reports.chartTiers']];

  function $(id) { return document.getElementById(id); }

  function lookup(key) {
    return key.split('.').reduce(function (node, part) { return node && typeof node === 'object' ? node[part] : undefined; }, state.texts[state.lang]);
  }

  function t(key, vars) {
    var text = lookup(key);
    if (typeof text !== 'string') return key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, function (_m, name) { return vars && vars[name] !== undefined ? String(vars[name]) : ''; });
  }

  /** A figure's name: `columns` keys hold dots themselves (`appointments.made`). */
  function column(key) {
    var columns = lookup('reports.columns');
    return columns && typeof columns[key] === 'string' ? columns[key] : key;
  }

  function number(value) {
    return value === null || value === undefined ? '–' : Number(value).toLocaleString(state.lang + '-BE');
  }

  function say(text, isError) {
    state.say(text || '', Boolean(isError));
  }

  /** An element with attributes (`t`: a text key) and children. */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 't') node.textContent = t(attrs.t);
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child); });
    return node;
  }

  function field(id, key, control) {
    return el('div', { class: 'field', id: id + '-field' }, [el('label', { for: id, t: key }), control]);
  }

  /** A table in its own scroll area (narrow screens), named by its heading. */
  function scrollTable(tableId, headingId) {
    return el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-labelledby': headingId }, [el('table', { id: tableId, class: 'figures' })]);
  }

  /** The filters, the summary and the charts, built into `root`. */
  function build(root) {
    root.textContent = '';
    var form = el('form', { id: 'report-form', class: 'card filters' }, [
      field('from', 'reports.from', el('input', { id: 'from', name: 'from', type: 'date', required: 'required' })),
      field('to', 'reports.to', el('input', { id: 'to', name: 'to', type: 'date', required: 'required' })),
      field('digibank', 'reports.digibank', el('select', { id: 'digibank', name: 'digibankId' }, [el('option', { value: '', t: 'reports.allDigibanks' })])),
      el('button', { type: 'submit', t: 'reports.show' }),
      el('p', { class: 'downloads' }, [el('span', { t: 'reports.download' }), ': ', el('a', { id: 'download-csv', href: '#', t: 'reports.csv' }), ' ', el('a', { id: 'download-xlsx', href: '#', t: 'reports.xlsx' })]),
    ]);
    var summary = el('section', { class: 'card', 'aria-labelledby': 'summary-heading' }, [
      el('h2', { id: 'summary-heading' }, [el('span', { t: 'reports.period' }), ' ', el('span', { id: 'period' })]),
      scrollTable('summary-table', 'summary-heading'),
    ]);
    var charts = el('div', { class: 'charts' }, CHARTS.map(function (chartOf) {
      var id = chartOf[0];
      return el('section', { class: 'card chart', 'aria-labelledby': id + '-heading' }, [
        el('h2', { id: id + '-heading', t: chartOf[1] }),
        el('div', { class: 'canvas' }, [el('canvas', { id: id + '-chart', role: 'img', 'aria-label': t(chartOf[1]) })]), // named before its figures arrive
        scrollTable(id + '-table', id + '-heading'),
      ]);
    }));
    [form, summary, charts].forEach(function (part) { root.appendChild(part); });
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + '-' + String(now.getMonth() + 1).padStart(2, '0') + '-' + String(now.getDate()).padStart(2, '0');
  }

  function query(format) {
    var params = new URLSearchParams({ from: $('from').value, to: $('to').value, format: format });
    if ($('digibank').value) params.set('digibankId', $('digibank').value);
    return '/console/api/reports/reach?' + params.toString();
  }

  // ---- tables ------------------------------------------------------------------------------

  /** Fills a table: a caption, a header row, and rows whose cells after the first are numbers. */
  function fillTable(table, caption, head, rows) {
    table.textContent = '';
    var captionEl = table.createCaption();
    captionEl.textContent = caption;
    var headRow = table.createTHead().insertRow();
    head.forEach(function (label) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = label;
      headRow.appendChild(th);
    });
    var body = table.createTBody();
    rows.forEach(function (cells) {
      var row = body.insertRow();
      cells.forEach(function (cell, index) {
        var el = document.createElement(index === 0 ? 'th' : 'td');
        if (index === 0) el.scope = 'row';
        else el.className = 'number';
        el.textContent = index === 0 ? cell : (typeof cell === 'number' || cell === null ? number(cell) : cell);
        row.appendChild(el);
      });
    });
  }

  var SUMMARY = ['uniquePeople', 'conversations', 'messages', 'appointments.made', 'appointments.kept', 'appointments.noShow', 'homeVisits',
    'loans.requested', 'loans.started', 'handoffs.count', 'handoffs.medianWaitSeconds', 'smsSegments', 'whatsappTemplates', 'costEur'];

  function value(figures, key) {
    return key.split('.').reduce(function (node, part) { return node === null || node === undefined ? node : node[part]; }, figures);
  }

  /** The rows of a report: the totals, each digibank with people, those not linked. */
  function scopes(report) {
    var rows = [{ name: t('reports.rows.total'), figures: report.totals }];
    report.digibanks.forEach(function (digibank) {
      if (digibank.uniquePeople > 0 || report.digibanks.length === 1) rows.push({ name: digibank.name, figures: digibank });
    });
    if (report.unlinked.uniquePeople > 0) rows.push({ name: t('reports.rows.unlinked'), figures: report.unlinked });
    return rows;
  }

  /** One row per figure, one column per scope (totals, digibanks, not linked): narrow enough for a phone. */
  function renderSummary(report) {
    $('period').textContent = report.from + ' – ' + report.to;
    var shown = scopes(report);
    fillTable($('summary-table'), t('reports.heading'), [t('reports.count')].concat(shown.map(function (scope) { return scope.name; })), SUMMARY.map(function (key) {
      return [column(key)].concat(shown.map(function (scope) { return value(scope.figures, key); }));
    }));
  }

  // ---- charts ------------------------------------------------------------------------------

  /** Draws (or redraws) a bar chart and its table; the canvas is described by its heading and table. */
  function chart(id, title, labels, datasets, options) {
    var canvas = $(id + '-chart');
    canvas.setAttribute('aria-label', title + ': ' + labels.map(function (label, i) {
      return label + ' ' + datasets.map(function (set) { return number(set.data[i]); }).join('/');
    }).join(', '));
    var extra = options.extra;
    var rows = labels.map(function (label, i) {
      return [label].concat(datasets.map(function (set) { return set.data[i]; })).concat(extra ? [extra.values[i]] : []);
    });
    fillTable($(id + '-table'), t('reports.tableOf', { title: title }), [options.firstColumn].concat(datasets.map(function (set) { return set.label; })).concat(extra ? [extra.label] : []),
      rows.length ? rows : [[t('reports.empty')].concat(datasets.map(function () { return null; }))]);
    if (state.charts[id]) state.charts[id].destroy();
    if (typeof window.Chart !== 'function') return;
    state.charts[id] = new window.Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: datasets.map(function (set, i) { return { label: set.label, data: set.data, backgroundColor: COLORS[i % COLORS.length] }; }) },
      options: {
        indexAxis: options.horizontal ? 'y' : 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: datasets.length > 1 } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
  }

  function renderCharts(report) {
    chart('weeks', t('reports.chartPeople'), report.weeks.map(function (w) { return w.week; }), [{ label: t('reports.people'), data: report.weeks.map(function (w) { return w.uniquePeople; }) }], { firstColumn: t('reports.week') });
    var channels = ['whatsapp', 'sms', 'webchat', 'other'];
    chart('channels', t('reports.chartChannels'), channels.map(function (c) { return t('reports.channels.' + c); }), [{ label: t('reports.people'), data: channels.map(function (c) { return report.totals.byChannel[c]; }) }], { firstColumn: t('reports.channel') });
    var topics = Object.keys(report.totals.topics).sort(function (a, b) { return report.totals.topics[b] - report.totals.topics[a]; });
    chart('topics', t('reports.chartTopics'), topics.map(function (topic) { return topicName(topic); }), [{ label: t('reports.count'), data: topics.map(function (topic) { return report.totals.topics[topic]; }) }], { firstColumn: t('reports.topic'), horizontal: true });
    var banks = report.digibanks.filter(function (d) { return d.uniquePeople > 0 || report.digibanks.length === 1; });
    chart('tiers', t('reports.chartTiers') + ' (' + TIERS.map(number).join(' · ') + ')', banks.map(function (d) { return d.name; }), [{ label: t('reports.people'), data: banks.map(function (d) { return d.uniquePeople; }) }],
      { firstColumn: t('reports.digibank'), horizontal: true, extra: { label: t('reports.tiers'), values: banks.map(function (d) { return tierText(d.uniquePeople); }) } });
  }

  function topicName(topic) {
    var name = lookup('reports.topicNames.' + topic);
    return typeof name === 'string' ? name : topic.replace(/_/g, ' ');
  }

  /** "tier 2 reached, 250 more to 1,750". */
  function tierText(people) {
    var reached = TIERS.filter(function (limit) { return people > limit; }).length + 1;
    var next = TIERS.filter(function (limit) { return people <= limit; })[0];
    var text = t('reports.tierReached', { tier: reached });
    return next === undefined ? text : text + ', ' + t('reports.tierNext', { missing: number(next - people + 1), next: number(next + 1) });
  }

  // ---- loading -----------------------------------------------------------------------------

  function listDigibanks(report) {
    if (state.digibanksListed || state.user.role !== 'admin') return;
    state.digibanksListed = true;
    report.digibanks.forEach(function (digibank) {
      var option = document.createElement('option');
      option.value = digibank.digibankId;
      option.textContent = digibank.name;
      $('digibank').appendChild(option);
    });
  }

  function load() {
    if (!$('from').value || !$('to').value || $('from').value > $('to').value) {
      say(t('reports.invalidPeriod'), true);
      return;
    }
    say(t('reports.loading'));
    $('download-csv').href = query('csv');
    $('download-xlsx').href = query('xlsx');
    fetch(query('json'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (response.status === 401) { window.location.href = '/console'; return null; }
        return response.json().then(function (body) { return { status: response.status, body: body }; });
      })
      .then(function (result) {
        if (!result) return;
        if (result.status !== 200) { say(result.status === 400 ? t('reports.invalidPeriod') : t('errors.generic'), true); return; }
        listDigibanks(result.body);
        renderSummary(result.body);
        renderCharts(result.body);
        say(result.body.totals.uniquePeople === 0 ? t('reports.empty') : '');
      })
      .catch(function () { say(t('errors.network'), true); });
  }

  /** Loads the texts (the console's texts.json) once. */
  function loadTexts() {
    return fetch('/console/texts.json', { credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (texts) { state.texts = texts; });
  }

  /** Builds the report into `root` for `env.user` (a coordinator or administrator) and shows this year so far. */
  function mount(root, env) {
    state.lang = LANGUAGES.indexOf(env.lang) >= 0 ? env.lang : 'nl';
    state.user = env.user;
    state.say = env.say;
    state.charts = {};
    state.digibanksListed = false;
    return loadTexts().then(function () {
      if (env.user.role === 'volunteer') { say(t('errors.forbidden'), true); return; }
      build(root);
      $('digibank-field').hidden = env.user.role !== 'admin';
      $('to').value = today();
      $('from').value = today().slice(0, 4) + '-01-01';
      root.hidden = false;
      $('report-form').addEventListener('submit', function (event) { event.preventDefault(); load(); });
      load();
    });
  }

  /** The page /console/reports: its own status line and title. */
  function start() {
    fetch('/console/api/me', { credentials: 'same-origin' })
      .then(function (response) {
        if (response.status !== 200) { window.location.href = '/console'; return null; }
        return response.json();
      })
      .then(function (me) {
        if (!me) return;
        var status = $('status');
        var page = { lang: me.user.uiLanguage, user: me.user, say: function (text, isError) { status.textContent = text; status.className = isError ? 'error' : ''; } };
        return mount($('reports'), page).then(function () {
          document.documentElement.lang = state.lang;
          Array.prototype.forEach.call(document.querySelectorAll('header [data-t]'), function (node) { node.textContent = t(node.getAttribute('data-t')); });
          document.title = t('reports.heading') + ' – ' + t('title');
        });
      });
  }

  window.digibankReports = { mount: mount };
  if (document.body.getAttribute('data-page') === 'reports') start();
})();
