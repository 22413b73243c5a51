/** The part of the untyped `net-snmp` package that discovery and its tests use. */
declare module 'net-snmp' {
  import type { EventEmitter } from 'node:events';

  export interface Varbind {
    oid: string;
    type: number;
    value: unknown;
  }

  export interface SessionOptions {
    port?: number;
    retries?: number;
    timeout?: number;
    backoff?: number;
    transport?: 'udp4' | 'udp6';
    version?: number;
    idBitsSize?: 16 | 32;
  }

  export interface Session extends EventEmitter {
    get(oids: string[], callback: (error: Error | null, varbinds?: Varbind[]) => void): void;
    close(): void;
  }

  export interface ScalarProvider {
    name: string;
    type: number;
    oid: string;
    scalarType: number;
    maxAccess: number;
  }

  export interface Mib {
    registerProvider(provider: ScalarProvider): void;
    setScalarValue(name: string, value: unknown): void;
  }

  export interface Authorizer {
    addCommunity(community: string): void;
  }

  export interface Agent {
    getMib(): Mib;
    getAuthorizer(): Authorizer;
    close(callback?: () => void): void;
  }

  export interface AgentOptions {
    port?: number;
    address?: string | null;
    transport?: 'udp4' | 'udp6';
    disableAuthorization?: boolean;
  }

  export const Version1: number;
  export const Version2c: number;
  export const ObjectType: { OctetString: number } & Record<string, number>;
  export const MibProviderType: { Scalar: number; Table: number };
  export const MaxAccess: Record<string, number>;

  export function createSession(target: string, community: string, options?: SessionOptions): Session;
  export function createAgent(options: AgentOptions, callback: (error: Error | null, data?: unknown) => void): Agent;
  export function isVarbindError(varbind: Varbind): boolean;

  const snmp: {
    Version1: typeof Version1;
    Version2c: typeof Version2c;
    ObjectType: typeof ObjectType;
    MibProviderType: typeof MibProviderType;
    MaxAccess: typeof MaxAccess;
    createSession: typeof createSession;
    createAgent: typeof createAgent;
    isVarbindError: typeof isVarbindError;
  };
  export default snmp;
}
