"""Keep the stored centre of offers, offices and consultation hours right when
a page (or a whole section) is moved to another centre, and the occurrence
store right when pages or their schedule rows go away."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import post_page_move

from wagtail_stadtteil.schedules.models import Occurrence

from .models import CentreMemberBehaviour, ScheduledPageBehaviour, find_centre
from .models.scheduling import refresh_other_translations


def centre_member_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, CentreMemberBehaviour) and not model._meta.abstract
    ]


@receiver(post_page_move)
def update_centre_after_move(sender, instance, **kwargs):
    for model in centre_member_models():
        for page in model.objects.filter(path__startswith=instance.path).only("path", "centre"):
            centre = find_centre(page)
            if page.centre_id != (centre.pk if centre else None):
                model.objects.filter(pk=page.pk).update(centre=centre)
                # Wagtail saves a moved page as a plain Page: its dates follow
                # the new centre (its closures, holidays, calendar) only here.
                if hasattr(model, "refresh_occurrences"):
                    model.objects.get(pk=page.pk).refresh_occurrences()


def scheduled_page_models():
    return [
        model
        for model in apps.get_models()
        if issubclass(model, ScheduledPageBehaviour) and not model._meta.abstract
    ]


def forget_occurrences_of_deleted_schedule(sender, instance, **kwargs):
    """A schedule row deleted outside the page editor takes its dates along."""
    Occurrence.objects.filter(
        source_type=ContentType.objects.get_for_model(sender), source_id=instance.pk
    ).delete()


def hand_over_occurrences_of_deleted_page(sender, instance, **kwargs):
    """The page's rows go with it (foreign key cascade); when it was the page in
    the default locale, a remaining translation now writes the group's rows."""
    refresh_other_translations(instance)


def connect_schedule_signals():
    for model in scheduled_page_models():
        post_delete.connect(hand_over_occurrences_of_deleted_page, sender=model)
        schedules = model._meta.get_field("schedules").related_model
        post_delete.connect(forget_occurrences_of_deleted_schedule, sender=schedules)
