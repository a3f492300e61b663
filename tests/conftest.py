"""Shared pytest configuration."""

# Fixture notebooks are inputs to tests, not notebooks for nbval to check.
collect_ignore_glob = ["fixtures/*", "fixtures/**/*"]
