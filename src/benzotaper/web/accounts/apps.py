from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "benzotaper.web.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from benzotaper.web import erasure
        from benzotaper.web.accounts import signins

        erasure.connect()
        signins.connect()
