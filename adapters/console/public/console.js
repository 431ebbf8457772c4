// Digibank volunteer console: plain browser JavaScript, no framework, no inline script (CSP).
// Everything it shows comes from /console/api/*; texts from /console/texts.json (nl, fr, en).
(function () {
  'use strict';

  var LANGUAGES = ['nl', 'fr', 'en'];
  var REFRESH_MS = 3000;
  var state = { texts: {}, lang: 'nl', user: null, csrf: '', queue: [], seenWaiting: null, current: null, view: null, events: null, refresh: null, audio: null };

  function $(id) { return document.getElementById(id); }

  // ---- texts -------------------------------------------------------------------------------

  function lookup(lang, key) {
    return key.split('.').reduce(function (node, part) { return node && typeof node === 'object' ? node[part] : undefined; }, state.texts[lang]);
  }

  function t(key, vars) {
    var text = lookup(state.lang, key);
    if (typeof text !== 'string') text = lookup('en', key);
    if (typeof text !== 'string') return key;
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, function (_m, name) { return vars && vars[name] !== undefined ? String(vars[name]) : ''; });
  }

  function applyTexts() {
    document.documentElement.lang = state.lang;
    $('ui-language').value = state.lang;
    Array.prototype.forEach.call(document.querySelectorAll('[data-t]'), function (el) { el.textContent = t(el.getAttribute('data-t')); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-t-placeholder]'), function (el) { el.placeholder = t(el.getAttribute('data-t-placeholder')); });
    updateTitle();
  }

  function updateTitle() {
    var waiting = state.queue.filter(function (item) { return item.status === 'waiting'; }).length;
    document.title = (waiting > 0 ? '(' + waiting + ') ' : '') + t('title');
  }

  function say(text, isError) {
    var status = $('status');
    status.textContent = text || '';
    status.className = isError ? 'error' : '';
  }

  // ---- HTTP --------------------------------------------------------------------------------

  function api(method, path, body) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET') headers['X-CSRF-Token'] = state.csrf;
    return fetch(path, { method: method, headers: headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (response) {
        return response.text().then(function (text) {
          var data = {};
          try { data = text ? JSON.parse(text) : {}; } catch (e) { data = {}; }
          if (response.status === 401 && path !== '/console/api/login') {
            showLogin(t('login.ended'));
          }
          return { status: response.status, body: data };
        });
      })
      .catch(function () {
        say(t('errors.network'), true);
        return { status: 0, body: {} };
      });
  }

  function explain(result) {
    var error = result.body && result.body.error;
    if (result.status === 403) return t('errors.forbidden');
    if (result.status === 404) return t('errors.notFound');
    if (error === 'already_claimed') return t('conversation.claimedBy', { name: result.body.claimedBy.name });
    if (error === 'not_waiting' || error === 'not_open') return t('conversation.notWaiting');
    if (error === 'window_closed') return result.body.template ? t('conversation.windowClosed') : t('conversation.noTemplate');
    if (error === 'opted_out') return t('conversation.optedOut');
    return t('errors.generic');
  }

  // ---- sound -------------------------------------------------------------------------------

  function unlockAudio() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!state.audio && Context) state.audio = new Context();
    if (state.audio && state.audio.state === 'suspended') state.audio.resume();
  }

  function beep() {
    if (!$('sound').checked || !state.audio) return;
    var ctx = state.audio;
    var osc = ctx.createOscillator();
    var gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.25, ctx.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.3);
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.32);
  }

  // ---- views -------------------------------------------------------------------------------

  function show(view) {
    state.view = view;
    ['login-view', 'queue-view', 'conversation-view', 'audit-view'].forEach(function (id) { $(id).hidden = id !== view; });
    var signedIn = view !== 'login-view';
    $('logout').hidden = !signedIn;
    $('open-audit').hidden = !(signedIn && state.user && state.user.role === 'admin');
    $('sound-tool').hidden = !signedIn;
    $('who').textContent = signedIn && state.user ? (state.user.displayName || state.user.username) : '';
  }

  function showLogin(message) {
    stopStreams();
    state.user = null;
    state.csrf = '';
    state.queue = [];
    state.seenWaiting = null;
    show('login-view');
    $('login-error').textContent = message || '';
    updateTitle();
  }

  function signedIn(user, csrf) {
    state.user = user;
    state.csrf = csrf;
    if (LANGUAGES.indexOf(user.uiLanguage) >= 0) state.lang = user.uiLanguage;
    applyTexts();
    say('');
    showQueue();
    startQueueStream();
    loadColleagues();
  }

  function stopStreams() {
    if (state.events) state.events.close();
    state.events = null;
    stopRefresh();
  }

  function stopRefresh() {
    if (state.refresh) clearInterval(state.refresh);
    state.refresh = null;
  }

  // ---- queue -------------------------------------------------------------------------------

  function startQueueStream() {
    if (state.events) state.events.close();
    var events = new EventSource('/console/api/queue/stream');
    events.addEventListener('queue', function (event) {
      var data = JSON.parse(event.data);
      receiveQueue(data.queue || []);
    });
    events.addEventListener('logout', function () { showLogin(t('login.ended')); });
    state.events = events;
  }

  function receiveQueue(queue) {
    var waiting = queue.filter(function (item) { return item.status === 'waiting'; }).map(function (item) { return item.handoffId; });
    var fresh = state.seenWaiting ? waiting.filter(function (id) { return !state.seenWaiting[id]; }) : [];
    state.seenWaiting = {};
    waiting.forEach(function (id) { state.seenWaiting[id] = true; });
    state.queue = queue;
    if (fresh.length) beep();
    renderQueue();
  }

  function minutesSince(iso) {
    return Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60000));
  }

  function badge(text, kind) {
    var span = document.createElement('span');
    span.className = 'badge' + (kind ? ' ' + kind : '');
    span.textContent = text;
    return span;
  }

  function channelName(channel) {
    var name = lookup(state.lang, 'channels.' + channel);
    return typeof name === 'string' ? name : t('channels.unknown');
  }

  function renderQueue() {
    updateTitle();
    var list = $('queue');
    list.textContent = '';
    $('queue-empty').hidden = state.queue.length > 0;
    state.queue.forEach(function (item) {
      var li = document.createElement('li');
      li.setAttribute('data-conversation', item.conversationId);
      li.setAttribute('data-status', item.status);
      if (item.urgent) li.className = 'urgent';
      var meta = document.createElement('div');
      meta.className = 'meta';
      if (item.urgent) meta.appendChild(badge(t('queue.urgent'), 'urgent'));
      meta.appendChild(badge((item.language || '?').toUpperCase(), 'language'));
      meta.appendChild(badge(channelName(item.channel), 'channel'));
      meta.appendChild(badge(item.topic || t('queue.unknown'), 'topic'));
      meta.appendChild(badge(t('reasons.' + item.reason), 'reason'));
      if (item.status === 'waiting') meta.appendChild(badge(t('queue.waiting', { minutes: minutesSince(item.requestedAt) }), 'wait'));
      else meta.appendChild(badge(t('queue.withVolunteer', { name: item.volunteer ? item.volunteer.name : '?' }), 'with'));
      li.appendChild(meta);
      if (item.status === 'waiting') li.appendChild(button(t('queue.claim'), 'claim', function () { claim(item.conversationId, 'claim'); }));
      li.appendChild(button(t('queue.open'), 'open', function () { openConversation(item.conversationId); }));
      list.appendChild(li);
    });
  }

  function button(text, className, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.textContent = text;
    b.addEventListener('click', onClick);
    return b;
  }

  function showQueue() {
    state.current = null;
    stopRefresh();
    show('queue-view');
    renderQueue();
  }

  // ---- conversation ------------------------------------------------------------------------

  function base() { return '/console/api/conversations/' + encodeURIComponent(state.current); }

  function claim(conversationId, action) {
    unlockAudio();
    return api('POST', '/console/api/conversations/' + encodeURIComponent(conversationId) + '/' + action, {}).then(function (result) {
      if (result.status === 200) return openConversation(conversationId);
      say(explain(result), true);
    });
  }

  function openConversation(conversationId) {
    state.current = conversationId;
    $('booking').hidden = true;
    $('reply-text').value = '';
    $('send-template').hidden = true;
    return loadConversation().then(function (ok) {
      if (!ok) return showQueue();
      show('conversation-view');
      loadQuickReplies();
      stopRefresh();
      state.refresh = setInterval(loadConversation, REFRESH_MS);
    });
  }

  function loadConversation() {
    if (!state.current) return Promise.resolve(false);
    var id = state.current;
    return api('GET', base()).then(function (result) {
      if (id !== state.current) return false;
      if (result.status !== 200) {
        say(explain(result), true);
        return false;
      }
      renderConversation(result.body);
      return true;
    });
  }

  function renderConversation(view) {
    state.conversation = view;
    var handoff = view.handoff;
    var open = handoff && (handoff.status === 'waiting' || handoff.status === 'with_volunteer');
    $('handoff-state').textContent = !open ? t('conversation.statusEnded')
      : handoff.status === 'waiting' ? t('conversation.statusWaiting')
      : t('conversation.statusWithVolunteer', { name: handoff.volunteer ? handoff.volunteer.name : '?' });
    renderSummary(view.summary);
    renderNotes(view.notes);
    renderTranscript(view.transcript);
    renderWindow(view);
    $('claim').hidden = !(handoff && handoff.status === 'waiting');
    $('takeover').hidden = Boolean(open);
    $('release').hidden = !view.mine;
    $('close').hidden = !open;
    $('transfer').hidden = $('transfer-to').hidden = !view.mine;
    $('reply-form').hidden = !view.mine;
    $('quick-replies').hidden = !view.mine;
    renderPersonData(view.conversation.personId);
  }

  // ---- a person's data (coordinators and administrators) --------------------------------------

  function mayHandlePersonalData() {
    return Boolean(state.user && (state.user.role === 'admin' || state.user.role === 'coordinator'));
  }

  function renderPersonData(personId) {
    var box = $('person-data');
    box.hidden = !(personId && mayHandlePersonalData());
    if (box.hidden) return;
    var base = '/console/api/people/' + encodeURIComponent(personId) + '/export?format=';
    $('export-json').href = base + 'json';
    $('export-text').href = base + 'text';
    box.setAttribute('data-person', personId);
  }

  function erasePerson() {
    var personId = $('person-data').getAttribute('data-person');
    if (!personId || !window.confirm(t('person.confirmErase'))) return;
    api('POST', '/console/api/people/' + encodeURIComponent(personId) + '/erase', {}).then(function (result) {
      if (result.status === 200) {
        showQueue();
        return say(t('person.erased'));
      }
      say(explain(result), true);
    });
  }

  // ---- audit trail (administrators) ----------------------------------------------------------

  function showAudit() {
    state.current = null;
    stopRefresh();
    show('audit-view');
    api('GET', '/console/api/audit?limit=500').then(function (result) {
      if (result.status !== 200) return say(explain(result), true);
      var rows = $('audit-rows');
      rows.textContent = '';
      var events = result.body.events || [];
      $('audit-empty').hidden = events.length > 0;
      events.forEach(function (event) {
        var tr = document.createElement('tr');
        [when(event.at), event.actorName, t('audit.actions.' + event.action), event.subjectType + ' ' + event.subjectId].forEach(function (text, index) {
          var td = document.createElement('td');
          td.textContent = text;
          if (index === 3) td.className = 'id';
          tr.appendChild(td);
        });
        rows.appendChild(tr);
      });
    });
  }

  function renderSummary(summary) {
    var list = $('summary-list');
    list.textContent = '';
    var none = t('conversation.none');
    var rows = [
      ['conversation.languageLabel', (summary.language || '?').toUpperCase()],
      ['conversation.channelLabel', channelName(summary.channel)],
      ['conversation.topicLabel', summary.topic || none],
      ['conversation.reasonLabel', summary.reason ? t('reasons.' + summary.reason) : none],
      ['conversation.triedLabel', tried(summary.tried) || none],
      ['conversation.bookingsLabel', summary.bookings.map(function (b) { return when(b.startsAt) + (b.place ? ', ' + b.place : '') + ' (' + b.reference + ')'; }).join('\n') || none],
      ['conversation.loansLabel', summary.loans.map(function (l) { return l.deviceKind + ': ' + l.status + ' (' + l.reference + ')'; }).join('\n') || none],
    ];
    rows.forEach(function (row) {
      var dt = document.createElement('dt');
      dt.textContent = t(row[0]);
      var dd = document.createElement('dd');
      dd.textContent = row[1];
      list.appendChild(dt);
      list.appendChild(dd);
    });
  }

  function tried(value) {
    if (!value) return '';
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return value.join(', ');
    return Object.keys(value).map(function (key) {
      var v = value[key];
      return key + ': ' + (typeof v === 'object' ? JSON.stringify(v) : String(v));
    }).join('\n');
  }

  function when(iso) {
    return new Date(iso).toLocaleString(state.lang + '-BE', { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  }

  function renderNotes(notes) {
    var list = $('notes');
    list.textContent = '';
    notes.forEach(function (note) {
      var li = document.createElement('li');
      li.textContent = note.text + ' ';
      var small = document.createElement('small');
      small.textContent = (note.author ? note.author.name + ', ' : '') + when(note.createdAt);
      li.appendChild(small);
      list.appendChild(li);
    });
  }

  function renderTranscript(messages) {
    var list = $('transcript');
    var atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.textContent = '';
    messages.forEach(function (message) {
      var li = document.createElement('li');
      var failed = message.status === 'failed' || message.status === 'awaiting_window' || message.status === 'suppressed';
      li.className = message.direction + (failed ? ' failed' : '');
      li.textContent = message.text || '';
      var small = document.createElement('small');
      small.textContent = (message.direction === 'in' ? t('conversation.citizen') : t('conversation.assistant')) + ' · ' + when(message.createdAt) + (failed ? ' · ' + t('conversation.failed') : '');
      li.appendChild(small);
      list.appendChild(li);
    });
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  function renderWindow(view) {
    var info = $('window-info');
    info.className = 'window';
    if (view.optedOut) {
      info.textContent = t('conversation.optedOut');
      info.className = 'window closed';
    } else if (!view.window.applies) {
      info.textContent = '';
    } else if (view.window.open) {
      info.textContent = t('conversation.windowOpen', { time: when(view.window.closesAt) });
    } else {
      info.textContent = view.window.template ? t('conversation.windowClosed') : t('conversation.noTemplate');
      info.className = 'window closed';
    }
    var closed = view.window.applies && !view.window.open;
    $('send').hidden = closed;
    $('send-template').hidden = !(closed && view.window.template);
  }

  function loadQuickReplies() {
    var box = $('quick-replies');
    Array.prototype.slice.call(box.querySelectorAll('button')).forEach(function (b) { b.remove(); });
    api('GET', base() + '/quick-replies').then(function (result) {
      if (result.status !== 200) return;
      result.body.replies.forEach(function (reply) {
        box.appendChild(button(reply.text, 'quick-reply', function () {
          var area = $('reply-text');
          area.value = reply.text;
          area.focus();
        }));
      });
    });
  }

  function send(asTemplate) {
    var text = $('reply-text').value.trim();
    if (!text) return;
    api('POST', base() + '/messages', { text: text, asTemplate: asTemplate }).then(function (result) {
      if (result.status === 201) {
        $('reply-text').value = '';
        say(t('conversation.sent'));
        return loadConversation();
      }
      say(explain(result), true);
      if (result.body.error === 'window_closed') loadConversation();
    });
  }

  function act(action, body) {
    return api('POST', base() + '/' + action, body || {}).then(function (result) {
      if (result.status === 200 || result.status === 201) {
        say('');
        return action === 'release' || action === 'close' || action === 'transfer' ? showQueue() : loadConversation();
      }
      say(explain(result), true);
    });
  }

  function loadColleagues() {
    api('GET', '/console/api/users').then(function (result) {
      var select = $('transfer-to');
      select.textContent = '';
      var placeholder = document.createElement('option');
      placeholder.value = '';
      placeholder.textContent = t('conversation.transferTo');
      select.appendChild(placeholder);
      (result.body.users || []).filter(function (u) { return u.active && state.user && u.id !== state.user.id; }).forEach(function (u) {
        var option = document.createElement('option');
        option.value = u.id;
        option.textContent = u.displayName || u.username;
        select.appendChild(option);
      });
    });
  }

  function showSlots() {
    var list = $('slots');
    list.textContent = '';
    $('booking').hidden = false;
    api('GET', base() + '/slots').then(function (result) {
      var locations = (result.body.locations || []);
      if (!locations.length) {
        var li = document.createElement('li');
        li.textContent = t('conversation.noSlots');
        list.appendChild(li);
      }
      locations.forEach(function (location) {
        location.slots.forEach(function (slot) {
          var li = document.createElement('li');
          li.appendChild(button(when(slot.startsAt) + ' · ' + location.name, 'slot', function () { book(slot.slotId); }));
          list.appendChild(li);
        });
      });
    });
  }

  function book(slotId) {
    api('POST', base() + '/book', { slotId: slotId }).then(function (result) {
      if (result.status === 201) {
        $('booking').hidden = true;
        say(t('conversation.booked', { reference: result.body.booking.reference }));
        return loadConversation();
      }
      say(explain(result), true);
    });
  }

  // ---- wiring ------------------------------------------------------------------------------

  function wire() {
    $('login-form').addEventListener('submit', function (event) {
      event.preventDefault();
      unlockAudio();
      $('login-error').textContent = '';
      api('POST', '/console/api/login', { username: $('username').value, password: $('password').value }).then(function (result) {
        $('password').value = '';
        if (result.status === 200) return signedIn(result.body.user, result.body.csrfToken);
        $('login-error').textContent = result.status === 429 ? t('login.locked') : result.status === 401 ? t('login.invalid') : t('errors.generic');
      });
    });
    $('logout').addEventListener('click', function () {
      api('POST', '/console/api/logout', {}).then(function () { showLogin(''); });
    });
    $('ui-language').addEventListener('change', function () {
      state.lang = $('ui-language').value;
      applyTexts();
      if (state.user) api('PATCH', '/console/api/me', { uiLanguage: state.lang });
      if (state.view === 'queue-view') renderQueue();
      if (state.view === 'conversation-view' && state.conversation) renderConversation(state.conversation);
      if (state.view === 'audit-view') showAudit();
    });
    $('back').addEventListener('click', showQueue);
    $('reply-form').addEventListener('submit', function (event) { event.preventDefault(); send(false); });
    $('send-template').addEventListener('click', function () { send(true); });
    $('claim').addEventListener('click', function () { claim(state.current, 'claim'); });
    $('takeover').addEventListener('click', function () { claim(state.current, 'takeover'); });
    $('release').addEventListener('click', function () { act('release'); });
    $('close').addEventListener('click', function () { if (window.confirm(t('conversation.confirmClose'))) act('close'); });
    $('transfer').addEventListener('click', function () {
      var userId = $('transfer-to').value;
      if (userId) act('transfer', { userId: userId });
    });
    $('note-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var text = $('note-text').value.trim();
      if (!text) return;
      act('notes', { text: text }).then(function () { $('note-text').value = ''; });
    });
    $('book').addEventListener('click', showSlots);
    $('erase-person').addEventListener('click', erasePerson);
    $('open-audit').addEventListener('click', showAudit);
    $('audit-back').addEventListener('click', showQueue);
    document.addEventListener('click', unlockAudio, { once: true });
    setInterval(function () { if (state.view === 'queue-view') renderQueue(); }, 30000);
  }

  function start() {
    var preferred = (navigator.language || 'nl').slice(0, 2);
    state.lang = LANGUAGES.indexOf(preferred) >= 0 ? preferred : 'nl';
    wire();
    fetch('/console/texts.json', { credentials: 'same-origin' })
      .then(function (response) { return response.json(); })
      .then(function (texts) {
        state.texts = texts;
        applyTexts();
        return api('GET', '/console/api/me');
      })
      .then(function (result) {
        if (result.status === 200) signedIn(result.body.user, result.body.csrfToken);
        else showLogin('');
      });
  }

  start();
})();
