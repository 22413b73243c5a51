/**
 * A WinRM listener on 127.0.0.1 for tests. It does the server half of everything the client
 * relies on: NTLM (or Basic over HTTPS) per connection, MS-WSMV sealing both ways over HTTP, and
 * the cmd shell operations, running "scripts" by looking them up in a behaviour the test supplies.
 */
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { type PeerCertificate, TLSSocket } from 'node:tls';
import { XMLParser } from 'fast-xml-parser';
import { decodeEncryptedBody, encodeEncryptedBody, encryptedContentType, isEncryptedContentType } from '../http/encrypted-body';
import { tlsServerEndPoint } from '../http/tls-trust';
import type { NtlmSessionSecurity } from '../ntlm/ntlm-session-security';
import { COMMAND_STATE_DONE, Ns, ShellAction } from '../wsman/wsman-envelope';
import { NtlmAcceptor, type TestAccount } from './ntlm-acceptor';

/** What the fake host does with one script. */
export interface ScriptBehavior {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  /** Spread the output over this many Receive responses. */
  chunks?: number;
  /** Never finish: every Receive answers w:TimedOut after the poll delay. */
  hang?: boolean;
  /** Answer this operation with a SOAP fault. */
  fault?: { on: 'create' | 'command' | 'receive'; subcode: string; reason: string; wsmanCode?: number };
  /** Drop the TCP connection instead of answering this operation. */
  drop?: 'command' | 'receive';
}

/** Settings of the test listener. */
export interface TestServerOptions {
  accounts: TestAccount[];
  https?: { key: string; cert: string };
  /** Accept Basic (HTTPS only, as on Windows). */
  basic?: boolean;
  /** Require NTLM channel bindings to the certificate over HTTPS. */
  requireChannelBindings?: boolean;
  behave: (script: string) => ScriptBehavior;
  /** How long a Receive on a hanging command waits before w:TimedOut; 30 ms by default. */
  receivePollMs?: number;
}

/** One request as the server saw it. */
export interface RequestRecord {
  action: string;
  encrypted: boolean;
  user: string;
  /** The body as it crossed the wire. */
  rawBody: Buffer;
  /** Options sent in the header's OptionSet. */
  options: Record<string, string>;
}

/** A running test listener. */
export interface WinRmTestServer {
  host: string;
  port: number;
  requests: RequestRecord[];
  /** Why requests or handshakes were refused, in order. */
  rejections: string[];
  /** Shells created and not yet deleted. */
  openShells: () => string[];
  /** Scripts decoded from -EncodedCommand, in order. */
  scripts: string[];
  signals: string[];
  /** Closes every open connection, as an idle timeout or a service restart would. */
  dropConnections: () => void;
  close: () => Promise<void>;
}

interface ConnectionState {
  acceptor?: NtlmAcceptor;
  session?: NtlmSessionSecurity;
  user?: string;
}

interface CommandState {
  behavior: ScriptBehavior;
  pending: Array<{ stdout: Buffer; stderr: Buffer }>;
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false, isArray: (name) => name === 'Option' || name === 'Arguments' });

type Node = Record<string, unknown>;
const at = (node: unknown, ...path: string[]): unknown => path.reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Node)[key] : undefined), node);
const text = (node: unknown): string => (typeof node === 'string' ? node : typeof node === 'object' && node ? String((node as Node)['#text'] ?? '') : '');

function envelope(action: string, body: string): string {
  return (
    `<s:Envelope xmlns:s="${Ns.soap}" xmlns:a="${Ns.addressing}" xmlns:w="${Ns.wsman}" xmlns:x="${Ns.transfer}" xmlns:rsp="${Ns.shell}">` +
    `<s:Header><a:Action>${action}</a:Action><a:MessageID>uuid:${randomUUID()}</a:MessageID></s:Header><s:Body>${body}</s:Body></s:Envelope>`
  );
}

function faultEnvelope(subcode: string, reason: string, wsmanCode = 0): string {
  return envelope(
    'http://schemas.dmtf.org/wbem/wsman/1/wsman/fault',
    `<s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>${subcode}</s:Value></s:Subcode></s:Code>` +
      `<s:Reason><s:Text xml:lang="en-US">${reason}</s:Text></s:Reason>` +
      `<s:Detail><f:WSManFault xmlns:f="http://schemas.microsoft.com/wbem/wsman/1/wsmanfault" Code="${wsmanCode}" Machine="winhost"><f:Message>${reason}</f:Message></f:WSManFault></s:Detail></s:Fault>`,
  );
}

function splitOutput(behavior: ScriptBehavior): Array<{ stdout: Buffer; stderr: Buffer }> {
  const chunks = Math.max(1, behavior.chunks ?? 1);
  const stdout = Buffer.from(behavior.stdout ?? '', 'utf8');
  const stderr = Buffer.from(behavior.stderr ?? '', 'utf8');
  const part = (data: Buffer, index: number): Buffer => data.subarray(Math.floor((data.length * index) / chunks), Math.floor((data.length * (index + 1)) / chunks));
  return Array.from({ length: chunks }, (_, index) => ({ stdout: part(stdout, index), stderr: part(stderr, index) }));
}

