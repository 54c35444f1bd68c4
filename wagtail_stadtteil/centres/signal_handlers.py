"""Keep the stored centre of offers, offices and consultation hours right when
a page (or a whole section) is moved to another centre."""

from django.apps import apps
from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models import CentreMemberBehaviour, find_centre


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
