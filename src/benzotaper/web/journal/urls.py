from django.urls import path

from benzotaper.web.journal import views

app_name = "journal"

urlpatterns = [
    path("", views.today, name="today"),
    path("dose/", views.record_dose, name="record_dose"),
    path("checkin/", views.checkin, name="checkin"),
    path("checkin/quick/", views.quick_checkin, name="quick_checkin"),
    path("checkin/list/", views.choose_short_list, name="short_list"),
    path("journal/", views.history, name="history"),
    path("journal/dose/new/", views.dose_add, name="dose_add"),
    path("journal/dose/<int:pk>/", views.dose_edit, name="dose_edit"),
    path("journal/dose/<int:pk>/delete/", views.dose_delete, name="dose_delete"),
    path("journal/checkin/<int:pk>/delete/", views.checkin_delete, name="checkin_delete"),
]
