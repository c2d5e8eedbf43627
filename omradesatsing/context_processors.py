from django.conf import settings


def site(request):
    return {"SOURCE_URL": settings.SOURCE_URL}
