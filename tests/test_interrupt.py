"""Interrupted and concurrent builds: Ctrl-C, SIGTERM and kill -9 at random moments leave the
previous output whole and loadable; a second build of the same output fails clearly instead of
interleaving; what a killed build leaves behind is removed by the next one.

The random trials fork builds from one driver process that has loaded spaCy once, so each trial
costs a build (about a second on the bundled articles), not an interpreter start and a model load.
"""
from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pyoxigraph
import pytest

from kg.errors import BuildLockedError, OutputError
from kg.lock import clean_leftovers, leftover_prefixes, lock_path, output_lock, read_holder
from kg.pipeline import build

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.jsonld", "graph.html", "report.json")
TRIALS = 30  # ten each of SIGINT, SIGTERM and SIGKILL

# Reads "SIGNAL DELAY" lines; for each, forks a build of SOURCE into OUT, sends SIGNAL to it after
# DELAY seconds (unless it has ended), and answers one JSON line: how the build ended.
DRIVER = textwrap.dedent("""
    import json, os, signal, sys, time
    from kg.nlp import load_pipeline
    from kg.pipeline import DEFAULT_MODEL, build

    source, out = sys.argv[1], sys.argv[2]
    cache = sys.argv[3] if len(sys.argv) > 3 else False  # a cache folder: builds read and fill it
    load_pipeline(DEFAULT_MODEL)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        name, delay = line.split()
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                build([source], out=out, quiet=True, cache=cache)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except KeyboardInterrupt:
                code = 130
            except BaseException as exc:
                print(f"{type(exc).__name__}: {exc}", file=sys.stderr, flush=True)
                code = 1
            os._exit(code)
        deadline = started + float(delay)
        ended = None
        while ended is None and time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            ended = status if done else None
            time.sleep(0.002)
        sent = False
        if ended is None:
            os.kill(pid, getattr(signal, name))
            sent = True
            _, ended = os.waitpid(pid, 0)
        print(json.dumps({"sent": sent, "exit": os.waitstatus_to_exitcode(ended),
                          "seconds": round(time.monotonic() - started, 3)}), flush=True)
""")


def snapshot(out: Path) -> dict[str, object]:
    """What must survive: every file whole, the store loadable with the same quads, the same graph."""
    missing = [name for name in OUTPUT_FILES if not (out / name).is_file()]
    assert not missing, f"output lost {missing}"
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    trig = pyoxigraph.Dataset(pyoxigraph.parse(path=str(out / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG))
    store = pyoxigraph.Store.read_only(str(out / "store"))
    json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert (out / "graph.html").read_text(encoding="utf-8").rstrip().endswith("</html>")
    return {
        "ttl": hashlib.sha256((out / "graph.ttl").read_bytes()).hexdigest(),
        "trig_quads": len(trig),
        "store_quads": len(store),
        "articles": report["articles"],
        "facts": report["facts"],
    }


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(leftover_prefixes(out)))


@pytest.mark.slow
def test_random_interruptions_leave_the_previous_output_whole(tmp_path: Path) -> None:
    out = tmp_path / "output"
    build([SOURCES], out=out, quiet=True)
    reference = snapshot(out)
    assert reference["store_quads"] == reference["trig_quads"] > 0
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, str(SOURCES), str(out)], cwd=ROOT, env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert driver.stdin and driver.stdout
    try:
        assert json.loads(driver.stdout.readline()) == {"ready": True}
        # one uninterrupted build through the driver gives the span the kills are spread over
        driver.stdin.write("SIGINT 600\n")
        driver.stdin.flush()
        timing = json.loads(driver.stdout.readline())
        assert timing["exit"] == 0 and not timing["sent"]
        span = timing["seconds"] * 1.1
        rng = random.Random(8)
        outcomes = []
        started = time.monotonic()
        for trial in range(TRIALS):
            name = ("SIGINT", "SIGTERM", "SIGKILL")[trial % 3]
            driver.stdin.write(f"{name} {rng.uniform(0.0, span):.3f}\n")
            driver.stdin.flush()
            result = json.loads(driver.stdout.readline())
            outcomes.append((name, result))
            assert snapshot(out) == reference, f"trial {trial}: {name} after {result['seconds']} s"
            if result["sent"]:  # 0: it ended as the signal came; -15: SIGTERM came before build() began
                expected = {"SIGINT": (130,), "SIGTERM": (143, -signal.SIGTERM), "SIGKILL": (-signal.SIGKILL,)}[name]
                assert result["exit"] in (*expected, 0), (trial, name, result)
            assert len(leftovers(out)) <= 1, leftovers(out)  # each build clears the last one's leftovers
        elapsed = time.monotonic() - started
    finally:
        driver.stdin.close()
        driver.wait(timeout=60)
        driver.stdout.close()
    interrupted = sum(1 for _, r in outcomes if r["sent"] and r["exit"] != 0)
    print(f"{TRIALS} trials in {elapsed:.1f} s, {interrupted} builds cut short, output whole after each: "
          + ", ".join(f"{name}@{r['seconds']}s→{r['exit']}" for name, r in outcomes))
    assert interrupted >= TRIALS // 2, outcomes  # most trials really cut a build short
    assert any(r["exit"] == 143 for _, r in outcomes), outcomes  # SIGTERM ran the clean-up
    assert elapsed < 90
    build([SOURCES], out=out, quiet=True)
    assert snapshot(out) == reference
    assert leftovers(out) == [] and not lock_path(out).exists()


