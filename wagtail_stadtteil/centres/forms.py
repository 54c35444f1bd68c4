"""The admin form of the package's page types."""

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import TranslatableMixin


class StadtteilPageForm(WagtailAdminPageForm):
    """Offers only snippets in the page's own language.

    Themes, target groups, partners and funding programmes are translatable;
    a German page must not be tied to the English copy of a theme.
    """

    def __init__(self, *args, parent_page=None, **kwargs):
        super().__init__(*args, parent_page=parent_page, **kwargs)
        locale_id = self.instance.locale_id or getattr(parent_page, "locale_id", None)
        if locale_id is None:
            return
        for field in self.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, TranslatableMixin):
                field.queryset = queryset.filter(locale_id=locale_id)
