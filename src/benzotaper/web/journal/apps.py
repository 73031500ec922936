from django.apps import AppConfig


class JournalConfig(AppConfig):
    name = "benzotaper.web.journal"
    label = "journal"
    verbose_name = "Journal"
