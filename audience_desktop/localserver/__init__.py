"""A built-in AEP-compatible server on 127.0.0.1: the demo's backend and the tests' real HTTP peer."""
