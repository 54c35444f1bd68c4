from wagtail.snippets.models import register_snippet

from .viewsets import SharedDataViewSetGroup

register_snippet(SharedDataViewSetGroup)
