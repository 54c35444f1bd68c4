"""Spreadsheets in and out of the Wagtail admin (issue 7, DESIGN §7).

* :class:`ImportView` (``stadtteil/import/<model>/``): upload a CSV, XLSX or
  ODS file (an offer's external calendar as ``.ics`` too) → a check of every
  row (:func:`~.importing.run_import` with ``dry_run``), listing new, changed,
  unchanged and invalid rows with each problem by line and column → confirm.
  The confirmation carries the upload forward as a file in
  django-import-export's temporary storage whose name, model, centre and
  publish choice travel signed and bound to the user, so none can be swapped.
  The import itself is all or nothing: if the data changed since the check
  and a row is now invalid, nothing is saved and the problems are shown.
* :class:`ExportView` (``stadtteil/export/<model>/``): every column of the
  model's resource, the way an import reads it back (a round trip changes
  nothing), limited to what the user may see.
* :class:`ProgressView` (``stadtteil/import/progress/<key>/``): how far a
  long check or import has come, for the page's progress bar.

Who may do what is the resources' business (``may_import``, their scope: a
centre editor's rows for another centre come back invalid); the views add
the model-level refusals and keep the centre choice to the user's centres.
"""

import contextlib
import hashlib
import re
import secrets

from django import forms
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.module_loading import import_string
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from import_export.results import RowResult
from import_export.tmp_storages import CacheStorage
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.models import Locale

from .importing import (
    FORMATS,
    IMPORT_FORMATS,
    RESOURCES,
    ImportReport,
    UnreadableFile,
    export_file,
    format_of,
    read_dataset,
    resource_class,
    run_import,
)

#: Shared snippets: the model permissions decide.
SNIPPETS = ("partner", "funding-programme", "district", "theme", "target-group")
#: Rows that belong to a centre: the import form offers the user's centres.
CENTRE_SCOPED = ("room", "room-use", "offer", "consultation-hour", "closure")
#: Imports that save pages (or a centre page's closures): published or drafts.
PUBLISHING = ("offer", "consultation-hour", "closure")
#: Page types listed by a page listing of their own (centres.viewsets).
PAGE_LISTINGS = ("offer", "consultation-hour")
#: Exported, never imported.
EXPORT_ONLY = ("booking",)
#: An offer's external calendar (centres.ical_import).
ICAL_MODELS = ("offer",)

#: How long a checked upload may wait for its confirmation (seconds).
UPLOAD_MAX_AGE = 6 * 60 * 60
SIGNING_SALT = "wagtail_stadtteil.core.import_views.upload"

#: A progress key as the form makes it (``secrets.token_urlsafe``).
PROGRESS_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
PROGRESS_TIMEOUT = 60 * 60

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "json": "application/json; charset=utf-8",
}

#: How many rows the preview lists at most (invalid rows always come first).
PREVIEW_ROWS = 1000


def skipped_events(dataset):
    """``[(uid, reason), …]``: the events of a calendar file that were left
    out (centres.ical_import); nothing for a spreadsheet."""
    return list(getattr(dataset, "skipped", None) or ())


def importable(name):
    return name in RESOURCES and name not in EXPORT_ONLY


def model_of(name):
    return resource_class(name)._meta.model


def model_names(name):
    """The plural verbose name of the model of ``name`` ("Partners")."""
    return capfirst(model_of(name)._meta.verbose_name_plural)


# Who may -----------------------------------------------------------------------------------


def may_import(name, user):
    """Whether ``user`` may import rows of ``name`` at all (the resource says)."""
    return importable(name) and resource_class(name)(user=user).may_import()


def may_export(name, user):
    """Whether ``user`` may download the full export of ``name``. What it
    holds is the resource's scope."""
    from wagtail_stadtteil.booking.permissions import manages_requests
    from wagtail_stadtteil.centres.permissions import is_active_user, managed_centre_ids

    if name not in RESOURCES or not is_active_user(user):
        return False
    if user.is_superuser:
        return True
    if name == "booking":
        return manages_requests(user)
    if name in CENTRE_SCOPED:
        # The resources write and read the centres one manages. (City staff
        # who see every centre's rooms download the listing's own export.)
        return bool(managed_centre_ids(user))
    meta = model_of(name)._meta
    return any(
        user.has_perm(f"{meta.app_label}.{get_permission_codename(action, meta)}")
        for action in ("view", "change")
    )


