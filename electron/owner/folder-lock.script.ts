/**
 * A second process for the folder-lock test: `node bin/run-ts.mjs THIS DATA_DIR KIND`. Tries the
 * lock once and prints `held <record>` or `busy`; when it holds the lock it keeps it until stdin
 * closes (or it is killed).
 */
import { CoreKind, tryAcquireFolderLock } from './folder-lock';

const [dataDir, kind] = process.argv.slice(2);
const lock = tryAcquireFolderLock(dataDir ?? '', CoreKind.parse(kind));
if (!lock) {
  process.stdout.write('busy\n');
} else {
  process.stdout.write(`held ${JSON.stringify(lock.record)}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => {
    lock.release();
    process.exit(0);
  });
}
