import type { Server } from 'restify';
import type { ChannelModule, MountedChannel } from '../adapters/channelModule';
import { type BotFrameworkPorts, botFrameworkMount } from '../adapters/botframework/botFrameworkMount';
import type { MessagingPorts } from '../adapters/shared/messagingPorts';
import { smsMount } from '../adapters/sms/smsMount';
import { type WebChatPorts, webChatMount } from '../adapters/webchat/webChatMount';
import { whatsAppMount } from '../adapters/whatsapp/whatsAppMount';
import { logger } from '../kernel/logger';
import type { Config } from './config';

/** Everything the channels need from the assistant; each takes its own part. */
export type ChannelPorts = WebChatPorts & BotFrameworkPorts & MessagingPorts;

/**
 * Every channel, in the order it is mounted. Adding a channel: its folder under `adapters/`
 * exporting a {@link ChannelModule}, and one line here. (WhatsApp before SMS: SMS takes over
 * WhatsApp rows outside the 24-hour window.)
 */
export const CHANNELS: readonly ChannelModule<Config, ChannelPorts>[] = [webChatMount, botFrameworkMount, whatsAppMount, smsMount];

/** A channel as the start-up banner tells it: mounted, or which variables are missing. */
export interface ChannelStatus {
  readonly name: string;
  readonly title: string;
  readonly route: string;
  /** The variables still to set; empty when the channel is mounted. */
  readonly missing: readonly string[];
}

/** The channels this server mounted, and how to close them. */
export interface MountedChannels {
  readonly statuses: readonly ChannelStatus[];
  /** The names of the channels mounted. */
  readonly mounted: readonly string[];
  close(): Promise<void>;
}

/** The variables of a channel that are not set. */
export function missingVariables(channel: ChannelModule<Config, ChannelPorts>, config: Config): string[] {
  return channel.needs.filter((name) => config[name] === undefined || config[name] === '');
}

/** Mounts every channel whose variables are set; says at start-up which are on and, for the others, what is missing. */
export async function mountChannels(server: Server, config: Config, ports: ChannelPorts): Promise<MountedChannels> {
  const statuses: ChannelStatus[] = [];
  const closers: MountedChannel[] = [];
  for (const channel of CHANNELS) {
    const missing = missingVariables(channel, config);
    statuses.push({ name: channel.name, title: channel.title, route: channel.route, missing });
    if (missing.length) {
      logger.info({ channel: channel.name, needs: missing }, 'channel off: variables not set');
      continue;
    }
    closers.push(await channel.mount(server, config, ports));
  }
  const mounted = statuses.filter((status) => !status.missing.length).map((status) => status.name);
  logger.info({ channels: mounted }, 'channels mounted');
  return {
    statuses,
    mounted,
    close: async () => {
      for (const closer of closers) await closer.close();
    },
  };
}
