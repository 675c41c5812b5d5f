"""Handlers for the networks operations (HTTP glue only: parse, call the engine, shape the response)."""
