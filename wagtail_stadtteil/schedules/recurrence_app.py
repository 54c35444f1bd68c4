from django.apps import AppConfig


class RecurrenceConfig(AppConfig):
    """django-recurrence with the primary key type its own migrations create.

    django-recurrence names no ``default_auto_field``: in a site without
    ``DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"`` (such as one made by
    ``wagtail start``) every command would print models.W042 for its models and
    ``makemigrations`` would want to change a third-party app.
    """

    name = "recurrence"
    default_auto_field = "django.db.models.BigAutoField"
