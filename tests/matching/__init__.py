"""Tests of the matching app: the achievement library (import, API, pages) and the matching engine."""
