/**
 * The lab the per-family operation tests share: its own state folder and address prefix, hosts of
 * one family, one remote executor, and an {@link OperationContext} per host. Tests register
 * `up`/`down` in their own `beforeAll`/`afterAll` and skip when `unavailable` says why.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRemoteExecutor, type RemoteExecutor } from '../../services/remote/executor/remote-executor';
import type { OperationContext } from '../../services/remote/operations/operation-context';
import { labUnavailableReason } from './lab-available';
import type { LabFamily } from './lab-families';
import type { LabHost } from './lab-host';
import { labLayout, type LabLayout } from './lab-layout';
import { labRemoteTarget } from './lab-remote-target';
import { downPackageLab, upPackageLab } from './package-lab';

/** One test file's lab. */
export interface OperationsLab {
  /** Why the lab cannot run here (not root, no mmdebstrap, …), or null. */
  readonly unavailable: string | null;
  up(): Promise<void>;
  down(): Promise<void>;
  /** The host at `index` once `up` has run. */
  host(index: number): LabHost;
  /** The context an operation runs with on the host at `index`. */
  contextFor(index: number): OperationContext;
}

/** A lab of `hostCount` hosts of `family` on `addressPrefix` (one from `LAB_TEST_ADDRESSES`). */
export function operationsLab(family: LabFamily, hostCount: number, addressPrefix: string): OperationsLab {
  const layout: LabLayout = { ...labLayout(), stateDir: mkdtempSync(join(tmpdir(), `patchdesk-lab-${family}-`)) };
  let hosts: LabHost[] = [];
  let executor: RemoteExecutor | undefined;
  const host = (index: number): LabHost => {
    const found = hosts[index];
    if (!found) throw new Error(`no lab host ${index}`);
    return found;
  };
  return {
    unavailable: labUnavailableReason(layout),
    async up() {
      hosts = (await upPackageLab(layout, { hosts: hostCount, families: [family], addressPrefix, rebootDownSeconds: 1 })).hosts;
      executor = createRemoteExecutor();
    },
    async down() {
      await executor?.close();
      await downPackageLab(layout);
    },
    host,
    contextFor(index) {
      if (!executor) throw new Error('the lab is not up');
      return { executor, target: labRemoteTarget(host(index)), sudo: false };
    },
  };
}
