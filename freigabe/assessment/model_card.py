"""Write MODEL_CARD.md (and the house-rules test figures in metrics.json) for a trained model.

    python -m freigabe.assessment.model_card [MODELS_DIR]

Cross-validation figures come from training (metrics.json); the house-rules test set
(data/house_rules_testset.csv, written by us, never used for tuning) is scored here
with the model in MODELS_DIR.
"""

import json
import sys
from pathlib import Path

from freigabe.assessment.evaluate import evaluate
from freigabe.assessment.model_store import MODELS_DIR, loaded_from
from freigabe.assessment.result import RULE_CODES

DATA_DIR = Path(__file__).resolve().parent / "data"
TESTSET = DATA_DIR / "house_rules_testset.csv"
DEVSET = DATA_DIR / "house_rules_devset.csv"
# Written by bench/assessor_vs_reference.py (held-back splits and cross-source, with the reference).
COMPARISON_FILE = "reference_comparison.json"


def functional_suite_figures(models_dir):
    """Per-functionality accuracy of the German functional test suite, or None while the
    suite (freigabe.assessment.functional.run_suite, written separately from the training
    sentences) is not there. Hook: run_suite(assess_fn) -> {functionality: {...}}."""
    try:
        from freigabe.assessment.functional import run_suite
    except ImportError:
        return None
    from freigabe.assessment.assessor import assess

    with loaded_from(models_dir):
        return run_suite(assess)


def evaluate_house_rules(models_dir, path=TESTSET):
    """Per rule: metrics of the assessor on our labelled house-rules file."""
    with loaded_from(models_dir):
        return {
            rule: _summary(evaluate(path, "csv", rule=rule, label_column=rule, positive="1"))
            for rule in RULE_CODES
        }


def _summary(report):
    keys = (
        "n",
        "positives",
        "macro_f1",
        "macro_f1_ci95",
        "precision",
        "recall",
        "confusion_matrix",
        "roc_auc",
        "average_precision",
        "top20_share",
    )
    summary = {key: report[key] for key in keys}
    summary["brier"] = report["calibration"]["brier"]
    summary["ece"] = report["calibration"]["ece"]
    return summary


def write_model_card(models_dir, metrics=None):
    models_dir = Path(models_dir)
    metrics_path = models_dir / "metrics.json"
    metrics = metrics or json.loads(metrics_path.read_text(encoding="utf-8"))
    metrics["house_rules_testset"] = evaluate_house_rules(models_dir)
    metrics["house_rules_devset"] = evaluate_house_rules(models_dir, DEVSET)
    comparison = models_dir / COMPARISON_FILE
    if comparison.exists():
        metrics["reference_comparison"] = json.loads(comparison.read_text(encoding="utf-8"))
    metrics["functional_suite"] = functional_suite_figures(models_dir)
    metrics_path.write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (models_dir / "MODEL_CARD.md").write_text(render(metrics), encoding="utf-8")
    return metrics


