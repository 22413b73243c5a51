/**
 * Typed health checks for a rollout's pre and post steps and its ring gates: a systemd unit that
 * must be active, a TCP port that must be open, a URL that must answer with a status, or the
 * admin's own command (exit 0 passes). Every check runs ON the host over its remote session, so
 * `port` and `http` test the host from itself (never a connection from Patchdesk to the host's
 * address). Pure: the contract, the CLI and the Deploy form read and write checks the same way.
 */

/** The kinds of check. */
export const HEALTH_CHECK_KINDS = ['command', 'unit', 'port', 'http'] as const;
/** One of `HEALTH_CHECK_KINDS`. */
export type HealthCheckKind = (typeof HEALTH_CHECK_KINDS)[number];

/** One check with its timeout. */
export type HealthCheck =
  | { kind: 'command'; command: string; timeoutSeconds: number }
  | { kind: 'unit'; unit: string; timeoutSeconds: number }
  | { kind: 'port'; port: number; timeoutSeconds: number }
  | { kind: 'http'; url: string; expectStatus: number; timeoutSeconds: number };

/** A systemd unit name (`nginx`, `nginx.service`, `getty@tty1.service`): nothing a shell reads specially. */
export const UNIT_NAME = /^[A-Za-z0-9][A-Za-z0-9@._:\\-]{0,199}$/;

/** The timeout a check gets when none is given. */
export const DEFAULT_CHECK_TIMEOUT_SECONDS = 30;

/** Why a URL cannot be an http check's, or undefined when it can (http or https, a host, no credentials). */
export function urlProblem(text: string): string | undefined {
  // shared/ has neither the DOM's nor Node's URL: the parts a check needs are read here.
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)([/?#][^\s]*)?$/.exec(text);
  if (!match) return `"${text}" is not a URL`;
  const scheme = (match[1] ?? '').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return `"${text}" is not an http or https URL`;
  const authority = match[2] ?? '';
  // A password in a check would be stored in the plan and shown everywhere: refused.
  if (authority.includes('@')) return `"${text}" carries credentials: a check URL must not`;
  if (!/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(authority)) return `"${text}" names no valid host`;
  return undefined;
}

/**
 * Reads one check written as `KIND:VALUE` (the CLI's `--check`, the form's field):
 * `unit:nginx`, `port:443`, `http:http://localhost/health` (expects 200) or
 * `http:http://localhost/health=204`, `command:systemctl is-active nginx`; an optional
 * `@SECONDS` suffix on unit, port and http sets the timeout (`port:443@10`). Throws a message
 * naming what is wrong.
 */
export function parseCheckSpec(text: string, timeoutSeconds = DEFAULT_CHECK_TIMEOUT_SECONDS): HealthCheck {
  const match = /^([a-z]+):(.*)$/s.exec(text.trim());
  if (!match?.[1]) throw new Error(`"${text}" is not a check: write unit:NAME, port:NUMBER, http:URL[=STATUS] or command:COMMAND`);
  const kind = match[1];
  let value = (match[2] ?? '').trim();
  if (kind === 'command') {
    if (value === '') throw new Error('command: give the command to run');
    return { kind: 'command', command: value, timeoutSeconds };
  }
  const timed = /^(.*)@(\d{1,4})$/s.exec(value);
  if (timed?.[1] !== undefined && timed[2] !== undefined) {
    value = timed[1];
    timeoutSeconds = Number(timed[2]);
    if (timeoutSeconds < 1 || timeoutSeconds > 7200) throw new Error(`${kind}: a timeout is 1 to 7200 seconds, not ${timed[2]}`);
  }
  switch (kind) {
    case 'unit':
      if (!UNIT_NAME.test(value)) throw new Error(`unit: "${value}" is not a systemd unit name`);
      return { kind: 'unit', unit: value, timeoutSeconds };
    case 'port': {
      const port = Number(value);
      if (!/^\d{1,5}$/.test(value) || port < 1 || port > 65535) throw new Error(`port: "${value}" is not a TCP port (1 to 65535)`);
      return { kind: 'port', port, timeoutSeconds };
    }
    case 'http': {
      const status = /^(.*)=(\d{3})$/s.exec(value);
      const url = status?.[1] ?? value;
      const expectStatus = status?.[2] === undefined ? 200 : Number(status[2]);
      if (expectStatus < 100 || expectStatus > 599) throw new Error(`http: ${expectStatus} is not an HTTP status`);
      const problem = urlProblem(url);
      if (problem) throw new Error(`http: ${problem}`);
      return { kind: 'http', url, expectStatus, timeoutSeconds };
    }
    default:
      throw new Error(`"${kind}" is not a kind of check: unit, port, http or command`);
  }
}

/** The check as `KIND:VALUE`, the way {@link parseCheckSpec} reads it (without the timeout). */
export function checkSpec(check: HealthCheck): string {
  switch (check.kind) {
    case 'command':
      return `command:${check.command}`;
    case 'unit':
      return `unit:${check.unit}`;
    case 'port':
      return `port:${check.port}`;
    case 'http':
      return `http:${check.url}${check.expectStatus === 200 ? '' : `=${check.expectStatus}`}`;
  }
}

/** The check in words, for steps, messages and the evidence. */
export function describeCheck(check: HealthCheck): string {
  switch (check.kind) {
    case 'command':
      return `command "${check.command}" exits 0`;
    case 'unit':
      return `unit ${check.unit} is active`;
    case 'port':
      return `TCP port ${check.port} is open on the host`;
    case 'http':
      return `${check.url} answers ${check.expectStatus}`;
  }
}
