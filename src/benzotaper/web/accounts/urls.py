from django.contrib.auth import views as auth_views
from django.urls import path

from benzotaper.web.accounts import tokens, views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("settings/", views.settings_page, name="settings"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("delete/", views.delete_account, name="delete"),
    path("tokens/", tokens.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", tokens.revoke_token, name="revoke_token"),
]
