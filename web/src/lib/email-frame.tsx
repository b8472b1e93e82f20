/**
 * An email's HTML as its recipient would see it, inside a sandboxed iframe: no scripts, no access
 * to this page (no allow-same-origin), forms cannot submit. Links open in a new tab (the base
 * target plus allow-popups), so an unsubscribe link can be followed without leaving the app.
 */
export function EmailFrame({ html, title }: { html: string; title: string }) {
  const srcDoc = `<!doctype html><html><head><meta charset="utf-8"><base target="_blank"><style>body{font-family:system-ui,sans-serif;margin:12px;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style></head><body>${html}</body></html>`;
  return (
    <iframe
      className="email-frame"
      title={title}
      sandbox="allow-popups allow-popups-to-escape-sandbox"
      referrerPolicy="no-referrer"
      srcDoc={srcDoc}
    />
  );
}