def render(metrics):
    return "\n".join(
        [
            f"# Model card: Freigabe assessor ({metrics.get('model_version', '?')})",
            "",
            _INTENDED_USE,
            *_file_note(metrics),
            *_comparison_section(metrics.get("reference_comparison")),
            *_functional_section(metrics.get("functional_suite")),
            "## Cross-validated quality of the trained rules (optimistic: same pool)",
            "",
            f"{metrics['cross_validation']['folds']}-fold stratified cross-validation of the whole training procedure "
            "(vocabulary, idf, both base models and the calibrator are refit inside each fold; the calibrator's "
            f"out-of-fold scores come from an inner {metrics['cross_validation']['inner_folds']}-fold split). "
            "Decision threshold 0.5. 95% confidence intervals: percentile bootstrap (1,000 resamples) over the "
            "out-of-fold predictions.",
            "",
            "| rule | n | positives | macro-F1 (95% CI) | precision | recall | Brier | ECE |",
            "|---|---|---|---|---|---|---|---|",
            *(_cv_row(rule, figures) for rule, figures in metrics.get("rules", {}).items()),
            "",
            "By source (macro-F1; for a source with one class only, the share flagged):",
            "",
            *(
                f"- {rule}: "
                + "; ".join(_source_text(source, entry) for source, entry in figures["by_source"].items())
                for rule, figures in metrics.get("rules", {}).items()
            ),
            "",
            "Reliability (out-of-fold, 10 equal-width bins: mean predicted → observed rate, n):",
            "",
            *(
                f"- {rule}: "
                + ", ".join(
                    f"{b['mean_predicted']:.2f}→{b['observed_rate']:.2f} ({b['n']})"
                    for b in figures["calibration"]["reliability"]
                )
                for rule, figures in metrics.get("rules", {}).items()
            ),
            "",
            "## House-rules test set (all five rules)",
            "",
            "`data/house_rules_testset.csv`: 161 German comments we wrote ourselves against four short articles "
            "we wrote (`data/articles.json`), 17 of them replies with a parent comment. It was written after the "
            "rule-based detectors were designed; those were then tuned only on the separate development set "
            "`data/house_rules_devset.csv` (40 comments, another article), and the test set was scored once, "
            "after that tuning. Multi-label: a comment can break several rules. It is small: read the intervals.",
            "",
            "| rule | n | positives | macro-F1 (95% CI) | precision | recall | Brier | ECE |",
            "|---|---|---|---|---|---|---|---|",
            *(_cv_row(rule, figures) for rule, figures in metrics.get("house_rules_testset", {}).items()),
            "",
            "Development set, for comparison (tuned on, so optimistic):",
            "",
            "| rule | n | macro-F1 | precision | recall |",
            "|---|---|---|---|---|",
            *(
                f"| {rule} | {f['n']} | {f['macro_f1']:.3f} | {f['precision']:.3f} | {f['recall']:.3f} |"
                for rule, f in metrics.get("house_rules_devset", {}).items()
            ),
            "",
            "House-rules test set, ranking (ROC AUC / average precision / share of the rule-breaking "
            "comments in the riskiest 20 %):",
            "",
            *(
                f"- {rule}: {_fmt(f.get('roc_auc'))} / {_fmt(f.get('average_precision'))} / {_fmt(f.get('top20_share'))}"
                for rule, f in metrics.get("house_rules_testset", {}).items()
            ),
            "",
            _DATA_AND_LABELS,
            _method(metrics.get("hyperparameters", {})),
            _WEAKNESSES,
            "## Provenance",
            "",
            f"- trained: {metrics.get('trained_on', '?')} in {metrics.get('training_seconds', '?')} s; "
            f"{metrics.get('n_texts', '?')} texts after de-duplication",
            f"- label counts: `{json.dumps(metrics.get('label_counts', {}))}`",
            f"- hyperparameters: `{json.dumps(metrics.get('hyperparameters', {}))}`",
            f"- environment: `{json.dumps(metrics.get('environment', {}))}`",
            "",
        ]
    )


def _fmt(value):
    return "n/a" if value is None else f"{value:.3f}"


