/**
 * The lab's reboot supervisor: a small shell loop, started detached by `lab up`, that acts out a
 * reboot for any host whose reboot shim left a request: it removes the request and the
 * reboot-required flags (Debian's /run/reboot-required*, libzypp's /run/reboot-needed), as a
 * fresh tmpfs would, stops the host's sshd, waits while the host is "down", writes a new boot id and starts sshd again. A shell script, so it keeps running after
 * the `lab up` process that started it exits, with nothing to compile.
 */

/** The script's text; `$1` is the lab's hosts folder, `$2` the seconds a host stays down. */
export const REBOOT_SUPERVISOR_SCRIPT = `#!/bin/sh
hosts="$1"
down="\${2:-2}"
while :; do
  for host in "$hosts"/*; do
    root="$host/root"
    [ -e "$root/run/lab-reboot-request" ] || continue
    rm -f "$root/run/lab-reboot-request" "$root/run/reboot-required" "$root/run/reboot-required.pkgs" "$root/run/reboot-needed"
    [ -f "$root/run/sshd.pid" ] && kill "$(cat "$root/run/sshd.pid")" 2>/dev/null
    echo "$(date -u +%FT%TZ) reboot $(basename "$host")" >> "$host/reboots.log"
    sleep "$down"
    cat /proc/sys/kernel/random/uuid > "$host/boot_id"
    unshare --uts chroot "$root" /bin/sh -c "hostname $(basename "$host") && exec /usr/sbin/sshd -E /var/log/sshd.log"
  done
  sleep 0.2
done
`;
