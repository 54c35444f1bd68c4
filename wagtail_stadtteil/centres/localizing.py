"""Public pages in the reader's language (wagtail-localize).

A page is read in its own locale, the *reader's*. What it lists or refers to
may not exist in that locale (yet):

- Lists of pages (a centre's offers, the programme, a section's pages) show
  the pages of the reader's locale and, for those not translated yet, the
  page in the default locale (``in_reader_language``): a resident reading
  English still finds every offer, some of them in German.
- Shared snippets (themes, target groups, districts, partners, funding
  programmes) are synchronised references: an English page points at the
  German row. ``localize`` swaps each for its translation in the reader's
  locale where the city made one, in one query per model.
- Texts synchronised from the default-locale page (dates' notes, roles,
  reasons) stay in the language they were written in (``source_language``).

Whatever is shown in another language than the reader's carries
``stadtteil_lang``: the language code it is written in, or "" when it is in
the reader's language. Templates mark it up with the ``lang_attrs`` and
``in_lang`` filters and the ``other_language_note`` tag (``stadtteil_tags``),
so screen readers pronounce it correctly.

The language switcher and the ``hreflang`` alternates of a page are built by
``language_versions`` and ``alternate_links`` (one query for the page's and
its ancestors' translations, read once per request and shared by both).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from wagtail.coreutils import get_content_languages, get_supported_content_language_variant
from wagtail.models import DraftStateMixin, Locale, Page, Site

from wagtail_stadtteil.core.languages import KNOWN_LANGUAGES

# Locales -------------------------------------------------------------------------


def _locales(request=None):
    """{pk: Locale} of all locales, read once per request."""
    cached = getattr(request, "_stadtteil_locales", None)
    if cached is None:
        cached = {locale.pk: locale for locale in Locale.all_objects.all()}
        if request is not None:
            request._stadtteil_locales = cached
    return cached


def is_rtl(code):
    """Whether the language ``code`` is written right to left."""
    known = KNOWN_LANGUAGES.get(code)
    if known is not None:
        return known.rtl
    try:
        return bool(get_language_info(code)["bidi"])
    except KeyError:
        return False


def endonym(code):
    """The language's name in itself ("Deutsch", "English", "العربية")."""
    known = KNOWN_LANGUAGES.get(code)
    if known is not None:
        return known.endonym
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return get_content_languages().get(code, code)


class Reading:
    """Who reads: the reader's locale (the page's), the default locale, and
    the language of any other locale, without a query per object."""

    def __init__(self, locale_id, request=None):
        self.locales = _locales(request)
        default_code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
        self.default = next(
            (loc for loc in self.locales.values() if loc.language_code == default_code), None
        )
        if self.default is None:  # no locale yet: a fresh install
            self.default = Locale.get_default()
        self.locale = self.locales.get(locale_id) or self.default

    @classmethod
    def of(cls, page, request=None):
        """The reading of ``page`` (its locale), or of the default locale."""
        return cls(getattr(page, "locale_id", None), request)

    @property
    def in_default_locale(self):
        return self.locale.pk == self.default.pk

    def code(self, locale_id):
        locale = self.locales.get(locale_id)
        return locale.language_code if locale is not None else self.default.language_code

    def lang_of(self, obj):
        """The language code of ``obj`` when it is not the reader's, else ""."""
        if obj is None or obj.locale_id == self.locale.pk:
            return ""
        return self.code(obj.locale_id)

    def mark(self, objects):
        """Set ``stadtteil_lang`` on each object; returns them as a list."""
        objects = list(objects)
        for obj in objects:
            if obj is not None:
                obj.stadtteil_lang = self.lang_of(obj)
        return objects


def source_language(page, request=None):
    """The language of the texts ``page`` copies from the page it was
    translated from (notes, roles, reasons: synchronised, not translated),
    when that is not the page's own language; else "".

    That is the source of its wagtail-localize translation, or, for a page
    copied otherwise, the default locale when its translation group has a
    page there. A page written in its own language copies nothing. At most
    two queries, none for a page in the default locale.
    """
    from wagtail_localize.models import Translation

    reading = Reading.of(page, request)
    if reading.in_default_locale or page is None or page.pk is None:
        return ""
    source_locale = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .values_list("source__locale_id", flat=True)
        .first()
    )
    if source_locale is not None:
        return "" if source_locale == page.locale_id else reading.code(source_locale)
    copied = Page.objects.filter(
        translation_key=page.translation_key, locale_id=reading.default.pk
    ).exists()
    return reading.default.language_code if copied else ""


# Lists of pages ------------------------------------------------------------------


