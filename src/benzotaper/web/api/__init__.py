"""The JSON API under /api/v1/ (django-ninja), with OpenAPI at /api/openapi.json."""
