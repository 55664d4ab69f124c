"""The test, evaluation and benchmark harness: starting a whole stack in the background, scoring
outcomes and NLU quality. Used by tests/, bench/ and `make evaluate`; not shipped (pyproject's
wheel packages leave it out), so nothing in the running service may import it."""
