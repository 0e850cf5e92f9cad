"""`--neural`: the sentence encoder's second opinion, with the extra installed and without it.

"Without" is simulated by making the encoder's import fail (sys.modules[name] = None); the tests that need
the real encoder skip when it is not installed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from paths import REPO
from typer.testing import CliRunner

import toolkit.neural.encoder as encoder_module
from toolkit.cli import app
from toolkit.neural import (
    DEFAULT_SETTINGS,
    NeuralUnavailable,
    SpanGain,
    get_encoder,
    load_model,
    neural_opinion,
    neural_signature,
    pair_gains,
)
from toolkit.neural.apply import neural_score_chunk, neural_segment
from toolkit.neural.encoder import ENCODER_MODULE, ENCODER_VERSION
from toolkit.neural.findings import revise_flags, strong_spans
from toolkit.neural.model import DIRECTION, MODEL_PATH, features, model_from_dict
from toolkit.neural.similarity import uncovered_gain_features
from toolkit.score import Flag, SegmentScore, score_pair
from toolkit.score.fidelity import fidelity_signature
from toolkit.score.words import words

runner = CliRunner()
HAS_ENCODER = encoder_module.encoder_available()
needs_encoder = pytest.mark.skipif(not HAS_ENCODER, reason="the neural extra is not installed")

SOURCE = "Президент подписал указ о повышении пенсий в понедельник вечером."
FULL = "The president signed a decree raising pensions on Monday evening."
DROPPED = "The president signed a decree on Monday evening."
ADDED = (
    "The president signed a decree raising pensions on Monday evening, after a long meeting with the bankers."
)


@pytest.fixture
def without_extra(monkeypatch: pytest.MonkeyPatch):
    """The encoder package cannot be imported, and no encoder was made yet in this process."""
    monkeypatch.setitem(sys.modules, ENCODER_MODULE, None)
    monkeypatch.setattr(encoder_module, "_shared", None)


# --- without the extra ------------------------------------------------------------------------------------


def test_missing_extra_is_one_line_saying_what_to_install(without_extra):
    with pytest.raises(NeuralUnavailable) as caught:
        get_encoder()
    message = str(caught.value)
    assert "\n" not in message
    assert "pip install 'tct[neural]'" in message
    assert not encoder_module.encoder_available()


def test_cli_neural_without_extra_fails_with_one_line(without_extra, corpus_copy: Path):
    result = runner.invoke(
        app, ["score", "lenin-letter-to-congress", "--neural", "--corpus", str(corpus_copy)]
    )
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("tct: ") and "tct[neural]" in lines[0]
    assert "Traceback" not in result.output
    diff = runner.invoke(app, ["diff", "lenin-letter-to-congress", "--neural", "--corpus", str(corpus_copy)])
    assert diff.exit_code == 1 and "tct[neural]" in diff.output


def test_without_neural_nothing_changes(without_extra, corpus_copy: Path):
    """Without --neural the encoder is never needed: the same command works with the import failing."""
    result = runner.invoke(app, ["score", "lenin-letter-to-congress", "--json", "--corpus", str(corpus_copy)])
    assert result.exit_code == 0, result.output
    assert "neural" not in result.stdout


def test_encoder_not_imported_unless_asked():
    code = (
        "import sys; from toolkit.cli import app; import toolkit.neural; from toolkit.score import score_pair;"
        f" score_pair('Он пришёл.', 'He came.'); assert {ENCODER_MODULE!r} not in sys.modules, 'imported'"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_neural_usage_errors(corpus_copy: Path, tmp_path: Path):
    src = tmp_path / "s.ru"
    hyp = tmp_path / "h.en"
    src.write_text("Он пришёл.\n", encoding="utf-8")
    hyp.write_text("He came.\n", encoding="utf-8")
    result = runner.invoke(app, ["score", "--src", str(src), "--hyp", str(hyp), "--neural"])
    assert result.exit_code == 2 and "--segments" in result.output
    result = runner.invoke(
        app,
        [
            "diff",
            "lenin-letter-to-congress",
            "--renderings",
            "post",
            "published",
            "--neural",
            "--corpus",
            str(corpus_copy),
        ],
    )
    assert result.exit_code == 2


# --- the lexical evidence stays in charge (no encoder needed) ---------------------------------------------


def _segment(source: str, rendering: str, flags: list[Flag]) -> SegmentScore:
    return SegmentScore(source, rendering, (0,), (0,), 0.8, flags, {})


def _span(side: str, text: str, word: str, gain: float, side_words) -> SpanGain:
    start = text.index(word)
    index = next(k for k, w in enumerate(side_words) if w.start == start)
    return SpanGain(side, start, start + len(word), word, gain, (index,))


def _revise(segment: SegmentScore, word: str, gain: float, known: bool) -> tuple[list[Flag], list[dict]]:
    """revise_flags on one source span (the segment's word `word`, its gain), a lexicon that knows every
    word (`known`) or none."""
    source_words = words(segment.source, "ru")
    spans = {"source": [_span("source", segment.source, word, gain, source_words)], "rendering": []}
    return revise_flags(
        segment,
        spans,
        {"source": source_words, "rendering": words(segment.rendering, "en")},
        lambda _word, _lang: known,
        DEFAULT_SETTINGS,
        {"source": "ru", "rendering": "en"},
    )


def test_a_span_corroborates_an_overlapping_omission():
    flag = Flag("omission", "повышении пенсий", "major", side="source")
    segment = _segment(SOURCE, DROPPED, [flag])
    flags, changes = _revise(segment, "пенсий", 0.06, known=True)
    assert [f.severity for f in flags] == ["critical"]
    assert "sentence encoder" in flags[0].detail
    assert changes[0]["action"] == "corroborated"
    flags, _ = _revise(segment, "пенсий", 0.025, known=True)
    assert flags == [flag]  # below corroborate_gain: left as the lexicon said


def test_no_flag_from_the_embedding_alone_on_a_word_the_lexicon_knows():
    segment = _segment(SOURCE, DROPPED, [])
    flags, changes = _revise(segment, "пенсий", 0.2, known=True)
    assert flags == [] and changes == []
    # Where the lexicon is silent for lack of knowledge, the span may add a minor flag.
    flags, changes = _revise(segment, "пенсий", 0.2, known=False)
    assert [(f.type, f.severity, f.text, f.source_span) for f in flags] == [
        ("omission", "minor", "пенсий", (SOURCE.index("пенсий"), SOURCE.index("пенсий") + len("пенсий")))
    ]
    assert changes[0]["action"] == "added"


def test_no_flag_where_another_finding_explains_the_words():
    name_flag = Flag("name", "пенсий", "major", side="source")
    flags, _ = _revise(_segment(SOURCE, DROPPED, [name_flag]), "пенсий", 0.2, known=False)
    assert flags == [name_flag]


def test_strong_spans_merge_neighbours_and_keep_the_strongest():
    text = "один два три четыре пять шесть"
    side_words = words(text, "ru")
    gains = [
        SpanGain("source", w.start, w.end, w.text, g, (k,))
        for k, (w, g) in enumerate(zip(side_words, [0.05, 0.04, 0.0, 0.01, 0.03, -0.02], strict=True))
    ]
    spans = strong_spans(gains, DEFAULT_SETTINGS)
    assert [(text[s.start : s.end], round(s.gain, 2)) for s in spans] == [("один два", 0.05), ("пять", 0.03)]


def test_shipped_model_keeps_every_weight_to_its_direction():
    model = load_model()
    assert set(model.features) <= set(DIRECTION)
    for submodel in model.submodels.values():
        for name, weight in zip(model.features, submodel.weights, strict=True):
            assert weight * DIRECTION[name] >= 0, name
    assert model.meta["fitted_on"]["sets"] == ["wmt21-ru-en", "wmt23-ru-en"]
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert model_from_dict(data).digest == model.digest
    kind = next(iter(data["submodels"]))
    data["submodels"][kind]["weights"][0] += 0.5  # another fit is another signature
    assert model_from_dict(data).digest != model.digest


def test_score_is_the_geometric_mean_of_the_submodels():
    """A model file says how its submodels combine (it is in the digest); the score lies between the
    least and the most confident submodel, so several of them do not push a faithful pair towards zero."""
    import math

    model = load_model()
    values = {name: mean for name, mean in zip(model.features, model.mean, strict=True)}
    values[model.offset] = 1.0
    probabilities = [1.0 / (1.0 + math.exp(-z)) for z in model.logits(values).values()]
    # wrong pair, dropped span, added clause (the one-word kinds make no submodel: scripts/fit_neural.py)
    assert sorted(model.submodels) == ["add", "drop", "wrong"]
    n = len(probabilities)
    assert model.score(values) == pytest.approx(math.prod(probabilities) ** (1 / n))
    assert min(probabilities) <= model.score(values) <= max(probabilities)
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    del data["combine"]
    with pytest.raises(ValueError, match="refit"):
        model_from_dict(data)


def test_shipped_model_was_fitted_on_this_lexical_scorer():
    """The model's offset and inputs are the lexical score's own outputs: once the lexicon, the rules or
    FidelitySettings change, its weights are stale (refit: python scripts/fit_neural.py)."""

    def without_version(signature: str) -> str:
        return "|".join(part for part in signature.split("|") if not part.startswith("tct:"))

    assert without_version(load_model().meta["lexical_signature"]) == without_version(fidelity_signature())


def test_signature_names_the_encoder_version_and_model():
    signature = neural_signature()
    assert f"=={ENCODER_VERSION}" in signature
    assert f"model:{load_model().digest}" in signature


# --- with the extra ---------------------------------------------------------------------------------------


@needs_encoder
def test_dropped_words_gain_when_deleted_from_the_source():
    gains = pair_gains(SOURCE, DROPPED, get_encoder())
    top = max(gains.source, key=lambda g: g.gain)
    assert top.text in ("повышении", "пенсий")
    full = pair_gains(SOURCE, FULL, get_encoder())
    assert max(g.gain for g in full.source) < top.gain


@needs_encoder
def test_added_clause_gains_when_deleted_from_the_rendering():
    gains = pair_gains(SOURCE, ADDED, get_encoder())
    top = max(gains.rendering, key=lambda g: g.gain)
    clause = ADDED.index("after a long")
    assert top.end > clause


@needs_encoder
def test_combined_fidelity_ranks_the_faithful_rendering_first():
    scores = {}
    for name, rendering in (("full", FULL), ("dropped", DROPPED), ("added", ADDED)):
        opinion = neural_opinion(score_pair(SOURCE, rendering))
        assert opinion is not None and 0.0 <= opinion.fidelity <= 1.0
        scores[name] = opinion.fidelity
    assert scores["full"] > scores["dropped"]
    assert scores["full"] > scores["added"]


@needs_encoder
def test_untranslated_words_do_not_fool_the_encoder():
    """Russian left in the rendering is taken out before encoding: code-mixing does not raise the cosine."""
    mixed = "The president signed a указ о повышении пенсий on Monday evening."
    plain = neural_opinion(score_pair(SOURCE, FULL))
    cheat = neural_opinion(score_pair(SOURCE, mixed))
    assert cheat.fidelity < plain.fidelity


@needs_encoder
def test_segment_keeps_the_lexical_score_in_its_evidence():
    lexical = score_pair(SOURCE, DROPPED)
    segment = neural_segment(lexical)
    assert segment.evidence["lexical_fidelity"] == lexical.fidelity
    assert {"fidelity", "similarity", "spans", "changes"} <= set(segment.evidence["neural"])
    assert segment.fidelity == segment.evidence["neural"]["fidelity"]
    assert lexical.fidelity != segment.fidelity or lexical.flags == segment.flags


@needs_encoder
def test_line_chunks_give_the_same_bytes_whatever_the_chunking():
    pairs = [(SOURCE, FULL), (SOURCE, DROPPED), (SOURCE, ADDED), ("Он не пришёл.", "He came.")]
    rows = [(number, *pair) for number, pair in enumerate(pairs, 1)]  # (line number, source, rendering)
    whole = neural_score_chunk(rows)
    parts = neural_score_chunk(rows[:1]) + neural_score_chunk(rows[1:3]) + neural_score_chunk(rows[3:])
    assert whole == parts
    records = [json.loads(line) for line in whole.splitlines()]
    assert [set(r) >= {"fidelity", "lexical_fidelity", "flags", "neural"} for r in records] == [True] * 4
    assert [r["segment"] for r in records] == [1, 2, 3, 4]
    assert any(f["type"] == "negation" for f in records[3]["flags"])  # lexical findings survive


@needs_encoder
def test_cli_segments_and_quote_with_neural(tmp_path: Path, corpus_copy: Path):
    src = tmp_path / "s.ru"
    hyp = tmp_path / "h.en"
    out = tmp_path / "out.jsonl"
    src.write_text(f"{SOURCE}\n{SOURCE}\n", encoding="utf-8")
    hyp.write_text(f"{FULL}\n{DROPPED}\n", encoding="utf-8")
    result = runner.invoke(
        app,
        ["score", "--src", str(src), "--hyp", str(hyp), "--segments", "--json", "--neural", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2 and records[0]["fidelity"] > records[1]["fidelity"]
    result = runner.invoke(
        app,
        [
            "score",
            "lenin-letter-to-congress",
            "-r",
            "post",
            "--neural",
            "--json",
            "--corpus",
            str(corpus_copy),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rendering = data["renderings"][0]
    assert "|neural|encoder:" in rendering["signature"]
    assert any("neural" in s.get("evidence", {}) for s in rendering["segments"])
    result = runner.invoke(
        app, ["diff", "lenin-letter-to-congress", "-r", "post", "--neural", "--corpus", str(corpus_copy)]
    )
    assert result.exit_code == 0, result.output


@needs_encoder
def test_scripts_smoke(shared: Path):
    done = subprocess.run(
        [sys.executable, "scripts/eval_corruptions.py", "--limit", "6", "--neural", "--json"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert "neural_signature" in report
    assert all(0.0 <= row["neural_auc"] <= 1.0 for row in report["corruptions"].values())
    done = subprocess.run(
        [sys.executable, "scripts/fit_neural.py", "--lines", "6", "--skip", "300", "--dry-run"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "combined AUC" in done.stdout


@needs_encoder
def test_lexical_penalties_reach_the_score_once_through_the_offset():
    """A negation the encoder barely notices still costs the combined score (the lexical fidelity's logit,
    penalty included, is every submodel's offset), and nothing multiplies the penalty in a second time."""
    segment = score_pair("Он не пришёл домой.", "He came home.")
    assert segment.evidence["penalties"].get("negation", 1.0) < 1.0
    gains = pair_gains(segment.source, segment.rendering, get_encoder())
    opinion = neural_opinion(segment)
    assert opinion.fidelity == round(load_model().score(features(segment, gains)), 4)
    faithful = neural_opinion(score_pair("Он не пришёл домой.", "He did not come home."))
    assert opinion.fidelity < faithful.fidelity


def test_uncovered_gains_count_only_words_the_lexicon_left_uncovered():
    """The gated inputs read the gain of a source word only where the lexicon found no rendering for it,
    and never a negative gain: a covered word's gain, however large, is the lexicon's to judge."""
    values = uncovered_gain_features(
        [0.04, 0.03, -0.02, 0.01, 0.05], ["а", "б", "в", "г", "д"], {"б", "в", "г"}
    )
    assert values["source_uncovered_gain_1"] == pytest.approx(0.03)
    assert values["source_uncovered_gain_sum"] == pytest.approx(0.04)
    assert values["source_uncovered_run_3"] == pytest.approx(0.04)
    assert uncovered_gain_features([0.04], ["а"], set())["source_uncovered_gain_sum"] == 0.0


@needs_encoder
def test_model_inputs_are_the_same_at_run_time_and_in_the_fit():
    """scripts/fit_neural.py rebuilds the inputs from what it caches (the source words' matches name
    the units); they must equal what `features()` reads off a live pair, or the fit is of other inputs."""
    segment = score_pair(SOURCE, DROPPED)
    gains = pair_gains(SOURCE, DROPPED, get_encoder())
    live = features(segment, gains)
    assert [g.text for g in gains.source] == [text for text, _ in gains.source_match]
    uncovered = set(segment.evidence.get("uncovered_source", ()))
    cached = uncovered_gain_features(
        [g.gain for g in gains.source], [text for text, _ in gains.source_match], uncovered
    )
    assert {k: live[k] for k in cached} == cached
    assert live["source_uncovered_gain_1"] > 0.0  # the dropped words are uncovered and gain


@needs_encoder
def test_encoder_cannot_vouch_for_an_interpolation_the_lexical_checks_found():
    """A bracketed insertion barely moves an embedding: with a major interpolation flag, the combined
    fidelity stays at or below the lexical one (NeuralSettings.lexical_caps); with a minor flag, free."""
    segment = score_pair(SOURCE, FULL)
    low = replace(segment, fidelity=0.5)
    free = neural_opinion(replace(low, flags=[Flag("interpolation", "raising", "minor", side="rendering")]))
    assert free.fidelity > 0.5  # the encoder finds the pair faithful, so it would raise it
    capped = neural_opinion(replace(low, flags=[Flag("interpolation", "raising", "major", side="rendering")]))
    assert capped.fidelity == 0.5
    assert "interpolation" in DEFAULT_SETTINGS.lexical_caps
