/** `patchdesk collect-script linux|windows`: the script to run by hand on a host Patchdesk cannot reach. */
import { collectScript } from '../../services/collect/collectors/index';
import { usageError } from '../cli-error';

export const COLLECT_SCRIPT_USAGE = 'patchdesk collect-script linux|windows   (run its output through "patchdesk import collection FILE")';

/** The script text for the platform. */
export function collectScriptCommand(args: readonly string[]): string {
  const [platform, ...extra] = args;
  if ((platform !== 'linux' && platform !== 'windows') || extra.length > 0) throw usageError(`Usage: ${COLLECT_SCRIPT_USAGE}`);
  return collectScript(platform).replace(/\n$/, '');
}
