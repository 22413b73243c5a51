/**
 * Which feed a file is, from its first bytes: formats are told apart by content, never by file
 * name (names lie: the Debian OSV sample `DLA-0010-1.json` holds DLA-0001-1). Anything that is
 * not a feed Patchdesk reads is refused here with what it looks like instead.
 */
import { FeedFormatError } from './feed-error';

/** What a file holds. `zip` is an OSV `all.zip` or a signed intel bundle (told apart by its entries). */
export type FeedShape = 'kev' | 'epss' | 'epss-gzip' | 'nvd' | 'osv' | 'zip' | 'debian-tracker' | 'msrc';

/** How many bytes of a file {@link detectFeedShape} looks at. */
export const DETECT_BYTES = 64 * 1024;

/** Detects the shape from the head of a file; `what` names the file in the refusal. */
export function detectFeedShape(head: Uint8Array, what: string): FeedShape {
  if (head.length === 0) throw new FeedFormatError(`${what} is empty`);
  if (head[0] === 0x1f && head[1] === 0x8b) return 'epss-gzip';
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05)) return 'zip';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).replace(/^\uFEFF/, '').trimStart();
  if (/^#model_version/i.test(text) || /^"?cve"?,\s*"?epss"?/i.test(text)) return 'epss';
  if (text.startsWith('{') || text.startsWith('[')) {
    if (/"catalogVersion"\s*:/.test(text)) return 'kev';
    if (/"csaf_version"\s*:|"DocumentTracking"\s*:|"DocumentTitle"\s*:/.test(text)) return 'msrc';
    if (/"CVE_Items"\s*:|"CVE_data_type"\s*:|"format"\s*:\s*"NVD_CVE"/.test(text) || (/"vulnerabilities"\s*:/.test(text) && /"cve"\s*:\s*\{/.test(text)) || /^\{\s*"cve"\s*:\s*\{/.test(text) || /"sourceIdentifier"\s*:/.test(text)) return 'nvd';
    if (/"schema_version"\s*:/.test(text) || (/"affected"\s*:/.test(text) && /"id"\s*:/.test(text))) return 'osv';
    if (/"releases"\s*:/.test(text) && /"(status|fixed_version)"\s*:/.test(text)) return 'debian-tracker';
    throw new FeedFormatError(`${what} is JSON, but not a feed Patchdesk reads (CISA KEV, NVD CVE API 2.0, OSV, the Debian security tracker, Microsoft CVRF/CSAF)`);
  }
  if (/^<\?xml|^</.test(text)) throw new FeedFormatError(`${what} is XML, which no feed Patchdesk reads uses (for Microsoft updates use the CVRF JSON or CSAF)`);
  throw new FeedFormatError(`${what} is not a feed Patchdesk reads: it starts with "${text.slice(0, 30).replace(/[\u0000-\u001f\u007f]/g, ' ')}"`);
}
