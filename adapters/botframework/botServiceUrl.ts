/**
 * The hosts of Microsoft's Bot Service connectors, the only places `/api/messages` replies to.
 * A `serviceUrl` is where CloudAdapter posts the turn's replies; accepting any would let a caller
 * make this server send requests wherever it can reach (internal services, cloud metadata).
 * Exact host or a sub-domain of one Microsoft operates — never the shared `*.trafficmanager.net`
 * namespace, which any Azure customer can register.
 * https://learn.microsoft.com/azure/bot-service/bot-service-resources-faq-security#which-specific-urls-do-i-need-to-allowlist-in-my-corporate-firewall-to-access-bot-framework-services
 */
const BOT_SERVICE_HOSTS = ['botframework.com', 'botframework.azure.us', 'smba.trafficmanager.net'] as const;

/** True when `serviceUrl` is https on a Bot Service host (see {@link BOT_SERVICE_HOSTS}). */
export function isBotServiceUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string') return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || (url.port && url.port !== '443')) return false;
  const host = url.hostname.toLowerCase();
  return BOT_SERVICE_HOSTS.some((allowed) => host === allowed || (allowed !== 'smba.trafficmanager.net' && host.endsWith(`.${allowed}`)));
}
