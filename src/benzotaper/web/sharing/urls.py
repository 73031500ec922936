from django.urls import path

from benzotaper.web.sharing import views

app_name = "sharing"

urlpatterns = [
    path("report/", views.report, name="report"),
    path("report/export/<str:kind>/", views.export, name="export"),
    path("report/share/<int:pk>/revoke/", views.revoke_share, name="revoke_share"),
    path("report/calendar/", views.add_calendar, name="add_calendar"),
    path("report/calendar/<int:pk>/revoke/", views.revoke_calendar, name="revoke_calendar"),
    path("share/<str:token>/", views.shared, name="shared"),
    path("share/<str:token>/report.pdf", views.shared_pdf, name="shared_pdf"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar"),
]
