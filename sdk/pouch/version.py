"""The SDK's version follows the API it speaks: 1.24.x talks to /v1.24 (openapi/swagger.yml info.version)."""

API_VERSION = "1.24"
__version__ = "1.24.0"
