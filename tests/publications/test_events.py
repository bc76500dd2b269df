import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from publications.factories import EventPageFactory
from publications.feeds import event_uid
from publications.models import EventPage
from tests.seo import read_head

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _calendar(response) -> icalendar.Calendar:
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


class TestEventIndex:
    def test_splits_upcoming_from_past_events(self, client, event_index):
        response = client.get("/en/events/")
        upcoming = [event.title for event in response.context["upcoming"]]
        past = [event.title for event in response.context["past"]]
        assert upcoming[0] == "Webinar: Inspiring Cities"
        assert len(upcoming) == 3
        assert past == [
            "Light Challenge 2021 kick-off",
            "Data day: the built environment",
        ]

    def test_says_so_when_nothing_is_planned(self, client, event_index):
        EventPage.objects.filter(end__gte=timezone.now()).delete()
        response = client.get("/en/events/")
        assert "No events are planned at the moment." in response.text

    def test_queries_do_not_grow_with_the_number_of_events(
        self, client, event_index, django_assert_max_num_queries
    ):
        EventPageFactory.create_batch(8, parent=event_index)
        client.get("/en/events/")
        with django_assert_max_num_queries(32):
            client.get("/en/events/")


class TestCalendars:
    def test_calendar_holds_every_upcoming_event_in_amsterdam_time(
        self, client, event_index
    ):
        calendar = _calendar(client.get("/en/events/calendar/"))
        events = calendar.walk("VEVENT")
        assert len(events) == 3
        start = events[0].decoded("dtstart")
        assert start.tzinfo.key == "Europe/Amsterdam"
        assert [zone["tzid"] for zone in calendar.walk("VTIMEZONE")] == [
            "Europe/Amsterdam"
        ]

    def test_event_uid_stays_the_same_when_the_event_is_edited(
        self, client, event_index
    ):
        event = EventPage.objects.get(slug="masterclass-heat-proof-streets")
        before = _calendar(client.get(f"{event.url}calendar/")).walk("VEVENT")[0]
        event.title = "Masterclass: cool streets"
        event.save_revision().publish()
        after = _calendar(client.get(f"{event.url}calendar/")).walk("VEVENT")[0]
        assert before["uid"] == after["uid"] == event_uid(event)
        assert str(after["summary"]) == "Masterclass: cool streets"

    def test_each_event_offers_its_own_calendar_entry(self, client, event_index):
        event = EventPage.objects.get(slug="masterclass-heat-proof-streets")
        entry = _calendar(client.get(f"{event.url}calendar/")).walk("VEVENT")[0]
        assert str(entry["location"]) == "City hall, Coolsingel 40, Rotterdam"
        assert entry.decoded("dtstart") == event.start.astimezone(AMSTERDAM)
        assert entry.get("dtstamp") is not None

    @pytest.mark.parametrize(
        "path",
        ["/en/events/", "/en/events/masterclass-heat-proof-streets/"],
    )
    def test_event_pages_link_their_calendar_in_the_head(
        self, client, event_index, path
    ):
        link = {"rel": "alternate", "type": "text/calendar", "href": f"{path}calendar/"}
        assert link in read_head(client.get(path)).links

    def test_dutch_and_english_events_have_different_uids(self, client, event_index):
        english = _calendar(client.get("/en/events/calendar/")).walk("VEVENT")
        dutch = _calendar(client.get("/nl/evenementen/calendar/")).walk("VEVENT")
        assert {e["uid"] for e in english}.isdisjoint({e["uid"] for e in dutch})


class TestEventRules:
    def test_an_event_must_end_after_it_starts(self, event_index):
        start = timezone.now()
        event = EventPageFactory.build(start=start, end=start - datetime.timedelta(1))
        with pytest.raises(ValidationError) as error:
            event.clean()
        with translation.override("en"):
            assert error.value.message_dict == {
                "end": ["An event must end after it starts."]
            }

    def test_an_event_on_site_needs_a_venue(self, event_index):
        event = EventPageFactory.build(is_online=False, venue="")
        with pytest.raises(ValidationError) as error:
            event.clean()
        with translation.override("nl"):
            assert error.value.message_dict == {
                "venue": ["Geef de locatie op, of markeer het evenement als online."]
            }

    def test_event_page_shows_time_and_place(self, client, event_index):
        response = client.get("/en/events/masterclass-heat-proof-streets/")
        assert "Coolsingel 40, Rotterdam" in response.text
        assert 'href="/en/events/masterclass-heat-proof-streets/calendar/"' in (
            response.text
        )
