import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseEpssStream } from './epss.parser';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name));
const parse = (bytes: Uint8Array, fileName = 'scores.csv', gzip = false) => parseEpssStream(Readable.from([Buffer.from(bytes)]), fileName, { gzip, fileName });

describe('parseEpssStream', () => {
  it('reads all four real formats, finding columns by name', async () => {
    const v1 = await parse(fixture('epss_scores-2021-04-14_trimmed.csv'), 'epss_scores-2021-04-14_trimmed.csv');
    expect(v1).toMatchObject({ modelVersion: null, scoreDate: '2021-04-14T00:00:00.000Z', cveIds: ['CVE-2020-5902', 'CVE-2018-19571'], percentiles: null });
    expect([...v1.scores]).toEqual([0.65117, 0.04773]);
    const v2 = await parse(fixture('epss_scores-2021-09-01_trimmed.csv'));
    expect(v2.scoreDate).toBeNull();
    expect([...(v2.percentiles ?? [])]).toEqual([0.9981063485700858, 0.8715910818693242]);
    const v3 = await parse(fixture('epss_scores-2022-02-04_trimmed.csv'));
    expect(v3).toMatchObject({ modelVersion: 'v2022.01.01', scoreDate: '2022-02-04T00:00:00.000Z' });
    const v4 = await parse(fixture('epss_scores-2023-03-07_trimmed.csv'));
    expect(v4).toMatchObject({ modelVersion: 'v2023.03.01', scoreDate: '2023-03-07T00:00:00.000Z', cveIds: ['CVE-2020-5902', 'CVE-2018-19571'] });
    expect([...v4.scores]).toEqual([0.97567, 0.00113]);
  });

  it('reads gzip, CRLF, a Z score date, reordered columns and chunks split anywhere', async () => {
    const text = '#model_version:v2025.03.14,score_date:2025-03-20T00:00:00Z\r\npercentile,cve,epss\r\n0.5,CVE-2024-3094,0.9\r\n';
    expect(await parse(gzipSync(text), 'x.csv.gz', true)).toMatchObject({ modelVersion: 'v2025.03.14', scoreDate: '2025-03-20T00:00:00.000Z', cveIds: ['CVE-2024-3094'] });
    const bytes = Buffer.from(text);
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    const parsed = await parseEpssStream(Readable.from(chunks), 'y.csv', { gzip: false, fileName: 'y.csv' });
    expect([...(parsed.percentiles ?? [])]).toEqual([0.5]);
  });

  it('refuses truncated, foreign and damaged files with the file name and line', async () => {
    const whole = fixture('epss_scores-2023-03-07_trimmed.csv');
    await expect(parse(whole.subarray(0, whole.length - 5))).rejects.toThrow(/^scores.csv is truncated: its last line "CVE-2018-19571,0.00113,0.4" has no line end/);
    await expect(parse(gzipSync(whole).subarray(0, 60), 'e.csv.gz', true)).rejects.toThrow('e.csv.gz is truncated: the gzip stream ends early');
    await expect(parse(Buffer.from('not gzip at all'), 'f.csv.gz', true)).rejects.toThrow(/^f.csv.gz is not a valid gzip file/);
    await expect(parse(Buffer.from('name,version\na,1\n'))).rejects.toThrow('scores.csv is not an EPSS file: line 1 should be the header "cve,epss[,percentile]", found "name,version"');
    await expect(parse(Buffer.from('cve,epss\nCVE-2024-1,0.5\n'))).rejects.toThrow('scores.csv, line 2: "CVE-2024-1" is not a CVE id');
    await expect(parse(Buffer.from('cve,epss\nCVE-2024-1234,1.5\n'))).rejects.toThrow('scores.csv, line 2: the score "1.5" of CVE-2024-1234 is not a number from 0 to 1');
    await expect(parse(Buffer.from('cve,epss\n'))).rejects.toThrow('scores.csv has an EPSS header but no scores (truncated?)');
  });

  it('streams 300,000 rows', async () => {
    const lines = ['#model_version:v2025.03.14,score_date:2025-03-20T00:00:00Z', 'cve,epss,percentile'];
    for (let index = 0; index < 300_000; index++) lines.push(`CVE-2024-${String(index).padStart(6, '0')},0.${index % 1000},0.5`);
    const parsed = await parse(Buffer.from(`${lines.join('\n')}\n`));
    expect(parsed.cveIds).toHaveLength(300_000);
    expect(parsed.scores[299_999]).toBe(0.999);
  });
});
