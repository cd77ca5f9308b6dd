import { createHash } from 'node:crypto';

/**
 * The HTML of the built-in authorize page. Everything goes through the `html` tag, which escapes every interpolated
 * value unless it is itself Html: app names, developer names, scopes and user input are data, never markup.
 */

export class Html {
  constructor(readonly text: string) {}
}

type Interpolation = Html | string | number | readonly Html[] | undefined | false;

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ENTITIES[character]);
}

function render(value: Interpolation): string {
  if (value === undefined || value === false) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return String(value);
  if (value instanceof Html) return value.text;
  return value.map((item) => item.text).join('');
}

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): Html {
  return new Html(strings.reduce((result, text, index) => result + render(values[index - 1]) + text));
}

// One inline stylesheet, allowed by its hash: no request for a stylesheet, and no 'unsafe-inline'.
const STYLE = `
:root { color-scheme: light dark; --fg: #1d2430; --muted: #5b6576; --bg: #f4f6f9; --card: #fff; --line: #d5dbe4;
  --accent: #1f5fbf; --accent-fg: #fff; --danger: #a4262c; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e9ef; --muted: #a3acba; --bg: #12161c; --card: #1b2129; --line: #334052; --accent: #5b9bf0;
    --accent-fg: #0b1220; --danger: #ff8a8f; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.5 system-ui, -apple-system, "Segoe UI",
  Roboto, sans-serif; overflow-wrap: anywhere; }
main { max-width: 30rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.4rem; line-height: 1.25; margin: 0 0 1rem; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 1.25rem; margin: 0 0 1rem; }
.muted { color: var(--muted); }
.card > p:first-of-type { margin-top: 0; }
dl { margin: 0; }
dt { font-weight: 600; margin-top: .75rem; }
dt:first-child { margin-top: 0; }
dd { margin: .1rem 0 0; }
ul.scopes { margin: .25rem 0 0; padding-left: 1.25rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .95em; }
label { display: block; font-weight: 600; margin: .75rem 0 .25rem; }
input[type=text], input[type=password] { width: 100%; font: inherit; padding: .6rem .7rem; border: 1px solid var(--line);
  border-radius: 8px; background: var(--bg); color: var(--fg); }
.actions { display: flex; flex-wrap: wrap; gap: .75rem; margin-top: 1.25rem; }
button { flex: 1 1 8rem; font: inherit; font-weight: 600; padding: .7rem 1rem; border-radius: 8px; cursor: pointer;
  border: 1px solid var(--line); background: var(--card); color: var(--fg); }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
.message { border-left: 4px solid var(--danger); padding: .5rem .75rem; margin: 0 0 1rem; color: var(--danger);
  background: var(--card); }
.verifier { display: flex; flex-wrap: wrap; justify-content: center; gap: .2rem .9rem; margin: 1rem 0;
  font: 600 2rem/1.3 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; letter-spacing: .08em; }
ul.connections { list-style: none; margin: 0; padding: 0; }
h2 { font-size: 1.15rem; line-height: 1.3; margin: 0 0 .75rem; }
.notice { border-left: 4px solid var(--accent); padding: .5rem .75rem; margin: 0 0 1rem; background: var(--card); }
form.signout { text-align: center; margin: 0 0 1rem; }
button.link { flex: none; border: none; background: none; padding: .25rem; color: var(--accent); text-decoration: underline; }
@media (min-width: 40rem) { main { padding-top: 3rem; } h1 { font-size: 1.6rem; } }
`;

const STYLE_SOURCE = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;
// Whole, so that nothing (a formatter's indentation included) can come between the tags and change the hash.
const STYLE_ELEMENT = new Html(`<style>${STYLE}</style>`);

/**
 * The page's Content-Security-Policy. `formTargets` are the origins a form submission may end up at: Chromium
 * applies form-action to the redirect that answers the POST, so the client's callback origin must be listed.
 */
