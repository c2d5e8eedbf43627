"""Every admin page, in Chromium at 1280×900: it fits, speaks bokmål, shows no None, passes axe.

The pages come from the admin site itself, so a newly registered model or an
admin's own extra page (the grant import) is covered without a change here:
the index and each app's index, the site's own pages (login, password change,
and any other page under the admin's path), and for every registered model
its list, add, change, history, delete and restore (django-simple-history's
history form) pages and the pages its admin adds. An editor in the Redaktør
group opens what an editor may; a superuser the rest (users, groups,
django-axes); the login pages are opened logged out. What cannot be opened is
printed with the reason, never skipped in silence.

Each page is checked four ways, each a subtest named with the check and the
page's URL, so every failing page and check is reported: no sideways
scrolling, none of the English in ENGLISH, no "None" shown, and no critical or
serious axe violation (WCAG 2.1 A and AA).
"""

import re
from dataclasses import dataclass

import pytest
from axe_playwright_python.sync_playwright import Axe
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.db import models
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.support.admin_forms import admin_post_data, change_url
from tests.support.english_in_admin import PHRASES, WORDS

pytestmark = pytest.mark.browser

# English the admin must never show an editor. Matched as whole words and
# case-sensitively in the page's text (shown, folded away or visually hidden),
# in the title, aria-label, aria-description, placeholder and alt attributes
# and on buttons; not in the values of form fields, which are content (the
# English translations are edited there). Left out on purpose: "Filter" is
# also bokmål (Django's own catalogue keeps it); "By" ("By municipality") is
# the bokmål word for a city; "salt" and "hash" (the password's parts) are
# what Django's bokmål says too; short words such as "of", "and" and "the"
# also occur in names and quoted titles. Add what the editors meet; remove
# nothing to make a page pass.
ENGLISH = [
    # The lists every admin test keeps (tests/support/english_in_admin.py) ...
    *PHRASES,
    *WORDS,
    # ... and what only this test looks for (as whole words, so short ones can be listed).
    # Screen-reader texts, the header and the navigation sidebar.
    "Site administration",
    "Welcome",
    "View site",
    "Change password",
    "Documentation",
    # The index.
    "Recent actions",
    "My actions",
    "None available",
    # Lists, filters, actions and search.
    "Action:",
    "Go",
    "Run the selected action",
    "selected",
    "Select",
    "Search",
    "Clear",
    "All",
    "entries",
    "entry",
    "results",
    "total",
    "Show all",
    # Forms, inlines and widgets.
    "Add",
    "Add another",
    "Save",
    "Save and",
    "Delete",
    "Change",
    "Change:",
    "Currently",
    "Remove",
    "Choose",
    "Choose all",
    "Remove all",
    "Available",
    "Chosen",
    "Show",
    "Hide",
    "Today",
    "Now",
    "Yesterday",
    "Tomorrow",
    "Midnight",
    "Noon",
    "Cancel",
    "Close",
    "Note:",
    "This field is required",
    "Please correct",
    "Yes",
    "No",
    "Unknown",
    "Current",
    "Are you sure",
    "Summary",
    "Objects",
    # Django's names for the rows linking two models ("Agreement_areas object (3)",
    # "Focusarea-theme-relasjon"), made from our English class and field names.
    "object (",
    "Agreement",
    "Focusarea",
    "FocusArea",
    "area",
    "theme",
    "ministry",
    "directorate",
    # History (Django's and django-simple-history's) and restoring.
    "History",
    "Revert",
    "Object",
    "Date/time",
    "User",
    "Comment",
    "Changed",
    "Changed by",
    "Change reason",
    "Changes",
    "Added",
    "Deleted",
    "Created",
    # Users, groups, permissions, logging in and resetting a password.
    "Password",
    "Forgotten your password",
    # django-axes: its app, its models and their fields.
    "Access attempts",
    "Access logs",
    "Access failures",
    "Attempted Access",
    "Access Log",
    "Failed access",
]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SERIOUS = {"critical", "serious"}
VIEWPORT = {"width": 1280, "height": 900}
TOLERANCE_PX = 1

EDITOR, SUPERUSER, ANONYMOUS = "editor", "superuser", "anonymous"
# Every model admin has these; any other named URL of its admin is an extra page.
STANDARD_VIEWS = {"changelist", "add", "change", "history", "delete", "simple_history"}
# The admin site's URLs that are no page of their own.
NOT_PAGES = {
    "logout": "a POST-only form action",
    "jsi18n": "the JavaScript catalogue",
    "autocomplete": "JSON for the autocomplete widgets",
    "view_on_site": "a redirect to the public site",
}

