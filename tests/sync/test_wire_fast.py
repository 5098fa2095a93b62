"""The hub's one-pass read of a received change (``sync.hub.wire.well_formed``) against the
full check it stands in for (``storable`` + the ``WireChange`` shape + ``Change.from_wire``):
whatever the one pass takes, the full check takes too, as the same change; whatever it
declines goes to the full check, which names the reason."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.ledger.changes import Change
from desktop.records import ids
from sync.hub.schemas import change_problem
from sync.hub.settings import INT64_MAX
from sync.hub.wire import received, storable, well_formed

ORIGIN = "0123456789abcdef"
STAMP = "0001234567890abc-" + ORIGIN
SIGNATURE = "A" * 86 + "=="


def valid() -> dict:
    return {"origin": ORIGIN, "seq": 7, "stamp": STAMP, "kind": "publicity_item", "id": "pub-1",
            "scope": "130111", "author": "南高乡",
            "fields": {"title": "宣传信息第1号", "channel": "website", "published_on": "2024-05-01", "views": 12,
                       "url": None, "deleted": 0},
            "base": {"title": "0001234567890aaa-" + ORIGIN}, "created": False, "sig": SIGNATURE}


def full_check(item) -> Change | None:
    """What the hub made of *item* before the one pass (its texts known to be storable)."""
    if storable(item, texts_ok=True) or change_problem(item):
        return None
    try:
        change = Change.from_wire(item)
    except ValueError:
        return None
    return None if change.origin == ids.BUILTIN_DEVICE else change


def test_the_form_every_device_sends_takes_the_one_pass():
    item = valid()
    change = well_formed(item)
    assert change is not None and change == full_check(item)
    assert received(item, texts_ok=True) == (change, None)
    minimal = {k: v for k, v in item.items() if k not in ("base", "created", "sig", "author")}
    assert well_formed(minimal) == full_check(minimal) == Change(ORIGIN, 7, STAMP, "publicity_item", "pub-1", "130111",
                                                                  item["fields"])


def with_(**changes) -> dict:
    item = valid()
    for key, value in changes.items():
        if value is ...:
            del item[key]
        else:
            item[key] = value
    return item


DECLINED = {
    "a key of its own": with_(extra=1),
    "an upper-case origin": with_(origin=ORIGIN.upper(), stamp="0001234567890abc-" + ORIGIN.upper()),
    "an origin of 15 digits": with_(origin=ORIGIN[:15]),
    "the built-in device": with_(origin="0" * 16, stamp="0001234567890abc-" + "0" * 16),
    "seq as true": with_(seq=True),
    "seq as text": with_(seq="7"),
    "seq 0": with_(seq=0),
    "seq beyond 64 bits": with_(seq=INT64_MAX + 1),
    "a stamp of another origin": with_(stamp="0001234567890abc-" + "f" * 16),
    "a stamp with a newline": with_(stamp=STAMP + "\n"),
    "a scope in other digits": with_(scope="١٣٠١١١"),
    "a scope of 13 digits": with_(scope="1" * 13),
    "an empty id": with_(id=""),
    "an id of 65 characters": with_(id="x" * 65),
    "no fields": with_(fields={}),
    "a fraction": with_(fields={"views": 1.0}),
    "a nested value": with_(fields={"title": ["a"]}),
    "a number beyond 64 bits": with_(fields={"views": -INT64_MAX - 2}),
    "created as 1": with_(created=1),
    "base as null": with_(base=None),
    "a base stamp in capitals": with_(base={"title": STAMP.upper()}),
    "author as null": with_(author=None),
    "an author of 101 characters": with_(author="乡" * 101),
    "a signature of the wrong pattern": with_(sig="A" * 88),
    "sig as null": with_(sig=None),
    "no origin": with_(origin=...),
    "not an object": ["origin", ORIGIN],
}


def test_anything_else_goes_to_the_full_check():
    for name, item in DECLINED.items():
        assert well_formed(item) is None, name
        # and the full check decides as before: the reason, or the same change
        change, reason = received(item, texts_ok=True)
        assert (change is None) == (reason is not None), name
        assert change == full_check(item), name
    assert received(DECLINED["a fraction"], texts_ok=True)[1] == "the change holds a number that is not a whole " \
                                                                  "number within 64 bits"
    assert received(DECLINED["seq as true"], texts_ok=True)[1] == "change has a malformed 'seq'"
    # what the full reader turns into an empty value is taken by it, as before
    assert received(DECLINED["author as null"], texts_ok=True)[0].author == ""


# ------------------------------------------------------------------------ random changes
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=20)
HEXISH = st.text(alphabet="0123456789abcdefABCDEF-x ", min_size=14, max_size=18)
JSON_SCALAR = st.none() | st.booleans() | st.integers(min_value=-2**70, max_value=2**70) | \
    st.floats(allow_nan=False, allow_infinity=False) | TEXT
JSON = st.recursive(JSON_SCALAR, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
                    max_leaves=6)
KEYS = ("origin", "seq", "stamp", "kind", "id", "scope", "fields", "created", "base", "author", "sig", "other")


def _value_for(key: str):
    specific = {
        "origin": HEXISH | st.just(ORIGIN),
        "seq": st.integers(min_value=-2, max_value=2**64) | st.booleans(),
        "stamp": HEXISH.map(lambda h: h + "-" + ORIGIN) | st.just(STAMP) | HEXISH,
        "scope": st.text(alphabet="0123456789١ a", max_size=14),
        "id": TEXT,
        "fields": st.dictionaries(TEXT | st.sampled_from(["title", "views", "deleted"]), JSON, max_size=4),
        "base": st.dictionaries(TEXT, st.just(STAMP) | HEXISH | JSON, max_size=2) | JSON,
        "author": TEXT | JSON,
        "sig": st.just(SIGNATURE) | st.just("") | st.just("A" * 86 + "=") | st.just("/" * 86 + "==") | JSON,
        "created": st.booleans() | JSON,
    }
    return specific.get(key, JSON)


@st.composite
def mutated(draw) -> dict:
    item = copy.deepcopy(valid())
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        key = draw(st.sampled_from(KEYS))
        if draw(st.booleans()) and key in item:
            del item[key]
        else:
            item[key] = draw(_value_for(key))
    return item


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_the_one_pass_never_takes_what_the_full_check_refuses(item):
    fast = well_formed(item)
    if fast is not None:
        assert fast == full_check(item)
        assert received(item, texts_ok=True) == (fast, None)
