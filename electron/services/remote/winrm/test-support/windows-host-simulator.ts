/**
 * A simulated Windows host behind the WinRM test listener, for the Windows Update operations:
 * it understands Patchdesk's scripts by their `# patchdesk:` first line and plays the host's
 * side of each. The WUA task protocol: base64 chunks assembled into the task script (its SHA-256
 * checked as the real start script does), a one-shot SYSTEM task registered with params, the
 * result file appearing after a set number of polls (or never), the task and folder removed. The
 * "task" itself is a model of WUA: per-update result codes and HRESULTs, RebootRequired, a
 * pending reboot refusing installs, IsUninstallable, wusa exit codes, updates rolled back at boot.
 * It also answers the boot identity, reboot, readiness and reboot-flag scripts, and Patchdesk's
 * collector script (a collection document from the same model: installed KBs as Get-HotFix
 * would list them, offered updates as the WUA search would). Nothing here ran
 * on Windows: it encodes Patchdesk's reading of execution.md §3, not Windows' behaviour.
 */
import { createHash } from 'node:crypto';
import type { ScriptBehavior } from './winrm-test-server';

/** One update the simulated host knows. */
export interface SimulatedUpdate {
  kb: string;
  updateId: string;
  /** Identity.RevisionNumber (200 by default); a test raises it to play Microsoft revising the update. */
  revision?: number;
  title: string;
  installed: boolean;
  isUninstallable: boolean;
  /** OperationResultCode of its install (2 by default) and the HRESULT (0). */
  resultCode?: number;
  hresult?: number;
  /** Its install asks for a reboot. */
  rebootRequired?: boolean;
  /** wusa's exit code when uninstalled (0 by default; 3010 with `rebootRequired`). */
  wusaExitCode?: number;
  /** Installs, then is rolled back by the next boot (an update loop). */
  rollsBackAtBoot?: boolean;
  /** Offered only from this boot on (a follow-up update that appears after a reboot). */
  offeredAfterBoots?: number;
  /** Classified as a Security Update with this MSRC severity (the collector's security flag); absent: not a security update. */
  severity?: string;
}

/** How the simulated host behaves. */
export interface SimulatedHostOptions {
  updates: SimulatedUpdate[];
  /** Polls answered "running" before result.json appears. */
  pollsUntilResult: number;
  /** The task never writes its result. */
  neverFinishes?: boolean;
  /** A reboot is already pending (SystemInfo.RebootRequired). */
  rebootPending?: boolean;
  /** Boot-identity reads answered with a dropped connection right after a reboot. */
  downReadsAfterReboot?: number;
  /** Damage the uploaded script (the SHA-256 check must catch it). */
  corruptUpload?: boolean;
  /** The host's name in a collection (WIN-01 by default). */
  hostname?: string;
}

/** The simulated host and what happened on it. */
export interface SimulatedWindowsHost {
  behave: (script: string) => ScriptBehavior;
  /** `upload 0`, `register install 1`, `poll running`, `poll result`, `read`, `unregister`, `remove-folder`, `reboot` ... */
  events: string[];
  /** Task folders still on the host (token → files). */
  folders: Map<string, Map<string, string>>;
  /** Tasks still registered. */
  tasks: () => string[];
  updates: SimulatedUpdate[];
  boots: () => number;
  rebootPending: () => boolean;
}

interface Task {
  params: { mode: string; round: number; kbs: string[]; updateIds: string[]; pins?: string[] };
  pollsLeft: number;
}

const TOKEN = /(?:Patchdesk\\wua\\|Patchdesk-WUA-)([0-9a-f]{16})/;
const BASE_BOOT = 133_780_000_000_000_000n;
const HOUR_FILETIME = 36_000_000_000n;
const int32 = (value: number) => value | 0;
// PowerShell 5.1's ConvertTo-Json writes a one-element collection as the element itself.
const psList = <T>(items: T[]): T[] | T => (items.length === 1 ? (items[0] as T) : items);

