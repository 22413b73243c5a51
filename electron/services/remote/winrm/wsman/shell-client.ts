/**
 * The WinRM remote shell operations of MS-WSMV (Create and Delete via WS-Transfer, Command,
 * Receive, Signal), each a SOAP exchange that turns faults and malformed replies into
 * {@link WinRmError}s.
 */
import type { SoapResponse } from '../http/winrm-transport';
import { WinRmError } from '../winrm-error';
import {
  ShellAction,
  SIGNAL_TERMINATE,
  buildEnvelope,
  commandBody,
  createShellBody,
  receiveBody,
  signalBody,
} from './wsman-envelope';
import { type ReceiveChunk, WsmanFormatError, parseCommandId, parseFault, parseReceive, parseShellId } from './wsman-response';

/** Anything that can carry an envelope and return the response. */
export interface SoapSender {
  send(xml: string, signal?: AbortSignal): Promise<SoapResponse>;
}

/** Settings of the shell client. */
export interface ShellClientOptions {
  endpointUrl: string;
  /** How long the server may hold a Receive before answering w:TimedOut. */
  operationTimeoutSeconds: number;
  maxEnvelopeSize: number;
}

/** A client for one host's cmd shells. */
export class ShellClient {
  constructor(
    private readonly sender: SoapSender,
    private readonly options: ShellClientOptions,
  ) {}

  /** Creates a shell that speaks UTF-8 (codepage 65001) and returns its ShellId. */
  async createShell(signal?: AbortSignal): Promise<string> {
    const xml = await this.exchange(ShellAction.create, undefined, createShellBody(), signal, { WINRS_NOPROFILE: 'TRUE', WINRS_CODEPAGE: '65001' });
    return this.read(() => parseShellId(xml));
  }

  /** Starts `command` with `args` in the shell and returns its CommandId. */
  async startCommand(shellId: string, command: string, args: readonly string[], signal?: AbortSignal): Promise<string> {
    const xml = await this.exchange(ShellAction.command, shellId, commandBody(command, args), signal, {
      WINRS_CONSOLEMODE_STDIN: 'TRUE',
      WINRS_SKIP_CMD_SHELL: 'FALSE',
    });
    return this.read(() => parseCommandId(xml));
  }

  /** One Receive; the server answers when output is ready or with a w:TimedOut fault. */
  async receive(shellId: string, commandId: string, signal?: AbortSignal): Promise<ReceiveChunk> {
    const xml = await this.exchange(ShellAction.receive, shellId, receiveBody(commandId), signal, { WSMAN_CMDSHELL_OPTION_KEEPALIVE: 'TRUE' });
    return this.read(() => parseReceive(xml));
  }

  /** Sends the terminate signal to a command. */
  async terminate(shellId: string, commandId: string, signal?: AbortSignal): Promise<void> {
    await this.exchange(ShellAction.signal, shellId, signalBody(commandId, SIGNAL_TERMINATE), signal);
  }

  /** Deletes the shell and everything still running in it. */
  async deleteShell(shellId: string, signal?: AbortSignal): Promise<void> {
    await this.exchange(ShellAction.delete, shellId, '', signal);
  }

  private async exchange(action: string, shellId: string | undefined, body: string, signal: AbortSignal | undefined, options?: Record<string, string>): Promise<string> {
    const envelope = buildEnvelope({
      to: this.options.endpointUrl,
      action,
      shellId,
      operationTimeoutSeconds: this.options.operationTimeoutSeconds,
      maxEnvelopeSize: this.options.maxEnvelopeSize,
      options,
      body,
    });
    const response = await this.sender.send(envelope, signal);
    const fault = this.read(() => parseFault(response.xml));
    if (fault) {
      const subcode = fault.subcode || fault.code;
      throw new WinRmError('soap_fault', `WS-Management fault ${subcode}: ${fault.reason || fault.wsmanMessage || 'no reason given'}`, { fault, httpStatus: response.status });
    }
    if (response.status !== 200) throw new WinRmError('protocol_error', `HTTP ${response.status} without a SOAP fault`, { httpStatus: response.status });
    return response.xml;
  }

  private read<T>(parse: () => T): T {
    try {
      return parse();
    } catch (error) {
      if (error instanceof WsmanFormatError) throw new WinRmError('protocol_error', error.message);
      throw error;
    }
  }
}