def _comparison_section(comparison):
    """Ours (and the model before issue 12) beside the plain reference on data nobody tuned on."""
    if not comparison:
        return [
            "## Against the plain reference",
            "",
            "Not measured for this model file: run `bench/assessor_vs_reference.py`.",
            "",
        ]
    lines = [
        "## Against the plain reference, on data no tuning saw",
        "",
        "The reference: TF-IDF of character 2–5-grams (`char_wb`) and word 1–2-grams, sublinear tf, "
        'min_df 2, one `LogisticRegression(C=1, class_weight="balanced")`, threshold 0.5 '
        "(`freigabe/assessment/reference.py`), trained on the same rows of the shared data sets. "
        "Held-back rows were fixed by seed before tuning (a fifth of the GermEval tweets, GAHD's dev "
        "split); settings were chosen on 3-fold CV of the other rows only. Cross-source: trained on "
        "one source, tested on all of the other. Macro-F1 with 95 % bootstrap intervals; AUC = ROC AUC. "
        '"before" is the model shipped before issue 12 (when measured). Command: '
        "`.venv/bin/python bench/assessor_vs_reference.py --full --out "
        "freigabe/assessment/models/reference_comparison.json` (add `--before` for that column).",
        "",
    ]
    runs = comparison["runs"] if "runs" in comparison else [{"title": "", "results": comparison}]
    for run in runs:
        if run["title"]:
            lines += [run["title"], ""]
        lines += [
            "| test (rule) | n | ours: model | ours: whole assessor | reference | before (the shipped file's settings) "
            "| AUC ours / reference |",
            "|---|---|---|---|---|---|---|",
        ]
        for name, entry in run["results"].items():
            ours, reference = entry["ours"], entry["reference"]
            whole, before = entry.get("assessor"), entry.get("before")
            lines.append(
                f"| {name} | {entry['n']} | {_with_interval(ours)} | {_with_interval(whole) if whole else 'n/a'} | "
                f"{_with_interval(reference)} | {_with_interval(before) if before else 'n/a'} | "
                f"{ours['roc_auc']:.3f} / {reference['roc_auc']:.3f} |"
            )
        lines.append("")
    return lines


def _with_interval(figures):
    low, high = figures["macro_f1_ci95"]
    return f"{figures['macro_f1']:.3f} ({low:.3f}–{high:.3f})"


def _functional_section(suite):
    lines = ["## Functional test suite (German, written separately from our training sentences)", ""]
    if not suite:
        return lines + [
            "Not available when this card was written (hook: "
            "`freigabe.assessment.functional.run_suite`, called by `model_card.py`).",
            "",
        ]
    interval = suite.get("interval") or (None, None)
    lines += [
        f"`freigabe.assessment.functional.run_suite()` through the whole assessor: {suite['correct']} of "
        f"{suite['n']} cases right ({_fmt(suite['accuracy'])}, 95 % Wilson interval "
        f"{_fmt(interval[0])}–{_fmt(interval[1])}). Per functionality (expected outcome, rule):",
        "",
        "| functionality | expected | rule | cases | accuracy (95 % CI) | a failing case |",
        "|---|---|---|---|---|---|",
    ]
    for name, f in sorted(suite.get("functionalities", {}).items()):
        low, high = f.get("interval") or (None, None)
        failure = (f.get("failures") or [""])[0].replace("|", "/").replace("\n", " ")[:80]
        lines.append(
            f"| {name} | {f.get('expected', '')} | {f.get('rule', '')} | {f['n']} | "
            f"{_fmt(f['accuracy'])} ({_fmt(low)}–{_fmt(high)}) | {failure} |"
        )
    for name, counts in (suite.get("slices") or {}).items():
        if isinstance(counts, dict) and counts.get("n"):
            lines.append(f"\nSlice {name}: {_fmt(counts.get('accuracy'))} of {counts['n']} cases.")
    return lines + [""]


def _file_note(metrics):
    if "augment_weight" in metrics.get("hyperparameters", {}):
        return []
    return [
        "**This model file predates issue 12's training changes**: it was trained without our own "
        "sentences, with feature caps and C 4 / 0.1 (see Provenance). `freigabe train-assessor` now "
        "trains with the new settings; that model was not shipped because it was not clearly better "
        "(see the tables below and docs/benchmarks.md).",
        "",
    ]


def _method(hyper):
    def cap(value):
        return "none" if value is None else f"{value:,}"

    return _METHOD.format(
        word_min_df=hyper.get("word_min_df", "?"),
        word_cap=cap(hyper.get("word_max_features")),
        char_min_df=hyper.get("char_min_df", "?"),
        char_cap=cap(hyper.get("char_max_features")),
        lr_c=hyper.get("lr_c", hyper.get("lr_C", "?")),
        svm_c=hyper.get("svm_c", hyper.get("svm_C", "?")),
        signals_text=(
            " 8 signals of our rule-based detectors (the strongest threat / call to violence, "
            "derogation, slur, dehumanising and profanity finding, and whether the context analysis "
            "found counter-speech, a negation of hurtful words or any blanking); whether a group is "
            "named is deliberately not a signal"
            if hyper.get("detector_signals")
            else " no detector signals"
        ),
        operating_point=(
            f"for {hyper.get('threshold_rules', 'every rule')}, 0.5 on the calibrated probability is "
            "moved to the macro-F1-best threshold of the inner out-of-fold scores of the training rows "
            "(`tune_threshold`); the scores stay ordered as before, but there a score of 0.5 means "
            '"at the operating point", not "even odds". Aggression keeps 0.5 on the calibrated '
            "probability: the moved point (which lifted its recall on GermEval from 0.44) flagged "
            "neutral questions and 7 non-aggressive comments of our threats/insinuation set."
            if hyper.get("tune_threshold")
            else "threshold 0.5 on the calibrated probability."
        ),
    )


