"""Fetch stage: how requests reach the sites (name resolution, politeness helpers)."""
