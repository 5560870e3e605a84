"""The generated city, table by table: `base.City` holds the dataset's state (random source,
clock, ids handed out so far, manifest) and each module here writes one part of it through
that state. `bench.generate` runs them in order.
"""
