import { useId, useState } from 'react';
import { Icon } from '../../components/icon';

/** A file chooser that also takes a dropped file; the input stays a real, labelled file input. */
export function FilePicker({ label, accept, busy, onFile, testId }: { label: string; accept: string; busy: boolean; onFile: (file: File) => void; testId: string }) {
  const id = useId();
  const [dragging, setDragging] = useState(false);
  return (
    <div
      className={`file-picker${dragging ? ' file-picker--dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      <Icon name="upload" size={22} />
      <label htmlFor={id} className="file-picker__label">
        {busy ? 'Reading…' : `Choose a ${label}`}
      </label>
      <span className="muted">or drop it here</span>
      <input
        id={id}
        type="file"
        accept={accept}
        className="file-picker__input"
        disabled={busy}
        aria-label={label}
        data-testid={testId}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
    </div>
  );
}
