"""One module per resource; each function is named after its operationId in snake case."""