def in_reader_language(queryset, reading):
    """``queryset`` narrowed to the reader's locale, plus the rows of the
    default locale that the same queryset holds no translation of.

    One SQL query (with a subquery): it can be filtered, ordered and paginated
    like the queryset. Rows in the reader's locale sort first where the
    ordering ties (``reader_first``).
    """
    if reading.in_default_locale:
        return queryset.filter(locale_id=reading.locale.pk)
    own = Q(locale_id=reading.locale.pk)
    if issubclass(queryset.model, Page):
        own &= Q(alias_of__isnull=True)  # an alias shows the German page's text
    translated = queryset.filter(own).values("translation_key")
    return queryset.filter(
        own | (Q(locale_id=reading.default.pk) & ~Q(translation_key__in=translated))
    )


def reader_first(reading):
    """An ordering expression: rows in the reader's locale before the others."""
    return Case(
        When(locale_id=reading.locale.pk, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )


def group_paths(page, reading):
    """(path, depth) of ``page`` and of its translation in the default locale:
    the pages whose children or descendants a list in the reader's language
    shows. One query."""
    if page.pk is None:
        return []
    rows = page.get_translations(inclusive=True).filter(
        locale_id__in={reading.locale.pk, reading.default.pk}
    )
    return list(rows.values_list("path", "depth"))


def children_q(page, reading):
    """A Q for the children of ``page`` and of its default-locale translation."""
    q = Q(pk__in=[])
    for path, depth in group_paths(page, reading):
        q |= Q(path__startswith=path, depth=depth + 1)
    return q


def descendants_q(page, reading, *, inclusive=False):
    """A Q for the descendants of ``page`` and of its default-locale translation."""
    q = Q(pk__in=[])
    for path, depth in group_paths(page, reading):
        q |= Q(path__startswith=path, depth__gte=depth if inclusive else depth + 1)
    return q


# Shared snippets and referenced pages ----------------------------------------------


def localize(objects, reading, *, select_related=()):
    """``objects`` (translatable model instances or None, of any models) with
    each swapped for its translation in the reader's locale where one exists
    (live, for pages), marked with ``stadtteil_lang``. One query per model
    that has objects in another locale; order and Nones are kept."""
    objects = list(objects)
    wanted = {}
    for obj in objects:
        if obj is not None and obj.locale_id != reading.locale.pk:
            wanted.setdefault(type(obj), set()).add(obj.translation_key)
    found = {}
    for model, keys in wanted.items():
        rows = model._default_manager.filter(translation_key__in=keys, locale_id=reading.locale.pk)
        if issubclass(model, Page):
            # Neither drafts, nor private pages, nor aliases (German text).
            rows = rows.live().public().filter(alias_of__isnull=True)
        elif issubclass(model, DraftStateMixin):
            rows = rows.filter(live=True)
        if select_related:
            rows = rows.select_related(*select_related)
        found.update(((model, row.translation_key), row) for row in rows)
    shown = [
        found.get((type(obj), obj.translation_key), obj) if obj is not None else None
        for obj in objects
    ]
    return reading.mark(shown)


# The language switcher and hreflang ------------------------------------------------


@dataclass
class LanguageVersion:
    """One entry of the language switcher."""

    code: str
    url: str
    is_current: bool = False
    #: Set when the page has no translation in this language and the link
    #: leads to the nearest page above it that has one.
    fallback_title: str = ""
    fallback_is_home: bool = False

    @property
    def endonym(self):
        return endonym(self.code)

    @property
    def dir(self):
        return "rtl" if is_rtl(self.code) else "ltr"

    @property
    def is_fallback(self):
        return bool(self.fallback_title) or self.fallback_is_home

    @property
    def note(self):
        """Why the link does not lead to this page, in the link's language."""
        if not self.is_fallback:
            return ""
        with translation.override(self.code):
            if self.fallback_is_home:
                return _("home page – this page is not translated")
            return _("“%(title)s” – this page is not translated") % {"title": self.fallback_title}


@dataclass
class _Versions:
    versions: list
    alternates: list  # [(hreflang, absolute url)]


def _route_suffix(request, page_url):
    """The part of the request's path after ``page_url`` when the request is
    for the page or one of its routes (calendar, room timetable), else None."""
    if not page_url or not page_url.startswith("/"):
        return None
    path = request.path
    if path == page_url:
        return ""
    if page_url.endswith("/") and path.startswith(page_url):
        return path[len(page_url) :]
    return None


def _content_language_order():
    """{language code: position} in WAGTAIL_CONTENT_LANGUAGES (the switcher's order)."""
    return {code: position for position, code in enumerate(get_content_languages())}


def _read_versions(request, page):
    site = Site.find_for_request(request)
    if site is None:
        return _Versions([], [])
    reading = Reading.of(page, request)
    prefixes = []
    if page is not None and page.pk is not None and page.path:
        steplen = page.steplen
        prefixes = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    keys = Page.objects.filter(Q(path__in=prefixes) | Q(pk=site.root_page_id)).values(
        "translation_key"
    )
    # Public pages only (a private page's title is no one else's business),
    # and no aliases: an alias in English shows the German page's text, so it
    # counts as not translated (the home page excepted: it stands for its language).
    rows = list(
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .only(
            "pk",
            "path",
            "depth",
            "url_path",
            "title",
            "locale_id",
            "translation_key",
            "alias_of_id",
        )
    )
    root_key = next((row.translation_key for row in rows if row.pk == site.root_page_id), None)
    live = [row for row in rows if row.alias_of_id is None or row.translation_key == root_key]
    by_key = {}
    for row in live:
        by_key.setdefault(row.translation_key, {})[row.locale_id] = row
    if root_key is None:
        return _Versions([], [])
    order = _content_language_order()
    content_locales = sorted(
        by_key[root_key],
        key=lambda locale_id: (order.get(reading.code(locale_id), len(order)), locale_id),
    )
    page_url = page.get_url(request) if page is not None and page.pk is not None else None
    suffix = _route_suffix(request, page_url)
    is_page = suffix is not None
    # Where a language lacks the page: the nearest page above it that has
    # one (for other views, such as a booking's status page, the page they
    # belong to as well), up to the home page.
    nearest = prefixes[:-1] if is_page else prefixes
    by_path = {row.path: row for row in live}
    fallback_keys = [by_path[p].translation_key for p in reversed(nearest) if p in by_path]
    if root_key not in fallback_keys:
        fallback_keys.append(root_key)

    full_path = request.get_full_path()
    query = request.META.get("QUERY_STRING", "")
    translations = by_key.get(page.translation_key, {}) if is_page else {}
    if is_page:
        current_code = reading.locale.language_code
    else:
        try:
            current_code = get_supported_content_language_variant(translation.get_language())
        except LookupError:
            current_code = reading.default.language_code

    versions = []
    for locale_id in content_locales:
        code = reading.code(locale_id)
        target = translations.get(locale_id)
        if target is not None:
            url = (target.get_url(request) or "") + suffix
            if suffix and query:
                url += "?" + query  # a calendar's period, a form's chosen time
            versions.append(LanguageVersion(code, url, is_current=code == current_code))
            continue
        if not is_page:
            # The same address in the other language (i18n_patterns).
            url = full_path if code == current_code else translate_url(full_path, code)
            if url != full_path or code == current_code:
                versions.append(LanguageVersion(code, url, is_current=code == current_code))
                continue
        for key in fallback_keys:
            fallback = by_key.get(key, {}).get(locale_id)
            if fallback is not None:
                versions.append(
                    LanguageVersion(
                        code,
                        fallback.get_url(request) or "",
                        fallback_title="" if key == root_key else fallback.title,
                        fallback_is_home=key == root_key,
                    )
                )
                break

    alternates = []
    if is_page:
        for locale_id in content_locales:
            target = translations.get(locale_id)
            if target is not None:
                alternates.append((reading.code(locale_id), target.get_full_url(request) + suffix))
        default_page = translations.get(reading.default.pk)
        if len(alternates) < 2:
            alternates = []  # one language: nothing to choose between
        elif default_page is not None:
            alternates.append(("x-default", default_page.get_full_url(request) + suffix))
    return _Versions(versions, alternates)


def _versions(request, page):
    """Read once per request and page (the switcher and the alternates share it)."""
    if request is None or getattr(request, "is_preview", False):
        return _Versions([], [])
    cache = request.__dict__.setdefault("_stadtteil_versions", {})
    key = getattr(page, "pk", None)
    if key not in cache:
        cache[key] = _read_versions(request, page)
    return cache[key]


def language_versions(request, page):
    """The site's content languages (those with a live translation of the
    site's root page), each linking to ``page`` (or the page route asked for)
    in that language, or, where the page is not translated, to the nearest
    page above it that is (``LanguageVersion.note`` says so). Pages that are
    not Wagtail pages (a booking's status page) link to the same address in
    the other language."""
    return _versions(request, page).versions


def alternate_links(request, page):
    """[(hreflang, absolute URL)] of ``page``'s live translations (the same
    page route, without the query), plus "x-default" for the default locale's."""
    return _versions(request, page).alternates
