"""Handlers for the volumes operations (HTTP glue only: parse, call the engine, shape the response)."""
