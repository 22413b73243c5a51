/**
 * The POSIX `sh` script that collects a Linux host's patch state in one round trip.
 *
 * Output grammar (parsed by `linux-sections.parser.ts`):
 * ```
 * # patchdesk-collection v1 platform=linux run=<hex>
 *
 * === patchdesk section=<name> exit=<code> run=<hex> ===
 * <the command's stdout, byte for byte>
 *
 * === patchdesk stderr=<name> run=<hex> ===          (only when stderr was not empty)
 * <the command's stderr>
 *
 * === patchdesk end run=<hex> ===
 * ```
 * Every marker line is preceded by one extra newline, so the parser can restore each output
 * exactly (including a missing final newline) by dropping one newline before each marker. The
 * random `run` id means text inside an output (a repository's package summary, a log line) cannot
 * forge a marker.
 */

/** Version of the section grammar; the header says `v1`. */
export const LINUX_COLLECTION_FORMAT_VERSION = 1;

/**
 * The collector's reboot indicators as shell functions: `pd_kernels` prints `boot <release>` per
 * kernel image and `modules <release>` per modules folder, `pd_reboot` prints `file <path>` per
 * reboot-required flag and `pkg <name>` per package that asked. Shared with the rollouts' apk
 * reboot check (`remote/operations/apk-reboot-required.ts`), so both read the same evidence.
 */
export const LINUX_REBOOT_PROBE_FUNCTIONS = String.raw`pd_kernels() {
  for pd_f in /boot/vmlinuz-* /boot/vmlinux-* /boot/Image-* /boot/kernel-*; do [ -e "$pd_f" ] && echo "boot ${"$"}{pd_f#/boot/*-}"; done
  for pd_f in /lib/modules/* /usr/lib/modules/*; do [ -d "$pd_f" ] && echo "modules ${"$"}{pd_f##*/}"; done
  return 0
}
pd_reboot() {
  for pd_f in /var/run/reboot-required /run/reboot-required /run/reboot-needed; do [ -e "$pd_f" ] && echo "file $pd_f"; done
  for pd_f in /var/run/reboot-required.pkgs /run/reboot-required.pkgs; do
    [ -r "$pd_f" ] && head -n 50 "$pd_f" | sed 's/^/pkg /' && break
  done
  return 0
}`;

/**
 * The collector script. Run it as `sh -s` with the script on stdin (the SSH executor) or as
 * `sh patchdesk-collect.sh > host.pdc` on a host Patchdesk cannot reach. It needs no root, never
 * refreshes metadata or changes packages (results reflect the host's last `apt-get update`,
 * `dnf makecache` and so on), feeds every command `/dev/null` as stdin so nothing can prompt or
 * swallow the rest of a piped script, and bounds each command with `timeout` where it exists.
 */
