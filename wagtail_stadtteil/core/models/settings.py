"""Per-site settings (DESIGN decision 6): values that differ between Wagtail
Sites of one installation, edited in the admin under Settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="home")
class StadtteilSiteSettings(BaseSiteSetting):
    """Links and addresses the centre pages of one site show and use."""

    privacy_url = models.URLField(
        _("privacy notice"),
        blank=True,
        help_text=_("Web address of the privacy notice (Datenschutzerklärung)."),
    )
    house_rules_url = models.URLField(
        _("house rules"),
        blank=True,
        help_text=_("Web address of the house rules or room use rules (Hausordnung)."),
    )
    accessibility_statement_url = models.URLField(
        _("accessibility statement"),
        blank=True,
        help_text=_("Web address of the accessibility statement (Erklärung zur Barrierefreiheit)."),
    )
    sender_email = models.EmailField(
        _("sender address"),
        blank=True,
        help_text=_("Address the centres' emails to residents are sent from."),
    )
    staff_notification_email = models.EmailField(
        _("staff notification address"),
        blank=True,
        help_text=_("Where new requests are announced when a centre names no address of its own."),
    )
    fee_notes = models.TextField(
        _("notes on fees"),
        blank=True,
        help_text=_("Shown with room fees, e.g. the name of the city's fee rule."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("privacy_url"),
                FieldPanel("house_rules_url"),
                FieldPanel("accessibility_statement_url"),
            ],
            heading=_("Links"),
        ),
        MultiFieldPanel(
            [FieldPanel("sender_email"), FieldPanel("staff_notification_email")],
            heading=_("Email"),
        ),
        FieldPanel("fee_notes"),
    ]

    class Meta:
        verbose_name = _("district centre settings")
