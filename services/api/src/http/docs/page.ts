/** What the docs pages share: their title, the spec's one address, the logo and the CSP. */

export const PAGE_TITLE = 'Yorozu API';

/** The one address of the spec: Swagger UI's top bar, the reference page and `npm start` all name it. */
export const SPEC_URL = '/openapi.json';

/**
 * Scripts and styles only from this origin (styles inline too: Swagger UI and Redoc set style
 * attributes), images from here or data: URIs (the logo), requests only to this origin, and
 * Redoc's search index in a blob: worker.
 */
export const DOCS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  'worker-src blob:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="168" height="40" viewBox="0 0 168 40">
<rect x="2" y="4" width="32" height="32" rx="7" fill="#e8553e"/>
<text x="18" y="28" font-family="Helvetica,Arial,sans-serif" font-size="22" font-weight="700" fill="#fff" text-anchor="middle">Y</text>
<text x="44" y="28" font-family="Helvetica,Arial,sans-serif" font-size="22" font-weight="700" fill="#fff">Yorozu API</text>
</svg>`;