def import_url(name):
    return reverse("stadtteil_import", args=[name])


def export_url(name, format_name="xlsx", headers="labels"):
    url = reverse("stadtteil_export", args=[name])
    return f"{url}?format={format_name}&headers={headers}"


def listing_buttons(name, user):
    """The listing's header buttons for ``name``: (top-level, in "more")."""
    try:
        resource_class(name)
    except ImportError:  # a model whose resource is not installed
        return [], []
    buttons, more = [], []
    if importable(name) and may_import(name, user):
        buttons.append(
            HeaderButton(gettext("Import"), url=import_url(name), icon_name="upload", priority=1010)
        )
    if may_export(name, user):
        for priority, format_name in enumerate(("xlsx", "csv", "ods", "json"), 110):
            more.append(
                Button(
                    gettext("Export all columns (%(format)s)") % {"format": format_name.upper()},
                    url=export_url(name, format_name),
                    icon_name="download",
                    priority=priority,
                )
            )
    return buttons, more


def listing_url(name, centre=None):
    """Where the rows of ``name`` are listed (for ``centre``, if chosen)."""
    if name in PAGE_LISTINGS:
        if centre is not None:
            return reverse("wagtailadmin_explore", args=[centre.pk])
        from wagtail_stadtteil.centres.viewsets import page_listing_url

        return page_listing_url(model_of(name))
    if name == "closure":
        if centre is not None:
            return reverse("wagtailadmin_pages:edit", args=[centre.pk])
        return reverse("wagtailadmin_explore_root")
    return reverse(model_of(name).snippet_viewset.get_url_name("list"))


# Progress ----------------------------------------------------------------------------------


def new_progress_key():
    return secrets.token_urlsafe(16)


def progress_cache_key(user, key):
    return f"stadtteil-import-progress:{user.pk}:{key}"


