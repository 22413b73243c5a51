import { useState, type FormEvent } from 'react';
import { parseEmergencyTrigger } from '../../../../shared/domain/cycles/emergency-trigger';
import { Icon } from '../../components/icon';

/**
 * The search box in the app header, on every screen: a CVE, KB or advisory id opens its triage.
 * Anything else is refused here, saying what it takes, so the triage view never opens on a typo.
 */
export function TriageSearch({ onTriage }: { onTriage: (id: string) => void }) {
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trigger = parseEmergencyTrigger(value);
    if (!trigger) {
      setInvalid(value.trim() !== '');
      return;
    }
    setInvalid(false);
    onTriage(trigger.ref);
  };
  return (
    <form className="triage-search" role="search" onSubmit={submit} data-testid="triage-search">
      <label className={`search-input search-input--compact${invalid ? ' search-input--invalid' : ''}`} title="Triage a disclosure: which assets it affects, how, and what is unknown">
        <Icon name="search" />
        <input
          type="search"
          className="search-input__field"
          aria-label="Triage a CVE, KB or advisory"
          aria-invalid={invalid || undefined}
          placeholder="Triage CVE, KB or advisory…"
          value={value}
          onChange={(event) => {
            setValue(event.target.value);
            setInvalid(false);
          }}
          data-testid="triage-search-input"
        />
      </label>
      {invalid ? (
        <span className="triage-search__hint text-danger" role="status" data-testid="triage-search-invalid">
          Not a CVE, KB or advisory id
        </span>
      ) : null}
    </form>
  );
}
