from django.apps import AppConfig


class InsightsConfig(AppConfig):
    """No models: installed for its template tag (the alerts shown on Today and the check-in page)."""

    name = "benzotaper.web.insights"
    label = "insights"
    verbose_name = "Insights"
