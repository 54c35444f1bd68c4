"""The occurrence store keeps rooms as plain ids: clean up after a deleted room."""

from django.db.models.signals import post_delete, pre_delete
from django.dispatch import receiver

from wagtail_stadtteil.schedules.models import Occurrence

from .models import Room, RoomUse


@receiver(post_delete, sender=Room)
def forget_occurrences_of_deleted_room(sender, instance, **kwargs):
    Occurrence.objects.filter(room_id=instance.pk).update(room_id=None)


@receiver(pre_delete, sender=RoomUse)
def delete_occurrences_of_deleted_use(sender, instance, **kwargs):
    Occurrence.objects.filter(kind=Occurrence.Kind.ROOM_USE, source_id=instance.pk).delete()
