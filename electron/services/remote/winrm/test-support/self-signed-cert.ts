/** A throwaway self-signed certificate for 127.0.0.1, made with the `openssl` command line. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../../../../test-support/temp-dir';

/** PEM key and certificate; the caller's test file must run `removeTempDirs`. */
export function makeSelfSignedCertificate(): { key: string; cert: string } {
  const dir = makeTempDir('patchdesk-winrm-cert-');
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=winhost.test', '-addext', 'subjectAltName=IP:127.0.0.1'],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
}