# What the browser collects on a page: how wide it is, what sticks out, and
# every string an editor can see or hear.
PAGE_FACTS = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) return s + "#" + el.id;
    const classes = [...el.classList].slice(0, 2);
    return classes.length ? s + "." + classes.join(".") : s;
  };
  const where = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      parts.unshift(name(e));
      if (e.id) break;
    }
    return parts.join(" > ") || "body";
  };
  const shown = (el) => (el.closest("select") || el).checkVisibility({checkVisibilityCSS: true});
  const strings = [];
  const add = (kind, text, el) => {
    text = (text || "").replace(/\\s+/g, " ").trim();
    if (text) strings.push({kind, text, where: where(el), shown: shown(el)});
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el.closest("script, style, noscript, template, textarea")) add("text", node.nodeValue, el);
  }
  const attributes = ["title", "aria-label", "aria-description", "placeholder", "alt"];
  for (const el of document.body.querySelectorAll("*")) {
    for (const attr of attributes) {
      if (el.hasAttribute(attr)) add("@" + attr, el.getAttribute(attr), el);
    }
  }
  const buttons = "input[type=submit], input[type=button], input[type=reset]";
  for (const el of document.querySelectorAll(buttons)) {
    add("button", el.value, el);
  }
  for (const el of document.querySelectorAll(
      "textarea, input:not([type=hidden]):not([type=submit]):not([type=button])"
      + ":not([type=reset]):not([type=checkbox]):not([type=radio]):not([type=file])")) {
    add("value", el.value, el);
  }
  strings.push({kind: "title", text: document.title, where: "head > title", shown: true});

  // What sticks out: elements past the right edge whose parent is not, followed
  // down to the widest descendant (the table or word that makes it so wide).
  const past = (el) => el.getBoundingClientRect().right > width + 1;
  const scrollsItself = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll("*")) {
    if (!past(el) || (el.parentElement !== document.body && past(el.parentElement))) continue;
    if (scrollsItself(el) || el.getBoundingClientRect().width === 0) continue;
    let culprit = el;
    while (culprit.tagName !== "TABLE") {
      const children = [...culprit.children].filter(past);
      if (!children.length) break;
      culprit = children.reduce((a, b) =>
        b.getBoundingClientRect().right > a.getBoundingClientRect().right ? b : a);
    }
    const box = (e) => Math.round(e.getBoundingClientRect().width);
    // For a table, its widest columns: which content needs the room.
    const cells = culprit.tagName === "TABLE"
      ? [...culprit.querySelectorAll("tr:first-child > th, tr:first-child > td")] : [];
    const columns = cells
      .map((cell) => ({text: cell.textContent.replace(/\\s+/g, " ").trim(), width: box(cell)}))
      .sort((a, b) => b.width - a.width).slice(0, 4)
      .map((c) => `«${c.text.slice(0, 30)}» ${c.width} px`);
    const right = Math.round(el.getBoundingClientRect().right);
    wide.push({where: where(el), width: box(el), right, culprit: where(culprit),
               culpritWidth: box(culprit), columns});
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, wide: wide.slice(0, 6), strings};
}"""


@dataclass(frozen=True)
class AdminPage:
    name: str
    url: str
    role: str


@dataclass(frozen=True)
class NotCovered:
    name: str
    reason: str


def registered_models():
    return [model for model in apps.get_models() if admin.site.is_registered(model)]


# One test per model and one for the site's own pages, so `-k agreement` runs one.
AREAS = ["site", *(model._meta.label_lower for model in registered_models())]


def as_request(user):
    request = RequestFactory().get(f"/{settings.ADMIN_URL}")
    request.user = user
    return request


def url_names(patterns, prefix="", namespace=""):
    """(name, route, number of parameters) of every named URL in ``patterns``, nested too."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from url_names(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = prefix + str(pattern.pattern)
            yield namespace + pattern.name, route, pattern.pattern.regex.groups


