"""Editorial content (core.models): versions, and children whose changes count for their parent.

The rule that saving an area, grant or focus area is a change of its
municipality or agreement lives in the model layer, so it holds for a save
from the shell, an import or a restore as much as for one in the admin.
"""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import pre_save

from municipalities.models import Area, Municipality
from programs.models import Agreement, FocusArea, Grant
from tests.support.html import parse, texts

pytestmark = pytest.mark.django_db


def latest_record(obj):
    return obj.history.order_by("-history_id").first()


def test_every_change_moves_the_version_by_one_and_publishing_does_not():
    oslo = Municipality.objects.get(slug="oslo")
    before = oslo.version
    oslo.description_nb = "Første endring."
    oslo.save()
    oslo.description_nb = "Andre endring."
    oslo.save()
    oslo.refresh_from_db()
    assert oslo.version == before + 2
    oslo.unpublish()
    oslo.refresh_from_db()
    assert oslo.version == before + 2


def test_a_save_that_changes_nothing_writes_nothing():
    oslo = Municipality.objects.get(slug="oslo")
    records, version, changed_at = oslo.history.count(), oslo.version, oslo.updated_at
    # As a form saves it back: an empty translation stored as NULL comes back as "".
    Municipality.objects.filter(pk=oslo.pk).update(description_en=None)
    oslo.refresh_from_db()
    oslo.description_en = ""
    oslo.save()
    assert oslo.saved_nothing
    oslo.refresh_from_db()
    assert (oslo.history.count(), oslo.version, oslo.updated_at) == (records, version, changed_at)


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        (lambda: Area.objects.get(slug="stromso"), "municipality"),
        (lambda: Grant.objects.filter(municipality__slug="bergen").first(), "municipality"),
        (
            lambda: FocusArea.objects.filter(agreement__municipality__slug="bergen").first(),
            "agreement",
        ),
    ],
    ids=["area", "grant", "focus area"],
)
def test_a_child_saved_from_the_shell_is_a_change_of_its_parent(child, parent):
    child = child()
    owner = getattr(child, parent)
    before = (owner.version, owner.updated_at, owner.history.count())

    child.save()

    owner.refresh_from_db()
    assert owner.version == before[0] + 1
    assert owner.updated_at > before[1]
    assert owner.history.count() == before[2] + 1
    # The feed names the kind of child from this.
    assert latest_record(owner).history_change_reason == child._meta.label_lower


def test_a_restored_area_version_is_a_change_of_its_municipality():
    area = Area.objects.get(slug="stromso")
    area.description_nb = "Først dette."
    area.save()
    drammen = Municipality.objects.get(slug="drammen")
    version = drammen.version

    # Restoring from the shell, as django-simple-history documents it.
    area.history.order_by("history_id").first().instance.save()

    drammen.refresh_from_db()
    assert drammen.version == version + 1
    assert latest_record(drammen).history_change_reason == "municipalities.area"


def test_a_child_moved_to_another_parent_changes_both():
    grant = Grant.objects.filter(municipality__slug="bergen").first()
    bergen, oslo = grant.municipality, Municipality.objects.get(slug="oslo")
    versions = bergen.version, oslo.version
    grant.municipality = oslo
    grant.year = 2031  # not to clash with Oslo's own grants
    grant.save()
    bergen.refresh_from_db()
    oslo.refresh_from_db()
    assert (bergen.version, oslo.version) == (versions[0] + 1, versions[1] + 1)


def test_deleting_a_child_one_by_one_or_in_bulk_is_a_change_of_its_parent():
    bergen = Municipality.objects.get(slug="bergen")
    version = bergen.version
    Area.objects.filter(municipality=bergen).first().delete()
    bergen.refresh_from_db()
    assert bergen.version == version + 1
    Grant.objects.create(municipality=bergen, year=2031)
    bergen.refresh_from_db()
    version, history = bergen.version, bergen.history.count()
    grants = Grant.objects.filter(municipality=bergen)
    assert grants.count() > 1
    grants.delete()
    # A bulk delete is one change of each parent, however many rows it removed.
    bergen.refresh_from_db()
    assert bergen.version == version + 1
    assert bergen.history.count() == history + 1


def test_children_deleted_with_their_parent_do_not_change_it_first():
    agreement = Agreement.objects.filter(focus_areas__isnull=False).distinct().first()
    records = Agreement.history.filter(id=agreement.pk)
    before = records.count()
    agreement.delete()  # its focus areas go with it
    assert records.count() == before + 1  # the deletion only
    assert records.order_by("-history_id").first().history_type == "-"


