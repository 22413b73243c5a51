import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the desktop main process bundle', () => {
  it('holds no database, service or job code: all of that runs in the core process', async () => {
    const result = await build({
      entryPoints: ['electron/main/main.ts'],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      metafile: true,
      logLevel: 'silent',
      external: ['electron', 'electron-store'],
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => /^electron\/(db|services|jobs|core\/app-core)|better-sqlite3|ssh2|pdfmake/.test(input))).toEqual([]);
    expect(inputs).toContain('electron/core-process/core-process-client.ts');
  });
});
