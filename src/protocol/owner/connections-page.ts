import { html, layout, signOutForm } from '../authorize/authorize-page.js';
import type { Html } from '../authorize/authorize-page.js';

/** An app holding access for the resource owner, as the connections page lists it. */
export interface Connection {
  appId: string;
  appName: string;
  developerName: string;
  developerEmail: string;
  /** Every scope of the app's tokens. */
  scopes: string[];
  /** "write" when any of its tokens may write. */
  accessType: 'read' | 'write';
  /** When the newest of its tokens was issued (epoch ms). */
  grantedAt: number;
  /** When any of its tokens was last used (epoch ms), or null if never. */
  lastUsedAt: number | null;
}

export interface ConnectionsView {
  owner: { id: string; displayName: string; organization: string };
  connections: readonly Connection[];
  csrfToken: string;
  /** Said above the list, e.g. what was just revoked. */
  notice?: string;
}

export interface ConnectionsSignInView {
  organization: string;
  csrfToken: string;
  userId?: string;
  message?: string;
}

const TITLE = 'Apps connected to your account';

/** A time a person reads: minutes, in UTC, with the exact instant for machines. */
function timeOf(epochMillis: number): Html {
  const instant = new Date(epochMillis).toISOString();
  return html`<time datetime="${instant}">${instant.slice(0, 16).replace('T', ' ')} UTC</time>`;
}

function scopesOf(scopes: readonly string[]): Html {
  if (scopes.length === 0) return html`Basic access to your account`;
  return html`${scopes.map((scope, index) => html`${index > 0 && ', '}<code>${scope}</code>`)}`;
}

function connectionCard(connection: Connection, csrfToken: string): Html {
  return html`<li class="card connection">
    <h2 class="app-name">${connection.appName}</h2>
    <dl>
      <dt>Developer</dt>
      <dd>
        ${connection.developerName}
        ${connection.developerEmail !== '' && html`<span class="muted">(${connection.developerEmail})</span>`}
      </dd>
      <dt>Access</dt>
      <dd>${scopesOf(connection.scopes)}</dd>
      <dd class="access-type">${connection.accessType === 'read' ? 'Read only' : 'Read and write'}</dd>
      <dt>Granted</dt>
      <dd>${timeOf(connection.grantedAt)}</dd>
      <dt>Last used</dt>
      <dd class="last-used">${connection.lastUsedAt === null ? 'Never' : timeOf(connection.lastUsedAt)}</dd>
    </dl>
    <form method="post" class="actions">
      <input type="hidden" name="csrf_token" value="${csrfToken}" />
      <input type="hidden" name="app" value="${connection.appId}" />
      <button type="submit" name="action" value="revoke">Revoke access</button>
    </form>
  </li>`;
}

export function connectionsPage(view: ConnectionsView): Html {
  const list =
    view.connections.length === 0
      ? html`<p class="card" id="no-connections">No app has access to your account.</p>`
      : html`<ul class="connections">
          ${view.connections.map((connection) => connectionCard(connection, view.csrfToken))}
        </ul>`;
  return layout(
    TITLE,
    html`<h1>${TITLE}</h1>
      <p>
        Signed in as <strong id="signed-in-as">${view.owner.displayName}</strong>
        <span class="muted">(${view.owner.id}, ${view.owner.organization})</span>
      </p>
      ${view.notice !== undefined && html`<p class="notice" role="status">${view.notice}</p>`} ${list}
      ${signOutForm([['csrf_token', view.csrfToken]])}`,
  );
}

export function connectionsSignInPage(view: ConnectionsSignInView): Html {
  return layout(
    TITLE,
    html`<h1>${TITLE}</h1>
      <p class="muted">Sign in to see the apps that hold access to your account, and revoke any of them.</p>
      ${view.message !== undefined && html`<p class="message" role="alert">${view.message}</p>`}
      <form class="card" method="post" autocomplete="on">
        <input type="hidden" name="csrf_token" value="${view.csrfToken}" />
        <input type="hidden" name="org" value="${view.organization}" />
        <label for="user_id">User ID</label>
        <input
          type="text"
          id="user_id"
          name="user_id"
          value="${view.userId ?? ''}"
          autocomplete="username"
          autocapitalize="none"
          spellcheck="false"
          required
        />
        <label for="password">Password</label>
        <input type="password" id="password" name="password" autocomplete="current-password" required />
        <div class="actions">
          <button type="submit" class="primary" name="action" value="signin">Sign in</button>
        </div>
      </form>`,
  );
}
