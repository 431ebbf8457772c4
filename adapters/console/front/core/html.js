// Preact + htm: components written as tagged templates, rendered as real DOM nodes. Every
// interpolated value becomes a text node or an attribute value, never markup: citizen text is
// shown as text only (the console never sets HTML from a string).
import { h, render } from 'preact';
import htm from 'htm';

/** `html\`<p>${text}</p>\`` → a Preact element. */
export const html = htm.bind(h);
export { render };
