import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { EventOf } from '../../shared/contract/index';
import { fixedClock } from '../platform/clock';
import { EventBus } from '../platform/event-bus';
import { HEARTBEAT_STALE_AFTER_MS, type JobOwner, type OwnerProbe } from '../platform/job-owner';
import { currentRequest, runAsRequest } from '../platform/request-context';
import { openDatabase, type Db } from '../db/database';
import { writeTransaction } from '../db/write-transaction';
import { makeTempDir, removeTempDirs } from '../test-support/temp-dir';
import { JobEngine, PROGRESS_SAVE_INTERVAL_MS } from './job-engine';
import { JobStoppedError } from './job-errors';
import type { JobContext, JobKindDefinition, JobResumeInput } from './job-kind';

const opened: { db: Db; engine: JobEngine }[] = [];
/** Handlers the tests left hanging; released before the engines stop. */
const hanging: (() => void)[] = [];
afterEach(async () => {
  for (const release of hanging.splice(0)) release();
  for (const { db, engine } of opened.splice(0)) {
    await engine.stopAll();
    db.close();
  }
  removeTempDirs();
});

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

/** A step that runs until the job is stopped (then fails with the engine's reason). */
function untilStopped(signal: AbortSignal): Promise<void> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
}

/** Lets queued microtasks and settled promises run (no timers involved). */
const settle = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** One machine: which pids run, with their kernel start keys. Shared by the simulated processes. */
function machine() {
  const alive = new Map<number, string>();
  const process = (pid: number): OwnerProbe => {
    const self: JobOwner = { pid, instanceId: `instance-${pid}`, startedAt: '2026-11-02T08:00:00.000Z', host: 'workstation', processKey: `boot:${pid}` };
    alive.set(pid, self.processKey ?? '');
    return { self, isRunning: (other) => alive.has(other), processKeyOf: (other) => alive.get(other) ?? null };
  };
  return { alive, process };
}

function setup() {
  const file = join(makeTempDir(), 'patchdesk.db');
  const clock = fixedClock(new Date('2026-11-02T10:00:00.000Z'));
  const host = machine();
  const open = (pid: number, options: { resumeInterrupted?: boolean; via?: 'desktop' } = {}) => {
    const db = openDatabase(file);
    const events = new EventBus();
    const seen: EventOf<'job:progress'>[] = [];
    events.subscribe((name, payload) => {
      if (name === 'job:progress') seen.push(payload as EventOf<'job:progress'>);
    });
    const logs: string[] = [];
    const engine = new JobEngine({ db, clock, owner: host.process(pid), events, actor: `user-${pid}`, timers: { every: () => () => undefined }, log: (text) => logs.push(text), ...options });
    opened.push({ db, engine });
    return { db, engine, seen, logs };
  };
  const first = open(100);
  first.db.prepare("INSERT INTO sites (name, policy_json, created_at, updated_at) VALUES ('Acme', '{}', 'now', 'now')").run();
  return { clock, host, open, first };
}

/** A kind whose handler is the test's: each started job hands its context to the test. */
function scriptedKind(kind = 'toy', extra: Partial<JobKindDefinition<{ hosts: string[] }, unknown>> = {}) {
  const started: { context: JobContext<{ hosts: string[] }>; finish: ReturnType<typeof deferred<unknown>> }[] = [];
  const definition: JobKindDefinition<{ hosts: string[] }, unknown> = {
    kind,
    parameters: z.object({ hosts: z.array(z.string()).min(1) }),
    run: (context) => {
      const finish = deferred<unknown>();
      hanging.push(() => finish.resolve('released'));
      started.push({ context, finish });
      return finish.promise;
    },
    ...extra,
  };
  return { definition, started };
}

