"""The glossary: every term A to Z (``/glossary/``, one anchor per entry) and one term on its own
(``/glossary/<slug>/``)."""

from django.urls import path

from benzotaper.web.glossary import views

app_name = "glossary"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.term, name="term"),
]
