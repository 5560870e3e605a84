"""Load and scale benchmarks: a city-scale data generator (`bench.generate`), the runner behind
`bench/run` (`bench.runner`) and the bare Flask page it compares the list with (`bench.ceiling`).

Nothing here is imported by the platform itself.
"""