def test_an_area_moved_to_another_municipality_leaves_the_agreements_it_no_longer_shares(client):
    area = Area.objects.get(slug="stromso")
    agreement = area.agreements.get()
    area.municipality = Municipality.objects.get(slug="oslo")
    area.save()
    assert not agreement.areas.filter(pk=area.pk).exists()
    # Drammen's page no longer lists it, nor links it from the agreement.
    drammen = parse(client.get("/kommuner/drammen/"))
    assert "Strømsø" not in texts(drammen, ".area-list li")
    assert not drammen.select(f'article.agreement a[href="#{area.anchor}"]')


def test_children_saved_with_their_parent_make_one_change():
    drammen = Municipality.objects.get(slug="drammen")
    drammen.description_nb = "Ny beskrivelse."
    before = drammen.history.count()
    with drammen.saving_with_children():
        drammen.save()
        for area in drammen.areas.all():
            area.description_nb = "Ny områdetekst."
            area.save()
    drammen.refresh_from_db()
    assert drammen.history.count() == before + 1
    assert latest_record(drammen).history_change_reason is None
    # Outside the block, a child's save counts again.
    drammen.areas.first().save()
    assert drammen.history.count() == before + 2


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs row locks across connections (PostgreSQL); SQLite lets one writer in at a time",
)
@pytest.mark.django_db(transaction=True)
def test_a_change_made_while_a_child_marks_its_parent_is_not_lost():
    """Two transactions change the same municipality at once: nothing lost, versions rise.

    One marks it changed (as a saved area does); between that one's read and
    its write, another saves new text. The marking must not write the text it
    read back over the new one, and the two saves must not share a version.
    """
    call_command("loaddata", "omradesatsinger", verbosity=0)
    drammen = Municipality.objects.get(slug="drammen")
    start = drammen.version
    read = threading.Event()
    written = threading.Event()
    errors = []

    def pause_between_read_and_write(sender, instance, **kwargs):
        if threading.current_thread().name == "marker" and not read.is_set():
            read.set()
            # With the row locked, the editor cannot write until this ends.
            written.wait(timeout=2)

    def marker():
        try:
            drammen.mark_changed(reason="municipalities.area")
        except Exception as error:  # reported below, not lost with the thread
            errors.append(error)
        finally:
            connection.close()

    def editor():
        try:
            read.wait(timeout=5)
            mine = Municipality.objects.get(pk=drammen.pk)
            mine.description_nb = "Skrevet mens en annen lagret."
            mine.save()
            written.set()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    pre_save.connect(pause_between_read_and_write, sender=Municipality)
    try:
        threads = [
            threading.Thread(target=marker, name="marker"),
            threading.Thread(target=editor, name="editor"),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        pre_save.disconnect(pause_between_read_and_write, sender=Municipality)

    assert errors == []
    drammen.refresh_from_db()
    assert drammen.description_nb == "Skrevet mens en annen lagret."
    assert drammen.version == start + 2
    versions = list(drammen.history.order_by("history_id").values_list("version", flat=True))
    assert versions[-2:] == [start + 1, start + 2]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs row locks across connections (PostgreSQL); SQLite lets one writer in at a time",
)
@pytest.mark.django_db(transaction=True)
def test_a_child_saved_alone_and_its_parent_saved_with_it_never_deadlock():
    """One editor saves an area on its own while another saves its municipality with the
    same area changed inline. Both lock the municipality before the area, so the
    second waits for the first instead of each waiting for the other."""
    call_command("loaddata", "omradesatsinger", verbosity=0)
    drammen = Municipality.objects.get(slug="drammen")
    start = drammen.version
    parent_locked = threading.Event()
    errors = []

    def parent_form():  # as the admin does: the form locks the parent, then saves it all
        try:
            with transaction.atomic():
                mine = Municipality.objects.get(pk=drammen.pk)
                mine.stored_version(lock=True)
                parent_locked.set()
                time.sleep(0.5)  # the other editor's save starts meanwhile
                with mine.saving_with_children():
                    mine.save()
                    area = Area.objects.get(slug="stromso")
                    area.description_nb = "Fra kommuneskjemaet."
                    area.save()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    def child_form():
        try:
            parent_locked.wait(timeout=5)
            area = Area.objects.get(slug="stromso")
            area.description_nb = "Fra områdeskjemaet."
            area.save()
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=parent_form), threading.Thread(target=child_form)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert Area.objects.get(slug="stromso").description_nb == "Fra områdeskjemaet."
    drammen.refresh_from_db()
    assert drammen.version == start + 2
