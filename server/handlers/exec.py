"""Handlers for the exec operations (HTTP glue only: parse, call the engine, shape the response)."""
