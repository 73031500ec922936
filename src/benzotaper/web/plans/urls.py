"""The plan pages: start a plan, preview it, save it, hold, re-plan, and the plan history."""

from django.urls import path

from benzotaper.web.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_page, name="plan"),
    path("new/", views.new_plan, name="new"),
    path("history/", views.history, name="history"),
    path("<int:plan_id>/", views.detail, name="detail"),
    path("<int:plan_id>/hold/", views.hold, name="hold"),
    path("<int:plan_id>/replan/", views.replan_view, name="replan"),
]
