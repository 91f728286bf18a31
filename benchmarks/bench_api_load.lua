-- wrk script of benchmarks/bench_api_load.py: POST /match/default with bodies that rotate
-- through a JSON Lines file, stop after a number of answers, optional think time per client.
-- Settings come from the environment (read when each wrk thread loads this script):
--   CORDON_BENCH_BODIES   path of the bodies file, one JSON request body per line
--   CORDON_BENCH_LIMIT    stop after this many answers (per wrk thread)
--   CORDON_BENCH_THINK_MS pause of each connection between an answer and its next request
local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_nsec; } cordon_timespec;
  int clock_gettime(int clock_id, cordon_timespec *tp);
]]
local ts = ffi.new("cordon_timespec")
local function now_us()  -- CLOCK_MONOTONIC in microseconds
  ffi.C.clock_gettime(1, ts)
  return tonumber(ts.tv_sec) * 1000000 + tonumber(ts.tv_nsec) / 1000
end

local bodies = {}
for line in io.lines(os.getenv("CORDON_BENCH_BODIES")) do bodies[#bodies + 1] = line end
local limit = tonumber(os.getenv("CORDON_BENCH_LIMIT"))
local think = tonumber(os.getenv("CORDON_BENCH_THINK_MS") or "0")
local headers = { ["Content-Type"] = "application/json" }
local sent = 0
answered = 0
first_us = 0  -- globals, read by done() through the thread objects
last_us = 0
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function request()
  if sent == 0 then first_us = now_us() end
  sent = sent + 1
  return wrk.format("POST", "/match/default", headers, bodies[(sent - 1) % #bodies + 1])
end

if think > 0 then
  function delay() return think end
end

function response(status, hdrs, body)
  answered = answered + 1
  last_us = now_us()
  if answered >= limit then wrk.thread:stop() end
end

function done(summary, latency, requests)
  -- wrk sleeps out its -d time even after a thread stopped at the count: time the real work
  local first, last = math.huge, 0
  for _, thread in ipairs(threads) do
    first = math.min(first, thread:get("first_us"))
    last = math.max(last, thread:get("last_us"))
  end
  local e = summary.errors
  io.write(string.format(
    'CORDON_RESULT {"requests": %d, "duration_us": %d, "active_us": %d, "connect": %d, "read": %d, "write": %d, '
    .. '"status": %d, "timeout": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, '
    .. '"mean_us": %.1f}\n',
    summary.requests, summary.duration, last - first, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    latency.mean))
end
