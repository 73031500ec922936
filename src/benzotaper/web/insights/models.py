"""Charts drawn for a person, kept so that no process draws the same chart twice (see ``chart_store``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from benzotaper.web.records import PersonalQuerySet


class DrawnChart(models.Model):
    """One chart of one person as last drawn: ``name`` says which ("insights:taper", "plan:<hash>"),
    ``digest`` what it was drawn from. Derived data only: it goes with the account (CASCADE), and a
    chart whose input changed is drawn again and overwrites its row."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drawn_charts")
    name = models.CharField(max_length=60)
    digest = models.CharField(max_length=64)
    svg = models.TextField()
    phone_svg = models.TextField(blank=True)
    summary = models.TextField(blank=True)
    table = models.JSONField(default=list)
    drawn_at = models.DateTimeField(auto_now=True)

    objects = PersonalQuerySet["DrawnChart"].as_manager()

    class Meta:
        constraints = (models.UniqueConstraint(fields=["user", "name"], name="one_drawn_chart_per_name"),)

    def __str__(self) -> str:
        return f"{self.name} of {self.user_id}"


class KeptAnalysis(models.Model):
    """One person's Insights analysis as last made (``analysis_cache``): their journal's records and the
    result, pickled, compressed and signed with the app's key, under ``digest``, a digest of everything
    it was made from. Derived data only: one row per person, replaced when the journal changes, and it
    goes with the account (CASCADE)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kept_analysis"
    )
    digest = models.CharField(max_length=64)
    data = models.BinaryField()
    made_at = models.DateTimeField(auto_now=True)

    objects = PersonalQuerySet["KeptAnalysis"].as_manager()

    def __str__(self) -> str:
        return f"analysis of {self.user_id}"
