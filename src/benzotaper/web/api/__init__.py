"""The JSON API under /api/v1/ (django-ninja), with OpenAPI at /api/openapi.json; see docs/api.md.

One module per resource (plans, doses, checkins, medications), each with its schemas and routes;
``auth`` says who may call, ``common`` holds the shared limits and error shapes, ``main`` the API.
"""
