"""Handlers for the containers operations (HTTP glue only: parse, call the engine, shape the response)."""
