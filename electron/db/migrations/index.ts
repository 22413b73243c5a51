/**
 * Every schema migration, in order. Forward-only: a released migration is never edited; a fix is
 * a new migration. Migrations import no application code, so they stay valid as the code moves.
 */
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-credentials';
import { migration0003 } from './0003-patch-status';
import { migration0004 } from './0004-exceptions';
import { migration0005 } from './0005-cycles';
import { migration0006 } from './0006-evidence';
import { migration0007 } from './0007-compliance-indexes';
import { migration0008 } from './0008-concurrent-processes';
import { migration0009 } from './0009-fix-publication';
import { migration0010 } from './0010-trusted-signers';
import { migration0011 } from './0011-jobs';
import { migration0016 } from './0016-package-history';

/** One migration: applied when the database's user_version is below `version`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0016];

/** The schema version this build of Patchdesk writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
