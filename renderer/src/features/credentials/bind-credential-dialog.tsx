import { useMemo, useState } from 'react';
import type { Asset, Credential } from '../../../../shared/contract';
import { errorMessage } from '../../api/api-client-error';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { Icon } from '../../components/icon';
import { InlineAlert } from '../../components/inline-alert';
import { useToast } from '../../components/toast';
import { ACCESS_LABELS } from '../../lib/labels';
import { parseTags } from './credential-form-model';
import { CREDENTIAL_KIND_LABELS } from './credential-labels';
import { describeBindingChange } from './binding-change';
import { useBindCredential, useUnbindCredential } from './use-credentials';

/** More rows than this and the list asks for a search first, to stay quick. */
const SHOWN = 300;

/**
 * Says which assets a credential logs in to: picked one by one, or every asset with a tag (new
 * assets with the tag are covered too). Assets already bound are shown ticked; unticking one, or
 * removing a bound tag, unbinds it when saved. Nothing changes until the admin saves.
 */
export function BindCredentialDialog({
  credentials,
  assets,
  credentialId,
  initialAssetIds = [],
  onClose,
}: {
  credentials: readonly Credential[];
  assets: readonly Asset[];
  /** Fixed when opened from a credential; chosen in the dialog when opened from selected assets. */
  credentialId?: number;
  initialAssetIds?: readonly number[];
  onClose: () => void;
}) {
  const [chosenId, setChosenId] = useState<number | null>(credentialId ?? credentials[0]?.id ?? null);
  const [picked, setPicked] = useState<ReadonlySet<number>>(() => new Set(initialAssetIds));
  const [tagsText, setTagsText] = useState('');
  const [search, setSearch] = useState('');
  const [unpicked, setUnpicked] = useState<ReadonlySet<number>>(() => new Set());
  const [removedTags, setRemovedTags] = useState<ReadonlySet<string>>(() => new Set());
  const bind = useBindCredential();
  const unbind = useUnbindCredential();
  const notify = useToast();
  const credential = credentials.find((candidate) => candidate.id === chosenId) ?? null;
  const bound = useMemo(() => new Set(credential?.boundAssetIds ?? []), [credential]);
  const active = useMemo(() => assets.filter((asset) => asset.status === 'active'), [assets]);
  const siteTags = useMemo(() => [...new Set(active.flatMap((asset) => asset.tags))].sort(), [active]);
  const needle = search.trim().toLowerCase();
  const matching = useMemo(
    () => active.filter((asset) => !needle || `${asset.hostname} ${asset.addresses.join(' ')} ${asset.tags.join(' ')}`.toLowerCase().includes(needle)),
    [active, needle],
  );
  const tags = parseTags(tagsText);
  const newAssetIds = [...picked].filter((id) => !bound.has(id));
  const goneAssetIds = [...unpicked].filter((id) => bound.has(id));
  const goneTags = (credential?.boundTags ?? []).filter((tag) => removedTags.has(tag));
  const change = { addAssets: newAssetIds.length, addTags: tags.length, removeAssets: goneAssetIds.length, removeTags: goneTags.length };
  const changed = Object.values(change).some((count) => count > 0);
  const pending = bind.pending || unbind.pending;

  const flip = <T,>(set: ReadonlySet<T>, value: T): Set<T> => {
    const next = new Set(set);
    if (next.has(value)) next.delete(value);
    else next.add(value);
    return next;
  };
  const toggle = (id: number) => (bound.has(id) ? setUnpicked((current) => flip(current, id)) : setPicked((current) => flip(current, id)));

  const submit = async () => {
    if (!credential || !changed) return;
    try {
      if (newAssetIds.length > 0 || tags.length > 0) await bind.run({ credentialId: credential.id, assetIds: newAssetIds, tags });
      if (goneAssetIds.length > 0 || goneTags.length > 0) await unbind.run({ credentialId: credential.id, assetIds: goneAssetIds, tags: goneTags });
      notify({ tone: 'success', text: `"${credential.name}": ${describeBindingChange(change)}` });
      onClose();
    } catch {
      // Shown from bind.error / unbind.error.
    }
  };

  return (
    <Dialog
      title={credential && credentialId !== undefined ? `Use "${credential.name}" on…` : 'Bind a credential'}
      description="A host uses the credential bound to it directly, else the newest one bound to one of its tags."
      onClose={onClose}
      size="large"
      testId="bind-credential-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button--primary" disabled={pending || !credential || !changed} onClick={() => void submit()} data-testid="bind-submit">
            {pending ? 'Saving…' : changed ? `Save: ${describeBindingChange(change)}` : 'Save'}
          </button>
        </>
      }
    >
      <div className="form-sections">
        {credentialId === undefined ? (
          <Field label="Credential">
            {(control) => (
              <select {...control} className="select" value={chosenId ?? ''} onChange={(event) => setChosenId(Number(event.target.value))} data-testid="bind-credential">
                {credentials.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name} ({CREDENTIAL_KIND_LABELS[candidate.kind]}, {candidate.username || 'no user'})
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field
          label="Tags"
          hint={
            siteTags.length > 0 ? (
              <span className="tag-suggestions">
                Tags in this site:{' '}
                {siteTags.map((tag) => (
                  <button key={tag} type="button" className="tag tag--button" onClick={() => setTagsText((current) => [...new Set([...parseTags(current), tag])].join(', '))}>
                    {tag}
                  </button>
                ))}
              </span>
            ) : (
              'Separate tags with commas. Every asset with one of them uses this credential.'
            )
          }
        >
          {(control) => <input {...control} className="input" value={tagsText} placeholder="linux, web" onChange={(event) => setTagsText(event.target.value)} data-testid="bind-tags" />}
        </Field>
        {credential && credential.boundTags.length > 0 ? (
          <p className="muted small" data-testid="bound-tags">
            Bound to tags:{' '}
            {credential.boundTags.map((tag) => (
              <button
                key={tag}
                type="button"
                className={removedTags.has(tag) ? 'tag tag--button tag--removed' : 'tag tag--button'}
                aria-pressed={removedTags.has(tag)}
                title={removedTags.has(tag) ? `Keep the tag ${tag}` : `Unbind the tag ${tag}`}
                onClick={() => setRemovedTags((current) => flip(current, tag))}
                data-testid={`bound-tag-${tag}`}
              >
                {tag} {removedTags.has(tag) ? '(will be unbound)' : '×'}
              </button>
            ))}
          </p>
        ) : null}
        <div className="field">
          <span className="field__label">Assets</span>
          <label className="search-input">
            <Icon name="search" />
            <input type="search" className="search-input__field" aria-label="Search assets" placeholder="Search hostname, address, tag" value={search} onChange={(event) => setSearch(event.target.value)} data-testid="bind-search" />
          </label>
          <div className="table-scroll bind-list">
            <table className="simple-table" data-testid="bind-assets">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Bind</span>
                  </th>
                  <th scope="col">Asset</th>
                  <th scope="col">Reached by</th>
                  <th scope="col">Tags</th>
                </tr>
              </thead>
              <tbody>
                {matching.slice(0, SHOWN).map((asset) => {
                  const name = asset.hostname || asset.addresses[0] || `asset ${asset.id}`;
                  const already = bound.has(asset.id);
                  const ticked = already ? !unpicked.has(asset.id) : picked.has(asset.id);
                  return (
                    <tr key={asset.id} data-testid="bind-asset-row" data-asset-id={asset.id}>
                      <td>
                        <input type="checkbox" aria-label={already ? `Keep bound to ${name}` : `Bind to ${name}`} checked={ticked} onChange={() => toggle(asset.id)} />
                      </td>
                      <td>
                        <span className="cell-strong">{name}</span>
                        {asset.hostname && asset.addresses[0] ? <span className="muted mono"> · {asset.addresses[0]}</span> : null}
                        {already ? <span className="muted"> · {ticked ? 'bound' : 'will be unbound'}</span> : null}
                      </td>
                      <td>{asset.access.method === 'none' ? <span className="muted">not set</span> : ACCESS_LABELS[asset.access.method]}</td>
                      <td className="truncate">{asset.tags.join(', ') || <span className="muted">—</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {matching.length > SHOWN ? <p className="muted table-note">Showing {SHOWN} of {matching.length}; search to narrow, or bind by tag.</p> : null}
            {matching.length === 0 ? <p className="muted table-note">No active asset matches.</p> : null}
          </div>
        </div>
        {bind.error ? <InlineAlert title="Nothing was bound">{errorMessage(bind.error)}</InlineAlert> : null}
        {unbind.error ? <InlineAlert title="Nothing was unbound">{errorMessage(unbind.error)}</InlineAlert> : null}
      </div>
    </Dialog>
  );
}
