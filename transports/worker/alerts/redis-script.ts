/**
 * One round trip per rule and batch: add the batch to its time bucket, then
 * merge the window's buckets (a fixed number of small hashes) and return the
 * totals. Atomic, so many processes add to one window without races.
 *
 * KEYS[1]  the rule's key; a bucket is KEYS[1]..':'..<bucket start ms>
 * ARGV     bucketStart, bucketMs, bucketCount, ttlMs, count, sum, max, then bin, n pairs
 * returns  count, sum, max ('' when empty), then bin, n pairs of the merged histogram
 */
import { createHash } from 'node:crypto'

export const WINDOW_ADD_SCRIPT = `
local base = KEYS[1]
local start = tonumber(ARGV[1])
local size = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local key = base .. ':' .. ARGV[1]
redis.call('HINCRBY', key, 'c', ARGV[5])
redis.call('HINCRBYFLOAT', key, 's', ARGV[6])
local current = redis.call('HGET', key, 'm')
if (not current) or tonumber(ARGV[7]) > tonumber(current) then redis.call('HSET', key, 'm', ARGV[7]) end
for i = 8, #ARGV, 2 do redis.call('HINCRBY', key, 'h:' .. ARGV[i], ARGV[i + 1]) end
redis.call('PEXPIRE', key, ARGV[4])
local count, sum, max = 0, 0, nil
local bins = {}
for i = 0, n - 1 do
  local fields = redis.call('HGETALL', base .. ':' .. string.format('%d', start - i * size))
  for j = 1, #fields, 2 do
    local f, v = fields[j], tonumber(fields[j + 1])
    if f == 'c' then count = count + v
    elseif f == 's' then sum = sum + v
    elseif f == 'm' then if max == nil or v > max then max = v end
    else bins[f] = (bins[f] or 0) + v end
  end
end
local out = { string.format('%d', count), string.format('%.17g', sum), max and string.format('%.17g', max) or '' }
for f, c in pairs(bins) do
  out[#out + 1] = string.sub(f, 3)
  out[#out + 1] = string.format('%d', c)
end
return out
`

export const WINDOW_ADD_SHA = createHash('sha1').update(WINDOW_ADD_SCRIPT).digest('hex')
