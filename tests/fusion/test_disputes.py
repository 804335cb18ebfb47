"""Denials linked to what they answer; contested targets inside one event."""

from __future__ import annotations

from fusion_builders import KELDOR, Corpus, Doc, add_place, norland

ACCUSE = (
    "Estara's foreign ministry accused Velm of killing 36 civilians in Keldor on Monday. "
    "Norland also accused the Free Hills Front of shelling a hospital in Tasso."
)
DENY = (
    "Norlandic Foreign Minister Anton Krell denied that any civilians were killed in the "
    "raids. Krell also denied reports that he would resign."
)


def estara(doc: Doc) -> None:
    doc.entity(
        "org:estara-mfa", "Estara foreign ministry", "XE", "state", ["Estara's foreign ministry"]
    )


def krell(doc: Doc) -> None:
    doc.entity(
        "person:anton-krell", "Anton Krell", "XN", "state", ["Anton Krell", "Krell"], type="person"
    )


def test_denial_links_to_the_accusation_it_answers(corpus: Corpus) -> None:
    acc = corpus.article("acc", "Wire One", "2024-03-05", ACCUSE, family="w1")
    norland(acc)
    estara(acc)
    acc.entity("org:free-hills-front", "Free Hills Front", "XN", "rebel", ["Free Hills Front"])
    acc.claim(
        "Estara's foreign ministry accused Velm of killing 36 civilians in Keldor on Monday",
        "killing 36 civilians in Keldor on Monday",
        "Estara's foreign ministry",
        kind="accusation",
        speaker_id="org:estara-mfa",
        target="Velm",
    )
    acc.claim(
        "Norland also accused the Free Hills Front of shelling a hospital in Tasso",
        "shelling a hospital in Tasso",
        "Norland",
        kind="accusation",
        speaker_id="actor:norland",
        target="the Free Hills Front",
    )
    den = corpus.article("den", "Wire Two", "2024-03-06", DENY, family="w2")
    krell(den)
    den.claim(
        "Norlandic Foreign Minister Anton Krell denied that any civilians were killed in the raids",
        "any civilians were killed in the raids",
        "Norlandic Foreign Minister Anton Krell",
        kind="denial",
        speaker_id="person:anton-krell",
    )
    den.claim(
        "Krell also denied reports that he would resign",
        "reports that he would resign",
        "Krell",
        kind="denial",
        speaker_id="person:anton-krell",
    )
    fusion = corpus.fuse()
    (dispute,) = fusion.disputes
    assert dispute["kind"] == "denial"
    accuser, denier = dispute["sides"]
    assert accuser["claimant"] == "Estara foreign ministry" and accuser["article"] == "acc"
    assert "36 civilians" in accuser["text"]
    assert denier["claimant"] == "Anton Krell" and "any civilians" in denier["text"]
    assert sorted(dispute["claims"]) == sorted([accuser["claim"], denier["claim"]])
    assert "civilian" in dispute["note"] and "kill" in dispute["note"]


def test_denial_by_a_third_party_is_not_linked(corpus: Corpus) -> None:
    acc = corpus.article("acc", "Wire One", "2024-03-05", ACCUSE, family="w1")
    norland(acc)
    estara(acc)
    acc.claim(
        "Estara's foreign ministry accused Velm of killing 36 civilians in Keldor on Monday",
        "killing 36 civilians in Keldor on Monday",
        "Estara's foreign ministry",
        kind="accusation",
        speaker_id="org:estara-mfa",
        target="Velm",
    )
    den = corpus.article("den", "Wire Two", "2024-03-06", DENY.replace("Norlandic", "Estaran"))
    den.entity("person:anton-krell", "Anton Krell", "XE", "state", ["Anton Krell"], type="person")
    den.claim(
        "Estaran Foreign Minister Anton Krell denied that any civilians were killed in the raids",
        "any civilians were killed in the raids",
        "Estaran Foreign Minister Anton Krell",
        kind="denial",
        speaker_id="person:anton-krell",
    )
    assert corpus.fuse().disputes == []


STRIKES = (
    "The Norland defence ministry said its jets struck eight Black Banner targets near "
    "Keldor on Monday. A Norlandic security source said the strikes had targeted the "
    "Free Hills Front. Southern Alliance officials said it appeared the strikes were not "
    "in Black Banner territory."
)


