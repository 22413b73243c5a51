/** Runs the system tools the lab is built from (ssh-keygen, useradd, chpasswd) and fails loudly. */
import { execFile } from 'node:child_process';

/** What a finished tool printed. */
export interface ToolOutput {
  stdout: string;
  stderr: string;
}

/** Runs `file` with `args`, feeding `input` on stdin; rejects with the tool's stderr when it exits non-zero. */
export function runTool(file: string, args: readonly string[], input?: string): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(' ')} failed: ${stderr.trim() || error.message}`));
      else resolve({ stdout, stderr });
    });
    // A tool that exits without reading its input must not crash the test run with EPIPE.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

/** Whether an executable is on PATH. */
export async function hasCommand(name: string): Promise<boolean> {
  try {
    await runTool('sh', ['-c', `command -v ${name}`]);
    return true;
  } catch {
    return false;
  }
}
