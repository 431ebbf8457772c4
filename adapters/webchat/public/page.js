// The web chat page's own script (served at /webchat/page.js): starts Bot Framework Web Chat with
// the server's Direct Line token, the owner's colour, the assistant's own wording for Web Chat's
// strings (the same "je"/"u" as its messages), and times in the language's clock (24-hour in nl and fr).
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('webchat-config').textContent);

  /**
   * Web Chat formats times with Globalize's "MMMMdhm" skeleton, whose "h" is a 12-hour clock in
   * every language ("7 december 9:00 a.m."). Its localization accepts a replacement (GLOBALIZE):
   * the same formatters from the browser's Intl, with the language's own hour cycle.
   */
  function globalizeFor(language) {
    var hourCycle = language === 'en' ? 'h12' : 'h23';
    var dates = new Intl.DateTimeFormat(language, { month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: hourCycle });
    var relative = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
    var plurals = new Intl.PluralRules(language);
    return {
      dateFormatter: function () { return function (date) { return dates.format(new Date(date)); }; },
      relativeTimeFormatter: function (unit) { return function (value) { return relative.format(value, unit); }; },
      unitFormatter: function (unit, options) {
        var format = new Intl.NumberFormat(language, { style: 'unit', unit: unit, unitDisplay: options && options.form === 'long' ? 'long' : 'short' });
        return function (value) { return format.format(value); };
      },
      plural: function (value) { return plurals.select(value); }
    };
  }

  var strings = Object.assign({}, config.strings, { GLOBALIZE: globalizeFor(config.language) });
  window.WebChat.renderWebChat({
    directLine: window.WebChat.createDirectLine({ token: config.token, domain: window.location.origin + '/v3/directline', webSocket: true }),
    userID: config.userId,
    locale: config.locale,
    overrideLocalizedStrings: strings,
    styleOptions: {
      hideUploadButton: true,
      suggestedActionLayout: 'flow',
      bubbleMaxWidth: 600,
      accent: config.colour,
      suggestedActionBorderColor: config.colour,
      suggestedActionTextColor: config.colour
    }
  }, document.getElementById('webchat'));

  // The message box gets the focus once Web Chat has drawn it; not when the page is framed in
  // another site (the visitor of the municipality's page did not ask to be moved into the chat).
  if (window.top !== window.self) return;
  var tries = 0;
  (function focusSendBox() {
    var box = document.querySelector('[data-id="webchat-sendbox-input"]');
    if (box) box.focus();
    else if (tries++ < 100) window.setTimeout(focusSendBox, 50);
  })();
})();
