import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

export interface Toast {
  message: string;
  /** One button beside the message, e.g. Undo; the toast closes when it is pressed. */
  action?: { label: string; run: () => void };
  /** How long it stays, in ms (8 s by default: long enough to read and press Undo). */
  durationMs?: number;
}

export const TOAST_MS = 8000;

const ToastContext = createContext<(toast: Toast) => void>(() => {});

/** Shows a toast that outlives the page that raised it (e.g. "Deleted · Undo" after leaving a contact). */
export const useToast = () => useContext(ToastContext);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toast, setToast] = useState<(Toast & { key: number }) | null>(null);
  const show = useCallback((next: Toast) => setToast({ ...next, key: Date.now() }), []);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), toast.durationMs ?? TOAST_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  const value = useMemo(() => show, [show]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toast-region" role="status" aria-live="polite">
        {toast && (
          <div className="toast" key={toast.key}>
            <span>{toast.message}</span>
            {toast.action && (
              <button
                type="button"
                className="button small"
                onClick={() => {
                  setToast(null);
                  toast.action?.run();
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => setToast(null)}>
              ×
            </button>
          </div>
        )}
      </div>
    </ToastContext.Provider>
  );
}
