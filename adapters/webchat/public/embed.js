// Puts the assistant's web chat on another site's page (served at /webchat/embed.js). Where this
// script stands it inserts an iframe of the chat page, from the address the script came from:
//   <script src="https://chat.digibank-ieper.be/webchat/embed.js" data-title="Chat met Digibank Ieper" defer></script>
// data-title (what a screen reader announces for the frame) and data-height (default 700px) are optional.
// The site must be listed in the assistant's WEBCHAT_FRAME_ANCESTORS, or the browser refuses the frame.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var frame = document.createElement('iframe');
  frame.src = new URL('/', script.src).href;
  frame.title = script.getAttribute('data-title') || 'Chat';
  frame.style.width = '100%';
  frame.style.maxWidth = '480px';
  frame.style.height = script.getAttribute('data-height') || '700px';
  frame.style.border = '0';
  script.parentNode.insertBefore(frame, script.nextSibling);
})();
