from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "benzotaper.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"