class ProgressRecorder:
    """The resource's ``progress(row_number)`` callback: writes how far the
    check or import has come to the cache, about once per 1 % of the rows."""

    def __init__(self, user, key, total, phase):
        self.cache_key = progress_cache_key(user, key) if key else None
        self.total = total
        self.phase = phase
        self.step = max(1, total // 100)
        self.write(0)

    def __call__(self, row_number):
        if row_number % self.step == 0 or row_number >= self.total:
            self.write(min(row_number, self.total))

    def write(self, done):
        if self.cache_key:
            value = {"done": done, "total": self.total, "phase": self.phase}
            cache.set(self.cache_key, value, PROGRESS_TIMEOUT)


class ProgressView(View):
    """JSON ``{"done": n, "total": N, "phase": "checking"|"importing"}`` of the
    user's own check or import with this key; 404 before it starts."""

    def get(self, request, key):
        value = (
            cache.get(progress_cache_key(request.user, key)) if PROGRESS_KEY.match(key) else None
        )
        if value is None:
            raise Http404
        response = JsonResponse(value)
        add_never_cache_headers(response)
        return response


# The upload carried from the check to the confirmation ---------------------------------------


class ExpiringCacheStorage(CacheStorage):
    """The default: uploads wait in the cache (shared by every app server with
    Redis) and vanish on their own when the confirmation expires, so a file
    that was checked but never confirmed keeps no personal data around."""

    CACHE_LIFETIME = UPLOAD_MAX_AGE
    CACHE_PREFIX = "wagtail-stadtteil-import-"


def tmp_storage_class():
    storage_class = getattr(settings, "IMPORT_EXPORT_TMP_STORAGE_CLASS", ExpiringCacheStorage)
    if isinstance(storage_class, str):
        storage_class = import_string(storage_class)
    return storage_class


def tmp_storage(name=None):
    """The uploaded bytes, as they came (binary, no decoding)."""
    return tmp_storage_class()(name=name, read_mode="rb", encoding=None)


def store_upload(content):
    storage = tmp_storage()
    storage.save(content)
    return storage.name


def read_stored(name):
    """The stored bytes, or None if they are gone (confirmed already)."""
    storage = tmp_storage(name)
    try:
        return storage.read()
    except (OSError, ValueError):
        return None


def remove_stored(name):
    with contextlib.suppress(OSError, ValueError):
        tmp_storage(name).remove()


def claim_key(storage_name):
    digest = hashlib.sha256(storage_name.encode("utf-8")).hexdigest()
    return f"wagtail-stadtteil-import-claim-{digest}"


def claim_upload(user, storage_name):
    """Whether this confirmation may import the stored upload: the first one
    claims it (atomically, in the cache all app servers share), a second one
    (a double click, a resent form) finds it claimed and imports nothing."""
    return cache.add(claim_key(storage_name), user.pk, UPLOAD_MAX_AGE)


def release_upload(storage_name):
    """Let the upload be confirmed again (the import saved nothing)."""
    cache.delete(claim_key(storage_name))


def sign_upload(user, name, storage_name, format_name, centre, publish):
    return signing.dumps(
        {
            "user": str(user.pk),
            "model": name,
            "file": storage_name,
            "format": format_name,
            "centre": centre.pk if centre is not None else None,
            "publish": bool(publish),
        },
        salt=SIGNING_SALT,
        compress=True,
    )


def unsign_upload(token):
    """The signed upload; BadRequest (400) if it was changed or is too old."""
    try:
        return signing.loads(token, salt=SIGNING_SALT, max_age=UPLOAD_MAX_AGE)
    except signing.BadSignature:
        raise BadRequest("The import confirmation was changed or has expired.") from None


# The form ----------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "A spreadsheet (CSV, XLSX or ODS) whose first line names the columns."
        ),
    )
    centre = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("Centre"),
        empty_label=gettext_lazy("The centre named in each row"),
        help_text=gettext_lazy(
            "Rows without a centre are imported into this centre; "
            "rows naming another centre are refused."
        ),
    )
    publish = forms.BooleanField(
        required=False,
        label=gettext_lazy("Publish the imported pages"),
        help_text=gettext_lazy(
            "Otherwise new pages and changes are saved as drafts for you to check and publish."
        ),
    )
    progress = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, name, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name
        if name in CENTRE_SCOPED:
            from wagtail_stadtteil.centres.permissions import managed_centres

            self.fields["centre"].queryset = (
                managed_centres(user).filter(locale=Locale.get_default()).order_by("title")
            )
        else:
            del self.fields["centre"]
        if name not in PUBLISHING:
            del self.fields["publish"]
        if name in ICAL_MODELS:
            self.fields["file"].help_text = gettext_lazy(
                "A spreadsheet (CSV, XLSX or ODS) whose first line names the columns, "
                "or a calendar file (.ics) of the centre's external calendar."
            )
        # The key the page's progress bar asks for (a fresh one if none or a bad one came).
        key = self.data.get("progress", "") if self.is_bound else ""
        self.progress_key = key if PROGRESS_KEY.match(key) else new_progress_key()

    def allowed_formats(self):
        if self.name in ICAL_MODELS:
            return (*IMPORT_FORMATS, "ics")
        return IMPORT_FORMATS

    def clean_file(self):
        upload = self.cleaned_data["file"]
        extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
        if extension not in self.allowed_formats():
            if self.name in ICAL_MODELS:
                message = gettext("Upload a CSV, XLSX or ODS file, or an iCalendar file (.ics).")
            else:
                message = gettext("Upload a CSV, XLSX or ODS file.")
            raise forms.ValidationError(message, code="format")
        upload.format_name = "ics" if extension == "ics" else format_of(upload.name)
        return upload

    def clean_progress(self):
        return self.progress_key

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and upload.format_name == "ics" and not cleaned.get("centre"):
            self.add_error(
                "centre", gettext("Choose the centre whose offers the calendar file holds.")
            )
        return cleaned


