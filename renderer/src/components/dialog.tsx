import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { Icon } from './icon';

/** Props of a modal dialog. */
export interface DialogProps {
  title: string;
  /** One line under the title saying what the dialog is for. */
  description?: ReactNode;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  size?: 'small' | 'medium' | 'large' | 'wide';
  /** `drawer` slides in from the right edge. */
  variant?: 'center' | 'drawer';
  testId?: string;
}

/**
 * A modal built on the native `<dialog>`: the browser traps focus, makes the page behind inert
 * and closes on Escape, which is sturdier than any hand-rolled trap. Mount it to open it.
 */
export function Dialog({ title, description, onClose, children, footer, size = 'medium', variant = 'center', testId }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    return () => dialog.close();
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${variant} dialog--${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onCloseRef.current();
      }}
    >
      <div className="dialog__surface">
        <header className="dialog__header">
          <div>
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            {description ? (
              <p id={descriptionId} className="dialog__description">
                {description}
              </p>
            ) : null}
          </div>
          <button type="button" className="icon-button" aria-label="Close" onClick={() => onCloseRef.current()}>
            <Icon name="close" />
          </button>
        </header>
        <div className="dialog__body">{children}</div>
        {footer ? <footer className="dialog__footer">{footer}</footer> : null}
      </div>
    </dialog>
  );
}
