/**
 * `npm run lab -- up [--hosts N] [--families apt,dnf,zypper,pacman] [--json]`, `npm run lab -- down`,
 * `npm run lab -- status`: the package lab from the command line (as root).
 */
import { labLayout } from './lab-layout';
import { isLabFamily, LAB_FAMILIES } from './lab-families';
import { downPackageLab, readLabManifest, upPackageLab } from './package-lab';

const USAGE = 'usage: npm run lab -- up [--hosts N] [--families apt,dnf,zypper,pacman] [--json] | down | status';

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index === -1 ? undefined : args[index + 1];
}

async function main(args: string[]): Promise<number> {
  const layout = labLayout();
  const [command] = args;
  if (command === 'up') {
    const hosts = Number(option(args, '--hosts') ?? 3);
    const families = (option(args, '--families') ?? 'apt').split(',');
    const unknown = families.filter((family) => !isLabFamily(family));
    if (unknown.length > 0 || !families.every(isLabFamily)) {
      console.error(`lab: no family ${unknown.join(', ')} (this lab has: ${LAB_FAMILIES.join(', ')})`);
      return 2;
    }
    const json = args.includes('--json');
    const manifest = await upPackageLab(layout, { hosts, families, log: (line) => console.error(`lab: ${line}`) });
    if (json) console.log(JSON.stringify(manifest, null, 2));
    else for (const host of manifest.hosts) console.log(`${host.name}\t${host.address}:${host.port}\t${host.family}\t${host.user}\t${host.keyFile}`);
    return 0;
  }
  if (command === 'down') {
    await downPackageLab(layout);
    console.log('lab: down');
    return 0;
  }
  if (command === 'status') {
    const manifest = readLabManifest(layout);
    console.log(manifest ? JSON.stringify(manifest, null, 2) : 'lab: not running');
    return 0;
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`lab: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
