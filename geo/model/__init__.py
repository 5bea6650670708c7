"""Frozen values: places, articles, mentions, events, claims, measurements, indexed Dataset."""
