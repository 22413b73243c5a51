/**
 * A pack verification as the admin reads it: a one-line verdict that names what changed, the
 * files in trouble first, and each problem next to the file it concerns.
 */
import type { EvidenceVerification, PackProblem, SignerTrustKind } from '../../../../shared/contract/evidence';
import type { BadgeTone } from '../../components/badge';

/** A file's status in the pack. */
export type VerifiedFileStatus = EvidenceVerification['files'][number]['status'];

/** The order files are listed in: what needs attention first. */
export const FILE_STATUS_ORDER: readonly VerifiedFileStatus[] = ['changed', 'missing', 'unexpected', 'ok'];

/** How a file status reads in the table. */
export const FILE_STATUS_LABELS: Record<VerifiedFileStatus, string> = {
  changed: 'Changed',
  missing: 'Missing',
  unexpected: 'Added after signing',
  ok: 'Intact',
};

/** The badge tone of a file status: anything but intact is a danger. */
export const FILE_STATUS_TONES: Record<VerifiedFileStatus, BadgeTone> = {
  changed: 'danger',
  missing: 'danger',
  unexpected: 'danger',
  ok: 'success',
};

/** One row of the file table: the file, its status and what the check found. */
export interface VerifiedFileRow {
  path: string;
  status: VerifiedFileStatus;
  details: string[];
}

/**
 * The files, those in trouble first (changed, missing, added), each group in the manifest's order,
 * with the problem details that name each file.
 */
export function verifiedFileRows(verification: EvidenceVerification): VerifiedFileRow[] {
  const details = problemsByFile(verification.problems);
  return verification.files
    .map((file, index) => ({ file, index }))
    .sort((a, b) => FILE_STATUS_ORDER.indexOf(a.file.status) - FILE_STATUS_ORDER.indexOf(b.file.status) || a.index - b.index)
    .map(({ file }) => ({ path: file.path, status: file.status, details: details.get(file.path) ?? [] }));
}

/** Problem details by the file they name. */
export function problemsByFile(problems: readonly PackProblem[]): Map<string, string[]> {
  const byFile = new Map<string, string[]>();
  for (const problem of problems) byFile.set(problem.file, [...(byFile.get(problem.file) ?? []), problem.detail]);
  return byFile;
}

/**
 * Problems that no file row shows: the signature, the manifest, a file that is not a pack at
 * all. They are listed under the verdict so nothing found goes unsaid.
 */
export function packLevelProblems(verification: EvidenceVerification): PackProblem[] {
  const listed = new Set(verification.files.map((file) => file.path));
  return verification.problems.filter((problem) => !listed.has(problem.file) || problem.problem === 'signature' || problem.problem === 'manifest');
}

/** The files of a kind of trouble, in a short sentence ("report.pdf was changed"). */
function phrase(paths: readonly string[], singular: string, pluralVerb: string): string {
  if (paths.length === 1) return `${paths[0]} ${singular}`;
  const shown = paths.slice(0, 3).join(', ');
  const more = paths.length > 3 ? ` and ${paths.length - 3} more` : '';
  return `${paths.length} files ${pluralVerb}: ${shown}${more}`;
}

/** The verdict of a verification: a title, one sentence, and the problem that sentence states (so it is not listed twice). */
export interface VerificationVerdict {
  title: string;
  text: string;
  /** The pack-level problem the text is made of, if any. */
  stated: PackProblem | null;
}

/** The signers whose packs may read as verified; any other signer never does, whatever the files say. */
const TRUSTED_SIGNERS: ReadonlySet<SignerTrustKind> = new Set(['installation', 'pinned', 'trusted_signer']);

/** True only when every check passed and the signer is trusted: the one test for saying "verified". */
export function isVerified(verification: EvidenceVerification): boolean {
  return verification.ok && verification.signatureValid && verification.trust !== null && TRUSTED_SIGNERS.has(verification.trust.kind);
}

/** The problem saying the signer is unknown, if it is. */
export function unknownSignerProblem(verification: EvidenceVerification): PackProblem | undefined {
  return verification.problems.find((problem) => problem.problem === 'unknown_signer');
}

