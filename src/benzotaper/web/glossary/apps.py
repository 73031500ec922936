from django.apps import AppConfig


class GlossaryConfig(AppConfig):
    name = "benzotaper.web.glossary"
    label = "glossary"
    verbose_name = "Glossary"
