from django.urls import path

from benzotaper.web.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_page, name="plan"),
]
