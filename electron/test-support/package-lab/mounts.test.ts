import { describe, expect, it } from 'vitest';
import { mountsUnder } from './mounts';

const line = (point: string) => `36 25 0:32 / ${point} rw,relatime shared:1 - overlay overlay rw`;

describe('mountsUnder', () => {
  it('lists the mounts at or under a folder, deepest first, and decodes spaces', () => {
    const table = [line('/'), line('/run/lab/hosts/a/root'), line('/run/lab/hosts/a/root/proc'), line('/run/lab/hosts/a/root/dev/pts'), line('/run/lab/hosts/a\\040b/root'), line('/run/labx')].join('\n');
    expect(mountsUnder('/run/lab', table)).toEqual(['/run/lab/hosts/a/root/dev/pts', '/run/lab/hosts/a/root/proc', '/run/lab/hosts/a b/root', '/run/lab/hosts/a/root']);
  });
});
