"""Every threshold of reference-free fidelity in one frozen dataclass, like the aligner's AlignerSettings.

Each field says where its value comes from. The fidelity signature carries `FidelitySettings.digest()`,
derived from the fields themselves (and the word tables the checks read), so a changed value changes the
signature and a printed score can be reproduced.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from toolkit.digest import short_digest


@dataclass(frozen=True)
class FidelitySettings:
    # --- matching (toolkit/score/matching.py) -------------------------------------------------------
    # Credit for a word whose counterpart is already taken (fertility, repetition: генсек -> general
    # secretary); half, as IBM-style fertility gives a second use of one word.
    second_use: float = 0.5
    # Weaker pairs are not links: a translation probability of about 0.002 (lexical.FLOOR_PROB) ramps to
    # strength ~0.26; below that the lexicon is guessing.
    link_min: float = 0.25
    # A link this strong anchors gaps and the order statistic (a sure translation, not a guess).
    anchor_min: float = 0.5
    # Credit of a first-use link at or above anchor_min: the strength ranks candidates for the one-to-one
    # matching (a dictionary pair over a corpus co-occurrence), but once a sure link is chosen the word is
    # accounted for; partial credit for it only made faithful sentences look unfaithful (WMT21 ref.A's
    # median was 0.82 with credit = strength).
    sure_credit: float = 1.0
    # Credit below this leaves a word unaccounted for (the same value as link_min: a non-link).
    covered: float = 0.25
    # A Russian word whose translations' WordNet synonyms, similar-to or derivational relatives include a
    # rendering word is linked at this strength (rendered by a near-synonym: a weaker link than a
    # dictionary pair, but well above the anchor threshold's half).
    synonym_strength: float = 0.6
    # Translations of a source word consulted for WordNet relations (the lexicon's best few; deeper ones
    # are noise from the aligned training data).
    synonym_translations: int = 5
    # A word is "well known" to the lexicon with this many translations above lexical.FLOOR_PROB; a gap
    # pair of two well-known words earns known_pair_credit of the gap credit (0: every pair earns all).
    well_known_translations: int = 3
    # Half: such a pair is as likely a change as a paraphrase the lexicon misses (with no credit, a sentence
    # that lost its verb outscored the one that kept it; with full credit an antonym went unseen).
    known_pair_credit: float = 0.5
    # Longer segments are matched window by window along the diagonal (linear, not quadratic, work).
    chunk_words: int = 150
    # Free rendering words considered per uncovered source word when pairing lexicon gaps.
    gap_window: int = 50
    # --- the score (toolkit/score/fidelity.py) ------------------------------------------------------
    # log(English length / Russian length) of a typical translation (WMT21 ru-en references' median).
    length_log_ratio: float = 0.06
    # Deviation of the log length ratio allowed before the length factor bites: a tenth either way is the
    # ordinary spread of faithful translations (a clause reordered, an article or two), not a finding.
    length_tolerance: float = 0.1
    length_trusted: int = 80  # characters (both sides) from which the length ratio is fully trusted
    length_slope: float = 0.3  # gentle: a rendering off the usual length loses a little, never much
    order_weight: float = 0.4  # how much a scrambled order can take off
    order_sample: int = 300  # links used for the order statistic (bounded for huge lines)
    # F-beta: an omission weighs more than an addition (chosen on DEMETR dev: 1.0 misses removals).
    recall_beta: float = 1.5
    # An unverified pair (uncovered source word, unexplained rendering word in the same gap) earns the
    # segment's lexical recall: as likely a translation as the rest of the segment's words.
    gap_credit: float = 1.0
    cost_cap: int = 12  # the per-word costs stop growing here (a long paragraph is not worse for it)
    omission_run_cost: float = 0.2  # per uncovered content word in a run beyond run_free
    addition_run_cost: float = 0.15  # per unexplained content word in a run beyond run_free
    run_free: int = 2  # runs this long are lexicon gaps as often as omissions
    addition_cost: float = 0.02  # per unit of unexplained rendering content
    # The coverage product (F-score x length x order x per-word costs) is reported raised to this power.
    # Each factor is a share of content the lexicon could verify, and a faithful human translation loses
    # 10-25% of it to words the lexicon cannot pair (WMT21 ref.A median 0.83, WMT23 ref.A 0.77, DEMETR's
    # human translations 0.81, Lenin's published translation 0.83): on the raw product a faithful sentence
    # read as doubtful. The square root (a round value, not fitted to one set) puts faithful translations
    # near 0.9 and leaves the order of sentences unchanged; the findings' penalties are applied after it,
    # in full.
    coverage_exponent: float = 0.5
    # --- findings (toolkit/score/checks.py) ---------------------------------------------------------
    # Score factors per finding type (a number wrong is worse than a name unmatched); many flags of one
    # kind floor at penalty_floor: the score says enough.
    penalties: tuple[tuple[str, float], ...] = (
        ("number", 0.8),
        ("name", 0.9),
        ("negation", 0.75),
        ("untranslated", 0.75),
        ("hedge", 0.85),
        ("substitution", 0.85),
        ("garbled", 0.85),
    )  # omissions and additions cost through recall and precision already
    # Deviations flagged with positive evidence cost by severity (their words already cost through recall
    # or precision; the flag says the loss is real, so the score must rank the sentence below faithful ones).
    severity_penalties: tuple[tuple[str, tuple[tuple[str, float], ...]], ...] = (
        ("omission", (("major", 0.85), ("critical", 0.7))),
        ("addition", (("major", 0.85), ("critical", 0.7))),
        ("interpolation", (("major", 0.85),)),
        ("truncation", (("major", 0.85), ("critical", 0.7))),
    )
    penalty_floor: float = 0.5
    moved_negation_penalty: float = 0.9  # a moved negation may be a legitimate shift of scope
    uneven_negation_penalty: float = 0.9  # both sides negate, one more often: usually an enumeration
    question_penalty: float = 0.95  # a statement rendered as a question, or the reverse
    tense_penalty: float = 0.95  # future on one side only
    # A source word "known well" to the lexicon: its best translation has at least this probability
    # (lexical.FULL_PROB, the level counted as a sure translation). Only such words can be omissions.
    known_prob: float = 0.03
    # A clause (between , ; : — ( ) or the sentence edges) with this many content words, none of them
    # rendered by a sure first-use link, is dropped or added whole.
    clause_min_words: int = 2
    # A run of this many uncovered (or unexplained) content words with nothing in the other side's gap
    # standing for it is an omission (addition), whatever the lexicon knows of each word.
    run_min_words: int = 3
    # Name similarity (transliteration) from which two names are "probably the same, spelled another way":
    # an unverified pair, not a substitution (lexical.NAME_MIN is where they count as the same name).
    # English spellings of foreign names sit here («Хьюн» / "Huhne" 0.4, «Лелуш» / "Lellouche" 0.57);
    # different names share little more than chance («России» / "Syria" 0.2).
    name_maybe: float = 0.4
    # One broken English word pair (checks.broken_spots) makes a rendering "garbled" when its sure links
    # also run in scrambled order (Analysis.order below this; faithful references rarely go under 0.6,
    # shuffled words mostly do); two broken pairs do on their own.
    garbled_order: float = 0.6
    # A source word dropped at a broken spot must be known this well (best translation probability; the
    # lexicon's sure level is 0.03, this asks for a dominant sense).
    broken_known_prob: float = 0.1
    # The score's factor for one broken English word pair with no flag to explain it (the size of the
    # other evidence-only penalties: a statement turned question, a tense changed, a moved negation).
    broken_penalty: float = 0.9
    # A rendering word is the opposite of a source word only against the source word's confident
    # translations (lexical.ANTONYM_PROB, the level the lexicon's antonym row uses): a weak translation's
    # opposite is noise («вовсе» has no "none" to be the opposite of "all").
    opposite_prob: float = 0.1
    # Content words in [brackets] from which a translator's insertion is major rather than minor.
    bracket_major_words: int = 4
    # The lone-word omission rule (checks.LONE_WORD_LEVELS; -1: off): the level that ships, measured by
    # `python scripts/eval_demetr.py --curve` against human references (r4-lexicon's note).
    lone_word_level: int = 5  # F: its linked neighbours rendered side by side
    # Its word: best translation at least this likely (a dominant sense), at least lone_sure_prob from
    # level E on; no translation this likely an English function word (r3-demetr's curve used 0.05).
    lone_known_prob: float = 0.1
    lone_sure_prob: float = 0.3
    lone_function_prob: float = 0.05
    # Translators leave it with no counterpart at most this share of the time (the phrase table's drop rates,
    # read off the lexicon's parallel corpus: light verbs and discourse words are left out at 0.3-0.6).
    lone_drop_max: float = 0.15
    # The drop rate taken for a lemma met in too few corpus lines to say (1.0: such a word is no evidence).
    lone_drop_unknown: float = 1.0

    def penalty(self, kind: str, severity: str = "major") -> float | None:
        """The score factor of one finding (None: it costs through recall and precision only)."""
        by_severity = dict(self.severity_penalties).get(kind)
        if by_severity is not None:
            return dict(by_severity).get(severity)
        return dict(self.penalties).get(kind)

    def digest(self, tables: object = ()) -> str:
        """Short hash of every field and of `tables` (the word tables the rules read)."""
        return short_digest([asdict(self), tables], ascii_only=False)


DEFAULT_SETTINGS = FidelitySettings()
