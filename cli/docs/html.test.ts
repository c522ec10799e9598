import { describe, expect, it } from 'vitest'
import { escapeHtml, html, inlineCode, table } from './html.js'

describe('html', () => {
  it('escapes every interpolated string, and nests fragments as markup', () => {
    const name = '<script>alert("x")</script>'
    expect(html`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>',
    )
    expect(html`<ul>${['a&b', "c'd"].map((i) => html`<li>${i}</li>`)}</ul>`.value).toBe('<ul><li>a&amp;b</li><li>c&#39;d</li></ul>')
    expect(html`${undefined}${null}${false}${0}`.value).toBe('0')
  })

  it('turns backtick spans into code and escapes the rest', () => {
    expect(inlineCode('use `a<b>` & go').value).toBe('use <code>a&lt;b&gt;</code> &amp; go')
    expect(escapeHtml('&&')).toBe('&amp;&amp;')
  })

  it('builds a table with escaped headers and cells', () => {
    expect(table(['a<'], [['x>']]).value).toBe('<table><thead><tr><th>a&lt;</th></tr></thead><tbody>\n<tr><td>x&gt;</td></tr>\n</tbody></table>')
  })
})