export const LINUX_COLLECTOR_SCRIPT = String.raw`#!/bin/sh
# Patchdesk agentless collection script (read-only; no root needed).
# Offline use: sh patchdesk-collect.sh > "$(uname -n).pdc"   then import the .pdc file in Patchdesk.
LC_ALL=C; LANG=C; LANGUAGE=; TERM=dumb; PAGER=cat; SYSTEMD_PAGER=
export LC_ALL LANG LANGUAGE TERM PAGER SYSTEMD_PAGER
PATH="$PATH:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
export PATH

pd_id=$(od -An -N8 -tx1 /dev/urandom 2>/dev/null | tr -d ' \n')
[ -n "$pd_id" ] || pd_id=$(tr -d '-' < /proc/sys/kernel/random/uuid 2>/dev/null)
[ -n "$pd_id" ] || pd_id="$$$(date +%s 2>/dev/null)"

pd_tmp=$(mktemp -d 2>/dev/null) || pd_tmp=
if [ -n "$pd_tmp" ]; then trap 'rm -rf "$pd_tmp"' EXIT; trap 'exit 130' INT TERM HUP; fi

# busybox before 1.30 wants "timeout -t N"; use timeout only when the plain form works.
pd_timeout=
if command -v timeout >/dev/null 2>&1 && timeout 5 true </dev/null >/dev/null 2>&1; then pd_timeout=timeout; fi

pd_have() { command -v "$1" >/dev/null 2>&1; }

# pd_run SECONDS COMMAND...: runs an external command, bounded by timeout when it works here.
pd_run() {
  pd_s=$1; shift
  if [ -n "$pd_timeout" ]; then timeout "$pd_s" "$@"; else "$@"; fi
}

# pd_section NAME SECONDS COMMAND...: runs an external COMMAND and prints its section.
pd_section() { pd_name=$1; pd_secs=$2; shift 2; pd_emit pd_run "$pd_secs" "$@"; }
# pd_fsection NAME FUNCTION...: the same for a shell function (timeout cannot run those).
pd_fsection() { pd_name=$1; shift; pd_emit "$@"; }

# Leaves the exit code in pd_rc for the caller.
pd_emit() {
  if [ -n "$pd_tmp" ]; then
    "$@" </dev/null >"$pd_tmp/out" 2>"$pd_tmp/err"
    pd_rc=$?
    printf '\n=== patchdesk section=%s exit=%s run=%s ===\n' "$pd_name" "$pd_rc" "$pd_id"
    cat "$pd_tmp/out"
    if [ -s "$pd_tmp/err" ]; then
      printf '\n=== patchdesk stderr=%s run=%s ===\n' "$pd_name" "$pd_id"
      head -c 65536 "$pd_tmp/err" 2>/dev/null || cat "$pd_tmp/err"
    fi
  else
    # No writable temporary directory: keep stdout in a variable and drop stderr.
    pd_out=$("$@" </dev/null 2>/dev/null)
    pd_rc=$?
    printf '\n=== patchdesk section=%s exit=%s run=%s ===\n' "$pd_name" "$pd_rc" "$pd_id"
    [ -z "$pd_out" ] || printf '%s\n' "$pd_out"
  fi
}

pd_os_release() { if [ -r /etc/os-release ]; then cat /etc/os-release; else cat /usr/lib/os-release; fi; }
pd_uptime() { cat /proc/uptime; }
pd_pm() {
  for pd_m in apt-get dnf yum zypper apk pacman; do
    if pd_have "$pd_m"; then [ "$pd_m" = apt-get ] && pd_m=apt; echo "$pd_m"; return 0; fi
  done
  echo none
}
# Newest mtime (epoch seconds) among the given paths; exits 1 when none exists.
pd_newest() { stat -c %Y "$@" 2>/dev/null | sort -n | tail -n 1 | grep . ; }
# pd_newest_named NAME DIR...: newest mtime of the files called NAME below the DIRs.
pd_newest_named() {
  pd_n=$1; shift
  find "$@" -name "$pd_n" -type f 2>/dev/null | while IFS= read -r pd_f; do stat -c %Y "$pd_f" 2>/dev/null; done | sort -n | tail -n 1 | grep .
}
${LINUX_REBOOT_PROBE_FUNCTIONS}
# The header fields of every apt Release/InRelease file: the Date of the suite that offers a candidate.
pd_apt_release_dates() {
  for pd_f in /var/lib/apt/lists/*_InRelease /var/lib/apt/lists/*_Release; do
    [ -r "$pd_f" ] || continue
    echo "== ${"$"}{pd_f##*/}"
    sed -n -e '/^\(MD5Sum\|SHA1\|SHA256\|SHA512\):/q' -e '/^\(Origin\|Label\|Suite\|Codename\|Version\|Date\):/p' "$pd_f"
  done
  return 0
}
pd_rpm_installed() { pd_run 120 rpm -qa --queryformat '%{NAME}\t%|EPOCH?{%{EPOCH}}:{0}|\t%{VERSION}\t%{RELEASE}\t%{ARCH}\t%{SOURCERPM}\n'; }
pd_rpm_last() { pd_run 60 rpm -qa --queryformat '%{INSTALLTIME}\n' | sort -n | tail -n 1 | grep .; }

printf '# patchdesk-collection v1 platform=linux run=%s\n' "$pd_id"
pd_fsection os-release pd_os_release
pd_section kernel-release 10 uname -r
pd_section machine 10 uname -m
pd_section hostname 10 uname -n
pd_fsection uptime pd_uptime
pd_fsection package-manager pd_pm
pd_manager=$(pd_pm)
pd_fsection kernels pd_kernels
pd_fsection reboot-files pd_reboot

case "$pd_manager" in
  apt)
    pd_section apt-simulate 240 apt-get -s -qq -o Debug::NoLocking=true -o APT::Get::Show-User-Simulation-Note=false dist-upgrade
    pd_section dpkg-query 120 dpkg-query -W -f '${"$"}{binary:Package}\t${"$"}{Version}\t${"$"}{Architecture}\t${"$"}{db:Status-Abbrev}\t${"$"}{source:Package}\t${"$"}{source:Version}\n'
    pd_fsection metadata-time pd_newest /var/lib/apt/lists/*Release /var/lib/apt/lists/*Packages*
    pd_fsection apt-release-dates pd_apt_release_dates
    pd_fsection last-patch pd_newest /var/lib/dpkg/info/*.list
    if pd_have needrestart; then pd_section needrestart 60 needrestart -b; fi
    ;;
  dnf|yum)
    # -C reads the system cache only; without it a non-root run downloads metadata into /var/tmp.
    pd_section check-update 240 "$pd_manager" -C --assumeno check-update
    pd_section updateinfo 240 "$pd_manager" -C --assumeno updateinfo list
    # Each advisory's Issued/Updated date, for SLA clocks that start at publication.
    pd_section updateinfo-info 240 "$pd_manager" -C -q --assumeno updateinfo info
    pd_fsection rpm-query pd_rpm_installed
    pd_fsection metadata-time pd_newest_named repomd.xml /var/cache/dnf /var/cache/yum /var/cache/libdnf5
    pd_fsection last-patch pd_rpm_last
    if pd_have needs-restarting; then pd_section needs-restarting 120 needs-restarting -r
    elif [ "$pd_manager" = dnf ]; then pd_section needs-restarting 120 dnf -C needs-restarting -r
    fi
    ;;
  zypper)
    pd_section zypper-updates 240 zypper --non-interactive --no-color --xmlout --no-refresh list-updates
    pd_section zypper-patches 240 zypper --non-interactive --no-color --xmlout --no-refresh list-patches
    pd_fsection rpm-query pd_rpm_installed
    pd_fsection metadata-time pd_newest_named repomd.xml /var/cache/zypp/raw
    pd_fsection last-patch pd_rpm_last
    pd_section zypper-needs-rebooting 60 zypper --non-interactive --no-color --no-refresh needs-rebooting
    ;;
  apk)
    pd_section apk-list 120 apk list -u
    if [ "$pd_rc" != 0 ]; then pd_section apk-version 120 apk version -l '<'; fi
    pd_section apk-installed 60 cat /lib/apk/db/installed
    pd_fsection metadata-time pd_newest /var/cache/apk/APKINDEX.* /etc/apk/cache/APKINDEX.* /lib/apk/db/*APKINDEX*
    pd_fsection last-patch pd_newest /lib/apk/db/installed
    ;;
  pacman)
    if pd_have checkupdates; then pd_section pacman-checkupdates 240 checkupdates --nocolor; fi
    pd_section pacman-qu 60 pacman -Qu --color never
    pd_section pacman-installed 60 pacman -Q --color never
    pd_fsection metadata-time pd_newest /var/lib/pacman/sync/*.db
    pd_fsection last-patch pd_newest /var/lib/pacman/local /var/log/pacman.log
    ;;
esac

printf '\n=== patchdesk end run=%s ===\n' "$pd_id"
exit 0
`;
