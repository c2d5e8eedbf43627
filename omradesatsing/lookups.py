"""``__in`` on integer columns ignores numbers no database column can hold.

Django already answers "no match" for ``exact``, ``lt`` and the like when an
integer is out of range (IntegerFieldExact and friends); ``in`` passes such a
number to the driver, and SQLite's raises OverflowError. A key typed or sent
by hand (``?id__in=1,99999999999999999999`` in the admin, a tampered choice in
a many-to-many field) then answered 500. Registered from AppConfig.ready.
"""

from django.db.models import ForeignObject, IntegerField
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import In

LOWEST = -(2**63)
HIGHEST = 2**63 - 1


def _storable(values):
    return [v for v in values if not isinstance(v, int) or LOWEST <= v <= HIGHEST]


class _DropUnstorable:
    def get_prep_lookup(self):
        prepared = super().get_prep_lookup()
        if self.rhs_is_direct_value() and isinstance(prepared, list | tuple | set):
            # An empty list afterwards makes In answer "nothing" (EmptyResultSet).
            return _storable(prepared)
        return prepared


class BoundedIn(_DropUnstorable, In):
    pass


class BoundedRelatedIn(_DropUnstorable, RelatedIn):
    pass


def register():
    IntegerField.register_lookup(BoundedIn)
    ForeignObject.register_lookup(BoundedRelatedIn)
