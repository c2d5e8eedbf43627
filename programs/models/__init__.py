"""The programmes' models, one module per concept."""

from .agreements import Agreement, AgreementQuerySet, FocusArea, FocusAreaQuerySet
from .bodies import Directorate, Ministry, PublicBody
from .conferences import Conference, Network
from .grants import Grant, GrantQuerySet
from .policy import PolicyDocument
from .themes import Theme

__all__ = [
    "Agreement",
    "AgreementQuerySet",
    "Conference",
    "Directorate",
    "FocusArea",
    "FocusAreaQuerySet",
    "Grant",
    "GrantQuerySet",
    "Ministry",
    "Network",
    "PolicyDocument",
    "PublicBody",
    "Theme",
]
