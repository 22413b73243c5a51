import { describe, expect, it } from 'vitest';
import { ACTOR_MAX_LENGTH, actingActor, currentRequest, normalizeActor, runAsRequest } from './request-context';

describe('the request context', () => {
  it('falls back to the caller’s actor outside any request', () => {
    expect(currentRequest()).toBeUndefined();
    expect(actingActor('owner')).toBe('owner');
  });

  it('follows a request through awaits, microtasks and timers it starts, and ends with it', async () => {
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let later: Promise<void> = Promise.resolve();
    await runAsRequest({ actor: 'alice', via: 'cli' }, async () => {
      seen.push(actingActor('owner'));
      await Promise.resolve();
      seen.push(actingActor('owner'));
      // Work the request starts and that outlives it (a job) keeps the request's actor.
      later = gate.then(() => {
        seen.push(actingActor('owner'));
      });
      queueMicrotask(() => seen.push(currentRequest()?.via ?? 'none'));
    });
    seen.push(actingActor('owner'));
    release();
    await later;
    expect(seen).toEqual(['alice', 'alice', 'cli', 'owner', 'alice']);
  });

  it('keeps two requests running at once apart', async () => {
    let releaseA: () => void = () => undefined;
    const waitA = new Promise<void>((resolve) => (releaseA = resolve));
    const a = runAsRequest({ actor: 'alice', via: 'cli' }, async () => {
      await waitA;
      return actingActor('owner');
    });
    const b = runAsRequest({ actor: 'bob', via: 'cli' }, async () => {
      releaseA();
      await Promise.resolve();
      return actingActor('owner');
    });
    expect(await Promise.all([a, b])).toEqual(['alice', 'bob']);
  });

  it('a nested request acts as the inner one until it returns', () => {
    const seen = runAsRequest({ actor: 'alice', via: 'cli' }, () => [runAsRequest({ actor: 'job-owner', via: 'desktop' }, () => actingActor('x')), actingActor('x')]);
    expect(seen).toEqual(['job-owner', 'alice']);
  });

  it('cleans actor names: trimmed, no control characters, capped; empty is none', () => {
    expect(normalizeActor('  alice  ')).toBe('alice');
    expect(normalizeActor('ali\nce\u0007\u009b')).toBe('alice');
    expect(normalizeActor('x'.repeat(150))).toBe('x'.repeat(ACTOR_MAX_LENGTH));
    expect(normalizeActor(' \t ')).toBeNull();
    expect(normalizeActor(undefined)).toBeNull();
  });
});
