// Console › Reports: the reach report of a period as tables and charts (Chart.js, served from this
// server), CSV and XLSX downloads. Plain browser JavaScript, no inline script (CSP). Every chart has
// its table; texts come from /console/texts.json (`reports`), figures from /console/api/reports/reach.
(function () {
  'use strict';

  var LANGUAGES = ['nl', 'fr', 'en'];
  /** The Flemish result tiers count unique people: up to 1,000, 1,001–1,500, 1,501–1,750, above 1,750. */
  var TIERS = [1000, 1500, 1750];
  var COLORS = ['#004f9f', '#b3261e', '#1b7a3a', '#7a4b00', '#5b3a9c', '#00707a', '#4a5560'];
  var state = { texts: {}, lang: 'nl', user: null, charts: {}, digibanksListed: false };

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
    $('status').textContent = text || '';
    $('status').className = isError ? 'error' : '';
  }

  function applyTexts() {
    document.documentElement.lang = state.lang;
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (el) { el.textContent = t(el.getAttribute('data-t')); });
    document.title = t('reports.heading') + ' – ' + t('title');
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

  function start() {
    fetch('/console/texts.json', { credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (texts) {
        state.texts = texts;
        return fetch('/console/api/me', { credentials: 'same-origin' });
      })
      .then(function (response) {
        if (response.status !== 200) { window.location.href = '/console'; return null; }
        return response.json();
      })
      .then(function (me) {
        if (!me) return;
        state.user = me.user;
        if (LANGUAGES.indexOf(me.user.uiLanguage) >= 0) state.lang = me.user.uiLanguage;
        applyTexts();
        if (me.user.role === 'volunteer') { say(t('errors.forbidden'), true); return; }
        $('digibank-field').hidden = me.user.role !== 'admin';
        $('to').value = today();
        $('from').value = today().slice(0, 4) + '-01-01';
        $('reports').hidden = false;
        $('report-form').addEventListener('submit', function (event) { event.preventDefault(); load(); });
        load();
      });
  }

  start();
})();
