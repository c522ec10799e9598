/**
 * Secret shapes that must never leave the process: each entry is the text as
 * it appears in a log (`text`) and the parts that must not be seen anywhere
 * downstream (`needles`). Values are assembled from pieces so this file does
 * not itself look like a leaked credential to a repository scanner.
 */

export interface SecretShape {
  name: string
  text: string
  needles: string[]
}

const rep = (s: string, n: number): string => s.repeat(Math.ceil(n / s.length)).slice(0, n)
const b64 = (seed: string, n: number): string => rep(seed + 'Qx7Zp2Lm9Kd4Rt', n)

const awsId = 'AKIA' + 'CORPUS7EXAMPLE12'
const awsSecret = 'wJalrXUtnFEMI/K7MDENG/' + 'bPxRfiCYCORPUSKEY0'
const stsId = 'ASIA' + 'CORPUS7SESSION34'
const pemBody = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' + b64('Pem', 40)
const gcpBody = 'MIIEvgIBADANBgkqhkiG9w0BAQEFAASC' + b64('Gcp', 40)
const jwt = ['eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', 'eyJzdWIiOiJjb3JwdXMtdXNlciIsImlhdCI6MTcwMDAwMDAwMH0', 'c2lnbmF0dXJlLWNvcnB1cy0wMDE']

export const SECRET_CORPUS: readonly SecretShape[] = [
  { name: 'database URL password', text: 'postgres://admin:' + 'PgCorpusPw-91x' + '@db.example.com:5432/app', needles: ['PgCorpusPw-91x'] },
  { name: 'redis URL password', text: 'redis://:' + 'RedisCorpusPw77' + '@cache.internal:6379/0', needles: ['RedisCorpusPw77'] },
  { name: 'JSON text with a password', text: JSON.stringify({ user: 'ada', password: 'hunter2-json-corpus' }), needles: ['hunter2-json-corpus'] },
  { name: 'JSON text with a nested token object', text: JSON.stringify({ auth: { token: { value: 'nested-tok-corpus' } } }), needles: ['nested-tok-corpus'] },
  { name: 'key=value password', text: 'login failed password=' + 'kvPassCorpus1' + ' user=ada', needles: ['kvPassCorpus1'] },
  { name: 'key: value secret', text: 'client_secret: ' + 'yamlSecretCorpus2', needles: ['yamlSecretCorpus2'] },
  { name: 'api_key query parameter', text: 'https://api.example.com/v1?api_key=' + 'qsKeyCorpus3' + '&page=2', needles: ['qsKeyCorpus3'] },
  { name: 'authorization header text', text: 'Authorization: Token ' + 'hdrTokCorpus4', needles: ['hdrTokCorpus4'] },
  { name: 'cookie header text', text: 'Cookie: session=' + 'cookieCorpus5' + '; theme=dark', needles: ['cookieCorpus5'] },
  { name: 'AWS access key id', text: 'using ' + awsId, needles: [awsId] },
  { name: 'AWS key pair', text: `${awsId},${awsSecret}`, needles: [awsId, awsSecret] },
  { name: 'AWS session key id', text: 'sts ' + stsId, needles: [stsId] },
  { name: 'aws_secret_access_key', text: 'aws_secret_access_key = ' + awsSecret.replace('wJ', 'zQ'), needles: [awsSecret.replace('wJ', 'zQ')] },
  {
    name: 'GCP service-account key',
    text: JSON.stringify({
      type: 'service_account',
      client_email: 'svc@proj.iam.gserviceaccount.com',
      private_key: `-----BEGIN PRIVATE KEY-----\n${gcpBody}\n-----END PRIVATE KEY-----\n`,
    }),
    needles: [gcpBody.slice(0, 24)],
  },
  { name: 'PEM RSA private key', text: `-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----`, needles: [pemBody.slice(0, 24)] },
  { name: 'Stripe secret key', text: 'sk_' + 'live_' + b64('Stripe', 24), needles: ['sk_' + 'live_' + b64('Stripe', 24)] },
  { name: 'Stripe restricted key', text: 'rk_' + 'live_' + b64('Restr', 24), needles: ['rk_' + 'live_' + b64('Restr', 24)] },
  { name: 'Stripe webhook secret', text: 'whsec_' + b64('Hook', 24), needles: ['whsec_' + b64('Hook', 24)] },
  { name: 'GitHub classic token', text: 'ghp_' + b64('Gh', 36), needles: ['ghp_' + b64('Gh', 36)] },
  { name: 'GitHub fine-grained token', text: 'github_pat_' + b64('Fine', 22) + '_' + b64('Grained', 30), needles: [b64('Fine', 22)] },
  { name: 'GitLab token', text: 'glpat-' + b64('Lab', 20), needles: ['glpat-' + b64('Lab', 20)] },
  { name: 'Slack bot token', text: 'xoxb-' + '1234567890-0987654321-' + b64('Slk', 24), needles: [b64('Slk', 24)] },
  { name: 'Slack webhook URL', text: 'https://hooks.slack.com/services/' + 'T0CORPUS/B0CORPUS/' + b64('Wh', 24), needles: [b64('Wh', 24)] },
  { name: 'JWT', text: jwt.join('.'), needles: [jwt[1] as string, jwt[2] as string] },
  { name: 'OpenAI key', text: 'sk-' + 'proj-' + b64('Oai', 40), needles: [b64('Oai', 40)] },
  { name: 'Anthropic key', text: 'sk-' + 'ant-api03-' + b64('Ant', 40), needles: [b64('Ant', 40)] },
  { name: 'Google API key', text: 'AIza' + b64('Goog', 35), needles: ['AIza' + b64('Goog', 35)] },
  { name: 'Google OAuth client secret', text: 'GOCSPX-' + b64('Oauth', 28), needles: [b64('Oauth', 28)] },
  { name: 'npm token', text: 'npm_' + b64('Npm', 36), needles: ['npm_' + b64('Npm', 36)] },
  { name: 'SendGrid key', text: 'SG.' + b64('Sg', 22) + '.' + b64('Grid', 43), needles: [b64('Grid', 43)] },
  { name: 'PostHog personal key', text: 'phx_' + b64('Phx', 40), needles: ['phx_' + b64('Phx', 40)] },
  { name: 'Bearer token', text: 'Bearer ' + 'bearerCorpus.' + b64('Br', 20), needles: ['bearerCorpus.'] },
  { name: 'Basic credentials', text: 'Basic ' + Buffer.from('admin:basicCorpusPw9').toString('base64'), needles: [Buffer.from('admin:basicCorpusPw9').toString('base64')] },
]

/** Every needle of the corpus, for "none of these appears" checks. */
export const SECRET_NEEDLES: readonly string[] = SECRET_CORPUS.flatMap((s) => s.needles)

/** The needles of the corpus found in `text` (with the shape they belong to). */
export function leakedSecrets(text: string): string[] {
  const found: string[] = []
  for (const shape of SECRET_CORPUS) for (const n of shape.needles) if (text.includes(n)) found.push(`${shape.name}: ${n}`)
  return found
}
