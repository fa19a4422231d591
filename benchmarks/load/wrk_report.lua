-- wrk's report as one JSON line (benchmarks/load/throughput.py reads it): requests, seconds,
-- latency percentiles in microseconds, and every kind of error wrk counts, with any answer
-- other than 200 among them (wrk itself counts only 4xx and 5xx; a redirect to the sign-in
-- page would otherwise pass for a page served).
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  not_ok = 0
end

response = function(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

done = function(summary, latency, requests)
  local e, wrong = summary.errors, 0
  for _, thread in ipairs(threads) do
    wrong = wrong + thread:get("not_ok")
  end
  io.write(string.format(
    '{"requests": %d, "microseconds": %d, "p50": %d, "p95": %d, "p99": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "timeout": %d, "not_200": %d}\n',
    summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    e.connect, e.read, e.write, e.timeout, wrong))
end
