/**
 * SOAP envelopes for the WinRM shell operations: WS-Transfer Create/Delete of a cmd shell and
 * the MS-WSMV Command, Receive and Signal actions, with the DSP0226 addressing headers.
 */
import { randomUUID } from 'node:crypto';

/** Namespaces used by WinRM messages. */
export const Ns = {
  soap: 'http://www.w3.org/2003/05/soap-envelope',
  addressing: 'http://schemas.xmlsoap.org/ws/2004/08/addressing',
  wsman: 'http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd',
  msWsman: 'http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd',
  shell: 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell',
  transfer: 'http://schemas.xmlsoap.org/ws/2004/09/transfer',
} as const;

/** The resource URI of the Windows command shell. */
export const SHELL_RESOURCE_URI = 'http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd';

/** WS-Addressing actions of the shell protocol. */
export const ShellAction = {
  create: `${Ns.transfer}/Create`,
  delete: `${Ns.transfer}/Delete`,
  command: `${Ns.shell}/Command`,
  receive: `${Ns.shell}/Receive`,
  signal: `${Ns.shell}/Signal`,
} as const;

/** The Signal code that ends a running command. */
export const SIGNAL_TERMINATE = `${Ns.shell}/signal/terminate`;

/** The CommandState value reported once a command has exited. */
export const COMMAND_STATE_DONE = `${Ns.shell}/CommandState/Done`;

/** Escapes text for element content and attribute values. */
export function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char] ?? char);
}

/** What varies between envelopes. */
export interface EnvelopeInput {
  to: string;
  action: string;
  shellId?: string;
  operationTimeoutSeconds: number;
  maxEnvelopeSize: number;
  options?: Record<string, string>;
  body: string;
}

/** A complete envelope with the DSP0226 addressing and WS-Management headers WinRM requires. */
export function buildEnvelope(input: EnvelopeInput): string {
  const selector = input.shellId ? `<w:SelectorSet><w:Selector Name="ShellId">${xmlEscape(input.shellId)}</w:Selector></w:SelectorSet>` : '';
  const options = input.options
    ? `<w:OptionSet>${Object.entries(input.options)
        .map(([name, value]) => `<w:Option Name="${xmlEscape(name)}">${xmlEscape(value)}</w:Option>`)
        .join('')}</w:OptionSet>`
    : '';
  return (
    `<s:Envelope xmlns:s="${Ns.soap}" xmlns:a="${Ns.addressing}" xmlns:w="${Ns.wsman}" xmlns:p="${Ns.msWsman}" xmlns:rsp="${Ns.shell}">` +
    '<s:Header>' +
    `<a:To>${xmlEscape(input.to)}</a:To>` +
    `<a:ReplyTo><a:Address s:mustUnderstand="true">${Ns.addressing}/role/anonymous</a:Address></a:ReplyTo>` +
    `<a:Action s:mustUnderstand="true">${input.action}</a:Action>` +
    `<w:MaxEnvelopeSize s:mustUnderstand="true">${input.maxEnvelopeSize}</w:MaxEnvelopeSize>` +
    `<a:MessageID>uuid:${randomUUID().toUpperCase()}</a:MessageID>` +
    '<w:Locale xml:lang="en-US" s:mustUnderstand="false"/>' +
    '<p:DataLocale xml:lang="en-US" s:mustUnderstand="false"/>' +
    `<w:OperationTimeout>PT${input.operationTimeoutSeconds}S</w:OperationTimeout>` +
    `<w:ResourceURI s:mustUnderstand="true">${SHELL_RESOURCE_URI}</w:ResourceURI>` +
    selector +
    options +
    '</s:Header>' +
    `<s:Body>${input.body}</s:Body>` +
    '</s:Envelope>'
  );
}

/** The body of Create: a shell with stdin and both output streams. */
export function createShellBody(): string {
  return '<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>';
}

/** The body of Command. */
export function commandBody(command: string, args: readonly string[]): string {
  const argumentsXml = args.map((arg) => `<rsp:Arguments>${xmlEscape(arg)}</rsp:Arguments>`).join('');
  return `<rsp:CommandLine><rsp:Command>${xmlEscape(command)}</rsp:Command>${argumentsXml}</rsp:CommandLine>`;
}

/** The body of Receive for both output streams of one command. */
export function receiveBody(commandId: string): string {
  return `<rsp:Receive><rsp:DesiredStream CommandId="${xmlEscape(commandId)}">stdout stderr</rsp:DesiredStream></rsp:Receive>`;
}

/** The body of Signal. */
export function signalBody(commandId: string, code: string): string {
  return `<rsp:Signal CommandId="${xmlEscape(commandId)}"><rsp:Code>${xmlEscape(code)}</rsp:Code></rsp:Signal>`;
}
