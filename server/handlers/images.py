"""Handlers for the images operations (HTTP glue only: parse, call the engine, shape the response)."""