def _cv_row(rule, f):
    low, high = f["macro_f1_ci95"]
    return (
        f"| {rule} | {f['n']} | {f['positives']} | {f['macro_f1']:.3f} ({low:.3f}–{high:.3f}) | "
        f"{f['precision']:.3f} | {f['recall']:.3f} | {_calibration(f, 'brier'):.3f} | {_calibration(f, 'ece'):.3f} |"
    )


def _calibration(figures, key):
    return figures["calibration"][key] if "calibration" in figures else figures[key]


def _source_text(source, entry):
    if "macro_f1" in entry:
        return f"{source} {entry['macro_f1']:.3f} (n={entry['n']})"
    return f"{source} flagged {entry['flag_rate']:.1%} of {entry['n']} negatives"


_INTENDED_USE = """\
## What it is for

The assessor scores every new comment on a pre-moderated German news site against the
house rules (insinuation, insult, aggression, advertising, off-topic), shows editors the
evidence and suggests release / review / reject. **A person always decides**; the
suggestion orders the queue and highlights spans. Not for automated removal without
review, not for languages other than German, not for judging people.

`insult` and `aggression` are trained classifiers (below). `insinuation` is a rule-based
detector of fixed cues beside a classifier trained on insinuations we wrote ourselves (no
public training data exists); its score is the higher of the two. `advertising` and
`off_topic` are rule-based detectors, measured on our own labelled test set.
"""