CACHE_TRIALS = 12  # four each of SIGINT, SIGTERM and SIGKILL


@pytest.mark.slow
def test_the_cache_survives_interrupted_builds(tmp_path: Path) -> None:
    """Builds that read and fill a cache, cut short at random while they parse and write it, each
    with one article the cache has not seen: afterwards the cache still serves a build identical
    to a build without any cache, and the output is whole after every trial."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for article in sorted(SOURCES.iterdir()):
        (folder / article.name).write_bytes(article.read_bytes())
    out, cache = tmp_path / "output", tmp_path / "cache"
    build([folder], out=out, quiet=True, cache=cache)
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    driver = subprocess.Popen([sys.executable, "-c", DRIVER, str(folder), str(out), str(cache)], cwd=ROOT, env=env,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert driver.stdin and driver.stdout
    rng = random.Random(11)
    outcomes = []
    try:
        assert json.loads(driver.stdout.readline()) == {"ready": True}
        span = 0.0
        for trial in range(-1, CACHE_TRIALS):  # the first, uncut, gives the span the signals are spread over
            # a new article each time, so every build parses one and writes it to the cache
            (folder / "new.txt").write_text(f"The film Blue Hour {trial} was directed by Nadia Ferrante {trial}. "
                                            f"It stars Omar Haddad and premiered on HBO in May 20{20 + trial}.",
                                            encoding="utf-8")
            name = ("SIGINT", "SIGTERM", "SIGKILL")[trial % 3]
            driver.stdin.write(f"{name} {rng.uniform(0.0, span) if trial >= 0 else 600:.3f}\n")
            driver.stdin.flush()
            result = json.loads(driver.stdout.readline())
            if trial < 0:
                assert result["exit"] == 0 and not result["sent"]
                span = result["seconds"] * 1.1
                continue
            outcomes.append((name, result))
            snapshot(out)  # whole and loadable, whichever build it is from
    finally:
        driver.stdin.close()
        driver.wait(timeout=60)
        driver.stdout.close()
    cut = sum(1 for _, r in outcomes if r["sent"] and r["exit"] != 0)
    print(f"{CACHE_TRIALS} cached builds, {cut} cut short: "
          + ", ".join(f"{name}@{r['seconds']}s→{r['exit']}" for name, r in outcomes))
    assert cut >= CACHE_TRIALS // 3, outcomes
    cached = build([folder], out=tmp_path / "cached", quiet=True, cache=cache)
    assert not cached["up_to_date"] and cached["cache"]["articles"]["parsed"] <= 1  # the seeds came from it
    build([folder], out=tmp_path / "cold", quiet=True)
    assert (tmp_path / "cached" / "graph.ttl").read_bytes() == (tmp_path / "cold" / "graph.ttl").read_bytes()
    assert snapshot(tmp_path / "cached") == snapshot(tmp_path / "cold")


def test_a_second_build_of_the_same_output_fails_at_once(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    out = tmp_path / "out"
    build([article], out=out, quiet=True)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    with output_lock(out):
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(article), "--out", str(out)],
                                capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert result.returncode == 1
        assert result.stderr.startswith(f"kg: error: {out}: another build (PID {os.getpid()} since ")
        assert "is writing this output" in result.stderr and result.stderr.count("\n") == 1
        assert time.monotonic() - started < 30  # refused before loading the model, not after the work
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_concurrent_builds_never_interleave(tmp_path: Path) -> None:
    """Two builds with different articles started together: one output, whole, from one of them."""
    articles = []
    for name, text in (("a", "The film Blue Hour was directed by Nadia Ferrante."),
                       ("b", "The series Harbour Lights was created by Omar Haddad and stars Lena Brandt.")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "article.txt").write_text(text, encoding="utf-8")
        articles.append(folder)
    references = []
    for folder in articles:
        build([folder], out=tmp_path / f"ref-{folder.name}", quiet=True)
        references.append(snapshot(tmp_path / f"ref-{folder.name}"))
    out = tmp_path / "out"
    for _ in range(2):
        procs = [subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(folder), "--out", str(out), "-q"],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for folder in articles]
        errors = [p.communicate(timeout=120)[1] for p in procs]
        results = [(p.returncode, err) for p, err in zip(procs, errors)]
        for code, err in results:
            assert code == 0 or (code == 1 and "another build" in err), err
        assert any(code == 0 for code, _ in results)
        assert snapshot(out) in references
    assert leftovers(out) == []


def test_a_lock_left_by_a_dead_build_does_not_block(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    out = tmp_path / "out"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    lock_path(out).write_text(f"{dead.pid} 2024-01-01T00:00:00+00:00\n", encoding="utf-8")
    assert read_holder(lock_path(out)) == f"PID {dead.pid} since 2024-01-01T00:00:00+00:00"
    build([article], out=out, quiet=True)
    assert (out / "graph.ttl").is_file() and not lock_path(out).exists()


def test_the_lock_waits_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from kg.lock import output_lock\n"
         f"with output_lock({str(out)!r}):\n    print('held', flush=True); time.sleep(1.0)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout and holder.stdout.readline() == "held\n"
    started = time.monotonic()
    with pytest.raises(BuildLockedError):
        with output_lock(out, wait=0.2):
            pass
    with output_lock(out, wait=30):
        assert time.monotonic() - started >= 0.5
    holder.communicate(timeout=30)


def test_the_lock_is_reentrant_in_one_process(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with output_lock(out) as outer, output_lock(out) as inner:
        assert outer == inner and outer.exists()
    assert not outer.exists()


def test_leftovers_of_a_killed_build_are_removed(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    out = tmp_path / "out"
    build([article], out=out, quiet=True)
    new_prefix, old_prefix = leftover_prefixes(out)
    (tmp_path / f"{new_prefix}abc").mkdir()
    (tmp_path / f"{new_prefix}abc" / "graph.ttl").write_text("half")
    (tmp_path / f"{old_prefix}123").mkdir()
    (tmp_path / f"{new_prefix}link").symlink_to(article)  # a link is removed, never what it points to
    (tmp_path / ".other.tmp-keep").mkdir()  # another output's leftovers are not ours
    build([article], out=out, quiet=True)
    assert leftovers(out) == []
    assert article.is_file() and (tmp_path / ".other.tmp-keep").is_dir()


def test_an_old_output_renamed_aside_comes_back(tmp_path: Path) -> None:
    """Where folders cannot be exchanged atomically, a build that died between its two renames left
    no output and the previous one renamed aside: the next build (or its lock holder) puts it back."""
    article = tmp_path / "a.txt"
    article.write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    out = tmp_path / "out"
    build([article], out=out, quiet=True)
    reference = snapshot(out)
    os.rename(out, tmp_path / f"{leftover_prefixes(out)[1]}4242")
    (tmp_path / f"{leftover_prefixes(out)[0]}x").mkdir()
    with output_lock(out):
        removed = clean_leftovers(out)
    assert [p.name for p in removed] == [f"{leftover_prefixes(out)[0]}x"]
    assert snapshot(out) == reference


def test_the_swap_without_an_atomic_exchange(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.pipeline

    monkeypatch.setattr(kg.pipeline, "exchange", lambda a, b: False)
    article = tmp_path / "a.txt"
    article.write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    out = tmp_path / "out"
    build([article], out=out, quiet=True)
    build([article], out=out, quiet=True)
    snapshot(out)
    assert leftovers(out) == []


def test_an_interrupt_during_the_write_keeps_the_previous_output(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.store

    article = tmp_path / "a.txt"
    article.write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    out = tmp_path / "out"
    build([article], out=out, quiet=True)
    reference = snapshot(out)

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(kg.store, "create_store", interrupted)
    article.write_text("The series Harbour Lights was created by Omar Haddad.", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        build([article], out=out, quiet=True)
    assert snapshot(out) == reference
    assert leftovers(out) == [] and not lock_path(out).exists()


def test_output_that_is_not_a_kg_build_is_never_replaced(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("The film Blue Hour was directed by Nadia Ferrante.", encoding="utf-8")
    documents = tmp_path / "documents"
    documents.mkdir()
    (documents / "thesis.tex").write_text("years of work")
    with pytest.raises(OutputError, match="not a kg build"):
        build([article], out=documents, quiet=True)
    assert (documents / "thesis.tex").read_text() == "years of work"
    empty = tmp_path / "empty"
    empty.mkdir()
    build([article], out=empty, quiet=True)
    assert (empty / "graph.ttl").is_file()


# -- workers die with their build; builds share a cache -----------------------------------------

FIRST = ["Nadia", "Omar", "Lena", "Tomas", "Ines", "Kofi", "Mira", "Ravi"]
LAST = ["Ferrante", "Haddad", "Brandt", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva"]


def many_articles(folder: Path, n: int, tag: str = "") -> Path:
    """``n`` short invented articles (64 let ``--jobs 2`` start two workers: ``kg.nlp.auto_jobs``)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        a, b = FIRST[i % 8], LAST[(i * 3) % 8]
        c, d = FIRST[(i + 3) % 8], LAST[(i * 5 + 1) % 8]
        (folder / f"a{i:03d}.txt").write_text(
            f"The film Quiet Harbour {tag}{i} was directed by {a} {b} and written by {c} {d}. It stars {c} {d} "
            f"as a sailor and premiered in May 20{10 + i % 10} at a festival in Lisbon.", encoding="utf-8")
    return folder