/** Builds a simulated Windows host. */
export function simulateWindowsHost(options: SimulatedHostOptions): SimulatedWindowsHost {
  const events: string[] = [];
  const folders = new Map<string, Map<string, string>>();
  const tasks = new Map<string, Task>();
  let boots = 0;
  let rebootPending = options.rebootPending ?? false;
  let downReads = 0;
  const installedThisBoot = new Set<SimulatedUpdate>();

  const offered = (update: SimulatedUpdate) => boots >= (update.offeredAfterBoots ?? 0);
  const matches = (update: SimulatedUpdate, params: Task['params']) =>
    params.pins && params.pins.length > 0 ? params.pins.includes(`${update.updateId.toLowerCase()}@${update.revision ?? 200}`) : params.kbs.includes(update.kb) || params.updateIds.includes(update.updateId.toLowerCase());
  const record = (update: SimulatedUpdate) => ({
    updateId: update.updateId,
    revision: update.revision ?? 200,
    kbs: psList([update.kb]),
    title: update.title,
    isInstalled: update.installed,
    isUninstallable: update.isUninstallable,
    rebootBehavior: update.rebootRequired ? 1 : 0,
    downloadResultCode: null as number | null,
    downloadHResult: null as number | null,
    resultCode: null as number | null,
    hresult: null as number | null,
    rebootRequired: false,
    exitCode: null as number | null,
    action: 'none',
  });

  function runTask(params: Task['params']): string {
    let status = 'ok';
    const pendingBefore = rebootPending;
    const records: ReturnType<typeof record>[] = [];
    const wanted = options.updates.filter((update) => matches(update, params));
    if (params.mode === 'search' || params.mode === 'install') {
      for (const update of wanted.filter((candidate) => !candidate.installed && offered(candidate))) {
        const entry = record(update);
        records.push(entry);
        if (params.mode !== 'install') continue;
        if (pendingBefore) {
          status = 'reboot_pending';
          continue;
        }
        entry.downloadResultCode = 2;
        entry.downloadHResult = 0;
        entry.action = 'install';
        entry.resultCode = update.resultCode ?? 2;
        entry.hresult = int32(update.hresult ?? 0);
        entry.rebootRequired = entry.resultCode <= 3 && (update.rebootRequired ?? false);
        if (entry.resultCode === 2 || entry.resultCode === 3) {
          update.installed = true;
          installedThisBoot.add(update);
          if (update.rebootRequired) rebootPending = true;
        }
      }
    } else {
      for (const update of wanted.filter((candidate) => candidate.installed)) {
        const entry = record(update);
        records.push(entry);
        if (params.mode !== 'uninstall') continue;
        if (!update.isUninstallable) {
          entry.action = 'not_uninstallable';
          continue;
        }
        entry.action = 'uninstall';
        entry.exitCode = update.wusaExitCode ?? (update.rebootRequired ? 3010 : 0);
        if (entry.exitCode === 0 || entry.exitCode === 3010) update.installed = false;
        if (entry.exitCode === 3010) rebootPending = true;
      }
    }
    return JSON.stringify({
      format: 1,
      round: params.round,
      mode: params.mode,
      status,
      error: null,
      hresult: null,
      rebootPendingBefore: pendingBefore,
      rebootRequired: rebootPending,
      rebootSignals: { systemInfo: rebootPending, cbsRebootPending: rebootPending, wuRebootRequired: false },
      updates: psList(records),
    });
  }

  const SECURITY_UPDATES = '0fa1201d-4330-4fa8-8ae9-b877473b6441';
  /** The collector's output: header, one JSON document, end line (windows-collection.parser.ts). */
  function collection(): string {
    const document = {
      schema: 1,
      hostname: options.hostname ?? 'WIN-01',
      os: { caption: 'Microsoft Windows Server 2022 Standard', version: '10.0.20348', build: '20348', ubr: 2113, displayVersion: '21H2', releaseId: null, installationType: 'Server', productType: 3, lastBoot: new Date(Number((BASE_BOOT + BigInt(boots) * HOUR_FILETIME) / 10_000n) - 11_644_473_600_000).toISOString() },
      hotfixes: options.updates.filter((update) => update.installed).map((update) => ({ id: `KB${update.kb}`, description: /security/i.test(update.title) ? 'Security Update' : 'Update', installedOn: '2026-12-07' })),
      updates: options.updates
        .filter((update) => !update.installed && offered(update))
        .map((update) => ({
          UpdateID: update.updateId,
          RevisionNumber: update.revision ?? 200,
          Title: update.title,
          KBArticleIDs: [update.kb],
          MsrcSeverity: update.severity ?? '',
          CveIDs: [],
          SecurityBulletinIDs: [],
          Categories: update.severity ? [{ Name: 'Security Updates', CategoryID: SECURITY_UPDATES }] : [{ Name: 'Updates', CategoryID: 'cd5ffd1e-e932-4e3a-bf74-18bf0b1bbd83' }],
          RebootRequired: false,
          RebootBehavior: update.rebootRequired ? 1 : 0,
          IsDownloaded: false,
          IsMandatory: false,
          LastDeploymentChangeTime: '2026-12-01T17:00:00Z',
        })),
      reboot: { reasons: rebootPending ? ['wua', 'cbs'] : [] },
      warnings: [],
    };
    return `# patchdesk-collection v1 platform=windows\r\n${JSON.stringify(document)}\r\n=== patchdesk end ===\r\n`;
  }

  function reboot(): void {
    boots++;
    rebootPending = false;
    downReads = options.downReadsAfterReboot ?? 0;
    for (const update of installedThisBoot) if (update.rollsBackAtBoot) update.installed = false;
    installedThisBoot.clear();
    events.push('reboot');
  }

  const folderOf = (script: string): [string, Map<string, string>] | null => {
    const token = TOKEN.exec(script)?.[1];
    const folder = token ? folders.get(token) : undefined;
    return token && folder ? [token, folder] : null;
  };

  function behave(script: string): ScriptBehavior {
    if (script.includes('schema = 1; hostname = $env:COMPUTERNAME')) {
      events.push('collect');
      return { stdout: collection() };
    }
    const marker = /^# patchdesk:(\S+)(?: (\S+))?$/m.exec(script);
    switch (marker?.[1]) {
      case 'wua-upload': {
        const token = TOKEN.exec(script)?.[1];
        const chunk = /-Value '([A-Za-z0-9+/=]*)'/.exec(script)?.[1];
        if (!token || chunk === undefined) return { stderr: 'bad upload', exitCode: 1 };
        if (marker[2] === '0') {
          if (!script.includes("icacls $d /inheritance:r /grant:r '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F'")) return { stderr: 'folder not restricted', exitCode: 1 };
          folders.set(token, new Map());
        }
        const folder = folders.get(token);
        if (!folder) return { stderr: 'Add-Content: Could not find a part of the path', exitCode: 1 };
        folder.set('task.b64', (folder.get('task.b64') ?? '') + (options.corruptUpload && marker[2] === '0' ? chunk.replace(/^./, 'A') : chunk));
        events.push(`upload ${marker[2]}`);
        return {};
      }
      case 'wua-start': {
        const found = folderOf(script);
        if (!found) return { stderr: 'no folder', exitCode: 1 };
        const [token, folder] = found;
        const taskScript = Buffer.from(folder.get('task.b64') ?? '', 'base64');
        const expected = /-ne '([0-9A-F]{64})'/.exec(script)?.[1];
        if (createHash('sha256').update(taskScript).digest('hex').toUpperCase() !== expected) return { stdout: 'upload-corrupt\n', exitCode: 3 };
        if (!script.includes("-UserId 'S-1-5-18' -LogonType ServiceAccount")) return { stderr: 'task not as SYSTEM', exitCode: 1 };
        const encodedParams = [...script.matchAll(/\[Convert\]::FromBase64String\('([A-Za-z0-9+/=]+)'\)/g)].at(-1)?.[1] ?? '';
        const params = JSON.parse(Buffer.from(encodedParams, 'base64').toString('utf8')) as Task['params'];
        folder.set('task.ps1', taskScript.toString('utf8'));
        folder.set('params.json', JSON.stringify(params));
        folder.delete('result.json');
        tasks.set(token, { params, pollsLeft: options.pollsUntilResult });
        events.push(`register ${params.mode} ${params.round}`);
        return { stdout: 'started\n' };
      }
      case 'wua-poll': {
        const found = folderOf(script);
        if (!found) return { stdout: 'state Missing 0\n' };
        const [token, folder] = found;
        if (folder.has('result.json')) return { stdout: 'result\n' };
        const task = tasks.get(token);
        if (!task) return { stdout: 'state Missing 0\n' };
        if (!options.neverFinishes) {
          if (task.pollsLeft <= 0) {
            folder.set('result.json', runTask(task.params));
            events.push('poll result');
            return { stdout: 'result\n' };
          }
          task.pollsLeft--;
        }
        events.push('poll running');
        return { stdout: 'state Running 267009\n' };
      }
      case 'wua-read': {
        const result = folderOf(script)?.[1].get('result.json');
        events.push('read');
        return result === undefined ? { stderr: 'Could not find file result.json', exitCode: 1 } : { stdout: `${result}\r\n` };
      }
      case 'wua-cleanup': {
        const token = TOKEN.exec(script)?.[1];
        if (token) {
          tasks.delete(token);
          events.push('unregister');
          if (marker[2] === 'folder') {
            folders.delete(token);
            events.push('remove-folder');
          }
        }
        return {};
      }
      case 'windows-boot-id':
        if (downReads > 0) {
          downReads--;
          return { drop: 'command' };
        }
        return { stdout: `${BASE_BOOT + BigInt(boots) * HOUR_FILETIME}\r\n` };
      case 'windows-reboot':
        reboot();
        return { exitCode: 0 };
      case 'windows-ready': {
        const ready = /'ready ([0-9a-f-]{36})'/.exec(script)?.[1];
        return { stdout: ready ? `ready ${ready}\r\n` : 'waiting\r\n' };
      }
      case 'windows-reboot-required':
        return { stdout: `systemInfo ${rebootPending ? 'True' : 'False'}\r\ncbs ${rebootPending ? 'True' : 'False'}\r\nwu False\r\n` };
      default:
        return { stderr: `the simulated host does not know this script: ${script.split('\n')[0] ?? ''}`, exitCode: 1 };
    }
  }

  return {
    behave,
    events,
    folders,
    tasks: () => [...tasks.keys()],
    updates: options.updates,
    boots: () => boots,
    rebootPending: () => rebootPending,
  };
}
