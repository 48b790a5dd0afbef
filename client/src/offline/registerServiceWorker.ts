/** Installs the service worker that lets the workspace open offline (built app only). */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('The workspace will not open offline: service worker registration failed', error);
    });
  });
}
