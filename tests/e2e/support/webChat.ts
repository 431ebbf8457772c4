import type { Frame, Locator, Page } from 'playwright-core';

/** Every wait of the web chat tests is bounded by this (ms); no timing is asserted. */
export const WAIT_MS = 20_000;

/** A page or the frame of an embedding page the chat runs in. */
export type ChatView = Page | Frame;

/** Text compared whitespace-insensitively (Web Chat renders markdown), with typographic quotes straightened. */
export function normalize(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ').trim();
}

/** The visible text of the transcript. */
export async function transcriptText(view: ChatView): Promise<string> {
  return normalize(await view.locator('#webchat').innerText());
}

/** Waits until the transcript shows `text` (each line of a multi-line message is checked). */
export async function expectInTranscript(view: ChatView, text: string): Promise<void> {
  const lines = text.split('\n').map(normalize).filter(Boolean);
  await view.waitForFunction(
    (wanted) => {
      const shown = (document.querySelector('#webchat') as HTMLElement | null)?.innerText ?? '';
      const flat = shown.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ');
      return wanted.every((line) => flat.includes(line));
    },
    lines,
    { timeout: WAIT_MS },
  );
}

/** The suggested-action buttons currently offered, by title. */
export async function suggestedActionTitles(view: ChatView): Promise<string[]> {
  const buttons = view.locator('.webchat__suggested-actions button');
  return (await buttons.allInnerTexts()).map(normalize);
}

/** Waits until every one of `titles` is offered as a suggested action. */
export async function expectSuggestedActions(view: ChatView, titles: string[]): Promise<void> {
  await view.waitForFunction(
    (wanted) => {
      const shown = Array.from(document.querySelectorAll('.webchat__suggested-actions button')).map((b) => (b as HTMLElement).innerText.trim());
      return wanted.every((title) => shown.includes(title));
    },
    titles,
    { timeout: WAIT_MS },
  );
}

/** Web Chat labels show each choice's number, as SMS does: the prompts say "choose a number". */
export function numbered(titles: string[]): string[] {
  return titles.map((title, index) => `${index + 1}. ${title}`);
}

/** The suggested-action button whose title is exactly `title`, numbered or not ("2. Français", not "Français facile"). */
export function choiceButton(view: ChatView, title: string): Locator {
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return view.locator('.webchat__suggested-actions button', { hasText: new RegExp(`^(\\d+\\. )?${escaped}$`) });
}
