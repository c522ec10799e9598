/**
 * The `noun_past_tense` convention for event names (`logo_generated`,
 * `user_signed_up`): recognising a past-tense action word, and turning a name
 * that breaks the rule into one that follows it, for the lint message.
 */

/** Irregular past participles accepted as the last word of an event name. */
const IRREGULAR_PAST = new Set(
  (
    'been bid bought bound brought built caught chosen cut dealt done drawn driven eaten fallen fed felt found ' +
    'forgotten frozen given gone got gotten grown held hidden hit hung kept known laid led left lent let lit lost ' +
    'made meant met paid put quit read ridden run said seen sent set shown shut sold spent split spoken stolen stood ' +
    'struck stuck taken taught thought thrown told torn understood undone woken won worn written'
  ).split(' '),
)
const VERB_PREFIXES = ['re', 'un', 'over', 'pre', 'out', 'mis', 'with', 'up']
/** A trailing particle (`signed_up`, `logged_in`) defers to the word before it. */
const PARTICLES = new Set(['up', 'in', 'out', 'off', 'on', 'down', 'over', 'back', 'through', 'away'])

/** Base form -> participle, for the irregular verbs event names use. */
const IRREGULAR_BASE: Readonly<Record<string, string>> = {
  begin: 'begun', bid: 'bid', bind: 'bound', bring: 'brought', build: 'built', buy: 'bought', catch: 'caught',
  choose: 'chosen', cut: 'cut', deal: 'dealt', do: 'done', draw: 'drawn', drive: 'driven', find: 'found',
  forget: 'forgotten', freeze: 'frozen', get: 'got', give: 'given', go: 'gone', grow: 'grown', hide: 'hidden',
  hold: 'held', keep: 'kept', know: 'known', lay: 'laid', lead: 'led', leave: 'left', lose: 'lost', make: 'made',
  meet: 'met', pay: 'paid', put: 'put', quit: 'quit', read: 'read', rebuild: 'rebuilt', resend: 'resent', run: 'run',
  say: 'said', see: 'seen', sell: 'sold', send: 'sent', set: 'set', show: 'shown', shut: 'shut', speak: 'spoken',
  spend: 'spent', split: 'split', take: 'taken', teach: 'taught', tell: 'told', think: 'thought', throw: 'thrown',
  undo: 'undone', win: 'won', withdraw: 'withdrawn', write: 'written',
}

/** One-word actions that are two words in the past tense. */
const COMPOUNDS: Readonly<Record<string, string>> = {
  signup: 'signed_up', signin: 'signed_in', signout: 'signed_out', login: 'logged_in', logout: 'logged_out',
  checkout: 'checked_out', checkin: 'checked_in', optin: 'opted_in', optout: 'opted_out', setup: 'set_up',
  rollback: 'rolled_back', rollout: 'rolled_out', payout: 'paid_out', upgrade: 'upgraded', onboard: 'onboarded',
}

/** Verbs a name may start with (`generate_logo`), moved after their object in a suggestion. */
const LEADING_VERBS = new Set(
  (
    'accept add apply approve archive assign book buy cancel change charge check choose click close complete confirm ' +
    'connect create delete disable download edit enable end export fail finish generate import invite join leave ' +
    'load log open pay publish purchase receive refund register reject remove render request reset resend restore ' +
    'retry save schedule select send share sign start stop submit subscribe unsubscribe update upload verify view visit'
  ).split(' '),
)

export function isPastTense(word: string): boolean {
  if (word.length > 3 && word.endsWith('ed')) return true
  if (IRREGULAR_PAST.has(word)) return true
  return VERB_PREFIXES.some((prefix) => word.startsWith(prefix) && IRREGULAR_PAST.has(word.slice(prefix.length)))
}

/** `logo_generated`, `user_signed_up`: the action word is past tense. */
export function endsInPastTense(name: string): boolean {
  const words = name.split('_').filter((w) => w !== '')
  let last = words.pop()
  while (last !== undefined && PARTICLES.has(last) && words.length > 0) last = words.pop()
  return last !== undefined && isPastTense(last)
}

const VOWELS = /[aeiou]/g

/** `generate` -> `generated`, `apply` -> `applied`, `stop` -> `stopped`, `send` -> `sent`. */
export function pastTense(word: string): string {
  if (isPastTense(word)) return word
  const irregular = IRREGULAR_BASE[word]
  if (irregular !== undefined) return irregular
  if (word.endsWith('e')) return `${word}d`
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ied`
  // a short one-vowel verb ending consonant-vowel-consonant doubles its consonant: stop, plan, ship, log
  if (word.length <= 4 && (word.match(VOWELS) ?? []).length === 1 && /[^aeiou][aeiou][^aeiouwxy]$/.test(word)) {
    return `${word}${word.slice(-1)}ed`
  }
  return `${word}ed`
}

function pastOf(word: string): string {
  return COMPOUNDS[word] ?? pastTense(word)
}

/**
 * A name that follows the rule, for the lint message: `generate_logo` ->
 * `logo_generated`, `logo_generate` -> `logo_generated`, `user_signup` ->
 * `user_signed_up`, `sign_up_user` -> `user_signed_up`.
 */
export function suggestPastTenseName(name: string): string {
  const words = name.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w !== '')
  if (words.length === 0) return 'thing_happened'
  const [first, ...rest] = words as [string, ...string[]]
  if (rest.length > 0 && LEADING_VERBS.has(first)) {
    const particles: string[] = []
    while (rest.length > 1 && PARTICLES.has(rest[0] as string)) particles.push(rest.shift() as string)
    if (rest.length > 0 && !(rest.length === 1 && PARTICLES.has(rest[0] as string))) {
      return [...rest, pastOf(first), ...particles].join('_')
    }
  }
  let end = words.length - 1
  while (end > 0 && PARTICLES.has(words[end] as string)) end--
  const last = words[end] as string
  if (isPastTense(last)) return words.join('_')
  const head = words.slice(0, end)
  const tail = words.slice(end + 1)
  // one word that is not an action: a noun, so say what happened to it
  if (words.length === 1 && COMPOUNDS[last] === undefined && !LEADING_VERBS.has(last)) return `${last}_created`
  return [...head, pastOf(last), ...tail].join('_')
}
