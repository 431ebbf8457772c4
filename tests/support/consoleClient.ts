/**
 * A console API client for tests: logs in through `POST /console/api/login`, keeps the session
 * cookie and sends the CSRF token on state-changing requests, as the console page does.
 */
export class ConsoleClient {
  cookie = '';
  csrfToken = '';

  constructor(private readonly baseUrl: string) {}

  /** Logs in; returns the HTTP status (200 on success). */
  async login(username: string, password: string): Promise<number> {
    const response = await fetch(`${this.baseUrl}/console/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    const body = (await response.json()) as { csrfToken?: string };
    if (response.ok) {
      this.cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
      this.csrfToken = body.csrfToken ?? '';
    }
    return response.status;
  }

  /** A request with the session cookie; `csrf: false` leaves the token out. */
  async call(method: string, path: string, body?: unknown, options: { csrf?: boolean | string } = {}): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const csrf = options.csrf ?? method !== 'GET';
    if (csrf) headers['x-csrf-token'] = typeof csrf === 'string' ? csrf : this.csrfToken;
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, headers: response.headers };
  }

  get(path: string) {
    return this.call('GET', path);
  }

  post(path: string, body: unknown = {}, options: { csrf?: boolean | string } = {}) {
    return this.call('POST', path, body, options);
  }
}
