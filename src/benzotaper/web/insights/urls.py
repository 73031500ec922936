from django.urls import path

from benzotaper.web.insights import views

app_name = "insights"

urlpatterns = [path("", views.index, name="index")]