_DATA_AND_LABELS = """\
## Data, licences and attribution

| data set | what | licence | use |
|---|---|---|---|
| GermEval 2018 training data (Wiegand, Siegel, Ruppenhofer 2018), github.com/uds-lsv/GermEval-2018-Data | 5,009 German tweets, OFFENSE/OTHER, fine ABUSE/INSULT/PROFANITY/OTHER | CC BY 4.0 | insult, aggression |
| GAHD, German Adversarial Hate Speech Dataset (Goldzycher, Röttger, Schneider, NAACL 2024), github.com/jagol/gahd | 9,350 train+dev sentences, hate 0/1 (test split not used) | CC BY 4.0 | aggression; news sentences as insult negatives |
| IWG hate speech corpus (Ross et al. 2016), github.com/UCSM-DUE/IWG_hatespeech_public | 469 tweets on the refugee crisis, two experts | CC BY-SA 3.0 | aggression |
| LDNOOBW German list, © 2012–2020 Shutterstock, Inc. | 66 words | CC BY 4.0 | lexicon feature (stored in the model file) |
| LDNOOBW_V2 German list | 622 expressions | CC0 1.0 (collected from lists incl. LDNOOBW) | lexicon feature (stored in the model file) |
| `data/augment_insinuation_*.csv`, `data/augment_everyday.csv` and `data/augment_dismissive.csv`, written by us | 1,697 German sentences: 568 insinuations, 509 look-alikes (criticism with reasons, open questions, reports), 320 short everyday comments and 300 dismissive remarks that accuse nobody | ours (same licence as the code) | insinuation |
| `data/augment_threats_*.csv`, written by us | 1,258 German sentences: 624 threats and calls to violence (direct, conditional, veiled) and look-alikes that are not threats | ours (same licence as the code) | aggression (threats), insult and aggression (look-alikes) |
| `data/augment_groups.csv`, written by us (`data/augment_generate.py`) | 736 German sentences about 26 groups of people: neutral and positive statements, counter-speech, negated hate, reported speech (all negatives), a few contrasting hateful sentences per group (positives) and harsh words about things | ours (same licence as the code) | insult and aggression |
| `data/augment_hate_*.csv`, written by us (seven writers) | 2,276 German comments: 1,146 group-directed hate (stereotypes, blame, dehumanisation, exclusion, irony and dog whistles, conspiracy myths, misogyny, hate against gay, trans, disabled and homeless people, hate behind a disclaimer or a quote) and 1,130 contrasting comments about the same groups (facts, experiences, policy debate, counter-speech, negation, reports) | ours (same licence as the code) | insult and aggression |
| `data/augment_nonprotected.csv` and `data/augment_everyday_places.csv`, written by us | 342 insults and civil criticism of people who are not a protected group (officials, road users, fans, activists; insult 1 or 0, aggression 0) and 350 harmless comments about where people live, go and meet, half of them naming a group | ours (same licence as the code) | insult and aggression |
| `data/augment_identity_neutral.csv` and `data/augment_negation.csv`, written by us (two writers) | 396 tweets, facts, everyday and news sentences naming religions, origins and minorities without breaking a rule (insult 0, aggression 0), and 393 prejudices: 179 asserted (aggression 1) and 214 denied, refuted or rejected in many forms (0, 0) | ours (same licence as the code) | insult and aggression |

The model file contains weights derived from these data sets and the two word lists;
attribution as above. Because of IWG's ShareAlike term, treat the model file as a
derived work under CC BY-SA 3.0-compatible terms when redistributing it.

### Label mapping

- **insult** = GermEval coarse OFFENSE (INSULT, PROFANITY and ABUSE) vs OTHER. ABUSE is
  included because GermEval's ABUSE tweets degrade people ("bekloppte Politiker"), which
  our insult rule covers; INSULT alone would leave the rule with ~660 examples.
  Because ABUSE is mostly hate against Muslims and refugees, the insult rule had learnt
  group names as insults ("Islam" alone 0.99): it learns without them (word n-grams with
  a group's name, and character n-grams that mostly occur inside group names, get weight 0;
  `Settings.insult_without_group_names`). Aggression keeps them.
  GAHD sentences from the `news` source that are not hate speech are added as negatives
  (clean, news-like German). Other GAHD and IWG rows say nothing about insults and are left out.
- **aggression** = GermEval ABUSE vs OTHER, INSULT as a negative (insulting one person is not
  aggression), PROFANITY left out; GAHD hate vs not hate; IWG positive if both experts said yes, or one said yes with
  a rating of 4–6; negative if both said no with a rating of 1–2; the rest left out.
- Identical texts (after whitespace and case folding) are kept once.
- **Our own sentences** (`data/augment_groups.csv`): the public data ties group names to hate
  (in GAHD nearly every sentence naming Muslime, Juden, Flüchtlinge … is labelled; negatives
  that speak well of a group, oppose hate, negate it or report it are rare). For each of 26
  groups we add six neutral/positive, six counter-speech, six negated and six reported-speech
  sentences (insult 0, aggression 0) and four hateful ones (1, 1), sampled by seed from our
  templates, so that a group's name alone carries no weight. They are training data only: they
  are never used to measure the model, and the functional test suite was written separately
  (we did not read it). No lexical resources beyond the two word lists are used yet.
- **Our own threats** (`data/augment_threats_*.csv`, five files written by five of us, each
  without reading the detector, the tests or the others' files): 624 threats and calls to
  violence (direct, conditional, veiled, calls; aggression 1, insult left out) and 634
  look-alikes that are not threats (reports, sport, cooking, condemnation, harmless "wir kommen
  vorbei", where people live, children, cars, routes; both labels 0), weight 0.7 each. The
  public data has almost no threats, so the model had never seen a veiled one. Measured on a
  fresh set written separately (`data/violence_fresh.csv`, see docs/benchmarks.md).
- **Our own group-directed hate** (`data/augment_hate_*.csv`, seven writers, seven angles,
  none of whom read the detectors, the tests, the data sets or each other's files): about
  half hate (aggression 1; insult 1 only with an explicit insult word), half contrasting
  comments naming the same groups (0, 0). Of the hate that two of the writers wrote, the
  model before caught 48 %; trained on the other five writers' hate, 69 % (docs/benchmarks.md).
  They say nothing about insinuation (empty cells). With them come insults of people who are
  not a protected group (`augment_nonprotected.csv`: insult, not aggression) and harmless
  comments about places and neighbours (`augment_everyday_places.csv`), because the threat
  sentences had tied "Bahnhof", "Straße" and "wohnen" to aggression. No sentence of these
  files shares four consecutive words with a case of the functional suite (checked when they
  were added; the few that did were dropped). Our insinuations are aggression negatives
  (accusing the press of being bought is not hate speech).
- **Our own insinuations** (`data/augment_insinuation_*.csv`, four writers, four styles: local
  news, national politics and media, social-media slang, the boundary to legitimate criticism;
  `data/augment_everyday.csv`, short everyday comments, and `data/augment_dismissive.csv`,
  grumbling and scepticism that accuse nobody): insinuation 1 or 0. Negatives for
  insinuation are also GAHD's clean news sentences and every sentence of ours written as
  breaking no rule. Measured on `data/insinuation_fresh.csv`, written separately.
"""

