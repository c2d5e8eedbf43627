from django.conf import settings
from django.utils import translation


class AdminLanguageMiddleware:
    """Keep the admin in bokmål whatever the browser asks for.

    Ministry staff work in Norwegian. The admin lies outside the language
    prefixes, so LocaleMiddleware would otherwise follow Accept-Language there.
    Must come after LocaleMiddleware so its choice is the one overridden.
    """

    language = "nb"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(f"/{settings.ADMIN_URL}"):
            translation.activate(self.language)
            request.LANGUAGE_CODE = self.language
        return self.get_response(request)


class PreviewMiddleware:
    """Staff may add ?forhandsvis=1 to a public page to see drafts as they will look.

    Everyone else gets the public page, whatever the query string says. Staff
    requests carry a session cookie, so the page cache never stores previews.
    """

    parameter = "forhandsvis"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.preview = bool(
            request.GET.get(self.parameter) == "1"
            and request.user.is_authenticated
            and request.user.is_staff
        )
        response = self.get_response(request)
        if request.preview:
            response["Cache-Control"] = "private, no-store"
            response["X-Robots-Tag"] = "noindex"
        return response