def text_fields(model):
    """Fields an editor's edit can change by adding a sentence: bokmål text first."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.TextField | models.CharField)
        and field.editable
        and not field.unique
        and not field.choices
        and not isinstance(field, models.SlugField | models.URLField | models.EmailField)
    ]
    return sorted(fields, key=lambda field: not field.name.endswith(f"_{settings.LANGUAGE_CODE}"))


def split_values(response):
    """What admin_post_data cannot send: the parts of split fields (a date and a time)."""
    data = {}
    for bound in response.context["adminform"].form:
        widget = bound.field.widget
        if isinstance(widget, forms.MultiWidget) and not isinstance(widget, forms.HiddenInput):
            parts = widget.decompress(bound.value())
            for suffix, part in zip(widget.widgets_names, parts, strict=True):
                data[bound.html_name + suffix] = "" if part is None else part.isoformat()
    return data


# Objects made where the source's data has none, so their pages can be opened.
LOGIN = {
    "ip_address": "10.20.30.40",
    "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0",
    "http_accept": "text/html",
    "path_info": f"/{settings.ADMIN_URL}login/",
}
MADE_OBJECTS = {
    "axes.accessattempt": lambda: AccessAttempt.objects.create(
        **LOGIN, username="ola", get_data="", post_data="username=ola", failures_since_start=3
    ),
    "axes.accesslog": lambda: AccessLog.objects.create(**LOGIN, username="rita"),
    "axes.accessfailurelog": lambda: AccessFailureLog.objects.create(**LOGIN, username="ola"),
}


class AdminTour:
    """The admin pages of one area, found from the admin site, and the data to open them.

    Each object opened has been edited in the admin by whoever may (twice, for a
    history with a change in it): its history, the restore page and the index's
    recent actions show what editors' work leaves, not an empty table.
    """

    def __init__(self, users):
        self.users = users
        self.requests = {role: as_request(user) for role, user in users.items()}
        self.clients = {}

    def role_that_may(self, check):
        return next((role for role in (EDITOR, SUPERUSER) if check(self.requests[role])), None)

    def client(self, role):
        if role not in self.clients:
            self.clients[role] = Client()
            self.clients[role].force_login(self.users[role])
        return self.clients[role]

    def object_to_open(self, model):
        """The object with the most inline rows (the fullest form), else the first."""
        label = model._meta.label_lower
        if not model._default_manager.exists() and label in MADE_OBJECTS:
            MADE_OBJECTS[label]()
        objects = list(model._default_manager.order_by("pk")[:200])
        request = self.requests[SUPERUSER]
        inlines = admin.site.get_model_admin(model).get_inline_instances(request)
        if not objects or not inlines:
            return objects[0] if objects else None

        def rows(obj):
            return sum(
                inline.get_formset(request, obj)(instance=obj).get_queryset().count()
                for inline in inlines
            )

        return max(objects, key=rows)

    def edit_in_the_admin(self, model, obj, times=2):
        """Add a sentence to a text field through the change form, as an editor does."""
        model_admin = admin.site.get_model_admin(model)
        role = self.role_that_may(lambda request: model_admin.has_change_permission(request, obj))
        if role is None:
            return None
        client = self.client(role)
        url = change_url(obj)
        for addition in [" Oppdatert.", " Rettet igjen."][:times]:
            form_page = client.get(url)
            if form_page.status_code != 200:
                return f"{url} answered {form_page.status_code} to the {role}"
            data = {**admin_post_data(form_page), **split_values(form_page)}
            field = next((f.name for f in text_fields(model) if f.name in data), None)
            if field is None:
                return f"no text field to edit in {url}; its history page is opened empty"
            data[field] += addition
            response = client.post(url, data)
            if response.status_code != 302:
                form = (response.context or {}).get("adminform")
                errors = form.form.errors.as_text() if form else response.status_code
                return f"the edit in {url} was refused: {errors}"
        return None

    def pages(self, area):
        if area == "site":
            yield from self.site_pages()
        else:
            yield from self.model_pages(apps.get_model(area))

    def site_pages(self):
        # The index lists the editor's recent actions: one edit of each kind of content.
        for model in registered_models():
            model_admin = admin.site.get_model_admin(model)
            if model_admin.has_change_permission(self.requests[EDITOR]):
                obj = self.object_to_open(model)
                problem = obj and self.edit_in_the_admin(model, obj, times=1)
                if problem:
                    yield NotCovered(f"recent actions: {model._meta.label_lower}", problem)
        yield AdminPage("index", reverse("admin:index"), EDITOR)
        seen = set()
        for role in (EDITOR, SUPERUSER):
            for app in admin.site.get_app_list(self.requests[role]):
                if app["app_label"] not in seen:
                    seen.add(app["app_label"])
                    url = reverse("admin:app_list", args=[app["app_label"]])
                    yield AdminPage(f"app index {app['app_label']}", url, role)
        model_views = {
            f"{model._meta.app_label}_{model._meta.model_name}_" for model in registered_models()
        }
        for name, route, parameters in url_names(admin.site.get_urls()):
            if name.startswith(tuple(model_views)) or name in {"index", "app_list"}:
                continue
            if name in NOT_PAGES:
                yield NotCovered(f"site {name}", NOT_PAGES[name])
            elif parameters:
                yield NotCovered(f"site {name}", f"{route!r} takes parameters it cannot guess")
            else:
                yield AdminPage(
                    name, reverse(f"admin:{name}"), ANONYMOUS if name == "login" else EDITOR
                )
        yield from self.pages_beside_the_admin_site()

    def pages_beside_the_admin_site(self):
        """Pages under the admin's path from outside admin.site (password reset), logged out."""
        editor = self.users[EDITOR]
        known = {
            "uidb64": urlsafe_base64_encode(force_bytes(editor.pk)),
            "token": default_token_generator.make_token(editor),
        }
        for pattern in get_resolver().url_patterns:
            if isinstance(pattern, URLResolver) and pattern.namespace == admin.site.name:
                continue
            for name, route, _parameters in url_names([pattern]):
                if not route.startswith(settings.ADMIN_URL):
                    continue
                keys = re.findall(r"<(?:\w+:)?(\w+)>", route)
                try:
                    url = reverse(name, kwargs={key: known[key] for key in keys})
                except (KeyError, NoReverseMatch):
                    yield NotCovered(name, f"{route!r} takes parameters it cannot guess")
                else:
                    yield AdminPage(name, url, ANONYMOUS)

    def model_pages(self, model):
        model_admin = admin.site.get_model_admin(model)
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        role = self.role_that_may(model_admin.has_view_or_change_permission)
        if role is None:
            yield NotCovered(f"{opts.label_lower}", "not even a superuser may see it")
            return
        yield AdminPage(f"{opts.label_lower} list", reverse(f"{prefix}_changelist"), role)
        add_role = self.role_that_may(model_admin.has_add_permission)
        if add_role:
            yield AdminPage(f"{opts.label_lower} add", reverse(f"{prefix}_add"), add_role)
        else:
            yield NotCovered(f"{opts.label_lower} add", "no one may add (not even a superuser)")
        obj = self.object_to_open(model)
        problem = obj and self.edit_in_the_admin(model, obj)
        if problem:
            yield NotCovered(f"{opts.label_lower} history entries", problem)
        if obj is None:
            yield NotCovered(
                f"{opts.label_lower} change, history, delete, restore",
                "no object: the fixtures have none and MADE_OBJECTS makes none",
            )
            return
        yield AdminPage(
            f"{opts.label_lower} change", reverse(f"{prefix}_change", args=[obj.pk]), role
        )
        yield AdminPage(
            f"{opts.label_lower} history", reverse(f"{prefix}_history", args=[obj.pk]), role
        )
        delete_role = self.role_that_may(
            lambda request: model_admin.has_delete_permission(request, obj)
        )
        if delete_role:
            url = reverse(f"{prefix}_delete", args=[obj.pk])
            yield AdminPage(f"{opts.label_lower} delete", url, delete_role)
        yield from self.restore_page(model, obj, prefix, role)
        yield from self.extra_pages(model_admin, obj)

    def restore_page(self, model, obj, prefix, role):
        name = f"{model._meta.label_lower} restore"
        try:
            reverse(f"{prefix}_simple_history", args=[obj.pk, 1])
        except NoReverseMatch:
            if hasattr(model, "history"):
                yield NotCovered(name, "it keeps a history, but its admin has no restore view")
            return
        oldest = obj.history.order_by("history_date", "pk").first()
        if oldest is None:
            yield NotCovered(name, "no historical record to restore")
            return
        url = reverse(f"{prefix}_simple_history", args=[obj.pk, oldest.pk])
        yield AdminPage(name, url, role)

    def extra_pages(self, model_admin, obj):
        """The admin's own pages (an import, a password form), opened by whoever may."""
        opts = model_admin.model._meta
        prefix = f"{opts.app_label}_{opts.model_name}_"
        for name, route, parameters in url_names(model_admin.get_urls()):
            view = name.removeprefix(prefix)
            if view in STANDARD_VIEWS:
                continue
            if parameters > 1:
                yield NotCovered(name, f"{route!r} takes parameters it cannot guess")
                continue
            url = reverse(f"admin:{name}", args=[obj.pk] if parameters else [])
            answers = {role: self.client(role).get(url) for role in (EDITOR, SUPERUSER)}
            role = next((role for role in answers if answers[role].status_code == 200), None)
            if role is None:
                statuses = {role: answer.status_code for role, answer in answers.items()}
                yield NotCovered(f"{opts.label_lower} {view}", f"{url} answers {statuses} to GET")
            elif not answers[role]["Content-Type"].startswith("text/html"):
                kind = answers[role]["Content-Type"]
                yield NotCovered(f"{opts.label_lower} {view}", f"{url} is a file ({kind})")
            else:
                yield AdminPage(f"{opts.label_lower} {view}", url, role)


