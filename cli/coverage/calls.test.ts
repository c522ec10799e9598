import { describe, expect, it } from 'vitest'
import { findEmitCalls } from './calls.js'
import { codeView } from './lex.js'

describe('findEmitCalls', () => {
  it('finds helper and keyed calls with 1-based positions of the helper name or the literal', () => {
    const source = [
      "log.emit.logoGenerated({ brandId })",
      "  req.log.emit('logo_failed', { reason })",
      '  emit("signup_completed", {}); emit(`plan_changed`, {})',
    ].join('\n')
    expect(findEmitCalls(source)).toEqual([
      { form: 'helper', name: 'logoGenerated', line: 1, column: 10 },
      { form: 'keyed', name: 'logo_failed', line: 2, column: 16 },
      { form: 'keyed', name: 'signup_completed', line: 3, column: 8 },
      { form: 'keyed', name: 'plan_changed', line: 3, column: 38 },
    ])
  })

  it('ignores comments, strings, regex literals and dynamic names', () => {
    const source = [
      "// log.emit.commentedOut({})",
      "/* emit('block_comment', {}) */",
      "const help = 'call log.emit.inString(…) or emit(\"in_string\")'",
      'const re = /emit\\.inRegex\\(/',
      'emit(`dynamic_${kind}`, {})',
      'emit(name, {})',
      'emitter.emit.call(this, "x")',
    ].join('\n')
    expect(findEmitCalls(source)).toEqual([])
  })

  it('searches code inside template expressions', () => {
    const source = 'const s = `${log.emit.inTemplate({})}`\nconst y = 1 / 2; log.emit.afterDivision({})'
    expect(findEmitCalls(source).map((c) => c.name)).toEqual(['inTemplate', 'afterDivision'])
  })

  it('keeps positions: the code view has the length and line breaks of the source', () => {
    const source = "a // c\n'str' /* x\ny */ `t${b}t`"
    const view = codeView(source)
    expect(view).toHaveLength(source.length)
    expect(view.split('\n')).toHaveLength(3)
    expect(view).toContain('${b}')
  })
})
