"""Phrase index hook (placeholder until the phrase index lands)."""
