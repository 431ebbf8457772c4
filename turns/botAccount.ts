import type { ChannelAccount } from 'botbuilder';

/** The assistant's own account on every channel: the `from` of what it says, the `recipient` of what it hears. */
export const BOT_ACCOUNT: Readonly<ChannelAccount> = Object.freeze({ id: 'digibank-bot', name: 'Digibank', role: 'bot' });
