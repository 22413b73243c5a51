import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { randomBytesText } from '../../../test-support/binary-garbage';
import { detectFeedShape } from './detect-feed';

const head = (name: string) => readFileSync(join(__dirname, 'parsers', 'fixtures', name));

describe('detectFeedShape', () => {
  it('tells every real sample by its content', () => {
    expect(detectFeedShape(head('cisa_kev_2022-08-18_one-entry.json'), 'a')).toBe('kev');
    expect(detectFeedShape(head('debian-security-tracker-json_sample.json'), 'a')).toBe('debian-tracker');
    expect(detectFeedShape(head('nvd_api2_CVE-2017-7542.json'), 'a')).toBe('nvd');
    for (const name of ['osv_alma_ALSA-2023_7465.json', 'osv_debian_DLA-0010-1.json', 'osv_redhat_RHSA-2024_8709.json', 'osv_rocky_RLSA-2023_0005.json', 'osv_ubuntu_USN-7095-1.json']) expect(detectFeedShape(head(name), name)).toBe('osv');
    for (const name of ['epss_scores-2021-04-14_trimmed.csv', 'epss_scores-2021-09-01_trimmed.csv', 'epss_scores-2022-02-04_trimmed.csv', 'epss_scores-2023-03-07_trimmed.csv']) expect(detectFeedShape(head(name), name)).toBe('epss');
    expect(detectFeedShape(gzipSync(head('epss_scores-2023-03-07_trimmed.csv')), 'a')).toBe('epss-gzip');
    expect(detectFeedShape(Buffer.from('PK\u0003\u0004rest'), 'a')).toBe('zip');
  });

  it('refuses foreign JSON, XML, binary and empty files, naming them', () => {
    expect(() => detectFeedShape(Buffer.from(JSON.stringify({ name: 'patchdesk', version: '1.0.0', dependencies: {} })), 'package.json')).toThrow(/^package.json is JSON, but not a feed Patchdesk reads/);
    // The KEV schema names catalogVersion, so it is routed to the KEV parser, which refuses it (kev.parser.test.ts).
    expect(detectFeedShape(head('cisa_kev_schema.json'), 'schema.json')).toBe('kev');
    expect(() => detectFeedShape(Buffer.from('<?xml version="1.0"?><oval_definitions/>'), 'usn.oval.xml')).toThrow(/^usn.oval.xml is XML/);
    expect(() => detectFeedShape(Buffer.from(randomBytesText(4096, 7)), 'noise.bin')).toThrow(/^noise.bin is not a feed Patchdesk reads: it starts with/);
    expect(() => detectFeedShape(new Uint8Array(), 'empty.json')).toThrow('empty.json is empty');
  });
});
