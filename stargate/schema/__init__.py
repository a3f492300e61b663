"""The scenario schema, one module per concern; :mod:`stargate.scenario` assembles and loads it."""
