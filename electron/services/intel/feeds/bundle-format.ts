/** The names that make a ZIP a signed Patchdesk intel bundle (the same as an evidence pack's). */
import { looksLikeSignedBundle } from '../../../../shared/contract/intel';

/** The manifest's and signature's names, as in evidence packs. */
export const BUNDLE_MANIFEST = 'manifest.json';
export const BUNDLE_SIGNATURE = 'manifest.sig';
export const BUNDLE_FORMAT = 'patchdesk-intel-bundle';

/** True when ZIP bytes look like a signed bundle (or an evidence pack); see the contract's rule. */
export const looksLikeBundle = looksLikeSignedBundle;
