"""Admin panels shared by the package's apps."""

from wagtail.admin.panels import InlinePanel
from wagtail.admin.panels.base import get_form_for_model


class ChildFormInlinePanel(InlinePanel):
    """An InlinePanel whose rows use the child model's ``base_form_class``.

    Wagtail builds inline rows from ``WagtailAdminModelForm`` whatever the child
    model says; rows that need form fields or validation of their own (the
    "skip these dates" choice of a schedule, rooms limited to the page's
    centre) declare a ``base_form_class`` and use this panel.
    """

    def get_form_options(self):
        options = super().get_form_options()
        child_model = self.db_field.related_model
        form_class = getattr(child_model, "base_form_class", None)
        if form_class is not None:
            child_options = self.child_edit_handler.get_form_options()
            options["formsets"][self.relation_name]["form"] = get_form_for_model(
                child_model,
                form_class=form_class,
                defer_required_on_fields=child_options.get("defer_required_on_fields", []),
            )
        return options
