-- A page visitor's flow for wrk, one connection per wrk thread (run with -t N -c N), so each
-- thread's requests and responses alternate and the Lua state knows which step answered:
--   POST /api/v1/captchas → GET /dev/captchas/{id} (the dev answer) → the measured request.
-- Modes (wrk ... -s flow.lua -- <mode> [targetsFile]):
--   captcha      only POST /api/v1/captchas (the issue path)
--   verify-hit   verify with the right code: one line of the targets file (phone,idTail,code) per flow
--   verify-miss  verify a phone that has no application (a random 139 number): RECORD_NOT_FOUND
--   resend       resend to a target of the file (phone,idTail)
-- The measured step's own latency is taken with gettimeofday (LuaJIT ffi) and summarised in done().
local ffi = require("ffi")
ffi.cdef[[ typedef struct { long tv_sec; long tv_usec; } bench_timeval; int gettimeofday(bench_timeval *tv, void *tz); ]]
local tv = ffi.new("bench_timeval")
local function now_us()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000000 + tonumber(tv.tv_usec)
end

local threads = {}
local counter = 0
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local mode, targets, nthreads
local step, captcha_id, answer, started = "captcha", nil, nil, 0
local cursor = 0
lat = {}
outcomes = {}
flows = 0
errors = 0

function init(args)
  mode = args[1] or "captcha"
  targets = {}
  if args[2] then
    local all = {}
    for line in io.lines(args[2]) do table.insert(all, line) end
    nthreads = tonumber(args[3] or "1")
    local i = 0
    for _, line in ipairs(all) do
      if i % nthreads == tid then table.insert(targets, line) end
      i = i + 1
    end
  end
  math.randomseed(os.time() + tid * 7919)
end

local json = { ["Content-Type"] = "application/json" }

local function measured()
  if mode == "verify-miss" then
    local phone = string.format("139%08d", math.random(0, 99999999))
    return wrk.format("POST", "/api/v1/verifications", json, string.format(
      '{"phone":"%s","idTail":"00123X","code":"000000","captchaId":"%s","captchaAnswer":"%s"}', phone, captcha_id, answer))
  end
  cursor = cursor + 1
  local line = targets[cursor]
  if line == nil then return nil end
  local phone, tail, code = line:match("([^,]+),([^,]+),?([^,]*)")
  if mode == "verify-hit" then
    return wrk.format("POST", "/api/v1/verifications", json, string.format(
      '{"phone":"%s","idTail":"%s","code":"%s","captchaId":"%s","captchaAnswer":"%s"}', phone, tail, code, captcha_id, answer))
  end
  return wrk.format("POST", "/api/v1/resends", json, string.format(
    '{"phone":"%s","idTail":"%s","captchaId":"%s","captchaAnswer":"%s"}', phone, tail, captcha_id, answer))
end

local exhausted = false
function request()
  if step == "answer" then
    return wrk.format("GET", "/dev/captchas/" .. captcha_id)
  elseif step == "measured" then
    local r = measured()
    if r == nil then
      exhausted = true
      step = "captcha"
      return wrk.format("GET", "/api/v1/provinces")
    end
    started = now_us()
    return r
  end
  started = now_us()
  return wrk.format("POST", "/api/v1/captchas")
end

function response(status, headers, body)
  if exhausted then return end
  if step == "captcha" then
    if mode == "captcha" then
      table.insert(lat, now_us() - started)
      flows = flows + 1
      if status ~= 201 then errors = errors + 1 end
      return
    end
    captcha_id = body:match('"captchaId"%s*:%s*"([^"]+)"')
    if status ~= 201 or captcha_id == nil then errors = errors + 1; return end
    step = "answer"
  elseif step == "answer" then
    answer = body:match('"answer"%s*:%s*"([^"]+)"')
    if status ~= 200 or answer == nil then errors = errors + 1; step = "captcha"; return end
    step = "measured"
  else
    table.insert(lat, now_us() - started)
    flows = flows + 1
    local key = tostring(status)
    outcomes[key] = (outcomes[key] or 0) + 1
    local expected = (mode == "verify-hit" and status == 200) or (mode == "verify-miss" and status == 404)
        or (mode == "resend" and (status == 202 or status == 429))
    if not expected then errors = errors + 1 end
    step = "captcha"
  end
end

function done(summary, latency, requests)
  local all, total_flows, total_errors, seen = {}, 0, 0, {}
  for _, t in ipairs(threads) do
    for _, v in ipairs(t:get("lat")) do table.insert(all, v) end
    total_flows = total_flows + t:get("flows")
    total_errors = total_errors + t:get("errors")
    for k, v in pairs(t:get("outcomes")) do seen[k] = (seen[k] or 0) + v end
  end
  table.sort(all)
  local function pct(p)
    if #all == 0 then return 0 end
    return all[math.max(1, math.ceil(p / 100 * #all))] / 1000
  end
  local secs = summary.duration / 1000000
  local statuses = ""
  for k, v in pairs(seen) do statuses = statuses .. k .. ":" .. v .. " " end
  io.write(string.format("RESULT flows_per_s %.1f\nRESULT p50_ms %.2f\nRESULT p99_ms %.2f\nRESULT errors %d\nRESULT flows %d\nRESULT statuses %s\nRESULT socket_errors %d\n",
    total_flows / secs, pct(50), pct(99), total_errors, total_flows, statuses == "" and "-" or statuses,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
