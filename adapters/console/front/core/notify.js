// Telling the volunteer a citizen is waiting: the tab title, a browser notification (when allowed)
// and a short tone (browsers allow sound only after the first click on the page).
import { t } from './texts.js';

const state = { audio: null, sound: true };

/** Called on the first click: from then on the tone can play. */
export function unlockAudio() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!state.audio && Context) state.audio = new Context();
  if (state.audio && state.audio.state === 'suspended') state.audio.resume();
}

/** Sound on or off (the checkbox in the bar). */
export function setSound(on) {
  state.sound = on;
}

/** Whether the sound is on. */
export function soundOn() {
  return state.sound;
}

function beep() {
  if (!state.sound || !state.audio) return;
  const ctx = state.audio;
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
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

/** Whether the browser may show notifications, or may still be asked. */
export function notificationState() {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks the browser for permission (after a click). */
export async function askNotifications() {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') await Notification.requestPermission();
  return notificationState();
}

/** "(2) Digibank console": the number of waiting citizens in the tab title. */
export function updateTitle(waiting) {
  document.title = (waiting > 0 ? `(${waiting}) ` : '') + t('title');
}

/** New waiting citizens arrived: tone and, when allowed and the tab is hidden, a notification. */
export function announce(count) {
  beep();
  if (notificationState() === 'granted' && document.visibilityState !== 'visible') {
    try {
      new Notification(t('notify.title'), { body: t('notify.body', { count }), tag: 'digibank-queue' });
    } catch {
      // Some browsers only notify from a service worker: the title still shows the count.
    }
  }
}
