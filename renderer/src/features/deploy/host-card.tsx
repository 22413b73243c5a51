import type { RolloutHost } from '../../../../shared/contract';
import { Badge } from '../../components/badge';
import { SiteTime } from '../../components/site-time';
import { formatDuration } from '../../lib/format';
import { HOST_STATE_LABELS, HOST_STATE_TONES, stepLabel } from './rollout-labels';
import { useRequiredSite } from '../sites/current-site-context';
import { currentStep, hostElapsedMs, lastOutputLines, localiseInstants } from './rollout-view-model';

/** A Windows update's state on the card: not yet seen, or what the host last showed. */
function kbState(pkg: RolloutHost['packages'][number]): string {
  const undo = pkg.rollbackAvailable === false ? ', no uninstall' : '';
  if (pkg.observedAt === null) return `pending${undo}`;
  // An uninstall reports the KB `absent`; an install or a collection, `installed` or the update it found.
  return `${pkg.observedVersion === null || pkg.observedVersion === 'absent' ? 'not installed' : 'installed'}${undo}`;
}

/**
 * One host of the live view: state, current step, elapsed time, the last output lines, and rollback.
 * `interrupted`: the rollout's process stopped, so a host still marked running is not running: it
 * was stopped mid-step and waits to be read again.
 */
export function HostCard({ host, nowMs, onRollback, onManualDone, interrupted = false }: { host: RolloutHost; nowMs: number; onRollback: (() => void) | null; onManualDone?: (() => void) | null; interrupted?: boolean }) {
  const timeZone = useRequiredSite().timezone;
  const current = currentStep(host);
  const step = current.step;
  const message = localiseInstants(current.message, timeZone);
  const stoppedMidStep = interrupted && host.state === 'running';
  const elapsed = stoppedMidStep ? null : hostElapsedMs(host, nowMs);
  const lines = lastOutputLines(host.events).map((line) => localiseInstants(line, timeZone));
  // Windows updates carry Windows Update's title and are installed or not; packages move between versions.
  const updates = host.packages.filter((pkg) => pkg.requested && pkg.title !== '');
  const versions = host.packages.filter((pkg) => pkg.requested && pkg.title === '');
  return (
    <article className={`host-card host-card--${HOST_STATE_TONES[host.state]}`} data-testid={`host-card-${host.hostname}`} data-state={host.state}>
      <header className="host-card__head">
        <strong className="host-card__name">{host.hostname}</strong>
        <Badge tone={stoppedMidStep ? 'danger' : HOST_STATE_TONES[host.state]}>{stoppedMidStep ? 'Stopped mid-step' : HOST_STATE_LABELS[host.state]}</Badge>
      </header>
      <div className="host-card__step small">
        {step ? <span className="host-card__step-name">{stepLabel(step)}</span> : <span className="muted">Not started</span>}
        {/* A measured sub-second step is not "0 s", which reads as nothing done. */}
        {elapsed !== null ? <span className="muted"> · {elapsed < 1000 ? '<1 s' : formatDuration(elapsed)}</span> : null}
        {host.startedAt ? (
          <span className="muted">
            {' '}
            · from <SiteTime at={host.startedAt} />
          </span>
        ) : null}
      </div>
      {/* A network device's manual step says all of it in its own box below. */}
      {message && !host.manual ? <p className="host-card__message small">{message}</p> : null}
      {versions.length > 0 && !host.manual ? (
        <p className="host-card__versions small muted" title={versions.map((pkg) => `${pkg.name} ${pkg.fromVersion ?? '—'} → ${pkg.toVersion}${pkg.observedVersion ? ` (now ${pkg.observedVersion})` : ''}`).join('\n')}>
          {versions.map((pkg) => `${pkg.name} ${pkg.observedVersion ?? pkg.fromVersion ?? '—'}`).join(', ')}
        </p>
      ) : null}
      {updates.length > 0 ? (
        <ul className="host-card__kbs small" data-testid="host-kbs">
          {updates.map((pkg) => (
            <li key={pkg.name} title={`${pkg.title}\nupdate ${pkg.toVersion}\nrollback: ${pkg.rollbackSource || 'not checked'}`}>
              <code>{pkg.name}</code> <span className="host-card__kb-title">{pkg.title}</span> <span className="muted">{kbState(pkg)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {lines.length > 0 ? (
        <pre className="host-card__output" data-testid="host-output">
          {lines.join('\n')}
        </pre>
      ) : null}
      {host.rebooted ? <p className="small muted">Rebooted (boot id changed)</p> : null}
      {host.manual ? (
        <div className="host-card__manual small" data-testid={`manual-step-${host.hostname}`}>
          {host.manual.at ? (
            <span>
              Manual step done by {host.manual.by ?? '—'}, <SiteTime at={host.manual.at} />: {host.manual.note}
              {host.manual.fileRef ? <span className="muted"> · {host.manual.fileRef}</span> : null}
              {host.manual.sha256 ? <span className="muted mono"> · SHA-256 {host.manual.sha256.slice(0, 12)}…</span> : null}
            </span>
          ) : (
            <>
              <span>
                Manual step: install <strong>{host.manual.target}</strong> by hand (Patchdesk does not install on network devices).
              </span>
              {onManualDone ? (
                <button type="button" className="button button--small button--primary" onClick={onManualDone} data-testid={`manual-done-${host.hostname}`}>
                  Mark done with evidence…
                </button>
              ) : null}
            </>
          )}
        </div>
      ) : null}
      {onRollback ? (
        <button type="button" className="link-button small" onClick={onRollback} data-testid={`rollback-host-${host.hostname}`}>
          Roll back this host…
        </button>
      ) : null}
    </article>
  );
}
