"""Placeholder until the API lands: no routes yet."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
