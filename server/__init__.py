"""HTTP glue for the Pouch engine: connexion routes operations of openapi/swagger.yml to
handlers in server.handlers, which call runtime.engine.Engine and shape responses."""
