from django.urls import include, path

urlpatterns = [
    path("accounts/", include("benzotaper.web.accounts.urls")),
    path("", include("benzotaper.web.journal.urls")),
]
