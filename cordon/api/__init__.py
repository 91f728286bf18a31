"""The HTTP API: yente-compatible /match, search, entities, runs and alert triage."""
