"""/api/: the JSON API (see ``main``)."""

from django.urls import path

from benzotaper.web.api.main import api

urlpatterns = [path("", api.urls)]
