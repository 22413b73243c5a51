/**
 * apk outputs for the apk family's tests. HANDMADE, not captured: Debian 12 has no apk-tools and
 * no Alpine host ran here. Each one follows the apk-tools 2.14 source and man pages
 * (github.com/alpinelinux/apk-tools, branch 2.14-stable); the comment above each says where its
 * format comes from. Capture the real ones on an Alpine host and replace these when one exists.
 */

/**
 * `apk -s upgrade busybox` on Alpine 3.20: src/commit.c `print_change` prints `(i/n) Upgrading
 * name (old -> new)` per change, then `OK: <MiB> MiB in <n> packages`; a dependency pulled along
 * is its own line.
 */
export const APK_SIMULATE_UPGRADE = `(1/2) Upgrading busybox (1.36.1-r28 -> 1.36.1-r29)
(2/2) Upgrading ssl_client (1.36.1-r28 -> 1.36.1-r29)
OK: 8 MiB in 15 packages
`;

/**
 * `apk -s add -u openssl=3.3.2-r1` where the new build needs a new library and drops another:
 * `Installing name (version)` for a new package, `Purging name (version)` for a removal (src/commit.c
 * `print_change`: no old package, or no new one); a repository tag follows the name (`name@edge`).
 */
export const APK_SIMULATE_WITH_PURGE = `(1/3) Installing libcrypto3@edge (3.3.2-r1)
(2/3) Upgrading openssl (3.3.2-r0 -> 3.3.2-r1)
(3/3) Purging libcrypto1.1 (1.1.1w-r1)
OK: 9 MiB in 15 packages
`;

/**
 * `apk add lab-hello=9.9-r0` (a version no repository offers), on stderr: src/commit.c
 * `apk_solver_print_errors`: `ERROR: unable to select packages:`, then per package `  name-version:`
 * and indented reasons such as `breaks: world[name=version]`; the exit code is non-zero.
 */
export const APK_UNSATISFIABLE_STDERR = `ERROR: unable to select packages:
  lab-hello-1.1-r0:
    breaks: world[lab-hello=9.9-r0]
`;

/**
 * Another apk holds the lock past `--wait`: src/database.c prints `Waiting for repository lock`
 * (stdout), then on the alarm `ERROR: Unable to lock database: <strerror>`, and src/apk.c
 * `ERROR: Failed to open apk database: <strerror>`; exit 99 (a negative result is capped there).
 */
export const APK_LOCKED = { stdout: 'Waiting for repository lock\n', stderr: 'ERROR: Unable to lock database: Interrupted system call\nERROR: Failed to open apk database: Interrupted system call\n', exitCode: 99 };

/**
 * A post-upgrade script that fails: src/package.c `apk_ipkg_run_script` prints `Executing
 * <pkg-ver>.post-upgrade`, src/database.c `apk_db_run_script` `ERROR: <pkg-ver>.post-upgrade: script
 * exited with error 1` (stderr) and marks the package `broken_script`; src/commit.c ends with
 * `1 error; ...` and the applet returns the error count (exit 1).
 */
export const APK_SCRIPT_FAILED = {
  stdout: 'fetch http://lab/alpine/x86_64/APKINDEX.tar.gz\n(1/1) Upgrading lab-postinst-fails (1.0-r0 -> 1.1-r0)\nExecuting lab-postinst-fails-1.1-r0.post-upgrade\n1 error; 8 MiB in 15 packages\n',
  stderr: 'ERROR: lab-postinst-fails-1.1-r0.post-upgrade: script exited with error 1\n',
  exitCode: 1,
};

/**
 * The filtered database and world (`APK_STATE_COMMAND`): `/lib/apk/db/installed` records are
 * blank-line separated `X:value` fields (apk-package(5); `P:` name, `V:` version); `f:` holds the
 * broken flags `f`, `s`, `x` (src/database.c writes `f:` only when one is set). `/etc/apk/world`
 * is one constraint per line (apk-world(5)).
 */
export const APK_STATE = `P:busybox
V:1.36.1-r28

P:lab-postinst-fails
V:1.1-r0
f:s

P:musl
V:1.2.5-r0

@@world@@
alpine-base
busybox
lab-postinst-fails@lab
musl=1.2.5-r0
`;

/**
 * `apk policy busybox lab-hello`: src/app_policy.c prints `name policy:`, per version
 * `  version:`, and under it `    lib/apk/db/installed` for the installed one and
 * `    [@tag ]<repository URL>` per repository offering it.
 */
export const APK_POLICY = `busybox policy:
  1.36.1-r29:
    https://dl-cdn.alpinelinux.org/alpine/v3.20/main
  1.36.1-r28:
    lib/apk/db/installed
lab-hello policy:
  1.1-r0:
    @lab http://lab/alpine
  1.0-r0:
    lib/apk/db/installed
    @lab http://lab/alpine
`;

/** The cache listing after the policy: src/database.c `apk_pkg_format_cache_pkg` names files `name-version.<8 hex>.apk`. */
export const APK_CACHE_LISTING = `APKINDEX.2c4ac24e.tar.gz
busybox-1.36.1-r28.a1b2c3d4.apk
busybox-extras-1.36.1-r28.0badcafe.apk
`;
