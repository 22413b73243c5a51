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
import { migration0012 } from './0012-rollouts';
import { migration0013 } from './0013-intel-feeds';
import { migration0014 } from './0014-cve-links';
import { migration0015 } from './0015-package-history';
import { migration0016 } from './0016-rollout-plan-features';
import { migration0017 } from './0017-rollout-windows';
import { migration0018 } from './0018-resolved-cve-links';
import { migration0019 } from './0019-request-via';

/** One migration: applied when the database's user_version is below `version`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013, migration0014, migration0015, migration0016, migration0017, migration0018, migration0019];

/** The schema version this build of Patchdesk writes. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