/** Starts the listener on an ephemeral loopback port. */
export async function startWinRmTestServer(options: TestServerOptions): Promise<WinRmTestServer> {
  const states = new WeakMap<Socket, ConnectionState>();
  const shells = new Map<string, Map<string, CommandState>>();
  const requests: RequestRecord[] = [];
  const rejections: string[] = [];
  const scripts: string[] = [];
  const signals: string[] = [];
  const sockets = new Set<Socket>();

  const challengeHeaders = (): string[] => (options.basic ? ['Negotiate', 'Basic realm="WSMAN"'] : ['Negotiate']);

  function refuse(res: ServerResponse, state: ConnectionState, reason: string): void {
    rejections.push(reason);
    state.session = undefined;
    state.user = undefined;
    res.writeHead(401, { 'WWW-Authenticate': challengeHeaders(), 'Content-Length': 0 });
    res.end();
  }

  function authenticate(req: IncomingMessage, res: ServerResponse, state: ConnectionState): boolean {
    const header = req.headers.authorization;
    if (!header) {
      if (state.user) return true;
      refuse(res, state, 'no credentials');
      return false;
    }
    const [scheme = '', token = ''] = header.split(/\s+/, 2);
    if (/^basic$/i.test(scheme)) {
      if (!options.basic || !options.https) {
        refuse(res, state, 'basic not allowed');
        return false;
      }
      const decoded = Buffer.from(token, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const name = decoded.slice(0, colon).toLowerCase();
      const account = options.accounts.find((candidate) => [candidate.user, `${candidate.domain}\\${candidate.user}`].some((form) => form.toLowerCase() === name));
      if (!account || account.password !== decoded.slice(colon + 1)) {
        refuse(res, state, 'basic credentials wrong');
        return false;
      }
      state.user = account.user;
      return true;
    }
    if (!/^(negotiate|ntlm)$/i.test(scheme)) {
      refuse(res, state, `unsupported scheme ${scheme}`);
      return false;
    }
    const message = Buffer.from(token, 'base64');
    const type = message.length >= 12 ? message.readUInt32LE(8) : 0;
    if (type === 1) {
      const own = req.socket instanceof TLSSocket ? req.socket.getCertificate() : null;
      const der = own && 'raw' in own ? (own as PeerCertificate).raw : undefined;
      const bindings = options.requireChannelBindings && der ? tlsServerEndPoint(der) : undefined;
      state.acceptor = new NtlmAcceptor(options.accounts, { channelBindings: bindings });
      const challenge = state.acceptor.challenge(message);
      res.writeHead(401, { 'WWW-Authenticate': `${scheme} ${challenge.toString('base64')}`, 'Content-Length': 0 });
      res.end();
      return false;
    }
    const verdict = state.acceptor?.accept(message) ?? { ok: false as const, reason: 'AUTHENTICATE without a challenge' };
    state.acceptor = undefined;
    if (!verdict.ok) {
      refuse(res, state, verdict.reason);
      return false;
    }
    state.user = verdict.user;
    state.session = options.https ? undefined : verdict.session;
    return true;
  }

  function reply(res: ServerResponse, state: ConnectionState, status: number, body: string): void {
    const plain = Buffer.from(body, 'utf8');
    if (state.session) {
      const { sealed, signature } = state.session.wrap(plain);
      const protocol = 'application/HTTP-SPNEGO-session-encrypted';
      const payload = encodeEncryptedBody({ protocol, originalLength: plain.length, signature, sealed });
      res.writeHead(status, { 'Content-Type': encryptedContentType(protocol), 'Content-Length': payload.length });
      res.end(payload);
      return;
    }
    res.writeHead(status, { 'Content-Type': 'application/soap+xml;charset=UTF-8', 'Content-Length': plain.length });
    res.end(plain);
  }

  function badRequest(res: ServerResponse, reason: string): void {
    rejections.push(reason);
    res.writeHead(400, { 'Content-Length': 0 });
    res.end();
  }

  async function handleSoap(req: IncomingMessage, res: ServerResponse, state: ConnectionState, raw: Buffer): Promise<void> {
    let plain: Buffer;
    const encrypted = isEncryptedContentType(req.headers['content-type']);
    if (encrypted) {
      if (!state.session) return badRequest(res, 'encrypted body without a sealing session');
      try {
        const parts = decodeEncryptedBody(raw);
        plain = state.session.unwrap(parts.sealed, parts.signature);
      } catch {
        return badRequest(res, 'seal or signature invalid');
      }
    } else {
      if (!options.https) return badRequest(res, 'unencrypted body over HTTP');
      plain = raw;
    }
    const document = xml.parse(plain.toString('utf8'));
    const header = at(document, 'Envelope', 'Header');
    const body = at(document, 'Envelope', 'Body');
    const action = text(at(header, 'Action'));
    const shellId = text(at(header, 'SelectorSet', 'Selector'));
    const optionList = (at(header, 'OptionSet', 'Option') as unknown[] | undefined) ?? [];
    const sentOptions = Object.fromEntries(optionList.map((option) => [String(at(option, '@_Name')), text(option)]));
    requests.push({ action, encrypted, user: state.user ?? '', rawBody: raw, options: sentOptions });

    if (action === ShellAction.create) {
      const id = randomUUID().toUpperCase();
      shells.set(id, new Map());
      const created =
        `<x:ResourceCreated><a:Address>https://winhost/wsman</a:Address><a:ReferenceParameters><w:ResourceURI>http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd</w:ResourceURI>` +
        `<w:SelectorSet><w:Selector Name="ShellId">${id}</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>`;
      return reply(res, state, 200, envelope(`${ShellAction.create}Response`, created));
    }
    const commands = shells.get(shellId);
    if (!commands) return reply(res, state, 500, faultEnvelope('w:InvalidSelectors', 'The shell does not exist.', 2150858843));

    if (action === ShellAction.command) {
      const args = ((at(body, 'CommandLine', 'Arguments') as unknown[] | undefined) ?? []).map(text);
      const encodedIndex = args.indexOf('-EncodedCommand');
      const script = encodedIndex >= 0 ? Buffer.from(args[encodedIndex + 1] ?? '', 'base64').toString('utf16le') : args.join(' ');
      scripts.push(script);
      const behavior = options.behave(script);
      if (behavior.drop === 'command') return void req.socket.destroy();
      if (behavior.fault?.on === 'command') return reply(res, state, 500, faultEnvelope(behavior.fault.subcode, behavior.fault.reason, behavior.fault.wsmanCode));
      const commandId = randomUUID().toUpperCase();
      commands.set(commandId, { behavior, pending: splitOutput(behavior) });
      return reply(res, state, 200, envelope(`${ShellAction.command}Response`, `<rsp:CommandResponse><rsp:CommandId>${commandId}</rsp:CommandId></rsp:CommandResponse>`));
    }
    if (action === ShellAction.receive) {
      const commandId = String(at(body, 'Receive', 'DesiredStream', '@_CommandId') ?? '');
      const command = commands.get(commandId);
      if (!command) return reply(res, state, 500, faultEnvelope('w:InvalidSelectors', 'The command does not exist.'));
      const { behavior } = command;
      if (behavior.drop === 'receive') return void req.socket.destroy();
      if (behavior.fault?.on === 'receive') return reply(res, state, 500, faultEnvelope(behavior.fault.subcode, behavior.fault.reason, behavior.fault.wsmanCode));
      if (behavior.hang) {
        await new Promise((resolve) => setTimeout(resolve, options.receivePollMs ?? 30));
        return reply(res, state, 500, faultEnvelope('w:TimedOut', 'The WS-Management service cannot complete the operation within the time specified in OperationTimeout.', 2150858793));
      }
      const next = command.pending.shift() ?? { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
      const last = command.pending.length === 0;
      const stream = (name: string, data: Buffer): string =>
        data.length > 0 || last ? `<rsp:Stream Name="${name}" CommandId="${commandId}"${last ? ' End="true"' : ''}>${data.toString('base64')}</rsp:Stream>` : '';
      const commandState = last
        ? `<rsp:CommandState CommandId="${commandId}" State="${COMMAND_STATE_DONE}"><rsp:ExitCode>${behavior.exitCode ?? 0}</rsp:ExitCode></rsp:CommandState>`
        : `<rsp:CommandState CommandId="${commandId}" State="${Ns.shell}/CommandState/Running"/>`;
      return reply(res, state, 200, envelope(`${ShellAction.receive}Response`, `<rsp:ReceiveResponse>${stream('stdout', next.stdout)}${stream('stderr', next.stderr)}${commandState}</rsp:ReceiveResponse>`));
    }
    if (action === ShellAction.signal) {
      signals.push(text(at(body, 'Signal', 'Code')));
      commands.delete(String(at(body, 'Signal', '@_CommandId') ?? ''));
      return reply(res, state, 200, envelope(`${ShellAction.signal}Response`, '<rsp:SignalResponse/>'));
    }
    if (action === ShellAction.delete) {
      shells.delete(shellId);
      return reply(res, state, 200, envelope(`${ShellAction.delete}Response`, ''));
    }
    return reply(res, state, 500, faultEnvelope('a:ActionNotSupported', `Unknown action ${action}`));
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const state = states.get(req.socket) ?? {};
      states.set(req.socket, state);
      if (req.method !== 'POST' || req.url !== '/wsman') return badRequest(res, 'wrong method or path');
      if (!authenticate(req, res, state)) return;
      const raw = Buffer.concat(chunks);
      if (raw.length === 0) {
        res.writeHead(200, { 'Content-Length': 0 });
        res.end();
        return;
      }
      handleSoap(req, res, state, raw).catch(() => badRequest(res, 'server error'));
    });
  };

  const server = options.https ? https.createServer({ key: options.https.key, cert: options.https.cert }, handler) : http.createServer(handler);
  server.on(options.https ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: '127.0.0.1',
    port,
    requests,
    rejections,
    scripts,
    signals,
    openShells: () => [...shells.keys()],
    dropConnections: () => {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
