import { describe, expect, it } from '@jest/globals';
import { callbackWith } from '../../../src/protocol/callback-url.js';
import { contentSecurityPolicy, escapeHtml, html } from '../../../src/protocol/authorize/authorize-page.js';

describe('the authorize page template', () => {
  it('escapes the five characters that matter in text and attribute values', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });

  it('escapes every interpolated string but keeps nested templates as markup', () => {
    const name = '<script>alert(1)</script>';
    const items = ['a<b', 'c"d'].map((item) => html`<li>${item}</li>`);
    const page = html`<p title="${name}">${name}</p>
      <ul>
        ${items}
      </ul>
      ${false}${undefined}${3}`;
    // Whitespace aside (the formatter lays the template out as HTML), only the interpolations changed.
    expect(page.text.replace(/>\s+/g, '>')).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</p>' +
        '<ul><li>a&lt;b</li><li>c&quot;d</li></ul>3',
    );
  });

  it('lets forms lead to our own origin and the given callback origins only', () => {
    expect(contentSecurityPolicy(['https://client.example.com'])).toContain(
      "form-action 'self' https://client.example.com;",
    );
    expect(contentSecurityPolicy()).toContain("form-action 'self';");
  });
});

describe('callbackWith', () => {
  it('adds the parameters after the callback query, kept byte for byte, and keeps the fragment', () => {
    expect(callbackWith('https://client.example.com/cb?state=a%20b+c&x=%7E#done', { oauth_token: 't', v: 'a b' })).toBe(
      'https://client.example.com/cb?state=a%20b+c&x=%7E&oauth_token=t&v=a+b#done',
    );
  });

  it('starts a query when the callback has none', () => {
    expect(callbackWith('http://127.0.0.1:8080/cb', { denied: 'tok' })).toBe('http://127.0.0.1:8080/cb?denied=tok');
    expect(callbackWith('http://127.0.0.1:8080/cb?', { denied: 'tok' })).toBe('http://127.0.0.1:8080/cb?denied=tok');
  });
});