# The views ---------------------------------------------------------------------------------


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    """Upload → check → confirm (see the module)."""

    template_name = "wagtail_stadtteil/core/import/form.html"
    preview_template_name = "wagtail_stadtteil/core/import/preview.html"
    header_icon = "upload"

    def dispatch(self, request, model):
        if not importable(model):
            raise Http404
        self.name = model
        if not may_import(model, request.user):
            raise PermissionDenied
        return super().dispatch(request, model)

    # -- page furniture ------------------------------------------------------------------

    def get_page_title(self):
        return gettext("Import %(models)s") % {"models": model_names(self.name)}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": listing_url(self.name), "label": model_names(self.name)},
            {"url": "", "label": gettext("Import")},
        ]

    def render(self, template_name, **context):
        context = {
            **self.get_context_data(),
            "view": self,
            "model_name": self.name,
            "models_label": model_names(self.name),
            "import_url": import_url(self.name),
            **context,
        }
        return TemplateResponse(self.request, template_name, context)

    def columns(self):
        """The columns the file may have: (header, key, identifies the row)."""
        resource = resource_class(self.name)(user=self.request.user)
        identifiers = {
            resource.fields[name].column_name for name in resource.get_import_id_fields()
        }
        return [
            (resource.header_label(key), key, key in identifiers)
            for key, field in resource.column_fields().items()
            if not field.readonly
        ]

    def render_form(self, form, error=None):
        """The upload form; ``error``: why the last step could not go on."""
        return self.render(
            self.template_name,
            form=form,
            error=error,
            columns=self.columns(),
            export_url=export_url(self.name) if may_export(self.name, self.request.user) else "",
        )

    # -- the steps -----------------------------------------------------------------------

    def get(self, request, model):
        return self.render_form(ImportForm(name=self.name, user=request.user))

    def post(self, request, model):
        if "upload" in request.POST:
            return self.confirm(request)
        form = ImportForm(request.POST, request.FILES, name=self.name, user=request.user)
        if not form.is_valid():
            return self.render_form(form)
        upload = form.cleaned_data["file"]
        centre = form.cleaned_data.get("centre")
        publish = form.cleaned_data.get("publish", False)
        content = upload.read()
        try:
            dataset = self.read(content, upload.format_name, centre)
        except UnreadableFile as error:
            form.add_error("file", str(error))
            return self.render_form(form)
        skipped = skipped_events(dataset)
        if not len(dataset):
            if skipped:  # a calendar none of whose events an offer can hold
                return self.render_preview(
                    ImportReport(), token=None, centre=centre, publish=publish, skipped=skipped
                )
            form.add_error("file", gettext("The file has no rows to import."))
            return self.render_form(form)
        report = self.run(dataset, centre, publish, form.cleaned_data["progress"], dry_run=True)
        token = None
        if report.ok:
            storage_name = store_upload(content)
            token = sign_upload(
                request.user, self.name, storage_name, upload.format_name, centre, publish
            )
        return self.render_preview(
            report, token=token, centre=centre, publish=publish, skipped=skipped
        )

    def confirm(self, request):
        upload = unsign_upload(request.POST["upload"])
        if upload["user"] != str(request.user.pk) or upload["model"] != self.name:
            raise PermissionDenied
        centre = self.managed_centre(upload["centre"])
        storage_name = upload["file"]
        # Claimed before it is read: of two confirmations sent at once (a
        # double click), only the first imports.
        if not claim_upload(request.user, storage_name):
            return self.render_gone()
        content = read_stored(storage_name)
        if content is None:
            return self.render_gone()
        key = request.POST.get("progress", "")
        try:
            dataset = self.read(content, upload["format"], centre)
        except UnreadableFile as error:  # read before; only a changed reader gets here
            remove_stored(storage_name)
            return self.render_form(ImportForm(name=self.name, user=request.user), error=str(error))
        try:
            report = self.run(dataset, centre, upload["publish"], key, dry_run=False)
        except BaseException:
            release_upload(storage_name)
            raise
        if not report.saved:
            # Nothing was saved: the file stays (until it expires) and may be
            # confirmed again, e.g. once the data it refers to are back.
            release_upload(storage_name)
            return self.render_preview(
                report,
                token=None,
                centre=centre,
                publish=upload["publish"],
                changed=True,
                skipped=skipped_events(dataset),
            )
        remove_stored(storage_name)
        messages.success(
            request,
            gettext(
                "%(models)s imported: %(new)s new, %(changed)s changed, %(unchanged)s unchanged."
            )
            % {
                "models": model_names(self.name),
                "new": report.new,
                "changed": report.updated,
                "unchanged": report.unchanged,
            },
        )
        return redirect(listing_url(self.name, centre))

    # -- helpers -------------------------------------------------------------------------

    def render_gone(self):
        """The confirmed upload is imported already (or being imported), or expired."""
        return self.render_form(
            ImportForm(name=self.name, user=self.request.user),
            error=gettext(
                "This file has been imported already, or waited too long. "
                "Upload it again to check it anew."
            ),
        )

    def managed_centre(self, pk):
        """The chosen centre, which the user must (still) manage."""
        if pk is None or self.name not in CENTRE_SCOPED:
            return None
        from wagtail_stadtteil.centres.permissions import managed_centres

        centre = managed_centres(self.request.user).filter(pk=pk).first()
        if centre is None:
            raise PermissionDenied
        return centre

    def read(self, content, format_name, centre):
        if format_name == "ics":
            # Written by centres.ical_import; imported only when a calendar comes.
            from wagtail_stadtteil.centres.ical_import import ical_dataset

            try:
                return ical_dataset(content, centre)
            except UnreadableFile:
                raise
            except ValueError as error:
                raise UnreadableFile(str(error)) from None
        return read_dataset(content, format_name)

    def run(self, dataset, centre, publish, key, dry_run):
        if not PROGRESS_KEY.match(key or ""):
            key = None
        progress = ProgressRecorder(
            self.request.user, key, len(dataset), "checking" if dry_run else "importing"
        )
        resource = resource_class(self.name)(
            user=self.request.user, centre=centre, publish=publish, progress=progress
        )
        report = run_import(resource, dataset, dry_run=dry_run)
        progress.write(len(dataset))
        return report

    def render_preview(self, report, token, centre, publish, changed=False, skipped=()):
        labels = ImportReport.STATUS_LABELS
        invalid = RowResult.IMPORT_TYPE_INVALID
        ordered = sorted(report.rows, key=lambda row: (row.status != invalid, row.line))
        rows = [
            {
                "line": row.line,
                "status": row.status,
                "invalid": row.status == invalid,
                "label": labels.get(row.status, row.status),
                "title": row.title,
                "problems": row.problems,
            }
            for row in ordered[:PREVIEW_ROWS]
        ]
        lines = {row["line"] for row in rows if row["invalid"]}
        summary = [
            {"problem": problem, "anchor": f"line-{problem.line}" if problem.line in lines else ""}
            for problem in report.problems
        ]
        return self.render(
            self.preview_template_name,
            report=report,
            rows=rows,
            rows_left_out=max(0, len(ordered) - PREVIEW_ROWS),
            problem_summary=summary[:50],
            problems_left_out=max(0, len(summary) - 50),
            upload_token=token,
            progress_key=new_progress_key(),
            centre=centre,
            publishing=self.name in PUBLISHING,
            publish=publish,
            changed=changed,
            skipped=[{"uid": uid, "reason": reason} for uid, reason in skipped[:PREVIEW_ROWS]],
            skipped_left_out=max(0, len(skipped) - PREVIEW_ROWS),
            no_rows=not report.total and not report.rows,
        )


class ExportView(View):
    """Every column of the model's resource as a download, limited to what
    the user may see (the resource's scope). ``?format=csv|xlsx|ods|json``,
    ``&headers=labels|keys`` (JSON always uses keys)."""

    def get(self, request, model):
        if model not in RESOURCES:
            raise Http404
        format_name = request.GET.get("format", "xlsx")
        if format_name not in FORMATS:
            raise BadRequest("Unknown export format.")
        headers = "keys" if request.GET.get("headers") == "keys" else "labels"
        user = request.user
        if not may_export(model, user):
            raise PermissionDenied
        options = {"user": user}
        if model == "booking":
            from wagtail_stadtteil.booking.permissions import manages_requests

            if manages_requests(user):
                options["personal_data"] = True
        resource = resource_class(model)(**options)
        content = export_file(resource, format_name, headers=headers)
        from wagtail_stadtteil.schedules.dates import local_today

        response = HttpResponse(content, content_type=CONTENT_TYPES[format_name])
        filename = f"{model}-{local_today():%Y-%m-%d}.{format_name}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        add_never_cache_headers(response)
        return response
