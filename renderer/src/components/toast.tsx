import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { Icon } from './icon';

/** One transient message. */
export interface ToastMessage {
  tone: 'success' | 'danger' | 'info';
  text: string;
}

type Notify = (message: ToastMessage) => void;

const ToastContext = createContext<Notify>(() => undefined);

/** Hosts transient confirmations ("12 hosts accepted") in one polite live region. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<(ToastMessage & { id: number })[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const notify = useCallback<Notify>(
    (message) => {
      const id = nextId.current++;
      setToasts((current) => [...current.slice(-3), { ...message, id }]);
      // Errors stay longer: they are the ones people need to read twice.
      window.setTimeout(() => dismiss(id), message.tone === 'danger' ? 9000 : 4500);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite" data-testid="toasts">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast--${toast.tone}`}>
            <Icon name={toast.tone === 'success' ? 'check' : toast.tone === 'danger' ? 'alert' : 'info'} />
            <span>{toast.text}</span>
            <button type="button" className="icon-button icon-button--small" aria-label="Dismiss message" onClick={() => dismiss(toast.id)}>
              <Icon name="close" size={14} />
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** Shows a transient message. */
export function useToast(): Notify {
  return useContext(ToastContext);
}