_METHOD = """\
## Method

- **Normalisation** (shared by training and inference, with an offset map back to the original
  text): Unicode compatibility folding, lowercase, ä→ae, ö→oe, ü→ue, ß→ss, other diacritics
  removed, Cyrillic/Greek lookalikes mapped to Latin, control and zero-width characters removed,
  leetspeak inside words undone (`Id1ot`), letters split by a repeated separator joined
  (`A r s c h`, `D.u.m.m`), runs of three or more equal letters collapsed (`Idiooooot`);
  @mentions, URLs and `|LBR|` blanked.
- **Features**: word uni- and bigrams (tf-idf, sublinear tf, min df {word_min_df}, cap {word_cap}),
  character 2–5-grams within word boundaries (min df {char_min_df}, cap {char_cap}), 9 dense features
  (our own lexicon's strongest insult / aggression hit, LDNOOBW hits, direct address,
  group targeting, shouting, exclamation marks) and{signals_text}. Our lexicon matches
  inflections and compounds (`Vollidioten`, `Drecksgesindel`) and multi-word threats.
- **Models**: per rule a logistic regression (C={lr_c}, balanced classes) and an NB-SVM (linear SVM
  on features scaled by the naive-Bayes log-count ratio, C={svm_c}) are stacked by a logistic
  calibrator trained on their out-of-fold decision values (Platt scaling of the ensemble).
  C=8 / 0.2, no caps and our own sentences were chosen on 3-fold CV of the non-held-back rows.
- **Operating point**: {operating_point}
  All three steps are linear, so they collapse into one weight vector per rule: inference is a
  dot product, and each word's share of the score is exact (this is the model evidence).
- **Saved** as a skops archive of plain arrays (`toxicity.skops`), loaded with an explicit
  trusted-type list; never pickle. Fixed seed.
"""

