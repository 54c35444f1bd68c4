// django-recurrence expects Django admin's `django.jQuery`. Wagtail already ships
// jQuery; loading a second copy breaks Wagtail's date pickers, so reuse Wagtail's.
window.django = window.django || {};
if (!window.django.jQuery && window.jQuery) {
    window.django.jQuery = window.jQuery;
}
