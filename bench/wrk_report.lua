-- wrk script for bench/*.py: prints one JSON line with the figures.
--
-- With BENCH_POST_TEMPLATE set it sends POSTs whose JSON bodies are all different
-- (the template's %s becomes "<thread>-<counter>"): both servers refuse or fold
-- repeated text, so every request must carry new text. Without it, wrk's fast
-- static request is used, so reads measure the servers and not this script.

local post_template = os.getenv("BENCH_POST_TEMPLATE")
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("thread_id", thread_number)
end

if post_template then
  local counter = 0
  function request()
    counter = counter + 1
    local body = string.format(post_template, thread_id .. "-" .. counter)
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
  end
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.3f, "p99_ms": %.3f, ' ..
    '"non_2xx_3xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    errors.status, errors.connect + errors.read + errors.write + errors.timeout))
end
