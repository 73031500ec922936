from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "benzotaper.web.sharing"
    label = "sharing"
    verbose_name = "Report and sharing"
