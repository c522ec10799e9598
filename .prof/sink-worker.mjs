import build from 'pino-abstract-transport'
export default async function () { return build(async (source) => { for await (const _ of source) {} }, { parse: 'lines' }) }