describe('JobEngine in one process', () => {
  it('stores a job before it runs, records each step before and after, and pushes progress in sequence', async () => {
    const { first, open } = setup();
    const other = open(200);
    const hold = deferred();
    first.engine.register({
      kind: 'toy',
      parameters: z.object({ hosts: z.array(z.string()) }),
      run: async (context) => {
        for (const host of context.params.hosts) {
          await context.step(host, 'install', async (step) => {
            step.output('reading package lists\nunpacking lab-hello 1.1\n');
            step.detail('installing lab-hello');
            if (host === 'h1') await hold.promise;
          });
          context.progress({ done: host });
        }
        return { hosts: context.params.hosts.length };
      },
    });
    first.engine.open();

    const jobId = first.engine.start('toy', 1, { hosts: ['h1', 'h2'] });
    expect(other.engine.get(jobId).job).toMatchObject({ state: 'queued', kind: 'toy', siteId: 1, parameters: { hosts: ['h1', 'h2'] }, createdBy: 'user-100' });
    await settle();
    const during = other.engine.get(jobId);
    expect(during.job.state).toBe('running');
    expect(during.steps).toMatchObject([{ target: 'h1', name: 'install', attempt: 1, state: 'running', finishedAt: null }]);

    hold.resolve();
    const done = await first.engine.wait(jobId);
    expect(done).toMatchObject({ state: 'succeeded', result: { hosts: 2 }, progress: { done: 'h2' }, error: '' });
    const steps = other.engine.get(jobId).steps;
    expect(steps.map((step) => [step.target, step.state, step.detail])).toEqual([
      ['h1', 'succeeded', 'installing lab-hello'],
      ['h2', 'succeeded', 'installing lab-hello'],
    ]);
    expect(steps[0]?.outputTail).toBe('reading package lists\nunpacking lab-hello 1.1');
    expect(first.seen.map((event) => [event.seq, event.state])).toEqual([
      [1, 'running'],
      [2, 'running'],
      [3, 'running'],
      [4, 'succeeded'],
    ]);
    expect(first.seen[3]).toMatchObject({ jobId, kind: 'toy', siteId: 1, result: { hosts: 2 }, error: '' });
    expect(done.seq).toBe(4);
    expect(other.seen).toEqual([]);
  });

  it('refuses parameters that do not fit the kind, naming the field, and kinds it does not know', () => {
    const { first } = setup();
    first.engine.register(scriptedKind().definition);
    expect(() => first.engine.start('toy', 1, { hosts: [] })).toThrow(expect.objectContaining({ code: 'bad_request', issues: [expect.objectContaining({ path: 'parameters.hosts' })] }));
    expect(() => first.engine.start('rollout', 1, {})).toThrow(/no job kind "rollout"/);
    expect(() => first.engine.register(scriptedKind().definition)).toThrow(/twice/);
    expect(() => first.engine.register(scriptedKind('Toy Kind').definition)).toThrow(/not a job kind name/);
    expect(first.engine.list()).toEqual([]);
  });

  it('records a failing step and a failing job with the reason', async () => {
    const { first } = setup();
    first.engine.register({
      kind: 'toy',
      parameters: z.object({}),
      run: async (context) => {
        await context.step('h1', 'check', (step) => step.fail('post check exited 3'));
        await context.step('h2', 'install', () => {
          throw new Error('dpkg was interrupted');
        });
        return null;
      },
    });
    const jobId = first.engine.start('toy', null, {});
    expect(await first.engine.wait(jobId)).toMatchObject({ state: 'failed', error: 'dpkg was interrupted', siteId: null });
    expect(first.engine.get(jobId).steps.map((step) => [step.state, step.detail])).toEqual([
      ['failed', 'post check exited 3'],
      ['failed', 'dpkg was interrupted'],
    ]);
  });

  it('stores progress at most once a second between heartbeats, but pushes every change', async () => {
    const { first, clock } = setup();
    const toy = scriptedKind();
    first.engine.register(toy.definition);
    const jobId = first.engine.start('toy', 1, { hosts: ['h1'] });
    await settle();
    const { context, finish } = toy.started[0]!;
    context.progress({ n: 1 });
    context.progress({ n: 2 });
    context.progress({ n: 3 });
    expect(first.seen.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(first.engine.get(jobId).job).toMatchObject({ progress: { n: 1 }, seq: 2 });
    first.engine.tick();
    expect(first.engine.get(jobId).job).toMatchObject({ progress: { n: 3 }, seq: 4 });
    clock.advance(PROGRESS_SAVE_INTERVAL_MS - 1);
    context.progress({ n: 4 });
    expect(first.engine.get(jobId).job.seq).toBe(4);
    clock.advance(1);
    context.progress({ n: 5 });
    expect(first.engine.get(jobId).job).toMatchObject({ progress: { n: 5 }, seq: 6 });
    finish.resolve('ok');
    expect(await first.engine.wait(jobId)).toMatchObject({ state: 'succeeded', seq: 7, progress: { n: 5 } });
  });

  it('never runs a job whose start was rolled back with the caller’s transaction', async () => {
    const { first } = setup();
    const toy = scriptedKind();
    first.engine.register(toy.definition);
    let jobId = '';
    expect(() =>
      writeTransaction(first.db, () => {
        jobId = first.engine.start('toy', 1, { hosts: ['h1'] });
        throw new Error('the scan row could not be written');
      }),
    ).toThrow(/scan row/);
    await settle();
    expect(toy.started).toEqual([]);
    expect(first.engine.list()).toEqual([]);
    await expect(first.engine.wait(jobId)).rejects.toThrow(/does not exist/);
  });

  it('on shutdown stops its jobs, which end interrupted with the step cut short', async () => {
    const { first } = setup();
    first.engine.register({
      kind: 'toy',
      parameters: z.object({}),
      run: (context) => context.step('h1', 'install', () => untilStopped(context.signal)),
    });
    const jobId = first.engine.start('toy', 1, {});
    await settle();
    await first.engine.stopAll();
    expect(first.engine.get(jobId)).toMatchObject({ job: { state: 'interrupted', error: expect.stringMatching(/closed/) }, steps: [{ state: 'interrupted' }] });
    expect(() => first.engine.start('toy', 1, {})).toThrow(/closing/);
  });
});

describe('JobEngine across processes on one data folder', () => {
  it('never interrupts a live process’s job, and interrupts a killed one’s, with its running step', async () => {
    const { first, open, host, clock } = setup();
    const second = open(200);
    const inFirst = scriptedKind('toy', { interrupted: (jobId, at) => interruptedRows.push([jobId, at]) });
    const interruptedRows: [string, string][] = [];
    first.engine.register(inFirst.definition);
    second.engine.register(scriptedKind('toy', { interrupted: (jobId, at) => interruptedRows.push([jobId, at]) }).definition);
    const jobId = first.engine.start('toy', 1, { hosts: ['h1'] });
    await settle();
    const hold = deferred();
    const stepped = inFirst.started[0]!.context.step('h1', 'install', () => hold.promise);
    await settle();

    second.engine.open();
    clock.advance(HEARTBEAT_STALE_AFTER_MS - 1000);
    first.engine.tick();
    clock.advance(HEARTBEAT_STALE_AFTER_MS - 1000);
    second.engine.tick();
    expect(second.engine.get(jobId).job.state).toBe('running');
    expect(interruptedRows).toEqual([]);

    host.alive.delete(100);
    second.engine.tick();
    const after = second.engine.get(jobId);
    expect(after.job).toMatchObject({ state: 'interrupted', error: expect.stringMatching(/pid 100 on workstation/) });
    expect(after.steps).toMatchObject([{ state: 'interrupted' }]);
    expect(interruptedRows).toEqual([[jobId, clock.now().toISOString()]]);
    expect(second.seen).toMatchObject([{ jobId, state: 'interrupted', seq: after.job.seq }]);

    // The "killed" process had only stalled: what it does now is not recorded over the verdict.
    hold.resolve();
    await stepped;
    inFirst.started[0]!.finish.resolve('done');
    expect(await first.engine.wait(jobId)).toMatchObject({ state: 'interrupted' });
    expect(first.logs.join('\n')).toMatch(/not recorded/);
  });

  it('interrupts a job whose heartbeat stopped even though its pid runs, and leaves kinds it does not know alone', async () => {
    const { first, open, clock } = setup();
    const second = open(200);
    first.engine.register(scriptedKind('toy').definition);
    first.engine.register(scriptedKind('other').definition);
    second.engine.register(scriptedKind('toy').definition);
    const toyJob = first.engine.start('toy', 1, { hosts: ['h1'] });
    const otherJob = first.engine.start('other', 1, { hosts: ['h1'] });
    await settle();
    clock.advance(HEARTBEAT_STALE_AFTER_MS + 1);
    second.engine.tick();
    expect(second.engine.get(toyJob).job.state).toBe('interrupted');
    expect(second.engine.get(otherJob).job.state).toBe('running');
    // The stalled owner learns at its next heartbeat that it lost the job, and stops it.
    first.engine.tick();
    expect(first.engine.list({ states: ['running'] }).map((job) => job.id)).toEqual([otherJob]);
  });

  it('passes a cancel request to the owning process, which stops at its next heartbeat or step', async () => {
    const { first, open } = setup();
    const second = open(200);
    const gates = [deferred(), deferred()];
    const reached: string[] = [];
    first.engine.register({
      kind: 'toy',
      parameters: z.object({}),
      run: async (context) => {
        for (const [index, host] of ['h1', 'h2', 'h3'].entries()) {
          await context.step(host, 'install', async () => {
            reached.push(host);
            await gates[index]?.promise;
          });
        }
        return 'all done';
      },
    });
    second.engine.register(scriptedKind('toy').definition);
    const jobId = first.engine.start('toy', 1, {});
    await settle();
    const seenBySecond = second.engine.cancel(jobId);
    expect(seenBySecond).toMatchObject({ state: 'running', cancelRequestedAt: expect.any(String) });
    gates[0]!.resolve();
    await settle();
    // Step h1 ended: the request was read right after it, so h2 never starts.
    const done = await first.engine.wait(jobId);
    expect(done.state).toBe('cancelled');
    expect(reached).toEqual(['h1']);
    expect(first.engine.get(jobId).steps.map((step) => [step.target, step.state])).toEqual([['h1', 'succeeded']]);
  });

  it('a cancel request reaches a job between steps at the owner’s heartbeat', async () => {
    const { first, open } = setup();
    const second = open(200);
    const toy = scriptedKind();
    first.engine.register(toy.definition);
    second.engine.register(scriptedKind().definition);
    const jobId = first.engine.start('toy', 1, { hosts: ['h1'] });
    await settle();
    const { context, finish } = toy.started[0]!;
    second.engine.cancel(jobId);
    expect(context.signal.aborted).toBe(false);
    first.engine.tick();
    expect(context.signal.aborted).toBe(true);
    expect(context.stopReason()).toBe('cancel');
    await expect(context.step('h2', 'install', () => 'never')).rejects.toBeInstanceOf(JobStoppedError);
    finish.resolve('partial');
    expect(await first.engine.wait(jobId)).toMatchObject({ state: 'cancelled', result: 'partial' });
    expect(second.seen).toEqual([]);
    expect(first.seen.at(-1)).toMatchObject({ state: 'cancelled' });
  });

  it('cancels at once a job whose owner is gone', async () => {
    const { first, open, host } = setup();
    const second = open(200);
    const marked: string[] = [];
    first.engine.register(scriptedKind().definition);
    second.engine.register(scriptedKind('toy', { interrupted: (jobId) => marked.push(jobId) }).definition);
    const jobId = first.engine.start('toy', 1, { hosts: ['h1'] });
    await settle();
    host.alive.delete(100);
    expect(second.engine.cancel(jobId)).toMatchObject({ state: 'cancelled', cancelRequestedAt: expect.any(String) });
    expect(marked).toEqual([jobId]);
    expect(second.seen.at(-1)).toMatchObject({ jobId, state: 'cancelled' });
  });

  it('waits for another process’s job through the heartbeat ticks', async () => {
    const { first, open } = setup();
    const second = open(200);
    const toy = scriptedKind();
    first.engine.register(toy.definition);
    const jobId = first.engine.start('toy', 1, { hosts: ['h1'] });
    await settle();
    let waited: unknown = null;
    void second.engine.wait(jobId).then((record) => (waited = record));
    second.engine.tick();
    await settle();
    expect(waited).toBeNull();
    toy.started[0]!.finish.resolve(7);
    await first.engine.wait(jobId);
    second.engine.tick();
    await settle();
    expect(waited).toMatchObject({ state: 'succeeded', result: 7 });
  });
});

describe('resumable kinds', () => {
  function rolloutKind(resumed: JobResumeInput[], waiting: { promise: Promise<void>; resolve: () => void }) {
    const definition: JobKindDefinition<{ hosts: string[] }, string> = {
      kind: 'toy-rollout',
      parameters: z.object({ hosts: z.array(z.string()) }),
      run: async (context) => {
        for (const host of context.params.hosts) {
          await context.step(host, 'install', () => (host === 'h2' ? untilStopped(context.signal) : undefined));
        }
        return 'installed';
      },
      resume: async (context, previous) => {
        resumed.push(previous);
        const unfinished = previous.steps.filter((step) => step.state !== 'succeeded').map((step) => step.target);
        for (const host of unfinished) await context.step(host, 'install', (step) => step.detail(`attempt ${step.attempt}: re-read the host's real state`));
        context.setState('waiting');
        hanging.push(() => waiting.resolve());
        await waiting.promise;
        context.setState('running');
        return `resumed ${unfinished.join(',')}`;
      },
    };
    return definition;
  }

  it('a process that knows the kind takes over a killed process’s job, with its steps, and resumes it', async () => {
    const { first, open, host } = setup();
    const approval = deferred();
    const resumed: JobResumeInput[] = [];
    first.engine.register(rolloutKind([], approval));
    const jobId = first.engine.start('toy-rollout', 1, { hosts: ['h1', 'h2'] });
    await settle();
    expect(first.engine.get(jobId).steps.map((step) => step.state)).toEqual(['succeeded', 'running']);

    host.alive.delete(100);
    const cli = open(300, { resumeInterrupted: false });
    cli.engine.register(rolloutKind(resumed, approval));
    cli.engine.open();
    expect(cli.engine.get(jobId).job.state).toBe('interrupted');
    expect(resumed).toEqual([]);

    const desktop = open(400);
    desktop.engine.register(rolloutKind(resumed, approval));
    desktop.engine.open();
    await settle();
    expect(resumed).toHaveLength(1);
    expect(resumed[0]?.job).toMatchObject({ id: jobId, state: 'running', owner: { pid: 400 } });
    expect(resumed[0]?.steps.map((step) => [step.target, step.state])).toEqual([
      ['h1', 'succeeded'],
      ['h2', 'interrupted'],
    ]);
    expect(desktop.engine.get(jobId)).toMatchObject({ job: { state: 'waiting' }, steps: [{}, {}, { target: 'h2', attempt: 2, state: 'succeeded', detail: "attempt 2: re-read the host's real state" }] });

    // A second taker finds nothing to take.
    const another = open(500);
    another.engine.register(rolloutKind(resumed, approval));
    another.engine.open();
    await settle();
    expect(resumed).toHaveLength(1);

    approval.resolve();
    expect(await desktop.engine.wait(jobId)).toMatchObject({ state: 'succeeded', result: 'resumed h2' });
    expect(desktop.seen.map((event) => event.state)).toEqual(['running', 'waiting', 'running', 'succeeded']);
    const seqs = desktop.seen.map((event) => event.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it('a job acts as whoever started it for its whole run, also when another process resumes it', async () => {
    const { first, open, host } = setup();
    const seen: string[] = [];
    const note = (where: string) => seen.push(`${where}: ${currentRequest()?.actor ?? 'none'} via ${currentRequest()?.via ?? 'none'}`);
    const later = deferred();
    const kind = (label: string) =>
      scriptedKind('acting', {
        run: async (context) => {
          note(`${label} run`);
          await later.promise;
          note(`${label} run, later`);
          return await untilStopped(context.signal);
        },
        resume: async () => {
          note(`${label} resume`);
          return 'resumed';
        },
      }).definition;
    first.engine.register(kind('first'));
    const own = first.engine.start('acting', 1, { hosts: ['h1'] });
    const jobId = runAsRequest({ actor: 'alice', via: 'cli' }, () => first.engine.start('acting', 1, { hosts: ['h1'] }));
    await settle();
    // Released outside any request: the job still acts as alice.
    later.resolve();
    await settle();
    expect(first.db.prepare('SELECT id, created_by, created_via FROM jobs ORDER BY rowid').all()).toEqual([
      { id: own, created_by: 'user-100', created_via: null },
      { id: jobId, created_by: 'alice', created_via: 'cli' },
    ]);

    host.alive.delete(100);
    const desktop = open(400, { via: 'desktop' });
    desktop.engine.register(kind('desktop'));
    desktop.engine.open();
    await settle();
    expect(await desktop.engine.wait(jobId)).toMatchObject({ state: 'succeeded', result: 'resumed' });
    expect(seen).toEqual([
      'first run: user-100 via none',
      'first run: alice via cli',
      'first run, later: user-100 via none',
      'first run, later: alice via cli',
      // The process that took over resumes each job as its starter: its own (unknown interface, then its own) and alice's.
      'desktop resume: user-100 via desktop',
      'desktop resume: alice via cli',
    ]);
  });

  it('an interrupted job someone cancelled is not resumed', async () => {
    const { first, open, host } = setup();
    const resumed: JobResumeInput[] = [];
    const approval = deferred();
    first.engine.register(rolloutKind([], approval));
    const jobId = first.engine.start('toy-rollout', 1, { hosts: ['h2'] });
    await settle();
    await first.engine.stopAll();
    expect(first.engine.get(jobId).job.state).toBe('interrupted');
    host.alive.delete(100);
    const cli = open(300, { resumeInterrupted: false });
    cli.engine.register(rolloutKind(resumed, approval));
    expect(cli.engine.cancel(jobId)).toMatchObject({ state: 'cancelled' });
    const desktop = open(400);
    desktop.engine.register(rolloutKind(resumed, approval));
    desktop.engine.open();
    await settle();
    expect(resumed).toEqual([]);
  });
});

describe('JobEngine scheduling', () => {
  it('asks each kind for its due work at every heartbeat of a resuming process, with the engine clock, never in the CLI', () => {
    const { first, open, clock } = setup();
    const seen: string[] = [];
    const { definition } = scriptedKind('scheduled', { due: (now) => seen.push(`core ${now.toISOString()}`) });
    first.engine.register(definition);
    const cli = open(300, { resumeInterrupted: false });
    cli.engine.register(scriptedKind('scheduled', { due: (now) => seen.push(`cli ${now.toISOString()}`) }).definition);
    first.engine.tick();
    cli.engine.tick();
    clock.advance(15_000);
    first.engine.tick();
    expect(seen).toEqual(['core 2026-11-02T10:00:00.000Z', 'core 2026-11-02T10:00:15.000Z']);
  });

  it('keeps its heartbeat when a kind’s due work throws, and says so', () => {
    const { first } = setup();
    first.engine.register(scriptedKind('toy', { due: () => { throw new Error('database is locked'); } }).definition);
    first.engine.tick();
    expect(first.logs).toEqual(['scheduled toy work could not start: database is locked']);
  });
});
