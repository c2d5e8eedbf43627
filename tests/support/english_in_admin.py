"""English the admin must never show: what Django, django-simple-history and
django-axes say where their bokmål catalogues have gaps, or where they do not
translate at all. Kept as a list so a new gap (after an upgrade) shows.

Text a person reads counts, and so does what a screen reader or a tooltip
reads out: aria-label, title, placeholder, alt, and the text of buttons.

    from tests.support.english_in_admin import english_in
    assert english_in(response.content) == []

tests/core/test_admin_norwegian.py goes through every admin page with it; a
browser test can pass it a page's HTML (page.content()) the same way.
"""

from tests.support.html import parse

# Found anywhere in a piece of text. The Norwegian that replaces each is in
# locale/nb/LC_MESSAGES/django.po, or in our own templates and code.
PHRASES = [
    # Our own forms: the hidden version fields of core.forms.OptimisticLockForm
    "Edit version",
    "Seen version",
    # Django's admin, on every page
    "Skip to main content",
    "Start typing to filter",
    "Filter navigation items",
    "Toggle theme",
    "Toggle navigation",
    "Breadcrumbs",
    "Sidebar",
    "Model name",
    "Add link",
    "Change or view list link",
    "Django administration",
    "Django site admin",
    # lists, actions, filters
    "Show counts",
    "Hide counts",
    "View selected",
    "Select all objects",
    "Select this object",
    " entries",
    " entry",
    "Legg til ny ",
    # the index's recent actions
    "Added:",
    "Changed:",
    "Deleted:",
    # django-simple-history's and Django's permission names
    "historical",
    "Historical",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    # users and passwords
    "After you’ve created a user",  # noqa: RUF001 (Django's own apostrophe)
    "Password-based",
    "password-based",
    "Raw passwords",
    "Reset password",
    "Set password",
    "Whether the user",
    "If disabled",
    "Conflicting form data",
    "This password is too short",
    "Enter a valid",
    # login, logout, password reset
    "Forgotten your",
    "Thanks for spending",
    "In case you",
    "Password reset",
    "Reset my password",
    "Email address",
    "We’ve emailed",  # noqa: RUF001
    "If you don’t receive",  # noqa: RUF001
    "Change my password",
    "Confirm password",
    "New password",
    "reset link was invalid",
    "Your password has been set",
    "You're receiving this email",
    "Please go to the following page",
    "Thanks for using our site",
    # django-axes: the lockout and its admin pages
    "Axes |",
    "Account locked",
    "try again later",
    "Access attempt",
    "Access log",
    "Access failure",
    "access attempt",
    "access log",
    "access failure",
    "Attempt Time",
    "Attempt Remaining",
    "Locked Out",
    "Logout Time",
    "User Agent",
    "IP Address",
    "Form Data",
    "Meta Data",
    "GET Data",
    "POST Data",
    "Failed Logins",
    "Expires At",
    "Clean up expired",
]

# The whole of a piece of text (an alt text, a button, a table cell): too
# short to look for inside Norwegian text.
WORDS = [
    "True",
    "False",
    "None",
    "Home",
    "Log in",
    "Log out",
    "Username",
    "Path",
    "Not set",
    "Axes",
]


def visible_texts(html):
    """Every piece of text a reader sees or hears on the page, one string each."""
    soup = parse(html)
    for element in soup.select("script, style, template"):
        element.decompose()
    texts = [" ".join(text.split()) for text in soup.stripped_strings]
    for element in soup.find_all(True):
        for attribute in ("title", "aria-label", "placeholder", "alt"):
            if element.get(attribute):
                texts.append(element[attribute])
        if element.name == "input" and element.get("type") in {"submit", "button", "reset"}:
            texts.append(element.get("value", ""))
    return texts


def english_in(html, phrases=PHRASES, words=WORDS):
    """The listed English phrases and words found on the page (HTML text or bytes)."""
    texts = visible_texts(html)
    found = [phrase for phrase in phrases if any(phrase in text for text in texts)]
    found += [word for word in words if any(text.strip(" :") == word for text in texts)]
    return found


def english_in_text(text, phrases=PHRASES):
    """The listed English phrases in plain text (an e-mail's subject or body)."""
    return [phrase for phrase in phrases if phrase in text]