def whole(phrase):
    """A phrase as a whole word: not inside another (where it begins or ends with a letter)."""
    before = r"(?<!\w)" if re.match(r"\w", phrase) else ""
    after = r"(?!\w)" if re.search(r"\w$", phrase) else ""
    return re.compile(before + re.escape(phrase) + after)


ENGLISH_PATTERNS = [(phrase, whole(phrase)) for phrase in dict.fromkeys(ENGLISH)]
NONE = whole("None")


def english_in(strings):
    found = []
    for item in strings:
        if item["kind"] == "value":
            continue  # content, in every language
        for phrase, pattern in ENGLISH_PATTERNS:
            if pattern.search(item["text"]):
                found.append(f"{phrase!r} in {describe(item)}")
    return found


def none_in(strings):
    return [describe(item) for item in strings if NONE.search(item["text"])]


def describe(item):
    hidden = "" if item["shown"] else ", hidden until opened"
    return f"{item['text'][:90]!r} ({item['kind']} of {item['where']}{hidden})"


def serious_violations(browser_page):
    results = Axe().run(browser_page, options=AXE_OPTIONS)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} – "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        + (f" and {len(violation['nodes']) - 5} more" if len(violation["nodes"]) > 5 else "")
        for violation in results.response["violations"]
        if violation["impact"] in SERIOUS
    ]


