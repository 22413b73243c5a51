import { z } from 'zod';
import { Id } from './common';

/** Inventory fields a CSV column can map to. */
export const CSV_FIELDS = [
  'hostname',
  'addresses',
  'mac',
  'osFamily',
  'osName',
  'osVersion',
  'deviceType',
  'role',
  'owner',
  'department',
  'location',
  'tags',
  'accessMethod',
  'notes',
] as const;
export const CsvField = z.enum(CSV_FIELDS);
export type CsvField = z.infer<typeof CsvField>;

/** Which column (0-based) feeds which field; unmapped fields are absent. */
export const CsvMapping = z.partialRecord(CsvField, z.number().int().nonnegative());
export type CsvMapping = z.infer<typeof CsvMapping>;

/** The largest CSV file an import reads; callers check the file's size before reading it. */
export const MAX_CSV_FILE_BYTES = 50 * 1024 * 1024;
/** The largest offline collection file an import reads. */
export const MAX_COLLECTION_FILE_BYTES = 100 * 1024 * 1024;
/** The largest nmap XML report an import reads. */
export const MAX_NMAP_FILE_BYTES = 200 * 1024 * 1024;

/** Up to 50 MB of CSV text, as read from the chosen file. */
const CsvText = z.string().max(MAX_CSV_FILE_BYTES, 'the file is larger than 50 MB');

export const CsvPreviewRequest = z.object({
  text: CsvText,
  fileName: z.string().default(''),
  delimiter: z.enum([',', ';', '\t']).optional(),
  hasHeader: z.boolean().optional(),
});

export const CsvPreview = z.object({
  delimiter: z.enum([',', ';', '\t']),
  hasHeader: z.boolean(),
  columns: z.array(z.string()),
  sampleRows: z.array(z.array(z.string())),
  rowCount: z.number().int(),
  suggestedMapping: CsvMapping,
  /** Problems already visible in the preview (broken quoting and the like), with line numbers. */
  problems: z.array(z.object({ line: z.number().int(), message: z.string() })),
});
export type CsvPreview = z.infer<typeof CsvPreview>;

export const CsvCommitRequest = z.object({
  siteId: Id,
  text: CsvText,
  fileName: z.string().default(''),
  delimiter: z.enum([',', ';', '\t']),
  hasHeader: z.boolean(),
  mapping: CsvMapping,
});

export const NmapImportRequest = z.object({
  siteId: Id,
  xml: z.string().max(MAX_NMAP_FILE_BYTES, 'the file is larger than 200 MB'),
  fileName: z.string().default(''),
});

/** What an import did. Bad rows are skipped whole and listed; good rows land in one transaction. */
export const ImportReport = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), message: z.string() })),
  /** What was imported but deserves a look, or left out on purpose (hosts nmap only assumed up). */
  warnings: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ExportRequest = z.object({
  siteId: Id,
  format: z.enum(['csv', 'json']),
  includeRetired: z.boolean().default(false),
});

export const ExportedFile = z.object({ fileName: z.string(), mimeType: z.string(), content: z.string() });
