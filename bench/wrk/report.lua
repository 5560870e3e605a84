-- At the end of a wrk run, print one line of JSON that bench/runner.py reads:
-- requests per second, exact latency percentiles (milliseconds) and the errors wrk counted.
function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "seconds": %.3f, "rps": %.2f, "p50": %.3f, "p95": %.3f, ' ..
    '"p99": %.3f, "max": %.3f, "non_2xx_3xx": %d, "socket_errors": %d, "timeouts": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write, summary.errors.timeout))
end
