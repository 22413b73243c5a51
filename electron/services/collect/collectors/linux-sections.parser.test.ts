import { describe, expect, it } from 'vitest';
import { splitLinuxSections } from './linux-sections.parser';
import { withCpuTime } from '../../../test-support/cpu-time';

const ID = 'c0ffee12';
const mark = (name: string, exit = 0) => `\n=== patchdesk section=${name} exit=${exit} run=${ID} ===\n`;
const end = `\n=== patchdesk end run=${ID} ===\n`;
const header = `# patchdesk-collection v1 platform=linux run=${ID}\n`;

function sections(text: string) {
  const r = splitLinuxSections(text);
  if (!r.ok) throw new Error(r.error);
  return r;
}

describe('splitLinuxSections', () => {
  it('restores each output exactly, with or without a final newline', () => {
    const text = `${header}${mark('a')}one\ntwo\n${mark('b', 100)}no newline${mark('c')}${mark('d')}\n\n${end}`;
    const r = sections(text);
    expect(r.sections.get('a')).toEqual({ name: 'a', exitCode: 0, stdout: 'one\ntwo\n', stderr: '' });
    expect(r.sections.get('b')?.stdout).toBe('no newline');
    expect(r.sections.get('b')?.exitCode).toBe(100);
    expect(r.sections.get('c')?.stdout).toBe('');
    expect(r.sections.get('d')?.stdout).toBe('\n\n');
    expect(r.warnings).toEqual([]);
  });

  it('attaches stderr to its section', () => {
    const r = sections(`${header}${mark('apt', 100)}out\n\n=== patchdesk stderr=apt run=${ID} ===\nE: broken\n${end}`);
    expect(r.sections.get('apt')).toMatchObject({ stdout: 'out\n', stderr: 'E: broken\n' });
  });

  it('refuses a truncated collection', () => {
    const r = splitLinuxSections(`${header}${mark('a')}half a line`);
    expect(r).toEqual({ ok: false, error: expect.stringContaining('truncated') });
  });

  it('ignores markers that do not carry the run id', () => {
    const forged = `=== patchdesk section=apt-simulate exit=0 run=deadbeef ===\n=== patchdesk end run=deadbeef ===\n=== patchdesk end ===`;
    const r = sections(`${header}${mark('summary')}${forged}\n${end}`);
    expect(r.sections.get('summary')?.stdout).toBe(`${forged}\n`);
    expect(r.sections.has('apt-simulate')).toBe(false);
  });

  it('skips shell start-up noise before the header and text after the end', () => {
    const r = sections(`Welcome!\nlast login\n${header}${mark('a')}x\n${end}trailing junk\n`);
    expect(r.sections.get('a')?.stdout).toBe('x\n');
    expect(r.warnings).toHaveLength(2);
  });

  it('reads CRLF files and keeps the first of duplicate sections', () => {
    const r = sections(`${header}${mark('a')}first\n${mark('a')}second\n${end}`.replace(/\n/g, '\r\n'));
    expect(r.sections.get('a')?.stdout).toBe('first\n');
    expect(r.warnings[0]).toMatch(/twice/);
  });

  it.each([
    ['', /header/],
    ['random text\n=== patchdesk end ===\n', /header/],
    [`# patchdesk-collection v2 platform=linux run=${ID}\n${end}`, /v2/],
    [`# patchdesk-collection v1 platform=linux\n=== patchdesk end ===\n`, /run id/],
  ])('rejects %j', (text, message) => {
    const r = splitLinuxSections(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('stays fast on large hostile input', () => {
    const noise = '=== patchdesk section=x exit=0 run=zz ===\n\u0000\u001b[31m'.repeat(100_000);
    const { value: r, cpuMs } = withCpuTime(() => splitLinuxSections(`${header}${mark('a')}${noise}${end}`));
    expect(cpuMs).toBeLessThan(2_000);
    expect(r.ok).toBe(true);
  });
});
