/**
 * The rate-limit store's operations as one Lua script, run atomically by Redis: KEYS[1] is the key's state, ARGV is
 * (operation, JSON arguments, TTL in ms, clock override). Each operation is a line-for-line port of the pure function
 * of the same name in `@switchboard/resilience`'s `storeOperations` (and the helpers in its key-state and token-bucket
 * modules), so the memory store and this one make the same decisions; a fast-check test holds them to it.
 *
 * Time is Redis's `TIME` unless a clock override is given (tests only), so clock skew between machines does not
 * matter. State is stored as JSON written with 17 significant digits (cjson rounds to 14), so a level survives the
 * round trip exactly; an infinite level (a bucket not yet sized) is stored as the string "inf". Every write renews the
 * key's TTL, so an idle key disappears and a process that died mid-call leaks nothing beyond the buckets' own refill.
 */
export const RATE_LIMIT_SCRIPT = `
local key = KEYS[1]
local op = ARGV[1]
local args = cjson.decode(ARGV[2])
local ttl = tonumber(ARGV[3])
local now
if ARGV[4] ~= nil and ARGV[4] ~= '' then
  now = tonumber(ARGV[4])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
end

local INF = math.huge
local EPSILON = 1e-6
local SMOOTHING_SLACK = 0.02
local BURST_RECOVERY_PER_SUCCESS = 0.01

local function num(v) if v == nil or v == cjson.null then return nil end return v end

local function initial_state(t)
  return {
    requests = { level = INF, updatedAt = t },
    tokens = { level = INF, updatedAt = t },
    pausedUntil = 0,
    charged = { requests = 0, tokens = 0 },
    learned = {},
    largestTokenCost = 1,
    refillHeldSince = nil,
    burstScale = 1,
  }
end

local function read_level(v) if v == 'inf' then return INF end return v end

local function load_state()
  local raw = redis.call('GET', key)
  if not raw then return nil end
  local s = cjson.decode(raw)
  s.requests.level = read_level(s.requests.level)
  s.tokens.level = read_level(s.tokens.level)
  s.refillHeldSince = num(s.refillHeldSince)
  s.learned.requestsPerMinute = num(s.learned.requestsPerMinute)
  s.learned.tokensPerMinute = num(s.learned.tokensPerMinute)
  if s.burstScale == nil then s.burstScale = 1 end
  return s
end

local function fmt(v)
  if v == INF then return '"inf"' end
  return string.format('%.17g', v)
end

local function save_state(s)
  local parts = {
    '{"requests":{"level":', fmt(s.requests.level), ',"updatedAt":', fmt(s.requests.updatedAt), '}',
    ',"tokens":{"level":', fmt(s.tokens.level), ',"updatedAt":', fmt(s.tokens.updatedAt), '}',
    ',"pausedUntil":', fmt(s.pausedUntil),
    ',"charged":{"requests":', fmt(s.charged.requests), ',"tokens":', fmt(s.charged.tokens), '}',
    ',"learned":{',
  }
  local learned = {}
  if s.learned.requestsPerMinute ~= nil then table.insert(learned, '"requestsPerMinute":' .. fmt(s.learned.requestsPerMinute)) end
  if s.learned.tokensPerMinute ~= nil then table.insert(learned, '"tokensPerMinute":' .. fmt(s.learned.tokensPerMinute)) end
  table.insert(parts, table.concat(learned, ','))
  table.insert(parts, '},"largestTokenCost":' .. fmt(s.largestTokenCost))
  if s.refillHeldSince ~= nil then table.insert(parts, ',"refillHeldSince":' .. fmt(s.refillHeldSince)) end
  table.insert(parts, ',"burstScale":' .. fmt(s.burstScale) .. '}')
  redis.call('SET', key, table.concat(parts), 'PX', ttl)
end

local function copy(s)
  if s == nil then return initial_state(now) end
  return s
end

local function pick(a, b)
  if a == nil then return b end
  if b == nil then return a end
  return math.min(a, b)
end

local function effective_limits(configured, s)
  return {
    requestsPerMinute = pick(num(configured.requestsPerMinute), s.learned.requestsPerMinute),
    tokensPerMinute = pick(num(configured.tokensPerMinute), s.learned.tokensPerMinute),
  }
end

local function whole_call_refill(perWindow, capacity)
  local allowance = math.max(1, math.floor(perWindow))
  return math.min(perWindow, allowance + 1 - capacity) / (1 + SMOOTHING_SLACK)
end

local function bucket_shape(perMinute, windowMs, largestCost, headroomMs, burstScale, wholeCalls)
  local ratePerMs = perMinute / 60000
  if windowMs == nil then
    local full = math.max(1, perMinute - ratePerMs * headroomMs)
    local least = math.min(full, math.max(1, largestCost) + (perMinute / 60) * SMOOTHING_SLACK)
    return { capacity = least + (full - least) * burstScale, ratePerMs = ratePerMs }
  end
  local perWindow = (perMinute * windowMs) / 60000
  local least = math.max(1, largestCost)
  local capacity = least + perWindow * SMOOTHING_SLACK * burstScale
  local perWindowRefill = math.max(perWindow - capacity, perWindow / 2)
  if wholeCalls then perWindowRefill = math.max(perWindowRefill, whole_call_refill(perWindow, capacity)) end
  return { capacity = capacity, ratePerMs = perWindowRefill / windowMs }
end

local function key_shapes(config, s)
  local limits = effective_limits(config.limits, s)
  local windowMs = num(config.windowMs)
  local headroomMs = config.headroomMs
  local scale = s.burstScale
  local shapes = { holdMs = 0 }
  if windowMs == nil then shapes.holdMs = headroomMs end
  if limits.requestsPerMinute ~= nil then
    shapes.requests = bucket_shape(limits.requestsPerMinute, windowMs, 1, headroomMs, scale, true)
  end
  if limits.tokensPerMinute ~= nil then
    shapes.tokens = bucket_shape(limits.tokensPerMinute, windowMs, s.largestTokenCost, headroomMs, scale)
  end
  return shapes
end

local function refill(b, shape, t)
  if t > b.updatedAt then
    b.level = b.level + (t - b.updatedAt) * shape.ratePerMs
    b.updatedAt = t
  end
  if b.level > shape.capacity then b.level = shape.capacity end
end

local function wait_for_cost(b, shape, cost)
  local need = math.min(cost, shape.capacity)
  local shortfall = need - b.level
  if shortfall <= EPSILON then return 0 end
  return shortfall / shape.ratePerMs
end

local function skip_refill(s, untilT)
  if s.requests.updatedAt < untilT then s.requests.updatedAt = untilT end
  if s.tokens.updatedAt < untilT then s.tokens.updatedAt = untilT end
end

local function refill_key(s, shapes, t)
  local heldSince = s.refillHeldSince
  if heldSince ~= nil then
    local untilT = math.min(t, heldSince + shapes.holdMs)
    skip_refill(s, untilT)
    if untilT < t then s.refillHeldSince = nil end
  end
  if shapes.requests then refill(s.requests, shapes.requests, t) end
  if shapes.tokens then refill(s.tokens, shapes.tokens, t) end
end

local function release_refill(s, t)
  if s.refillHeldSince == nil then return end
  skip_refill(s, t)
  s.refillHeldSince = nil
end

local function longest_wait(waits)
  local longest = waits[1]
  for i = 2, #waits do
    if waits[i][1] > longest[1] then longest = waits[i] end
  end
  return longest[1], longest[2]
end

local function take_capacity(s, shapes, tokens, t)
  refill_key(s, shapes, t)
  local rw, tw = 0, 0
  if shapes.requests then rw = wait_for_cost(s.requests, shapes.requests, 1) end
  if shapes.tokens then tw = wait_for_cost(s.tokens, shapes.tokens, tokens) end
  local waitMs, reason = longest_wait({ { s.pausedUntil - t, 'paused' }, { rw, 'requests' }, { tw, 'tokens' } })
  if waitMs > 0 then return { ok = false, waitMs = waitMs, reason = reason } end
  local chargedBefore = { requests = s.charged.requests, tokens = s.charged.tokens }
  local full = (shapes.requests ~= nil and s.requests.level >= shapes.requests.capacity)
    or (shapes.tokens ~= nil and s.tokens.level >= shapes.tokens.capacity)
  if shapes.holdMs > 0 and full and s.refillHeldSince == nil then s.refillHeldSince = t end
  if shapes.requests then s.requests.level = s.requests.level - 1 end
  if shapes.tokens then s.tokens.level = s.tokens.level - tokens end
  s.charged.requests = s.charged.requests + 1
  s.charged.tokens = s.charged.tokens + tokens
  return { ok = true, chargedBefore = chargedBefore }
end

local function estimate_wait(s, shapes, tokens, ahead, t)
  refill_key(s, shapes, t)
  local function shortfall(level, shape, own, queued)
    return math.max(0, math.min(own, shape.capacity) + queued - level) / shape.ratePerMs
  end
  local rw, tw = 0, 0
  if shapes.requests then rw = shortfall(s.requests.level, shapes.requests, 1, ahead.requests) end
  if shapes.tokens then tw = shortfall(s.tokens.level, shapes.tokens, tokens, ahead.tokens) end
  local waitMs, reason = longest_wait({ { s.pausedUntil - t, 'paused' }, { rw, 'requests' }, { tw, 'tokens' } })
  return { waitMs = math.max(0, waitMs), reason = reason }
end

local function adjust_charge(s, shapes, dr, dt, t)
  refill_key(s, shapes, t)
  if shapes.requests then s.requests.level = math.min(shapes.requests.capacity, s.requests.level - dr) end
  if shapes.tokens then s.tokens.level = math.min(shapes.tokens.capacity, s.tokens.level - dt) end
  s.charged.requests = s.charged.requests + dr
  s.charged.tokens = s.charged.tokens + dt
end

local function lower(b, shape, remaining, chargedSince, elapsedMs)
  if shape == nil or remaining == nil or remaining < 0 then return end
  local providerLevel = remaining - chargedSince + elapsedMs * shape.ratePerMs
  local floor = math.max(0, math.min(providerLevel, shape.capacity))
  if b.level > floor then b.level = floor end
end

local function apply_headers(s, config, info, context, t)
  local lr, lt = num(info.limitRequests), num(info.limitTokens)
  if lr ~= nil and lr > 0 then s.learned.requestsPerMinute = lr end
  if lt ~= nil and lt > 0 then s.learned.tokensPerMinute = lt end
  local shapes = key_shapes(config, s)
  refill_key(s, shapes, t)
  local elapsed = 0
  if context ~= nil then elapsed = math.max(0, t - context.sentAt) end
  local function since(d)
    if context == nil then return 0 end
    return s.charged[d] - context.chargedBefore[d] - context.ownCharge[d]
  end
  lower(s.requests, shapes.requests, num(info.remainingRequests), since('requests'), elapsed)
  lower(s.tokens, shapes.tokens, num(info.remainingTokens), since('tokens'), elapsed)
end

local state = load_state()

if op == 'reserve' then
  local s = copy(state)
  if args.tokens > s.largestTokenCost then s.largestTokenCost = args.tokens end
  local taken = take_capacity(s, key_shapes(args.config, s), args.tokens, now)
  save_state(s)
  if taken.ok then
    return cjson.encode({ ok = true, at = now, chargedBefore = taken.chargedBefore })
  end
  return cjson.encode(taken)
elseif op == 'adjust' then
  local s = copy(state)
  if args.answered then release_refill(s, now) end
  if args.requests ~= 0 or args.tokens ~= 0 then
    adjust_charge(s, key_shapes(args.config, s), args.requests, args.tokens, now)
  end
  if args.succeeded and s.burstScale < 1 then
    s.burstScale = math.min(1, s.burstScale + BURST_RECOVERY_PER_SUCCESS)
  end
  save_state(s)
  return '{}'
elseif op == 'pause' then
  local s = copy(state)
  s.pausedUntil = math.max(s.pausedUntil, now + args.ms)
  if args.shrinkBurst then s.burstScale = s.burstScale / 2 end
  save_state(s)
  return '{}'
elseif op == 'observe' then
  local s = copy(state)
  local context = args.context
  if context == cjson.null then context = nil end
  apply_headers(s, args.config, args.info, context, now)
  save_state(s)
  return '{}'
elseif op == 'snapshot' then
  local s = copy(state)
  local limits = effective_limits(args.config.limits, s)
  local shapes = key_shapes(args.config, s)
  refill_key(s, shapes, now)
  local ahead = args.ahead
  if ahead == nil or ahead == cjson.null then ahead = { requests = 0, tokens = 0 } end
  local wait = estimate_wait(s, shapes, num(args.tokens) or 0, ahead, now)
  local result = {
    pausedForMs = math.max(0, s.pausedUntil - now),
    limits = limits,
    burstScale = s.burstScale,
    wait = wait,
  }
  if limits.requestsPerMinute ~= nil then result.requests = s.requests.level end
  if limits.tokensPerMinute ~= nil then result.tokens = s.tokens.level end
  return cjson.encode(result)
end
return redis.error_reply('unknown rate-limit store operation: ' .. tostring(op))
`;
