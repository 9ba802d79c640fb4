"""Fachkräftebündnisse-Dashboard: data contract, data layer, formatting and charts."""
