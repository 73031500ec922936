from django.urls import include, path

urlpatterns = [
    path("accounts/", include("benzotaper.web.accounts.urls")),
    path("plan/", include("benzotaper.web.plans.urls")),
    path("api/", include("benzotaper.web.api.urls")),
    path("glossary/", include("benzotaper.web.glossary.urls")),
    path("insights/", include("benzotaper.web.insights.urls")),
    path("", include("benzotaper.web.sharing.urls")),
    path("", include("benzotaper.web.journal.urls")),
]

handler500 = "benzotaper.web.faults.server_error"  # a busy database answers 503, not 500
