import { describe, expect, it } from 'vitest';
import type { RemoteOutput } from '../executor/remote-error';
import type { RemoteExecutor, RemoteTarget } from '../executor/remote-executor';
import { aptPreviewUpgrade } from './apt-preview';

const target: RemoteTarget = { protocol: 'ssh', name: 'web-01', ssh: { host: '127.0.0.1', port: 22, username: 'root', auth: { kind: 'password', password: 'x' }, connectTimeoutMs: 1, commandTimeoutMs: 1 } };

// What apt-get -s prints for an upgrade of lab-hello (the lab's repository).
const SIMULATION = 'Reading package lists...\nThe following packages will be upgraded:\n  lab-hello\n1 upgraded, 0 newly installed, 0 to remove and 4 not upgraded.\nInst lab-hello [1.0] (1.1 lab:./ [all])\nConf lab-hello (1.1 lab:./ [all])\n';

/** One command, answered by `answer` with the marker the command carries. */
function executorAnswering(answer: (marker: string | null) => RemoteOutput): RemoteExecutor & { commands: string[] } {
  const commands: string[] = [];
  return {
    commands,
    async run(_target, command) {
      commands.push(command);
      return answer(/echo '(=== patchdesk version sources [0-9a-f]+ ===)'/.exec(command)?.[1] ?? null);
    },
    async close() {},
  };
}

describe('aptPreviewUpgrade', () => {
  it('asks for the rollback sources in the same command and reads both answers', async () => {
    const executor = executorAnswering((marker) => ({ stdout: `${SIMULATION}\n${marker ?? ''}\n lab-hello |        1.1 | file:/srv/lab ./ Packages\n--- cache ---\nlock\npartial\n`, stderr: '', exitCode: 0 }));
    const preview = await aptPreviewUpgrade({ executor, target, sudo: false }, [{ name: 'lab-hello' }], { rollbackSources: true });
    expect(executor.commands).toHaveLength(1);
    expect(executor.commands[0]).toContain('apt-cache madison lab-hello');
    expect(preview.changes).toEqual([{ name: 'lab-hello', from: '1.0', to: '1.1', kind: 'upgrade', requested: true }]);
    // 1.0 is neither listed nor cached: a rollback could not reinstall it.
    expect(preview.rollbackSources).toEqual(new Map([['lab-hello=1.0', 'none']]));
  });

  it('finds the installed version in the repository or in apt\'s cache', async () => {
    const listed = executorAnswering((marker) => ({ stdout: `${SIMULATION}\n${marker ?? ''}\n lab-hello |        1.1 | file:/srv/lab ./ Packages\n lab-hello |        1.0 | file:/srv/lab ./ Packages\n--- cache ---\n`, stderr: '', exitCode: 0 }));
    expect((await aptPreviewUpgrade({ executor: listed, target, sudo: false }, [{ name: 'lab-hello' }], { rollbackSources: true })).rollbackSources).toEqual(new Map([['lab-hello=1.0', 'repository']]));
    const cached = executorAnswering((marker) => ({ stdout: `${SIMULATION}\n${marker ?? ''}\n--- cache ---\nlab-hello_1.0_all.deb\n`, stderr: '', exitCode: 0 }));
    expect((await aptPreviewUpgrade({ executor: cached, target, sudo: false }, [{ name: 'lab-hello' }], { rollbackSources: true })).rollbackSources).toEqual(new Map([['lab-hello=1.0', 'cache']]));
  });

  it('fails closed when the listing after the simulation is missing', async () => {
    const executor = executorAnswering(() => ({ stdout: SIMULATION, stderr: '', exitCode: 0 }));
    await expect(aptPreviewUpgrade({ executor, target, sudo: false }, [{ name: 'lab-hello' }], { rollbackSources: true })).rejects.toThrow(/version listing after apt's simulation on web-01 is missing/);
  });

  it('runs the simulation alone when not asked for sources', async () => {
    const executor = executorAnswering(() => ({ stdout: SIMULATION, stderr: '', exitCode: 0 }));
    const preview = await aptPreviewUpgrade({ executor, target, sudo: false }, [{ name: 'lab-hello', version: '1.1' }]);
    expect(executor.commands[0]).not.toContain('madison');
    expect(preview.rollbackSources).toBeUndefined();
  });
});
