import './zod-setup';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context';
import { createPatchdeskClient } from './api/client';
import { ToastProvider } from './components/toast';
import { AppRoot } from './features/shell/app-root';
import { TokenScreen } from './features/shell/boot-screens';
import { applyTheme, resolveTheme, systemPrefersDark, toThemePreference } from './features/theme/theme';
import './styles/tokens.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/grid.css';
import './styles/overlays.css';
import './styles/screens.css';

/** Reads the theme from the localStorage mirror before the first paint, so a dark UI never flashes white. */
function applyStoredTheme(): void {
  let stored: unknown;
  try {
    stored = JSON.parse(localStorage.getItem('patchdesk.pref.theme') ?? 'null');
  } catch {
    stored = null;
  }
  applyTheme(resolveTheme(toThemePreference(stored), systemPrefersDark()));
}

applyStoredTheme();
const boot = createPatchdeskClient();
const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    {boot.ok ? (
      <ApiProvider client={boot.client}>
        <ToastProvider>
          <AppRoot />
        </ToastProvider>
      </ApiProvider>
    ) : (
      <TokenScreen reason="missing" />
    )}
  </StrictMode>,
);