def test_contested_target(corpus: Corpus) -> None:
    doc = corpus.article("s1", "Wire One", "2024-03-05", STRIKES, family="w1")
    norland(doc)
    doc.entity(
        "org:norland-mod",
        "Norland defence ministry",
        "XN",
        "military",
        ["Norland defence ministry"],
    )
    doc.entity("org:black-banner", "Black Banner", None, "jihadist", ["Black Banner"])
    doc.entity("org:free-hills-front", "Free Hills Front", "XN", "rebel", ["Free Hills Front"])
    doc.entity("actor:southern-alliance", "Southern Alliance", "XS", "state", ["Southern Alliance"])
    place = add_place(doc, "Keldor", KELDOR)
    mod = doc.claim(
        "The Norland defence ministry said its jets struck eight Black Banner "
        "targets near Keldor on Monday",
        "its jets struck eight Black Banner targets near Keldor on Monday",
        "The Norland defence ministry",
        speaker_id="org:norland-mod",
    )
    src = doc.claim(
        "A Norlandic security source said the strikes had targeted the Free Hills Front",
        "the strikes had targeted the Free Hills Front",
        "A Norlandic security source",
    )
    doc.claim(
        "Southern Alliance officials said it appeared the strikes were not in Black "
        "Banner territory",
        "it appeared the strikes were not in Black Banner territory",
        "Southern Alliance officials",
    )
    doc.event(
        "struck",
        actors=("actor:norland",),
        targets=("org:black-banner",),
        place=place,
        date="2024-03-04",
        claim=mod,
    )
    doc.event("targeted", targets=("org:free-hills-front",), claim=src)
    fusion = corpus.fuse()
    (event,) = fusion.events
    (dispute,) = fusion.disputes
    assert dispute["kind"] == "contested_target"
    assert dispute["events"] == [event["id"]]
    claimants = {s["claimant"] for s in dispute["sides"]}
    assert claimants == {
        "Norland defence ministry",
        "A Norlandic security source",
        "Southern Alliance officials",
    }
    assert len(dispute["claims"]) == 3
    assert "disputes that Black Banner was hit" in dispute["note"]


def test_agreeing_claimants_are_not_a_dispute(corpus: Corpus) -> None:
    text = (
        "The Norland defence ministry said its jets struck Black Banner targets near Keldor. "
        "A monitor said the strikes hit Black Banner positions."
    )
    doc = corpus.article("s1", "Wire One", "2024-03-05", text)
    doc.entity("org:black-banner", "Black Banner", None, "jihadist", ["Black Banner"])
    place = add_place(doc, "Keldor", KELDOR)
    a = doc.claim(
        "The Norland defence ministry said its jets struck Black Banner targets near Keldor",
        "its jets struck Black Banner targets near Keldor",
        "The Norland defence ministry",
    )
    b = doc.claim(
        "A monitor said the strikes hit Black Banner positions",
        "the strikes hit Black Banner positions",
        "A monitor",
    )
    doc.event("struck", targets=("org:black-banner",), place=place, date="2024-03-04", claim=a)
    doc.event("hit", targets=("org:black-banner",), claim=b)
    assert corpus.fuse().disputes == []


def test_two_stored_claims_over_one_span_are_one_claim() -> None:
    """Analyses stored before the finder kept one claim per span may hold two
    claims over one span: they share an id, so fusion reads the first (its
    claim table takes each id once; a GVC batch once stopped there)."""
    from crosswire.fusion.disputes import claim_refs

    claim = {
        "start": 0,
        "end": 90,
        "text": "two other men ran",
        "speaker": None,
        "kind": "statement",
    }
    analyses = {
        "a1": {"claims": [dict(claim, cue="go"), dict(claim, cue="tell")], "entities": []},
        "a2": {"claims": [dict(claim, cue="say")], "entities": []},
    }
    articles = [{"id": "a1", "published": "2024-03-05"}, {"id": "a2", "published": "2024-03-06"}]
    refs = claim_refs(articles, analyses, lambda c, e: None)
    assert [(r.article, r.claim["cue"]) for r in refs] == [("a1", "go"), ("a2", "say")]
    assert len({r.id for r in refs}) == 2
