import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckSpec } from '../../../../shared/domain/rollouts/health-check';
import { LAB_TEST_ADDRESSES } from '../../../test-support/package-lab/lab-test-addresses';
import { operationsLab } from '../../../test-support/package-lab/operations-lab';
import { CHECK_CANNOT_RUN, runHealthCheck } from './health-check';

// A real lab host: sshd listens on 22, ss and bash are there; no systemd, no curl, no wget (a minbase Debian).
const lab = operationsLab('apt', 1, LAB_TEST_ADDRESSES.rolloutPlanFeatures);

beforeAll(async () => {
  if (!lab.unavailable) await lab.up();
}, 600_000);
afterAll(async () => {
  if (!lab.unavailable) await lab.down();
}, 120_000);

describe.skipIf(lab.unavailable !== null)('typed health checks on a real lab host', () => {
  it('port: sshd is listening on 22, nothing on 1', async () => {
    const context = lab.contextFor(0);
    expect(await runHealthCheck(context, parseCheckSpec('port:22'))).toMatchObject({ passed: true, reason: 'passed: TCP port 22 is listening' });
    expect(await runHealthCheck(context, parseCheckSpec('port:1'))).toMatchObject({ passed: false, reason: 'failed: nothing listens on TCP port 1' });
  });

  it('unit and http fail closed, naming the missing tool, where the host has no systemd and no curl or wget', async () => {
    const context = lab.contextFor(0);
    const present = await context.executor.run(context.target, 'for tool in systemctl curl wget ss bash; do command -v $tool >/dev/null 2>&1 && echo $tool; done', { timeoutMs: 30_000 });
    expect(present.stdout.trim().split('\n')).toEqual(['ss', 'bash']);
    expect(await runHealthCheck(context, parseCheckSpec('unit:ssh'))).toMatchObject({ passed: false, exitCode: CHECK_CANNOT_RUN, reason: 'failed closed: systemctl is not on this host: the unit check cannot run' });
    expect(await runHealthCheck(context, parseCheckSpec('http:http://127.0.0.1:22/'))).toMatchObject({ passed: false, exitCode: CHECK_CANNOT_RUN, reason: 'failed closed: neither curl nor wget is on this host: the http check cannot run' });
  });

  it('command: the exit code decides, and a timeout fails it', async () => {
    const context = lab.contextFor(0);
    expect(await runHealthCheck(context, parseCheckSpec('command:test -d /etc'))).toMatchObject({ passed: true });
    expect(await runHealthCheck(context, parseCheckSpec('command:exit 5'))).toMatchObject({ passed: false, reason: 'exited 5' });
    expect(await runHealthCheck(context, { kind: 'command', command: 'sleep 30', timeoutSeconds: 1 })).toMatchObject({ passed: false, exitCode: -1, reason: 'timed out after 1 s' });
  });
});