def group_members(pgid: int) -> list[int]:
    """Live processes (zombies are dead) in process group ``pgid``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] not in ("Z", "X"):
            found.append(int(entry))
    return found


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def kill_group(pgid: int) -> None:
    for pid in group_members(pgid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


# A process that forks a multiprocessing child under children_die_with_us, prints the child's PID,
# then waits to be killed; argv[1] == "watchdog" disables prctl so only the watchdog is left.
FORKER = textwrap.dedent("""
    import multiprocessing, sys, time
    import kg.nlp.children as children
    if sys.argv[1] == "watchdog":
        children._PR_SET_PDEATHSIG = -1  # prctl refuses it: the kernel will not kill the child
    ctx = multiprocessing.get_context("fork")
    with children.children_die_with_us():
        child = ctx.Process(target=time.sleep, args=(120,))
        child.start()
    print(child.pid, flush=True)
    time.sleep(120)
""")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("how", ["prctl", "watchdog"])
def test_a_forked_worker_dies_with_its_killed_parent(how: str) -> None:
    parent = subprocess.Popen([sys.executable, "-c", FORKER, how], cwd=ROOT, stdout=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert child in group_members(parent.pid)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=30)
        assert wait_for(lambda: child not in group_members(parent.pid), 5.0), f"worker {child} outlived its parent"
    finally:
        kill_group(parent.pid)
        if parent.stdout:
            parent.stdout.close()


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_kill_9_mid_parse_leaves_no_worker_and_the_cache_serves_the_next_build(tmp_path: Path) -> None:
    """A build parsing with two worker processes is killed with SIGKILL: none of its processes
    survives it, and a second build sharing its cache then succeeds, as a cold build would."""
    articles = many_articles(tmp_path / "articles", 80)
    cache = tmp_path / "cache"
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", "kg.cli", "build", str(articles), "--jobs", "2", "-q", "--cache-dir", str(cache)]
    first = subprocess.Popen([*cmd, "--out", str(tmp_path / "killed")], cwd=ROOT, env=env, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert wait_for(lambda: len(group_members(first.pid)) >= 3 or first.poll() is not None, 120), \
            "the build never started its two parsing workers"
        assert first.poll() is None, first.communicate()[1]
        workers = set(group_members(first.pid)) - {first.pid}
        time.sleep(0.3)  # mid-parse
        os.kill(first.pid, signal.SIGKILL)
        first.communicate(timeout=30)
        assert not (tmp_path / "killed").exists()  # it was cut short, not finished
        assert wait_for(lambda: not group_members(first.pid), 10.0), \
            f"workers outlived the killed build: {group_members(first.pid)} of {sorted(workers)}"
    finally:
        kill_group(first.pid)
    second = subprocess.run([*cmd, "--out", str(tmp_path / "out")], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert (second.returncode, second.stderr) == (0, "")
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    # the killed build may have stored an article's parse before its extraction: that one is re-extracted
    counts = report["cache"]["articles"]
    assert report["articles"] == 80 and counts["parsed"] + counts["reextracted"] + counts["reused"] == 80


@pytest.mark.slow
def test_two_builds_sharing_a_cache_at_once_both_succeed(tmp_path: Path) -> None:
    """Two builds of different articles (and one in common), with one cache folder, started
    together: each waits for the other's short writes, neither fails, and the cache then holds
    every article of both, whole."""
    sets = [many_articles(tmp_path / "one", 40, "A"), many_articles(tmp_path / "two", 40, "B")]
    (tmp_path / "one" / "shared.txt").write_text((tmp_path / "two" / "a000.txt").read_text(encoding="utf-8"),
                                                 encoding="utf-8")
    cache = tmp_path / "cache"
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    procs = [subprocess.Popen([sys.executable, "-m", "kg.cli", "build", str(folder), "--out",
                               str(tmp_path / f"out-{folder.name}"), "-q", "--jobs", "1", "--cache-dir", str(cache)],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for folder in sets]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    for p, err in zip(procs, errors):
        assert "internal error" not in err and "OperationalError" not in err, err
        assert (p.returncode, err) == (0, "")
    both = build(sets, out=tmp_path / "both", quiet=True, cache=cache)
    assert both["articles"] == 81 and both["cache"]["articles"]["reused"] == 81
