/** Reads the parts of WinRM responses the shell client needs, whatever namespace prefixes the server chose. */
import { XMLParser } from 'fast-xml-parser';
import type { SoapFault } from '../winrm-error';
import { COMMAND_STATE_DONE } from './wsman-envelope';

type XmlNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === 'Stream' || name === 'Text' || name === 'Selector',
});

/** Thrown when a response is not the XML it should be. */
export class WsmanFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WsmanFormatError';
  }
}

function child(node: unknown, name: string): unknown {
  return node !== null && typeof node === 'object' ? (node as XmlNode)[name] : undefined;
}

function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  if (typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return node.map(textOf).filter(Boolean).join(' ');
  if (node !== null && typeof node === 'object') {
    return Object.entries(node as XmlNode)
      .filter(([key]) => !key.startsWith('@_'))
      .map(([, value]) => textOf(value))
      .filter(Boolean)
      .join(' ');
  }
  return '';
}

function parseBody(xml: string): unknown {
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch {
    throw new WsmanFormatError('the response is not well-formed XML');
  }
  const envelope = child(document, 'Envelope');
  if (envelope === undefined) throw new WsmanFormatError('the response is not a SOAP envelope');
  return child(envelope, 'Body') ?? {};
}

/** The SOAP fault in a response, if it is one. */
export function parseFault(xml: string): SoapFault | undefined {
  if (!/Fault/.test(xml)) return undefined;
  const fault = child(parseBody(xml), 'Fault');
  if (fault === undefined) return undefined;
  const code = child(fault, 'Code');
  const detail = child(child(fault, 'Detail'), 'WSManFault');
  const wsmanCode = Number(child(detail, '@_Code'));
  const result: SoapFault = {
    code: textOf(child(code, 'Value')),
    subcode: textOf(child(child(code, 'Subcode'), 'Value')),
    reason: textOf(child(child(fault, 'Reason'), 'Text')),
  };
  if (Number.isFinite(wsmanCode)) result.wsmanCode = wsmanCode;
  const message = textOf(child(detail, 'Message'));
  if (message) result.wsmanMessage = message;
  return result;
}

/** The ShellId from a Create response (selector or rsp:Shell, as servers differ). */
export function parseShellId(xml: string): string {
  const body = parseBody(xml);
  const selectors = child(child(child(child(body, 'ResourceCreated'), 'ReferenceParameters'), 'SelectorSet'), 'Selector');
  const fromSelector = Array.isArray(selectors) ? selectors.find((selector) => child(selector, '@_Name') === 'ShellId') : undefined;
  const shellId = textOf(fromSelector) || textOf(child(child(body, 'Shell'), 'ShellId'));
  if (!shellId) throw new WsmanFormatError('the Create response has no ShellId');
  return shellId;
}

/** The CommandId from a Command response. */
export function parseCommandId(xml: string): string {
  const commandId = textOf(child(child(parseBody(xml), 'CommandResponse'), 'CommandId'));
  if (!commandId) throw new WsmanFormatError('the Command response has no CommandId');
  return commandId;
}

/** What one Receive response delivered. */
export interface ReceiveChunk {
  stdout: Buffer[];
  stderr: Buffer[];
  done: boolean;
  exitCode: number | undefined;
}

/** Decodes the base64 stream data and command state of a Receive response. */
export function parseReceive(xml: string): ReceiveChunk {
  const response = child(parseBody(xml), 'ReceiveResponse');
  if (response === undefined) throw new WsmanFormatError('the Receive response has no ReceiveResponse');
  const chunk: ReceiveChunk = { stdout: [], stderr: [], done: false, exitCode: undefined };
  const streams = child(response, 'Stream');
  for (const stream of Array.isArray(streams) ? streams : []) {
    const name = child(stream, '@_Name');
    const data = Buffer.from(typeof stream === 'string' ? stream : textOf(child(stream, '#text')), 'base64');
    if (name === 'stdout') chunk.stdout.push(data);
    else if (name === 'stderr') chunk.stderr.push(data);
  }
  const state = child(response, 'CommandState');
  if (state !== undefined && child(state, '@_State') === COMMAND_STATE_DONE) {
    chunk.done = true;
    const exitCode = Number(textOf(child(state, 'ExitCode')));
    chunk.exitCode = Number.isFinite(exitCode) ? exitCode : undefined;
  }
  return chunk;
}