export function contentSecurityPolicy(formTargets: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `style-src ${STYLE_SOURCE}`,
    "img-src 'self' data:",
    ["form-action 'self'", ...formTargets].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function layout(title: string, content: Html): Html {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <link rel="icon" href="data:," />
        <title>${title}</title>
        ${STYLE_ELEMENT}
      </head>
      <body>
        <main>${content}</main>
      </body>
    </html> `;
}

export interface ConsentView {
  appName: string;
  developerName: string;
  developerEmail: string;
  scopes: readonly string[];
  /** x_auth_access_type: "read" is said on the page. */
  accessType: 'read' | 'write';
  /** The origin the resource owner is sent back to, or undefined for an out-of-band ("oob") callback. */
  callbackOrigin: string | undefined;
  requestToken: string;
  csrfToken: string;
  /** The resource owner signed in on this browser: they approve without their password. */
  signedInAs?: { id: string; displayName: string };
}

export interface ConsentState {
  userId?: string;
  message?: string;
}

function scopeList(scopes: readonly string[]): Html {
  if (scopes.length === 0) return html`<dd>Basic access to your account (no particular scope was requested)</dd>`;
  return html`<dd>
    <ul class="scopes">
      ${scopes.map((scope) => html`<li><code>${scope}</code></li>`)}
    </ul>
  </dd>`;
}

export function consentPage(view: ConsentView, state: ConsentState = {}): Html {
  const destination =
    view.callbackOrigin === undefined
      ? html`<dd>Nowhere: you will get a code to type into the app</dd>`
      : html`<dd>Back to <strong id="callback-origin">${view.callbackOrigin}</strong></dd>`;
  return layout(
    `Authorize ${view.appName}`,
    html`<h1><span id="app-name">${view.appName}</span> wants to access your account</h1>
      <div class="card">
        <dl>
          <dt>Application</dt>
          <dd>${view.appName}</dd>
          <dt>Developer</dt>
          <dd id="developer">
            ${view.developerName}
            ${view.developerEmail !== '' && html`<span class="muted">(${view.developerEmail})</span>`}
          </dd>
          <dt>Requested access</dt>
          ${scopeList(view.scopes)}
          ${view.accessType === 'read' && html`<dd id="access-type"><strong>Read only</strong>: it cannot change anything</dd>`}
          <dt>Where you go next</dt>
          ${destination}
        </dl>
      </div>
      ${state.message !== undefined && html`<p class="message" role="alert">${state.message}</p>`}
      ${view.signedInAs === undefined ? signInForm(view, state) : signedInForm(view, view.signedInAs)}`,
  );
}

function signInForm(view: ConsentView, state: ConsentState): Html {
  return html`<form class="card" method="post" autocomplete="on">
    <input type="hidden" name="oauth_token" value="${view.requestToken}" />
    <input type="hidden" name="csrf_token" value="${view.csrfToken}" />
    <p class="muted">Sign in to approve. Deny needs no sign-in.</p>
    <label for="user_id">User ID</label>
    <input
      type="text"
      id="user_id"
      name="user_id"
      value="${state.userId ?? ''}"
      autocomplete="username"
      autocapitalize="none"
      spellcheck="false"
      required
    />
    <label for="password">Password</label>
    <input type="password" id="password" name="password" autocomplete="current-password" required />
    <div class="actions">
      <button type="submit" class="primary" name="action" value="approve">Approve</button>
      <button type="submit" name="action" value="deny" formnovalidate>Deny</button>
    </div>
  </form>`;
}

function signedInForm(view: ConsentView, owner: { id: string; displayName: string }): Html {
  return html`<form class="card" method="post">
      <input type="hidden" name="oauth_token" value="${view.requestToken}" />
      <input type="hidden" name="csrf_token" value="${view.csrfToken}" />
      <p>
        Signed in as <strong id="signed-in-as">${owner.displayName}</strong>
        <span class="muted">(${owner.id})</span>
      </p>
      <div class="actions">
        <button type="submit" class="primary" name="action" value="approve">Approve</button>
        <button type="submit" name="action" value="deny">Deny</button>
      </div>
    </form>
    ${signOutForm([
      ['oauth_token', view.requestToken],
      ['csrf_token', view.csrfToken],
    ])}`;
}

/** "Not you?": a form of its own (forms cannot nest), carrying the page's hidden fields. */
export function signOutForm(fields: ReadonlyArray<[string, string]>): Html {
  return html`<form class="signout" method="post">
    ${fields.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
    <span class="muted">Not you?</span>
    <button type="submit" class="link" name="action" value="signout">Sign out</button>
  </form>`;
}

const VERIFIER_GROUP = 4;

/** RFC 5849 2.1 "oob": the verifier is read off the page and typed into the client, so it is large and grouped. */
export function verifierPage(appName: string, verifier: string): Html {
  const groups: Html[] = [];
  for (let index = 0; index < verifier.length; index += VERIFIER_GROUP) {
    groups.push(html`<span>${verifier.slice(index, index + VERIFIER_GROUP)}</span>`);
  }
  // The groups are separate elements with no text between them, so a copied code has no spaces.
  return layout(
    `Your code for ${appName}`,
    html`<h1>You approved ${appName}</h1>
      <div class="card">
        <p>Type this code into ${appName} to finish:</p>
        <p class="verifier" id="verifier">${groups}</p>
        <p class="muted">Letters are case-sensitive. The code works once and expires in a few minutes.</p>
      </div>`,
  );
}

export function deniedPage(appName: string): Html {
  return layout(
    'Access denied',
    html`<h1>Access denied</h1>
      <div class="card">
        <p>${appName} was not given access to your account. You can close this page.</p>
      </div>`,
  );
}

export function errorPage(title: string, detail: string): Html {
  return layout(
    title,
    html`<h1>${title}</h1>
      <div class="card">
        <p>${detail}</p>
      </div>`,
  );
}
