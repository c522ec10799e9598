import { describe, expect, it } from 'vitest'
import { addScripts } from './package-json.js'

const scripts = { 'linecast:generate': 'linecast generate', 'linecast:check': 'linecast check' }

describe('addScripts', () => {
  it('appends to an existing scripts block with its indentation, leaving the rest byte for byte', () => {
    const text = '{\n    "name": "api",\n    "files": ["dist", "src"],\n    "scripts": {\n        "build": "tsc"\n    },\n    "type": "module"\n}\n'
    const result = addScripts(text, scripts)
    expect(result.added).toEqual(['linecast:generate', 'linecast:check'])
    expect(result.text).toBe(
      '{\n    "name": "api",\n    "files": ["dist", "src"],\n    "scripts": {\n        "build": "tsc",\n' +
        '        "linecast:generate": "linecast generate",\n        "linecast:check": "linecast check"\n    },\n    "type": "module"\n}\n',
    )
  })

  it('adds a scripts block at the end when there is none, with tabs and CRLF kept', () => {
    const text = '{\r\n\t"name": "api",\r\n\t"version": "1.0.0"\r\n}\r\n'
    expect(addScripts(text, { a: 'b' }).text).toBe(
      '{\r\n\t"name": "api",\r\n\t"version": "1.0.0",\r\n\t"scripts": {\r\n\t\t"a": "b"\r\n\t}\r\n}\r\n',
    )
  })

  it('fills an empty scripts object and skips scripts already there', () => {
    expect(addScripts('{\n  "scripts": {}\n}', { a: 'b' }).text).toBe('{\n  "scripts": {\n    "a": "b"\n  }\n}')
    const once = addScripts('{\n  "scripts": {\n    "linecast:check": "custom"\n  }\n}', scripts)
    expect(once.present).toEqual(['linecast:check'])
    expect(JSON.parse(once.text)).toEqual({ scripts: { 'linecast:check': 'custom', 'linecast:generate': 'linecast generate' } })
    expect(addScripts(once.text, scripts).text).toBe(once.text)
  })

  it('refuses a package.json that is not JSON, saying what to fix', () => {
    expect(() => addScripts('{ name: api }', scripts)).toThrow(/not valid JSON/)
  })
})
