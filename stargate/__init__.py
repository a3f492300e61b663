"""Stargate economics reports."""
