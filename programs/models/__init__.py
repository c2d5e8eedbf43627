"""The programmes' models, one module per concept."""

from .agreements import Agreement, AgreementQuerySet, FocusArea, FocusAreaQuerySet
from .bodies import Directorate, Ministry, PublicBody
from .conferences import Conference, Network
from .documents import Document, DocumentQuerySet
from .grants import Grant, GrantQuerySet
from .themes import Theme

__all__ = [
    "Agreement",
    "AgreementQuerySet",
    "Conference",
    "Directorate",
    "Document",
    "DocumentQuerySet",
    "FocusArea",
    "FocusAreaQuerySet",
    "Grant",
    "GrantQuerySet",
    "Ministry",
    "Network",
    "PublicBody",
    "Theme",
]
