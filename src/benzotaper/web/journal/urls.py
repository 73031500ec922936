from django.urls import path

from benzotaper.web.journal import views

app_name = "journal"

urlpatterns = [
    path("", views.today, name="today"),
    path("checkin/", views.checkin, name="checkin"),
    path("plan/", views.plan, name="plan"),
    path("journal/", views.history, name="history"),
]