def listing(lines):
    return "\n  " + "\n  ".join(lines)


@pytest.fixture
def role_pages(browser, site):
    """One browser context per role, logged in per test, closed before the live server's
    database is torn down (an open connection closed later fails in the server thread)."""
    contexts = {
        role: browser.new_context(viewport=VIEWPORT) for role in (EDITOR, SUPERUSER, ANONYMOUS)
    }
    yield {role: context.new_page() for role, context in contexts.items()}
    for context in contexts.values():
        context.close()


@pytest.fixture
def tour(site, role_pages, editor, staff_user):
    users = {EDITOR: editor, SUPERUSER: staff_user}
    for role, page in role_pages.items():
        page.context.clear_cookies()
        if role in users:
            # A session made on the server, as the test client's force_login makes it.
            client = Client()
            client.force_login(users[role])
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            page.context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": site}]
            )
    return AdminTour(users)


@pytest.mark.parametrize("area", AREAS)
def test_admin_pages_fit_speak_bokmal_show_no_none_and_pass_axe(
    area, tour, role_pages, site, subtests, capsys
):
    for page in tour.pages(area):
        if isinstance(page, NotCovered):
            with capsys.disabled():
                print(f"\nnot covered: {page.name}: {page.reason}")
            continue
        browser_page = role_pages[page.role]
        status = None
        with subtests.test("opens with 200 OK", page=page.name, url=page.url, role=page.role):
            status = browser_page.goto(site + page.url).status
            assert status == 200, f"{page.url} answered {status} to the {page.role}"
        if status != 200:
            continue
        facts = browser_page.evaluate(PAGE_FACTS)
        violations = serious_violations(browser_page)

        with subtests.test("no sideways scrolling", page=page.name, url=page.url):
            wide = [
                f"{item['where']} is {item['width']} px wide (right edge at {item['right']} px);"
                f" widest inside: {item['culprit']}, {item['culpritWidth']} px"
                + (f", widest columns {', '.join(item['columns'])}" if item["columns"] else "")
                for item in facts["wide"]
            ]
            assert facts["scrollWidth"] <= facts["clientWidth"] + TOLERANCE_PX, (
                f"{page.url} is {facts['scrollWidth']} px wide in a {facts['clientWidth']} px"
                f" window:{listing(wide)}"
            )
        with subtests.test("no English", page=page.name, url=page.url):
            english = english_in(facts["strings"])
            assert not english, f"{page.url} shows English:{listing(english)}"
        with subtests.test("no None shown", page=page.name, url=page.url):
            nones = none_in(facts["strings"])
            assert not nones, f"{page.url} shows None:{listing(nones)}"
        with subtests.test("no critical or serious axe violations", page=page.name, url=page.url):
            assert not violations, f"{page.url}:{listing(violations)}"
