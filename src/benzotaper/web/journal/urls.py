from django.urls import path

from benzotaper.web.journal import views

app_name = "journal"

urlpatterns = [
    path("", views.today, name="today"),
    path("checkin/", views.checkin, name="checkin"),
    path("journal/", views.history, name="history"),
]