/** Whose key made a verified pack, in words. */
function trustedSignerWords(verification: EvidenceVerification): string {
  if (verification.trust?.kind === 'trusted_signer') return `the key of trusted signer “${verification.trust.name ?? ''}”`;
  if (verification.trust?.kind === 'pinned') return 'the pinned key';
  return 'this installation’s key';
}

/** The verdict: a title and one sentence saying what was found, naming the files at fault. */
export function verificationVerdict(verification: EvidenceVerification): VerificationVerdict {
  if (isVerified(verification)) {
    return {
      title: 'Pack verified',
      text: `Every file matches the signed manifest (${verification.files.length} files), and the signature is valid and made with ${trustedSignerWords(verification)}.`,
      stated: null,
    };
  }
  const unknown = unknownSignerProblem(verification);
  if (unknown && verification.problems.every((problem) => problem === unknown)) {
    return {
      title: 'Signed by an unknown key',
      text: `The files match the manifest, but it is signed with a key that is neither this installation’s nor a trusted signer’s, so nothing proves who made this pack. Fingerprint: ${verification.fingerprint ?? 'unreadable'}.`,
      stated: unknown,
    };
  }
  const of = (status: VerifiedFileStatus) => verification.files.filter((file) => file.status === status).map((file) => file.path);
  const parts = [
    ...(of('changed').length > 0 ? [phrase(of('changed'), 'was changed', 'were changed')] : []),
    ...(of('missing').length > 0 ? [phrase(of('missing'), 'is missing', 'are missing')] : []),
    ...(of('unexpected').length > 0 ? [phrase(of('unexpected'), 'was added after signing', 'were added after signing')] : []),
  ];
  const notAPack = verification.problems.find((problem) => problem.problem === 'not_a_pack');
  if (notAPack) return { title: 'Not an evidence pack', text: sentence(notAPack.detail), stated: notAPack };
  const signature = verification.problems.find((problem) => problem.problem === 'signature' || problem.problem === 'manifest');
  const alsoUnknown = unknown ? ` It is also signed by an unknown key (${verification.fingerprint ?? 'unreadable'}).` : '';
  if (parts.length === 0 && signature) return { title: 'Verification failed', text: `${sentence(signature.detail)}${alsoUnknown}`, stated: signature };
  const text = parts.length > 0 ? `${capitalise(parts.join('; '))}.` : 'The pack does not match its signed manifest.';
  return { title: 'Verification failed', text: `${signature && !verification.signatureValid ? `${text} The signature does not check out either.` : text}${alsoUnknown}`, stated: null };
}

/** Who signed the pack, in words, and whether that should reassure. */
export function signerVerdict(verification: EvidenceVerification): { text: string; tone: 'success' | 'warning' | 'danger' | 'neutral' } {
  if (verification.fingerprint === null || verification.trust === null) return { text: 'The signer cannot be read from the pack.', tone: 'danger' };
  if (!verification.signatureValid) return { text: 'The signature does not match: the manifest or its signature was changed after signing.', tone: 'danger' };
  // A valid signature by a trusted key over an intact manifest is what proves the failing files were changed after signing.
  const filesFail = verification.files.some((file) => file.status !== 'ok');
  const changedAfter = filesFail ? ': the manifest is genuine, so the files marked below were changed after signing' : '';
  switch (verification.trust.kind) {
    case 'installation':
      return { text: `Signed with this installation’s key${changedAfter}.`, tone: 'success' };
    case 'pinned':
      return { text: `Signed with the pinned key${changedAfter}.`, tone: 'success' };
    case 'trusted_signer':
      return { text: `Signed by trusted signer “${verification.trust.name ?? ''}”${changedAfter}.`, tone: 'success' };
    case 'not_pinned':
      return { text: 'Not signed with the pinned key: this pack was signed with another key.', tone: 'danger' };
    case 'unknown':
      return { text: 'Signed by an unknown key: neither this installation’s nor a trusted signer’s. Trust it only after comparing the fingerprint with the issuer by phone or mail.', tone: 'danger' };
  }
}

/** Capitalises a sentence, unless it starts with a file name ("report.pdf was changed" stays as written). */
function capitalise(text: string): string {
  return /^[a-z]+\s/.test(text) ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

function sentence(text: string): string {
  const capital = capitalise(text.trim());
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}