_WEAKNESSES = """\
## Known weaknesses

- **Domain shift**: trained on tweets (2016–2018) and adversarial/translated sentences, used on
  news comments. GermEval's "offensive" includes harsh political polemic; the model therefore
  also flags media-bashing ("Lügenpresse") as insult, which our insinuation rule covers too.
- **Identity-term bias**: words for groups (Flüchtlinge, Muslime, parties) can still raise the
  aggression score of a neutral sentence, a known effect of hate speech data. Since December
  2026 our contrasting sentences about the same groups, not a discount at inference, carry
  the functional suite's identity cases (the discount that mixed in a reading with the group
  word replaced is gone; it cost GAHD recall). We never show such words as evidence; editors
  should not read a mid score on a neutral sentence about a group as a finding.
- **Implicit group hate**: irony, scare quotes, dog whistles and conspiracy myths without a
  hateful word are the hate the model misses most (see the fresh set in docs/benchmarks.md).
- **Aggression vs insult**: GermEval ABUSE mixes both; the two scores are correlated.
- **Irony, quotes and reported speech** ("Er nannte ihn einen Idioten") are not understood.
- **Obfuscation** is only partly undone (no spell checking; new spellings evade the lexicon but
  often not the character n-grams).
- **Insinuation** is judged by wording, not by whether a claim has a basis: a documented
  conflict of interest stated with its source can still score high, and the classifier
  learnt from 568 insinuations of four writers only (short rhetorical questions
  weigh much; see the fresh set below). Off-topic is lexical overlap (no paraphrase, no world knowledge; very short comments and
  replies without a parent are hard to judge); advertising trusts a configurable allow-list.
- **Test-set errors** (house-rules test set, scored once): insinuation misses accusations
  phrased without our cue words ("Der Aufstieg war doch gekauft", "hat das Ministerium gekauft",
  "Man wird ja wohl noch sagen dürfen, dass …" with words in between); off-topic over-flags
  short reactions ("Gratulation an das ganze Team!") and comments made of a link and a few
  words, and misses spam that happens to share a word with the article; aggression
  over-flags plain insults.
- **Threats on a fresh set** (`data/violence_fresh.csv`, 181 comments written by one of us who
  had not read the detector): veiled threats without any violent word are still missed about
  half the time (menace by insinuation: a petrol can's price, a kindergarten's fence), and calls
  to violence worded as wishes or questions ("Wann knallt endlich jemand … ab?") about a third.
  On a second writer's sets, scored once (`data/violence_fresh2.csv`,
  `data/insinuation_fresh2.csv`): 69 % of 70 threats and calls caught (aggression first), 92 %
  of 40 look-alikes released; 90 % of 60 insinuations caught, all 50 legitimate comments
  released (docs/benchmarks.md).
- Cross-validation is on the training distribution; the official GermEval and GAHD test
  splits were held out by the data team and are the fairer external check. Our held-back
  GermEval fifth is a random split of the same tweets and is optimistic in the same way
  (the founders measured 0.70 on the official test where CV said 0.79): read the
  cross-source rows above as the closer estimate of a new domain.
- **GAHD-style adversarial sentences** are our weakest set: on GAHD's dev split the model is
  level with or below the plain reference, not above it, and a model trained on the tweets
  alone finds far fewer of GAHD's hate sentences than the reference does (macro-F1 about 0.49
  vs 0.53, see the table above); ROC AUC is at
  about 0.79 for every bag-of-n-grams variant we tried on inner cross-validation (per-source
  expert models stacked, other C values, more n-grams, GAHD-only training, an average with the
  reference, our detectors' findings as features). Those detector signals raised it only
  while one of them said whether a group is named, which flagged neutral sentences about
  groups (functional suite: neutral pronoun reference 0.61); without it they changed AUC by
  less than 0.005 and added a false alarm, so the shipped model does not use them
  (`Settings.detector_signals`).
- **Model-only scores are capped at 0.89**, below the default reject threshold: a comment
  with neither a lexicon word nor a detector finding is never rejected automatically, only
  reviewed.
- **Insult scores are shifted**: insult's operating point is moved to 0.5 (see Method), so its
  score is the calibrated probability only up to that shift. Aggression stays conservative
  (recall about 0.5 at precision 0.7–0.8 on tweets): a lower point finds more hate in tweets
  and GAHD but flags our own neutral and critical comments.
- **Media criticism** reads as insult: "Die Medien berichten einseitig." scores about 0.4.
- **Compounds** are seen only through character n-grams: no dictionary decompounding
  (no hunspell or other lexical resource is used yet).
- **Bag of n-grams**: negation and quotation are learnt only as word co-occurrences from our
  own sentences; long-range structure ("Ich habe nichts gegen X, aber …") is not understood.
"""


if __name__ == "__main__":
    write_model_card(Path(sys.argv[1]) if len(sys.argv) > 1 else MODELS_DIR)
